//! The fuzz targets' bodies, kept here so the committed corpus replays as ordinary
//! tests (`tests/tests/workspace/fuzz_corpus.rs`) on the stable toolchain, and `fuzz/` stays
//! a thin libFuzzer wrapper.

use iot_models::operation::describe_job_template::{DescribeJobTemplate, DescribeJobTemplateOutput};

/// Arbitrary bytes -> output -> `validate()` -> JSON -> output again: must not
/// panic, and the second parse must serialize identically to the first. The
/// operation's `response` (the runtime's own JSON reader, serde_json where it
/// gives up) must read the bytes as serde_json does.
pub fn output_round_trip(data: &[u8]) {
    let reference = serde_json::from_slice::<DescribeJobTemplateOutput>(data);
    same_as_serde_json(data, &reference);
    let Ok(first) = reference else {
        return;
    };
    // Validation may fail (clients parse leniently); it must not panic.
    let verdict = first.validate();
    let text = match serde_json::to_string(&first) {
        Ok(text) => text,
        Err(e) => panic!("a parsed value must serialize: {e}"),
    };
    let second: DescribeJobTemplateOutput = match serde_json::from_str(&text) {
        Ok(value) => value,
        Err(e) => panic!("our own JSON must parse: {e}\n{text}"),
    };
    // Compare through the text: NaN thresholds make `==` false on equal values.
    let again = serde_json::to_string(&second).unwrap_or_default();
    assert_eq!(again, text, "re-serialization changed the JSON");
    assert_eq!(second.validate(), verdict, "validation changed across a round trip");
}

/// A 200 response with `data` as its body reads as `reference` (an empty body
/// reads as `{}`, as a response's must).
fn same_as_serde_json(data: &[u8], reference: &serde_json::Result<DescribeJobTemplateOutput>) {
    let Ok(response) = http::Response::builder().status(200).body(data) else {
        panic!("a 200 response builds");
    };
    let read = DescribeJobTemplate::response(&response);
    // Compare through the text: NaN thresholds make `==` false on equal values.
    let text = |value: &DescribeJobTemplateOutput| serde_json::to_string(value).unwrap_or_default();
    match (read, reference) {
        (Ok(read), Ok(reference)) => assert_eq!(text(&read), text(reference), "response read the body differently"),
        (Err(_), Err(_)) => {}
        (Ok(_), Err(_)) if data.is_empty() => {}
        (read, reference) => panic!(
            "response and serde_json disagree: {:?} / {:?}",
            read.map(|v| text(&v)),
            reference.as_ref().map(text)
        ),
    }
}

/// Arbitrary bytes as a Smithy JSON AST: the generator returns `Ok` or an error,
/// never a panic.
pub fn codegen_spec(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = smithy_codegen::generate(text, &smithy_codegen::Operations::All);
}

/// Arbitrary bytes as a Smithy IDL file: loading returns a model or a located
/// error, never a panic; a model that loads, written back as IDL, reads back
/// as the same model.
pub fn idl_model(data: &[u8]) {
    use smithy_codegen::ast::assemble::{assemble, Source};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let model = match assemble(&[Source::new("fuzz.smithy", text)]) {
        Ok(model) => model,
        Err(e) => {
            let message = e.to_string();
            assert!(
                message.starts_with("fuzz.smithy:") || message.starts_with("conflicting model sources"),
                "an IDL error must name its file and position: {message}"
            );
            return;
        }
    };
    let files = match smithy_codegen::idl::write::write(&model) {
        Ok(files) => files,
        Err(e) => panic!("a model read from IDL must be writable as IDL: {e}"),
    };
    let sources: Vec<Source> = files
        .iter()
        .map(|f| Source::new(format!("{}.smithy", f.namespace), f.text.clone()))
        .collect();
    match assemble(&sources) {
        Ok(back) => assert_eq!(
            back, model,
            "the written IDL reads back differently:\n{}",
            files[0].text
        ),
        Err(e) => panic!("the written IDL does not read back: {e}\n{}", files[0].text),
    }
}
