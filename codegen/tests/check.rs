//! The model as Smithy checks it: unknown traits, unresolved `use`, trait
//! values that make no sense where they are, protocols the generator does
//! not speak. Every problem is reported at once, each where it was written.

use smithy_codegen::ast::assemble::{assemble, Source};
use smithy_codegen::{generate_model, CodegenError, Generated, Operations, Settings};

fn generate(text: &str, settings: &Settings) -> Result<Generated, CodegenError> {
    let model = assemble(&[Source::new("model/weather.smithy", text)])?;
    generate_model(&model, &Operations::All, settings)
}

fn problems(text: &str) -> Vec<String> {
    match generate(text, &Settings::default()) {
        Err(CodegenError::Check { problems }) => problems,
        other => panic!("expected a failed check, got {:?}", other.map(|g| g.report)),
    }
}

const HEADER: &str = "$version: \"2\"\nnamespace ex.weather\n\n";

#[test]
fn misspelt_traits_are_errors_with_a_suggestion_where_they_are_written() {
    let text = format!(
        "{HEADER}service Weather {{ version: \"1\", operations: [Get] }}\n\noperation Get {{\n    input := {{\n        @lenght(max: 200)\n        city: String\n\n        @readonyl\n        day: Integer\n    }}\n}}\n"
    );
    assert_eq!(
        problems(&text),
        [
            "model/weather.smithy:8:10: `ex.weather#GetInput$city`: unknown trait `@ex.weather#lenght`: no shape of the model defines it; did you mean `@length`?",
            "model/weather.smithy:11:10: `ex.weather#GetInput$day`: unknown trait `@ex.weather#readonyl`: no shape of the model defines it; did you mean `@readonly`?",
        ]
    );
    // Allowed, each is a warning, and the crate is generated without them.
    let settings = Settings {
        allow_unknown_traits: true,
        ..Settings::default()
    };
    let generated = generate(&text, &settings).expect("generates");
    assert_eq!(generated.report.warnings.len(), 2, "{:?}", generated.report.warnings);
    assert!(generated.report.warnings[0].contains("ignored: unknown traits are allowed"));
}

#[test]
fn every_bad_trait_value_is_reported_at_its_place() {
    let text = format!(
        "{HEADER}@pattern(\"[a-\")\nstring Code\n\n@length(min: 5, max: 2)\nstring Name\n\n@range(min: 1)\nboolean Flag\n\nstructure S {{\n    @length(min: -1)\n    tags: Tags\n}}\n\nlist Tags {{ member: String }}\n\n@required\nstring Loose\n"
    );
    let found = problems(&text);
    assert_eq!(found.len(), 5, "{found:#?}");
    let places: Vec<&str> = found.iter().map(|p| p.split(": ").next().unwrap_or_default()).collect();
    assert_eq!(
        places,
        [
            "model/weather.smithy:4:2",
            "model/weather.smithy:7:2",
            "model/weather.smithy:10:2",
            "model/weather.smithy:14:6",
            "model/weather.smithy:20:2",
        ]
    );
    assert!(found[0].contains("`[a-` does not compile"), "{}", found[0]);
    assert!(found[1].contains("`min` (5) is greater than `max` (2)"), "{}", found[1]);
    assert!(found[2].contains("not to a boolean"), "{}", found[2]);
    assert!(
        found[3].contains("`min` must be a whole number of at least 0"),
        "{}",
        found[3]
    );
    assert!(found[4].contains("applies to members only"), "{}", found[4]);
}

#[test]
fn a_use_must_name_something() {
    let text = format!("{HEADER}use aws.protocols#restJson2\n\nstring S\n");
    let error = generate(&text, &Settings::default()).expect_err("unresolved use");
    let message = error.to_string();
    assert!(
        message.starts_with("model/weather.smithy:4:5: `use aws.protocols#restJson2` names no shape"),
        "{message}"
    );
}

#[test]
fn the_aws_protocol_traits_need_no_definitions() {
    let text = format!(
        "{HEADER}use aws.protocols#restJson1\n\n@restJson1\nservice Weather {{ version: \"1\", operations: [Get] }}\n\n@http(method: \"GET\", uri: \"/\")\noperation Get {{ input := {{}} }}\n"
    );
    let generated = generate(&text, &Settings::default()).expect("generates");
    let module = generated
        .files
        .iter()
        .find(|f| f.path == "operation/get/mod.rs")
        .expect("the operation module");
    assert!(
        module.contents.contains("pub fn request("),
        "request/response are generated"
    );
    assert!(generated.report.warnings.is_empty(), "{:?}", generated.report.warnings);
}

#[test]
fn a_misspelt_protocol_is_an_error_naming_the_right_one() {
    let text = format!("{HEADER}use aws.protocols#restJson\n\n@restJson\nservice Weather {{ version: \"1\" }}\n");
    let error = generate(&text, &Settings::default())
        .expect_err("no such trait")
        .to_string();
    assert!(error.contains("`use aws.protocols#restJson` names no shape"), "{error}");
    let text = format!("{HEADER}@aws.protocols#restJson\nservice Weather {{ version: \"1\" }}\n");
    let found = problems(&text);
    assert!(
        found[0].contains("unknown trait `@aws.protocols#restJson`")
            && found[0].contains("did you mean `@aws.protocols#restJson1`?"),
        "{found:?}"
    );
}

#[test]
fn a_protocol_the_generator_does_not_speak_gets_a_note() {
    let text = format!(
        "{HEADER}@protocolDefinition\n@trait(selector: \"service\")\nstructure weatherWire {{}}\n\n@weatherWire\nservice Weather {{ version: \"1\", operations: [Get] }}\n\noperation Get {{ input := {{}} }}\n"
    );
    let settings = Settings {
        protocol_tests: true,
        ..Settings::default()
    };
    let generated = generate(&text, &settings).expect("generates");
    let notes = generated.report.notes.join("\n");
    assert!(
        notes.contains("#weatherWire, is not one this generator puts on the wire"),
        "{notes}"
    );
    assert!(notes.contains("--protocol-tests: no tests were written"), "{notes}");
}

#[test]
fn protocol_tests_without_cases_say_so() {
    let text = format!(
        "{HEADER}use aws.protocols#awsJson1_0\n\n@awsJson1_0\nservice Weather {{ version: \"1\", operations: [Get] }}\n\noperation Get {{ input := {{}} }}\n"
    );
    let settings = Settings {
        protocol_tests: true,
        ..Settings::default()
    };
    let generated = generate(&text, &settings).expect("generates");
    let notes = generated.report.notes.join("\n");
    assert!(
        notes.contains("no client-side `smithy.test` cases for aws.protocols#awsJson1_0"),
        "{notes}"
    );
}

#[test]
fn the_server_side_is_generated_where_the_protocol_has_one_and_noted_elsewhere() {
    let service = |protocol: &str| {
        format!(
            "{HEADER}use aws.protocols#{protocol}\n\n@{protocol}\nservice Weather {{ version: \"1\", operations: [Get] }}\n\noperation Get {{ input := {{ @default(3) days: Integer }} }}\n"
        )
    };
    let settings = Settings {
        server: true,
        ..Settings::default()
    };
    let generated = generate(&service("awsJson1_0"), &settings).expect("generates");
    let server = generated
        .files
        .iter()
        .find(|f| f.path == "server.rs")
        .expect("a server module for awsJson1_0");
    assert!(
        server.contents.contains("\"Get\" =>"),
        "routes the operation by its target"
    );
    assert!(
        server.contents.contains("input.days = Some(3i32)"),
        "fills the default in"
    );
    assert!(generated.report.notes.iter().all(|n| !n.contains("--server")));

    let generated = generate(&service("awsQuery"), &settings).expect("generates");
    assert!(generated.files.iter().all(|f| f.path != "server.rs"));
    let notes = generated.report.notes.join("\n");
    assert!(
        notes.contains("--server: the service side of aws.protocols#awsQuery is not generated yet"),
        "{notes}"
    );
    let plain = generate(&service("awsJson1_0"), &Settings::default()).expect("generates");
    assert!(
        plain.files.iter().all(|f| f.path != "server.rs"),
        "only with the setting"
    );
}
