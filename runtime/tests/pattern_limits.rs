//! `@pattern` checks on values built to make a pattern backtrack: the
//! linear engine never does, and the backtracking one (look-around,
//! back-references) stops at its step limit and reports no match, so the
//! value is refused rather than accepted or waited on. A counting allocator
//! measures memory, not the clock.

use smithy_codegen_runtime::validate::Pattern;

#[path = "support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::peak_during;

/// `a` repeated, then a byte that makes every way of splitting the `a`s fail.
fn hostile(len: usize) -> String {
    let mut value = "a".repeat(len);
    value.push('!');
    value
}

#[test]
fn nested_repetition_is_linear_on_the_linear_engine() {
    let pattern = Pattern::compile("^(a+)+$", false);
    let value = hostile(100_000);
    let (matched, peak) = peak_during(|| pattern.is_match(&value));
    assert!(!matched);
    assert!(
        peak <= 64 * value.len(),
        "{peak} bytes for a {}-byte value",
        value.len()
    );
}

#[test]
fn catastrophic_backtracking_stops_at_the_step_limit_as_no_match() {
    // The back-reference needs the backtracking engine; `((a|a)+)+`
    // against 30 `a`s and a `!` has more ways to fail than the step limit
    // allows (fancy-regex reports "Max limit for backtracking count exceeded").
    let pattern = Pattern::compile("^((a|a)+)+\\2$", true);
    let value = hostile(30);
    let (matched, peak) = peak_during(|| pattern.is_match(&value));
    assert!(!matched, "past the step limit the value counts as not matching");
    // It is the step limit that answered, not a quick failure.
    let engine = fancy_regex::Regex::new("^((a|a)+)+\\2$").expect("the pattern compiles");
    assert!(
        engine.is_match(&value).is_err(),
        "the search should exceed the step limit"
    );
    assert!(peak <= 1 << 20, "{peak} bytes");
    // The same pattern still matches what it should.
    assert!(pattern.is_match("aa"));
}
