//! The fuzz targets' bodies, kept here so the committed corpus replays as ordinary
//! tests (`tests/tests/workspace/fuzz_corpus.rs`) on the stable toolchain, and `fuzz/` stays
//! a thin libFuzzer wrapper.

use iot_models::operation::describe_job_template::DescribeJobTemplateOutput;

/// Arbitrary bytes -> output -> `validate()` -> JSON -> output again: must not
/// panic, and the second parse must serialize identically to the first.
pub fn output_round_trip(data: &[u8]) {
    let Ok(first) = serde_json::from_slice::<DescribeJobTemplateOutput>(data) else {
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

/// Arbitrary bytes as a Smithy JSON AST: the generator returns `Ok` or an error,
/// never a panic.
pub fn codegen_spec(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = codegen::generate(text, &codegen::Operations::All);
}
