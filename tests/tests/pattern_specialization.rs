//! Patterns the generator checks with a byte loop (`^prefix[set]+$` over ASCII)
//! must accept exactly what the regex accepts. Checked on every such pattern of
//! the shared models (and ours) against the reference samples and random strings.

use codegen::ir::pattern::{ascii_shape, translate};
use iot_models::runtime::validate::Pattern;
use proptest::prelude::*;

fn shared_patterns() -> Vec<String> {
    let path = tests::workspace_root().join("tests/fixtures/patterns/oracle.json");
    let oracle: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut patterns: Vec<String> = oracle["patterns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["pattern"].as_str().unwrap().to_owned())
        .collect();
    patterns.extend(["^[a-zA-Z0-9_-]+$", "^arn:[!-~]+$", r"^[a-z\-\.]*$"].map(str::to_owned));
    patterns
}

fn specialized(regex: &str) -> Option<Pattern> {
    let shape = ascii_shape(regex)?;
    let prefix: &'static str = Box::leak(shape.prefix.into_boxed_str());
    Some(Pattern::ascii(prefix, &shape.ranges, shape.at_least))
}

#[test]
fn byte_loop_patterns_agree_with_the_regex() {
    let samples = [
        "",
        "a",
        "A-z_9",
        "arn:",
        "arn:x",
        "arn:aws:iam::1:role/x",
        "arn: x",
        "xarn:y",
        "bad id!",
        "é",
        "a\n",
        "\u{7f}",
        "-",
        "_",
        ".",
        "a.b-c",
        "UPPER_CASE",
        "日本",
        "😀",
    ];
    let mut specialized_count = 0;
    for source in shared_patterns() {
        let (regex, _) = translate("test", &source).unwrap();
        let Some(fast) = specialized(&regex) else { continue };
        specialized_count += 1;
        let slow = Pattern::compile(&regex, false);
        for s in samples {
            assert_eq!(fast.is_match(s), slow.is_match(s), "{source:?} on {s:?}");
        }
        let mut runner = proptest::test_runner::TestRunner::default();
        runner
            .run(&"\\PC{0,12}|[ -~]{0,12}", |s| {
                prop_assert_eq!(fast.is_match(&s), slow.is_match(&s), "{:?} on {:?}", source, s);
                Ok(())
            })
            .unwrap();
    }
    assert!(specialized_count >= 5, "only {specialized_count} patterns specialized");
}
