//! The specialised `@pattern` matchers (an ASCII byte loop, a bounded class)
//! answer as the full regex they stand for does, on inputs at and past each
//! edge: the prefix, the required count, and both ends of every range.

use smithy_codegen_runtime::validate::{without_final_line_terminator, Pattern};

fn agree(fast: &Pattern, full: &str, inputs: &[&str]) {
    let full = Pattern::compile(full, false);
    for input in inputs {
        assert_eq!(fast.is_match(input), full.is_match(input), "{full:?} on {input:?}");
    }
}

const EDGES: &[&str] = &[
    "",
    "a",
    "z",
    "0",
    "9",
    "A",
    "Z",
    "`",
    "{",
    "/",
    ":",
    " ",
    "!",
    "~",
    "\u{7f}",
    "é",
    "ab09",
    "abC",
    "a-b",
    "arn",
    "arn:",
    "arn:x",
    "arn:!~",
    "arn: x",
    "arn:\u{7f}",
    "arn:é",
    "xrn:a",
    "arn:aaaa",
];

#[test]
fn one_range_with_a_prefix_and_a_required_character() {
    let fast = Pattern::ascii("arn:", &[(b'!', b'~')], 1);
    agree(&fast, "^arn:[!-~]+$", EDGES);
    assert!(fast.is_match("arn:x") && !fast.is_match("arn:"));
}

#[test]
fn several_ranges_without_a_prefix() {
    let fast = Pattern::ascii("", &[(b'a', b'z'), (b'0', b'9')], 0);
    agree(&fast, "^[a-z0-9]*$", EDGES);
    assert!(fast.is_match("") && fast.is_match("z9") && !fast.is_match("{"));
}

#[test]
fn ranges_reaching_the_last_ascii_character() {
    let single = Pattern::ascii("", &[(b' ', 0x7f)], 1);
    agree(&single, "^[ -\\x7f]+$", EDGES);
    let several = Pattern::ascii("", &[(b'0', b'0'), (b'~', 0x7f)], 1);
    agree(&several, "^[0~-\\x7f]+$", EDGES);
    assert!(several.is_match("\u{7f}0~") && !several.is_match("1"));
}

#[test]
fn a_bounded_class_counts_characters() {
    let fast = Pattern::bounded("^[a-cé]*\\z", 2, 3);
    agree(
        &fast,
        "^[a-cé]{2,3}$",
        &["", "a", "ab", "abc", "abca", "éé", "ad", "ééé", "éééé"],
    );
}

#[test]
fn javas_dollar_allows_one_final_line_terminator() {
    for terminator in ["\n", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}"] {
        let text = format!("abc{terminator}");
        assert_eq!(without_final_line_terminator(&text), Some("abc"), "{terminator:?}");
    }
    assert_eq!(without_final_line_terminator("abc"), None);
    assert_eq!(without_final_line_terminator("abc\n\n"), Some("abc\n"));
    let pattern = Pattern::ascii("", &[(b'a', b'z')], 1).allowing_final_line_terminator();
    assert!(pattern.is_match("abc\n") && pattern.is_match("abc\r\n"));
    assert!(!pattern.is_match("abc\n\n") && !pattern.is_match("\n"));
    assert!(!Pattern::ascii("", &[(b'a', b'z')], 1).is_match("abc\n"));
}
