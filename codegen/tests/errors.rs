//! Bad specs give a typed error naming the shape and the problem, never a panic.

use serde_json::json;
use smithy_codegen::ir::Model;
use smithy_codegen::{generate, CodegenError, Operations};

fn model(shapes: serde_json::Value) -> String {
    json!({"smithy": "2.0", "shapes": shapes}).to_string()
}

fn op_with_output(output_members: serde_json::Value, extra: serde_json::Value) -> String {
    let mut shapes = json!({
        "ex#Op": {"type": "operation", "input": {"target": "ex#OpRequest"}, "output": {"target": "ex#OpResponse"}},
        "ex#OpRequest": {"type": "structure", "members": {}},
        "ex#OpResponse": {"type": "structure", "members": output_members},
    });
    for (k, v) in extra.as_object().expect("object") {
        shapes[k] = v.clone();
    }
    model(shapes)
}

fn generate_op(spec: &str) -> Result<Vec<smithy_codegen::GeneratedFile>, CodegenError> {
    generate(spec, &Operations::Named(vec!["Op".into()]))
}

#[test]
fn malformed_json_reports_line_and_column() {
    let err = Model::from_json("{\n  \"smithy\": \"2.0\",\n  \"shapes\": {,}\n}").unwrap_err();
    match &err {
        CodegenError::Json { line, column, .. } => assert_eq!((*line, *column), (3, 14)),
        other => panic!("expected a JSON error, got {other:?}"),
    }
    assert!(err.to_string().contains("line 3, column 14"), "{err}");
}

#[test]
fn dangling_target_names_both_ends() {
    let spec = model(json!({"ex#A": {"type": "structure", "members": {"b": {"target": "ex#Missing"}}}}));
    let err = Model::from_json(&spec).unwrap_err();
    assert_eq!(
        err,
        CodegenError::DanglingTarget {
            from: "ex#A$b".into(),
            to: "ex#Missing".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "`ex#A$b` targets `ex#Missing`, which is not defined in the model"
    );
}

#[test]
fn unknown_shape_type_is_named() {
    let spec = model(json!({"ex#A": {"type": "tuple"}}));
    let err = Model::from_json(&spec).unwrap_err();
    assert_eq!(
        err,
        CodegenError::UnknownShapeType {
            id: "ex#A".into(),
            type_name: "tuple".into()
        }
    );
    assert_eq!(err.to_string(), "shape `ex#A` has unknown type \"tuple\"");
}

#[test]
fn unsupported_smithy_version() {
    let err = Model::from_json(r#"{"smithy": "1.0", "shapes": {}}"#).unwrap_err();
    assert_eq!(err, CodegenError::UnsupportedVersion { version: "1.0".into() });
}

#[test]
fn wrong_member_structure() {
    let spec = model(json!({"ex#A": {"type": "structure", "members": {"b": {"targett": "smithy.api#String"}}}}));
    let err = Model::from_json(&spec).unwrap_err();
    assert!(
        matches!(&err, CodegenError::MalformedShape { id, .. } if id == "ex#A"),
        "{err:?}"
    );
    assert!(err.to_string().contains("targett"), "{err}");
    let spec = model(json!({"ex#L": {"type": "list"}}));
    let err = Model::from_json(&spec).unwrap_err();
    assert!(
        err.to_string().contains("shape `ex#L` is malformed") && err.to_string().contains("member"),
        "{err}"
    );
}

#[test]
fn map_key_must_be_a_string() {
    let spec = model(
        json!({"ex#M": {"type": "map", "key": {"target": "smithy.api#Integer"}, "value": {"target": "smithy.api#String"}}}),
    );
    let err = Model::from_json(&spec).unwrap_err();
    assert!(
        matches!(&err, CodegenError::MalformedShape { id, .. } if id == "ex#M$key"),
        "{err:?}"
    );
    assert!(err.to_string().contains("map keys must target a string"), "{err}");
}

#[test]
fn invalid_pattern_names_the_shape() {
    let spec = op_with_output(
        json!({"s": {"target": "ex#Bad"}}),
        json!({"ex#Bad": {"type": "string", "traits": {"smithy.api#pattern": "^[a-"}}}),
    );
    let err = generate_op(&spec).unwrap_err();
    assert!(
        matches!(&err, CodegenError::Check { problems } if problems.len() == 1
            && problems[0].starts_with("`ex#Bad`: invalid `@pattern`: `^[a-` does not compile")),
        "{err:?}"
    );
}

#[test]
fn length_min_greater_than_max() {
    let spec = op_with_output(
        json!({"s": {"target": "ex#S"}}),
        json!({"ex#S": {"type": "string", "traits": {"smithy.api#length": {"min": 5, "max": 2}}}}),
    );
    let err = generate_op(&spec).unwrap_err();
    assert_eq!(
        err.to_string(),
        "1 problem in the model:\n`ex#S`: invalid `@length`: `min` (5) is greater than `max` (2)"
    );
}

#[test]
fn range_min_greater_than_max() {
    let spec = op_with_output(
        json!({"n": {"target": "ex#N"}}),
        json!({"ex#N": {"type": "double", "traits": {"smithy.api#range": {"min": 5.5, "max": 1.1}}}}),
    );
    let err = generate_op(&spec).unwrap_err();
    assert!(
        err.to_string().contains("`min` (5.5) is greater than `max` (1.1)"),
        "{err}"
    );
}

#[test]
fn constraint_on_the_wrong_type() {
    let spec = op_with_output(
        json!({"n": {"target": "ex#N"}}),
        json!({"ex#N": {"type": "integer", "traits": {"smithy.api#length": {"min": 1}}}}),
    );
    let err = generate_op(&spec).unwrap_err();
    assert!(err.to_string().contains("not to an integer"), "{err}");
}

#[test]
fn unknown_operation() {
    let spec = op_with_output(json!({}), json!({}));
    let err = generate(&spec, &Operations::Named(vec!["Nope".into()])).unwrap_err();
    assert_eq!(
        err,
        CodegenError::UnknownOperation {
            name: "Nope".into(),
            suggestion: None
        }
    );
}

#[test]
fn misspelt_operation_gets_a_suggestion() {
    let spec = model(json!({
        "ex#GetItem": {"type": "operation"},
        "ex#PutItem": {"type": "operation"},
    }));
    for (typo, expected) in [
        ("GetItme", Some("GetItem")),
        ("getitem", Some("GetItem")),
        ("Describe", None),
    ] {
        let err = generate(&spec, &Operations::Named(vec![typo.into()])).unwrap_err();
        let suggestion = expected.map(str::to_owned);
        assert_eq!(
            err,
            CodegenError::UnknownOperation {
                name: typo.into(),
                suggestion
            },
            "{typo}"
        );
    }
}

#[test]
fn mixin_cycles_are_detected() {
    let spec = model(json!({
        "ex#A": {"type": "structure", "members": {}, "mixins": [{"target": "ex#B"}], "traits": {"smithy.api#mixin": {}}},
        "ex#B": {"type": "structure", "members": {}, "mixins": [{"target": "ex#A"}], "traits": {"smithy.api#mixin": {}}}
    }));
    assert!(matches!(
        Model::from_json(&spec).unwrap_err(),
        CodegenError::MixinCycle { .. }
    ));
}

#[test]
fn unsupported_features_are_rejected_by_shape_and_trait() {
    let spec = op_with_output(
        json!({"n": {"target": "ex#Big"}}),
        json!({"ex#Big": {"type": "bigInteger", "traits": {"smithy.api#range": {"min": 1}}}}),
    );
    let err = generate_op(&spec).unwrap_err();
    assert!(
        matches!(&err, CodegenError::Unsupported { id, message } if id == "ex#OpResponse$n" && message.contains("smithy.api#range")),
        "{err:?}"
    );
}

#[test]
fn members_differing_only_by_case_get_distinct_fields() {
    let spec = op_with_output(
        json!({"fooBar": {"target": "smithy.api#String"}, "FooBar": {"target": "smithy.api#String"}}),
        json!({}),
    );
    let files = generate_op(&spec).expect("generates");
    let output = files
        .iter()
        .find(|f| f.path.ends_with("output.rs"))
        .expect("output file");
    assert!(output.contents.contains("pub foo_bar:"), "{}", output.contents);
    assert!(output.contents.contains("pub foo_bar_2:"), "{}", output.contents);
}

#[test]
fn default_of_the_wrong_type() {
    let spec = op_with_output(
        json!({"n": {"target": "smithy.api#Integer", "traits": {"smithy.api#default": "seven"}}}),
        json!({}),
    );
    let err = generate_op(&spec).unwrap_err();
    assert!(
        matches!(&err, CodegenError::InvalidTrait { trait_id, .. } if trait_id == "smithy.api#default"),
        "{err:?}"
    );
}

#[test]
fn garbage_never_panics() {
    for text in [
        "",
        "null",
        "[]",
        "{}",
        "{\"smithy\": 2}",
        "{\"smithy\":\"2.0\",\"shapes\":[]}",
        "{\"smithy\":\"2.0\",\"shapes\":{\"x\":{\"type\":\"string\"}}}",
    ] {
        assert!(Model::from_json(text).is_err(), "{text:?} should be rejected");
    }
}

#[test]
fn selection_errors_say_what_was_selected() {
    let spec = op_with_output(json!({}), json!({}));
    let err = generate(&spec, &Operations::Service("Nope".into())).unwrap_err();
    assert!(
        matches!(&err, CodegenError::UnknownService { name, .. } if name == "Nope"),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with("the model has no service named `Nope` (its services: "),
        "{err}"
    );
    let no_service = r#"{"smithy": "2.0", "shapes": {"ex#S": {"type": "string"}}}"#;
    let err = generate(no_service, &Operations::All).unwrap_err();
    assert_eq!(err, CodegenError::NoOperations);
    assert!(!err.to_string().contains("JSON AST"), "{err}");
}

#[test]
fn big_numbers_on_an_xml_wire_are_refused_by_name() {
    let spec = model(json!({
        "ex#Service": {"type": "service", "version": "2020-01-01", "operations": [{"target": "ex#Op"}],
                       "traits": {"aws.protocols#restXml": {}}},
        "ex#Op": {"type": "operation", "input": {"target": "ex#OpRequest"}, "output": {"target": "ex#OpResponse"},
                  "traits": {"smithy.api#http": {"method": "POST", "uri": "/op"}}},
        "ex#OpRequest": {"type": "structure", "members": {}},
        "ex#OpResponse": {"type": "structure", "members": {"total": {"target": "smithy.api#BigInteger"}}},
    }));
    let err = generate(&spec, &Operations::All).expect_err("a BigInteger on restXml is refused");
    let message = err.to_string();
    assert!(message.contains("ex#OpResponse$total"), "names the member: {message}");
    assert!(
        message.contains("BigInteger") || message.contains("bigInteger"),
        "names the type: {message}"
    );
    assert!(message.contains("restXml"), "names the protocol: {message}");
}

#[test]
fn each_default_is_checked_against_its_members_type() {
    let shapes = json!({
        "ex#L": {"type": "list", "member": {"target": "smithy.api#String"}},
        "ex#M": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#String"}},
    });
    let cases = [
        ("smithy.api#Boolean", json!(true), true),
        ("smithy.api#Boolean", json!("true"), false),
        ("smithy.api#String", json!("x"), true),
        ("smithy.api#String", json!(1), false),
        ("smithy.api#Blob", json!("YQ=="), true),
        ("smithy.api#Byte", json!(127), true),
        ("smithy.api#Byte", json!(128), false),
        ("smithy.api#Short", json!(-32768), true),
        ("smithy.api#Short", json!(32768), false),
        ("smithy.api#Integer", json!(2_147_483_647), true),
        ("smithy.api#Integer", json!(2_147_483_648_i64), false),
        ("smithy.api#Long", json!(i64::MAX), true),
        ("smithy.api#Long", json!(1.5), false),
        ("smithy.api#Double", json!(1.5), true),
        ("smithy.api#Double", json!("1.5"), false),
        ("smithy.api#BigInteger", json!(12), true),
        ("smithy.api#BigInteger", json!(1.5), false),
        ("smithy.api#Timestamp", json!(0), true),
        ("smithy.api#Timestamp", json!("1970-01-01T00:00:00Z"), true),
        ("smithy.api#Timestamp", json!(1.5), false),
        ("smithy.api#Timestamp", json!(true), false),
        ("smithy.api#Document", json!({"a": [1]}), true),
        ("ex#L", json!([]), true),
        ("ex#L", json!(["x"]), false),
        ("ex#M", json!({}), true),
        ("ex#M", json!({"a": "b"}), false),
    ];
    for (target, default, fits) in cases {
        let spec = op_with_output(
            json!({"v": {"target": target, "traits": {"smithy.api#default": default}}}),
            shapes.clone(),
        );
        match generate_op(&spec) {
            Ok(_) => assert!(fits, "{target} = {default}: accepted, but it does not fit"),
            Err(err) => {
                assert!(!fits, "{target} = {default}: {err}");
                assert!(
                    matches!(&err, CodegenError::InvalidTrait { id, trait_id, .. }
                        if id == "ex#OpResponse$v" && trait_id == "smithy.api#default"),
                    "{target} = {default}: {err:?}"
                );
            }
        }
    }
}

#[test]
fn xml_names_must_be_non_empty_strings() {
    let rest_xml = |member_traits: serde_json::Value| {
        model(json!({
            "ex#Service": {"type": "service", "version": "2020-01-01", "operations": [{"target": "ex#Op"}],
                           "traits": {"aws.protocols#restXml": {}}},
            "ex#Op": {"type": "operation", "input": {"target": "ex#OpRequest"}, "output": {"target": "ex#OpResponse"},
                      "traits": {"smithy.api#http": {"method": "POST", "uri": "/op"}}},
            "ex#OpRequest": {"type": "structure", "members": {}},
            "ex#OpResponse": {"type": "structure",
                              "members": {"v": {"target": "smithy.api#String", "traits": member_traits}}},
        }))
    };
    for (trait_id, value) in [
        ("smithy.api#xmlName", json!("")),
        ("smithy.api#xmlName", json!(1)),
        ("aws.protocols#ec2QueryName", json!("")),
    ] {
        let err = generate(&rest_xml(json!({trait_id: value})), &Operations::All)
            .expect_err("an empty or non-string name is refused");
        assert!(
            matches!(&err, CodegenError::InvalidTrait { id, trait_id: t, message }
                if id == "ex#OpResponse$v" && t == trait_id && message.contains("non-empty string")),
            "{trait_id} = {value}: {err:?}"
        );
    }
    assert!(generate(&rest_xml(json!({"smithy.api#xmlName": "V"})), &Operations::All).is_ok());
}
