//! The IDL front end on inputs written for these tests (the reference loader's
//! own cases run in `tests/tests/workspace/idl.rs` when `../shared` is present).

use serde_json::{json, Value};
use smithy_codegen::ast::assemble::{assemble, Source};
use smithy_codegen::ast::{Model, Shape};

fn load(files: &[(&str, &str)]) -> Result<Model, String> {
    let sources: Vec<Source> = files.iter().map(|(n, t)| Source::new(*n, *t)).collect();
    assemble(&sources).map_err(|e| e.to_string())
}

fn load_one(text: &str) -> Model {
    load(&[("model.smithy", text)]).unwrap_or_else(|e| panic!("{e}"))
}

fn shape_json(model: &Model, id: &str) -> Value {
    serde_json::to_value(&model.shapes[id]).expect("shapes serialize")
}

fn error(text: &str) -> String {
    load(&[("bad.smithy", text)]).expect_err("the model is invalid")
}

#[test]
fn names_resolve_by_use_then_namespace_then_prelude() {
    let model = load(&[
        (
            "a.smithy",
            "$version: \"2\"\nnamespace a\nuse other#Thing\nstructure S {\n    s: String\n    t: Thing\n    i: Integer\n}\n",
        ),
        ("b.smithy", "$version: \"2\"\nnamespace a\n\ninteger Integer\n"),
        ("c.json", r#"{"smithy":"2.0","shapes":{"other#Thing":{"type":"string"}}}"#),
    ])
    .unwrap();
    let s = shape_json(&model, "a#S");
    assert_eq!(s["members"]["s"]["target"], "smithy.api#String");
    assert_eq!(s["members"]["t"]["target"], "other#Thing");
    // Defined in the namespace by another file: it wins over the prelude.
    assert_eq!(s["members"]["i"]["target"], "a#Integer");
}

#[test]
fn doc_comments_document_what_follows_them_and_nothing_else() {
    let model = load_one(
        "$version: \"2.0\"\nnamespace a\n\n/// Shape docs\n/// second line\n@sensitive\n/// ignored: after a trait\nstring S /// ignored: trailing\n\nstructure T {\n    ///   Member docs keep inner spaces\n    m: S\n}\n",
    );
    assert_eq!(
        shape_json(&model, "a#S"),
        json!({"type": "string", "traits": {"smithy.api#documentation": "Shape docs\nsecond line", "smithy.api#sensitive": {}}})
    );
    assert_eq!(
        shape_json(&model, "a#T")["members"]["m"]["traits"],
        json!({"smithy.api#documentation": "  Member docs keep inner spaces"})
    );
}

#[test]
fn defaults_enum_values_and_inline_io() {
    let model = load_one(
        "$version: \"2.0\"\n$operationOutputSuffix: \"Reply\"\nnamespace a\n\nstructure S {\n    n: Integer = 3\n    l: Tags = []\n}\nlist Tags { member: String }\nenum E {\n    A\n    B = \"b\"\n}\nintEnum I {\n    ONE = 1\n}\noperation Op {\n    input := {\n        x: String\n    }\n    output := @sensitive {}\n}\n",
    );
    let s = shape_json(&model, "a#S");
    assert_eq!(s["members"]["n"]["traits"]["smithy.api#default"], 3);
    assert_eq!(s["members"]["l"]["traits"]["smithy.api#default"], json!([]));
    let e = shape_json(&model, "a#E");
    assert_eq!(e["members"]["A"]["traits"]["smithy.api#enumValue"], "A");
    assert_eq!(e["members"]["B"]["traits"]["smithy.api#enumValue"], "b");
    assert_eq!(
        shape_json(&model, "a#I")["members"]["ONE"]["traits"]["smithy.api#enumValue"],
        1
    );
    let op = shape_json(&model, "a#Op");
    assert_eq!(op["input"]["target"], "a#OpInput");
    assert_eq!(op["output"]["target"], "a#OpReply");
    assert_eq!(
        shape_json(&model, "a#OpReply")["traits"],
        json!({"smithy.api#sensitive": {}, "smithy.api#output": {}})
    );
}

#[test]
fn sources_merge_by_smithys_rules() {
    let a = (
        "a.smithy",
        "$version: \"2\"\nmetadata m = [1]\nnamespace a\n@tags([\"x\"])\nstring S\n",
    );
    let b = (
        "b.smithy",
        "$version: \"2\"\nmetadata m = [2]\nnamespace a\napply S @tags([\"y\"])\n",
    );
    let model = load(&[a, b]).unwrap();
    assert_eq!(model.metadata["m"], json!([1, 2]));
    assert_eq!(
        shape_json(&model, "a#S")["traits"]["smithy.api#tags"],
        json!(["x", "y"])
    );
    // An identical duplicate agrees; a different one conflicts, naming both places.
    assert!(load(&[a, ("a-again.smithy", a.1)]).is_ok());
    let conflict = load(&[a, ("c.smithy", "$version: \"2\"\nnamespace a\ninteger S\n")]).unwrap_err();
    assert!(
        conflict.contains("a.smithy:5:8") && conflict.contains("c.smithy:3:9"),
        "{conflict}"
    );
    let trait_conflict = load(&[
        a,
        (
            "d.smithy",
            "$version: \"2\"\nnamespace a\napply S @documentation(\"x\")\napply S @documentation(\"y\")\n",
        ),
    ])
    .unwrap_err();
    assert!(trait_conflict.contains("documentation"), "{trait_conflict}");
    let metadata_conflict = load(&[("e.smithy", "metadata k = 1\n"), ("f.smithy", "metadata k = 2\n")]).unwrap_err();
    assert!(
        metadata_conflict.contains("e.smithy") && metadata_conflict.contains("f.smithy"),
        "{metadata_conflict}"
    );
}

#[test]
fn errors_name_file_line_and_column() {
    for (text, at, says) in [
        ("namespace a\nstring", "bad.smithy:2:7:", "shape name"),
        ("namespace a\nstring S string T\n", "bad.smithy:2:10:", "line break"),
        // An unclosed delimiter is reported where it opens, naming it.
        (
            "namespace a\n@tags([\"a\"\nstring S\n",
            "bad.smithy:2:7:",
            "this `[` is never closed",
        ),
        (
            "namespace a\n@length(min: 1\nstructure S {\n    a: String\n}\n",
            "bad.smithy:2:8:",
            "this `(` of `@length` is never closed (at line 3, column 11",
        ),
        (
            "namespace a\nstructure S {\n    a: String\n\nstring T\n",
            "bad.smithy:2:13:",
            "this `{` of the members is never closed",
        ),
        (
            "namespace a\nstructure S {\n    a: String\n    a: String\n}\n",
            "bad.smithy:4:5:",
            "declared twice",
        ),
        (
            "$version: \"2\"\nnamespace a\nstring S\napply S @documentation(\"\\q\")\n",
            "bad.smithy:4:24:",
            "not an escape",
        ),
        (
            "$version: \"2\"\nnamespace a\n@documentation(Nowhere)\nstring S\n",
            "bad.smithy:3:16:",
            "names no shape",
        ),
        ("namespace a\nenum E { A }\n", "bad.smithy:2:1:", "Smithy IDL 2.0"),
        (
            "$version: \"2\"\nnamespace a\nset S { member: String }\n",
            "bad.smithy:3:1:",
            "uniqueItems",
        ),
        ("$version: \"3\"\n", "bad.smithy:1:11:", "unsupported"),
        (
            "namespace a\nstring S\n\"unclosed\n",
            "bad.smithy:3:1:",
            "this string is never closed",
        ),
        (
            "$version: \"2\"\nnamespace a\nstructure S with [M] { $x }\n@mixin\nstructure M {}\n",
            "bad.smithy:3:24:",
            "elides",
        ),
    ] {
        let message = error(text);
        assert!(message.starts_with(at) && message.contains(says), "{text:?}: {message}");
    }
}

#[test]
fn no_input_panics_on_truncation() {
    let text = "$version: \"2.0\"\nmetadata m = { a: [1, 2.5e3, \"x\"] }\nnamespace a.b\nuse c#D\n/// Doc\n@http(method: \"GET\", uri: \"/{x}\")\noperation Op {\n    input := for R with [M] {\n        @required\n        $x\n    }\n    errors: [E]\n}\nstring T with [N]\napply T { @documentation(\"\"\"\n    text\n    \"\"\") }\n";
    for end in 0..text.len() {
        if text.is_char_boundary(end) {
            let _ = load(&[("cut.smithy", &text[..end])]);
        }
    }
}

#[test]
fn the_seed_corpus_loads_where_it_should() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/idl_model");
    let mut loaded = 0;
    for entry in std::fs::read_dir(&dir).expect("the corpus folder").flatten() {
        let path = entry.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        // `found_*` inputs come from fuzzing: any outcome but a panic is right.
        if name.starts_with("found_") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable");
        let outcome = load(&[(&name, &text)]);
        assert_eq!(outcome.is_err(), name.starts_with("broken_"), "{name}: {outcome:?}");
        loaded += usize::from(outcome.is_ok());
    }
    assert!(loaded >= 6, "{loaded}");
    assert!(matches!(
        load_one(&std::fs::read_to_string(dir.join("operations.smithy")).unwrap()).shapes["example.seed#Seed"],
        Shape::Service(_)
    ));
}

#[test]
fn one_service_of_several_can_be_generated() {
    let model = load_one(
        "$version: \"2\"\nnamespace a\n\nservice One { operations: [Ping] }\nservice Two { operations: [Pong] }\noperation Ping {}\noperation Pong {}\n",
    );
    let settings = smithy_codegen::Settings::default();
    let one =
        smithy_codegen::generate_model(&model, &smithy_codegen::Operations::Service("One".into()), &settings).unwrap();
    assert_eq!(one.report.operation_names, ["Ping"]);
    let two = smithy_codegen::generate_model(&model, &smithy_codegen::Operations::Service("a#Two".into()), &settings)
        .unwrap();
    assert_eq!(two.report.operation_names, ["Pong"]);
    let error = smithy_codegen::generate_model(&model, &smithy_codegen::Operations::Service("Three".into()), &settings)
        .unwrap_err()
        .to_string();
    assert!(error.contains("`Three`") && error.contains("a#One, a#Two"), "{error}");
}

#[test]
fn number_literals_a_double_would_round_keep_their_digits() {
    let model = load_one(
        "$version: \"2\"\nnamespace a\n@tags([])\nstructure S {}\n\
         apply S @documentation(\"x\")\n\
         @trait structure values { a: Document, b: Document, c: Document, d: Document, e: Document }\n\
         apply S @values(a: 0.1, b: 1e3, c: 0.100000000000000000000001, d: 18446744073709551617, e: -42)\n",
    );
    let s = shape_json(&model, "a#S");
    let values = &s["traits"]["a#values"];
    assert_eq!(values["a"], json!(0.1), "a double holds 0.1's nearest value: a number");
    assert_eq!(values["b"], json!(1000.0));
    assert_eq!(values["c"], json!("0.100000000000000000000001"), "every digit kept");
    assert_eq!(values["d"], json!("18446744073709551617"), "past u64: every digit kept");
    assert_eq!(values["e"], json!(-42));
}
