//! Derives and extern types a user asks for are checked against the model:
//! what a type cannot have is refused with the reason, and what the generator
//! already writes is not derived a second time.

use serde_json::json;
use smithy_codegen::{generate_with_settings, CodegenError, Operations, Settings, TypeOptions};

fn model() -> String {
    json!({"smithy": "2.0", "shapes": {
        "ex#Op": {"type": "operation", "input": {"target": "ex#OpRequest"}, "output": {"target": "ex#OpResponse"}},
        "ex#OpRequest": {"type": "structure", "members": {}},
        "ex#OpResponse": {"type": "structure", "members": {
            "money": {"target": "ex#Money"},
            "need": {"target": "ex#Need"},
            "ratio": {"target": "ex#Ratio"},
            "scores": {"target": "ex#Scores"},
            "prices": {"target": "ex#Prices"},
        }},
        "ex#Prices": {"type": "structure", "members": {"byName": {"target": "ex#PriceMap"}}},
        "ex#PriceMap": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#Double"}},
        "ex#Money": {"type": "structure", "members": {"amount": {"target": "smithy.api#String"}}},
        "ex#Need": {"type": "structure", "members": {
            "id": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
        }},
        "ex#Ratio": {"type": "union", "members": {
            "low": {"target": "smithy.api#Double"},
            "high": {"target": "smithy.api#Double"},
        }},
        "ex#Scores": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "ex#Secret"}},
        "ex#Secret": {"type": "string", "traits": {"smithy.api#sensitive": {}}},
    }})
    .to_string()
}

fn generate(types: TypeOptions) -> Result<Vec<smithy_codegen::GeneratedFile>, CodegenError> {
    let settings = Settings {
        types,
        ..Settings::default()
    };
    generate_with_settings(&model(), &Operations::Named(vec!["Op".into()]), &settings).map(|g| g.files)
}

fn derive(selector: &str, path: &str) -> TypeOptions {
    TypeOptions {
        derives: vec![(selector.into(), path.into())],
        ..TypeOptions::default()
    }
}

fn file<'a>(files: &'a [smithy_codegen::GeneratedFile], suffix: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path.ends_with(suffix))
        .unwrap_or_else(|| panic!("no file ending in {suffix}"))
        .contents
}

#[test]
fn default_is_written_once_where_it_can_be_and_refused_where_it_cannot() {
    let files = generate(derive("ex#Money", "Default")).expect("Money can have a Default");
    let money = file(&files, "types/money.rs");
    let derives = money
        .lines()
        .find(|l| l.starts_with("#[derive("))
        .expect("a derive list");
    assert_eq!(derives.matches("Default").count(), 1, "{derives}");

    let err = generate(derive("ex#Need", "Default")).expect_err("Need has a required member");
    assert!(err.to_string().contains("has no `Default`"), "{err}");
}

#[test]
fn a_map_of_floats_cannot_be_eq() {
    let err = generate(derive("ex#Prices", "Eq")).expect_err("f64 values have no Eq");
    assert!(err.to_string().contains("holds a float"), "{err}");
}

#[test]
fn a_union_of_floats_cannot_be_eq() {
    let err = generate(derive("ex#Ratio", "Eq")).expect_err("f64 has no Eq");
    assert!(err.to_string().contains("holds a float"), "{err}");
}

#[test]
fn extern_types_need_a_whole_path() {
    let extern_type = |path: &str| TypeOptions {
        extern_types: [("ex#Money".to_string(), path.to_string())].into(),
        ..TypeOptions::default()
    };
    let files = generate(extern_type("common::types::Money")).expect("a whole path");
    assert!(
        files.iter().all(|f| !f.path.ends_with("types/money.rs")),
        "Money is not generated"
    );
    assert!(files.iter().any(|f| f.contents.contains("common::types::Money")));
    let err = generate(extern_type("Money")).expect_err("no crate or module");
    assert!(err.to_string().contains("names no crate or module"), "{err}");
}

#[test]
fn maps_of_sensitive_values_are_redacted_in_debug() {
    let files = generate(TypeOptions::default()).expect("generates");
    let output = file(&files, "op/output.rs");
    assert!(output.contains(r#".field("scores", &runtime::REDACTED)"#), "{output}");
}

#[test]
fn an_operations_input_cannot_be_an_extern_type() {
    let options = TypeOptions {
        extern_types: [("ex#OpResponse".to_string(), "common::types::Out".to_string())].into(),
        ..TypeOptions::default()
    };
    let err = generate(options).expect_err("operation shapes are generated with it");
    assert!(err.to_string().contains("generated with the operation"), "{err}");
}

#[test]
fn a_renamed_type_is_noted() {
    let spec = json!({"smithy": "2.0", "shapes": {
        "ex#Op": {"type": "operation", "input": {"target": "ex#OpRequest"}, "output": {"target": "ex#OpResponse"}},
        "ex#OpRequest": {"type": "structure", "members": {}},
        "ex#OpResponse": {"type": "structure", "members": {
            "a": {"target": "ex#Thing"}, "b": {"target": "other#Thing"},
        }},
        "ex#Thing": {"type": "structure", "members": {}},
        "other#Thing": {"type": "structure", "members": {}},
    }})
    .to_string();
    let generated =
        generate_with_settings(&spec, &Operations::Named(vec!["Op".into()]), &Settings::default()).expect("generates");
    let renamed: Vec<&String> = generated
        .report
        .notes
        .iter()
        .filter(|n| n.contains("is taken in that module"))
        .collect();
    assert_eq!(renamed.len(), 1, "{:?}", generated.report.notes);
}
