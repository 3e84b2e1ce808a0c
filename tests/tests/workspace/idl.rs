//! The IDL front end against the Smithy reference loader's own test cases
//! (`../shared/smithy/idl-tests/`): every valid case loads to the model of its
//! JSON AST (or of its mixin-flattened IDL), every invalid case fails with an
//! error naming file, line and column, except the few the reference rejects only
//! in later semantic validation, listed below and checked to stay true.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;
use smithy_codegen::ast::{self, assemble};
use tests::shared_path;

fn load(paths: &[PathBuf]) -> Result<ast::Model, String> {
    let sources = smithy_codegen::disk::read_sources(paths)?;
    assemble::assemble(&sources).map_err(|e| e.to_string())
}

/// Numbers compare by value (`10` and `10.0` are one number in a node value).
fn normalize_value(value: &mut Value) {
    match value {
        Value::Number(n) => {
            if let Some(f) = n.as_f64() {
                if f.fract() == 0.0 && f.abs() < 9.0e15 {
                    *value = Value::from(f as i64);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalize_value),
        Value::Object(map) => map.values_mut().for_each(normalize_value),
        _ => {}
    }
}

/// The model as comparable JSON: version left out (the reference writes its own),
/// shapes in `exclude` (loaded beside a case) dropped, numbers by value, unit
/// input and output as absent.
fn comparable(model: &ast::Model, exclude: &BTreeSet<String>) -> Value {
    let mut json: Value = serde_json::from_str(&model.to_json()).expect("the AST serializes to JSON");
    if let Some(map) = json.as_object_mut() {
        map.remove("smithy");
        if let Some(Value::Object(shapes)) = map.get_mut("shapes") {
            shapes.retain(|id, _| !exclude.contains(id));
        }
    }
    normalize_value(&mut json);
    // An operation without input or output has `smithy.api#Unit` there; the
    // reference writes it out in some cases and not in others.
    if let Some(Value::Object(shapes)) = json.get_mut("shapes") {
        for shape in shapes.values_mut() {
            if shape["type"] == "operation" {
                for key in ["input", "output"] {
                    if shape[key] == serde_json::json!({"target": "smithy.api#Unit"}) {
                        shape.as_object_mut().map(|o| o.remove(key));
                    }
                }
            }
        }
    }
    json
}

fn smithy_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable test folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "smithy") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn name_of(path: &Path, root: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).display().to_string()
}

/// Cases whose expected JSON AST cannot be read by any loader that keeps node
/// numbers as 64-bit floats (serde_json's `Value`): they write `2E+308` and
/// `1.7976931348623157E+309`. Both paths reject those numbers with a located
/// error; the test checks that the error is exactly that.
const BEYOND_F64: &[&str] = &["traits.smithy"];

#[test]
fn every_valid_idl_case_loads_to_the_reference_model() {
    let Some(root) = shared_path(
        "smithy/idl-tests/valid",
        "every_valid_idl_case_loads_to_the_reference_model",
    ) else {
        return;
    };
    let shared_json = root.join("__shared.json");
    let shared_ids: BTreeSet<String> = load(std::slice::from_ref(&shared_json))
        .expect("__shared.json loads")
        .shapes
        .into_keys()
        .collect();
    let cases: Vec<PathBuf> = smithy_files(&root)
        .into_iter()
        .filter(|p| !p.to_string_lossy().ends_with(".flattened.smithy"))
        .collect();
    let mut failures = Vec::new();
    let mut passed = 0;
    for case in &cases {
        let name = name_of(case, &root);
        let expected_json = case.with_extension("json");
        let flattened = case.with_extension("flattened.smithy");
        let with_shared = |path: &Path| vec![path.to_path_buf(), shared_json.clone()];
        let loaded = load(&with_shared(case));
        let outcome: Result<(), String> = if BEYOND_F64.contains(&name.as_str()) {
            match &loaded {
                Err(e) if e.contains("does not fit in a 64-bit float") && e.contains(".smithy:") => Ok(()),
                other => Err(format!("expected the located out-of-range number error, got {other:?}")),
            }
        } else if expected_json.is_file() {
            let expected = load(&with_shared(&expected_json));
            match (loaded, expected) {
                (Ok(got), Ok(want)) => {
                    let (got, want) = (comparable(&got, &shared_ids), comparable(&want, &shared_ids));
                    if got == want {
                        Ok(())
                    } else {
                        Err(format!(
                            "models differ\n got: {}\nwant: {}",
                            serde_json::to_string(&got).unwrap_or_default(),
                            serde_json::to_string(&want).unwrap_or_default()
                        ))
                    }
                }
                (Err(e), _) => Err(format!("the IDL does not load: {e}")),
                (_, Err(e)) => Err(format!("the expected JSON AST does not load: {e}")),
            }
        } else if flattened.is_file() {
            // Flattening leaves the mixins themselves out.
            let resolved = |m: Result<ast::Model, String>| {
                m.and_then(|m| smithy_codegen::ir::Model::from_ast(&m).map_err(|e| e.to_string()))
                    .map(|mut m| {
                        m.shapes.retain(|_, s| !s.traits.has("smithy.api#mixin"));
                        m
                    })
            };
            match (resolved(loaded), resolved(load(&with_shared(&flattened)))) {
                (Ok(got), Ok(want)) if got == want => Ok(()),
                (Ok(got), Ok(want)) => Err(format!("resolved models differ\n got: {got:?}\nwant: {want:?}")),
                (Err(e), _) => Err(format!("does not load and resolve: {e}")),
                (_, Err(e)) => Err(format!("the flattened IDL does not load and resolve: {e}")),
            }
        } else {
            loaded.map(|_| ()).map_err(|e| format!("does not load: {e}"))
        };
        match outcome {
            Ok(()) => passed += 1,
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    eprintln!("valid IDL cases: {passed}/{} load to the reference model", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// Invalid cases the reference rejects only in semantic validation after loading
/// (model validators, not the IDL loader's grammar or name resolution). This
/// front end loads them; each entry says which validation would reject it. The
/// test fails if one of them starts failing to load, or is no longer in the suite.
const REJECTED_BY_LATER_VALIDATION: &[(&str, &str)] = &[];

#[test]
fn every_invalid_idl_case_is_rejected_with_a_location() {
    let Some(root) = shared_path(
        "smithy/idl-tests/invalid",
        "every_invalid_idl_case_is_rejected_with_a_location",
    ) else {
        return;
    };
    let cases = smithy_files(&root);
    let mut problems = Vec::new();
    let mut rejected = 0;
    let mut listed_seen = BTreeSet::new();
    for case in &cases {
        let name = name_of(case, &root);
        let file_name = case.display().to_string();
        let outcome = std::panic::catch_unwind(|| load(std::slice::from_ref(case)));
        let Ok(outcome) = outcome else {
            problems.push(format!("{name}: the loader panicked"));
            continue;
        };
        let listed = REJECTED_BY_LATER_VALIDATION.iter().find(|(n, _)| *n == name);
        match (outcome, listed) {
            (Err(e), None) => {
                // `file:line:column: message`
                let located = e
                    .strip_prefix(&format!("{file_name}:"))
                    .and_then(|rest| {
                        let mut parts = rest.splitn(3, ':');
                        let line = parts.next()?.parse::<usize>().ok()?;
                        let column = parts.next()?.parse::<usize>().ok()?;
                        Some(line > 0 && column > 0)
                    })
                    .unwrap_or(false);
                if located {
                    rejected += 1;
                } else {
                    problems.push(format!("{name}: rejected without file:line:column: {e}"));
                }
            }
            (Ok(_), None) => problems.push(format!("{name}: loads, but the reference rejects it")),
            (Ok(_), Some(_)) => {
                listed_seen.insert(name);
            }
            (Err(e), Some(_)) => problems.push(format!(
                "{name}: listed as rejected only by later validation, but the loader now rejects it ({e}): remove it from the list"
            )),
        }
    }
    for (name, _) in REJECTED_BY_LATER_VALIDATION {
        if !cases.iter().any(|c| name_of(c, &root) == *name) {
            problems.push(format!("{name}: listed, but not in the suite any more"));
        }
    }
    eprintln!(
        "invalid IDL cases: {rejected}/{} rejected with a located error, {} listed as rejected only by later validation",
        cases.len(),
        listed_seen.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Writes `model` as IDL and reads it back.
fn through_idl(model: &ast::Model) -> Result<ast::Model, String> {
    let sources: Vec<assemble::Source> = smithy_codegen::idl::write::files(model)
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|f| assemble::Source::new(f.path, f.contents))
        .collect();
    assemble::assemble(&sources).map_err(|e| e.to_string())
}

/// The first shape (or the metadata) where two models differ, for a readable failure.
fn first_difference(got: &ast::Model, want: &ast::Model) -> String {
    if got.metadata != want.metadata {
        return format!("metadata differs: {:?} vs {:?}", got.metadata, want.metadata);
    }
    for (id, shape) in &want.shapes {
        match got.shapes.get(id) {
            None => return format!("`{id}` is missing"),
            Some(other) if other != shape => return format!("`{id}` differs:\n got: {other:?}\nwant: {shape:?}"),
            Some(_) => {}
        }
    }
    match got.shapes.keys().find(|id| !want.shapes.contains_key(*id)) {
        Some(id) => format!("`{id}` appeared"),
        None => "versions differ".into(),
    }
}

/// Fixtures whose names IDL cannot spell (JSON AST accepts any member name; the
/// naming fixture tests the generator on such names). Writing them must fail
/// with an error naming the member.
const NOT_WRITABLE_AS_IDL: &[(&str, &str)] = &[("naming.json", "`a-b`")];

#[test]
fn models_written_as_idl_read_back_equal() {
    let root = tests::workspace_root();
    let mut inputs = vec![root.join("spec/describe-job-template.json")];
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(root.join("spec/fixtures"))
        .expect("spec/fixtures is readable")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    fixtures.sort();
    inputs.extend(fixtures);
    let local = inputs.len();
    if let Some(dir) = shared_path("aws-models", "models_written_as_idl_read_back_equal (AWS models)") {
        let mut models: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("aws-models is readable")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        models.sort();
        inputs.extend(models);
    }
    let mut failures = Vec::new();
    for input in &inputs {
        let model = load(std::slice::from_ref(input)).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        let file_name = input
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some((_, name)) = NOT_WRITABLE_AS_IDL.iter().find(|(f, _)| *f == file_name) {
            match through_idl(&model) {
                Err(e) if e.contains(name) && e.contains("cannot be written as IDL") => {}
                other => failures.push(format!("{file_name}: expected a refusal naming {name}, got {other:?}")),
            }
            continue;
        }
        match through_idl(&model) {
            Ok(back) if back == model => {}
            Ok(back) => failures.push(format!("{}: {}", input.display(), first_difference(&back, &model))),
            Err(e) => failures.push(format!("{}: the IDL does not read back: {e}", input.display())),
        }
    }
    eprintln!(
        "IDL round trip: {}/{} models read back equal ({local} from spec/, {} shared AWS models; {} refused as unwritable, as expected)",
        inputs.len() - failures.len() - NOT_WRITABLE_AS_IDL.len(),
        inputs.len() - NOT_WRITABLE_AS_IDL.len(),
        inputs.len() - local,
        NOT_WRITABLE_AS_IDL.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What `cargo xtask ast ../shared/smithy/traits ../shared/smithy/protocol-tests`
/// prints loads through the JSON AST path to the same model.
#[test]
fn the_protocol_suites_print_as_json_ast_that_loads_back() {
    let (Some(traits), Some(suites)) = (
        shared_path("smithy/traits", "the_protocol_suites_print_as_json_ast_that_loads_back"),
        shared_path(
            "smithy/protocol-tests",
            "the_protocol_suites_print_as_json_ast_that_loads_back",
        ),
    ) else {
        return;
    };
    let model = load(&[traits, suites]).unwrap_or_else(|e| panic!("{e}"));
    let json = model.to_json();
    let back = ast::Model::parse(&json).unwrap_or_else(|e| panic!("the printed AST does not parse: {e}"));
    assert_eq!(back, model);
    for service in [
        "aws.protocoltests.restjson#RestJson",
        "aws.protocoltests.json10#JsonRpc10",
        "aws.protocoltests.json#JsonProtocol",
    ] {
        assert!(
            matches!(model.shapes.get(service), Some(ast::Shape::Service(_))),
            "{service} is in the model"
        );
    }
    eprintln!(
        "protocol suites: {} shapes, {} KB of JSON AST",
        model.shapes.len(),
        json.len() / 1000
    );
}

/// The front end's table of public prelude shapes is the reference prelude's.
#[test]
fn the_prelude_table_matches_the_reference_prelude() {
    let Some(prelude) = shared_path(
        "smithy/traits/prelude.smithy",
        "the_prelude_table_matches_the_reference_prelude",
    ) else {
        return;
    };
    let model = load(&[prelude]).unwrap_or_else(|e| panic!("{e}"));
    let public: BTreeSet<(String, String)> = model
        .shapes
        .iter()
        .filter(|(_, s)| !s.traits().contains_key("smithy.api#private"))
        .filter_map(|(id, s)| {
            let name = id.strip_prefix("smithy.api#")?;
            Some((name.to_owned(), s.type_name().to_owned()))
        })
        .collect();
    let table: BTreeSet<(String, String)> = smithy_codegen::idl::prelude::SHAPES
        .iter()
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
        .collect();
    assert_eq!(
        table.symmetric_difference(&public).collect::<Vec<_>>(),
        Vec::<&(String, String)>::new(),
        "the table and the reference prelude differ"
    );
}
