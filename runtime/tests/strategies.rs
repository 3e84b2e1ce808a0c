//! The strategy building blocks keep their promises: valid strategies stay
//! within every bound and reach both ends, invalid ones break exactly the one
//! constraint they name, and every kind of break they offer does occur.
//! Values are drawn from a deterministic runner and judged by plain
//! comparisons here, not by the validator.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use proptest::strategy::{BoxedStrategy, Just, Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use smithy_codegen_runtime::strategies::{self, Expected, StringBreaks, MAX_GENERATED_LEN};
use smithy_codegen_runtime::validate::{FloatBound, Pattern, Rules};
use smithy_codegen_runtime::{ClientCorrections, ConstraintKind};

/// Draws from the same seed every run.
const DRAWS: usize = 400;

fn draw<T: std::fmt::Debug>(strategy: &BoxedStrategy<T>, n: usize) -> Vec<T> {
    let mut runner = TestRunner::deterministic();
    (0..n)
        .map(|_| {
            strategy
                .new_tree(&mut runner)
                .unwrap_or_else(|e| panic!("the strategy gave no value: {e}"))
                .current()
        })
        .collect()
}

fn chars(s: &str) -> u64 {
    s.chars().count() as u64
}

static LOWER: LazyLock<Pattern> = LazyLock::new(|| Pattern::compile("^[a-z]+$", false));
static LOWER_RULES: Rules = Rules::NONE.length(Some(2), Some(5), "len").pattern(&LOWER, "lower");
static LOWER_FROM_ONE: Rules = Rules::NONE.length(Some(1), Some(5), "len").pattern(&LOWER, "lower");
static HUGE_MAX: Rules = Rules::NONE.length(Some(3), Some(200_000), "len");

#[test]
fn expected_paths_are_json_pointers_outermost_first() {
    let expected = Expected::new(ConstraintKind::Pattern)
        .under_index(3)
        .under_field("a/b~c")
        .under_field("outer");
    assert_eq!(expected.path(), "/outer/a~1b~0c/3");
    assert_eq!(expected.kind(), ConstraintKind::Pattern);
    assert_eq!(Expected::new(ConstraintKind::Range).path(), "");
}

#[test]
fn unconstrained_strings_are_short_and_bounded_ones_in_bounds() {
    let free = draw(&strategies::string(None, None, None), DRAWS);
    assert!(free.iter().all(|s| chars(s) <= MAX_GENERATED_LEN));
    assert!(free.iter().any(String::is_empty));
    assert!(free.iter().any(|s| chars(s) == MAX_GENERATED_LEN));

    let bounded = draw(&strategies::string(None, Some(3), Some(7)), DRAWS);
    let lengths: BTreeSet<u64> = bounded.iter().map(|s| chars(s)).collect();
    assert_eq!(lengths, (3..=7).collect(), "every length from 3 to 7");

    let open_above = draw(&strategies::string(None, Some(30), None), DRAWS);
    assert!(open_above
        .iter()
        .all(|s| (30..=30 + MAX_GENERATED_LEN).contains(&chars(s))));
}

#[test]
fn pattern_strings_longer_than_the_maximum_are_dropped() {
    let values = draw(&strategies::string_for(&LOWER_RULES, Some("[a-z]{1,12}")), DRAWS);
    assert!(values.iter().all(|s| (2..=5).contains(&chars(s))), "{values:?}");
}

#[test]
fn pattern_strings_match_and_are_padded_to_the_minimum() {
    let values = draw(&strategies::string_for(&LOWER_RULES, Some("[a-z]")), DRAWS);
    assert!(
        values.iter().all(|s| LOWER.is_match(s) && (2..=5).contains(&chars(s))),
        "{values:?}"
    );
    // One generated letter is repeated up to the minimum of two.
    assert!(values.iter().any(|s| chars(s) == 2));
}

/// Each value breaks only what it says it breaks; returns the kinds seen and
/// whether a too-short and a too-long value occurred.
fn judge(values: &[(String, Expected)], pattern: Option<&Pattern>, min: u64, max: u64) -> (bool, bool, bool) {
    let (mut short, mut long, mut off_pattern) = (false, false, false);
    for (s, expected) in values {
        let n = chars(s);
        let matches = pattern.is_none_or(|p| p.is_match(s));
        assert_eq!(expected.path(), "");
        match expected.kind() {
            ConstraintKind::Length => {
                assert!(matches, "{s:?} should break only the length");
                assert!(n < min || n == max + 1, "{s:?} is {n} characters, bounds {min}..={max}");
                short |= n < min;
                long |= n > max;
            }
            ConstraintKind::Pattern => {
                assert!(!matches, "{s:?} should break the pattern");
                assert!((min..=max).contains(&n), "{s:?} should keep the length");
                off_pattern = true;
            }
            other => panic!("{s:?}: unexpected kind {other:?}"),
        }
    }
    (short, long, off_pattern)
}

#[test]
fn invalid_strings_break_exactly_one_constraint_and_every_kind_occurs() {
    let values = draw(&strategies::invalid_string_for(&LOWER_RULES, Some("[a-z]")), DRAWS);
    assert_eq!(judge(&values, Some(&LOWER), 2, 5), (true, true, true));

    // With a pattern, a minimum of one cannot be broken: the empty string
    // would break the pattern too.
    let values = draw(&strategies::invalid_string_for(&LOWER_FROM_ONE, Some("[a-z]")), DRAWS);
    assert_eq!(judge(&values, Some(&LOWER), 1, 5), (false, true, true));

    // A maximum past 100,000 is not worth a value that long.
    let values = draw(&strategies::invalid_string_for(&HUGE_MAX, None), 50);
    assert_eq!(judge(&values, None, 3, 200_000), (true, false, false));
}

#[test]
fn invalid_strings_offer_only_the_breaks_asked_for() {
    let valid = strategies::string(None, Some(2), Some(4));
    let only_long = StringBreaks {
        short: false,
        long: true,
        pattern: false,
    };
    let values = draw(
        &strategies::invalid_string(valid.clone(), None, Some(2), Some(4), only_long),
        100,
    );
    assert_eq!(judge(&values, None, 2, 4), (false, true, false));
    assert!(values.iter().all(|(s, _)| chars(s) == 5));

    let only_short = StringBreaks {
        short: true,
        long: false,
        pattern: false,
    };
    let values = draw(
        &strategies::invalid_string(valid, None, Some(2), Some(4), only_short),
        100,
    );
    assert_eq!(judge(&values, None, 2, 4), (true, false, false));
    assert!(values.iter().all(|(s, _)| chars(s) == 1));
}

#[test]
fn a_pattern_break_at_the_maximum_length_stays_within_it() {
    let valid = Just("abcde".to_string()).boxed();
    let breaks = StringBreaks {
        short: false,
        long: false,
        pattern: true,
    };
    let values = draw(
        &strategies::invalid_string(valid, Some(&LOWER), None, Some(5), breaks),
        50,
    );
    assert!(values
        .iter()
        .all(|(s, e)| chars(s) == 5 && e.kind() == ConstraintKind::Pattern && !LOWER.is_match(s)));
}

#[test]
fn integers_outside_a_range_are_on_both_sides_and_within_the_type() {
    let values = draw(&strategies::int_outside(Some(-3), Some(10), -128, 127), DRAWS);
    assert!(values
        .iter()
        .all(|(v, e)| (*v < -3 || *v > 10) && (-128..=127).contains(v) && e.kind() == ConstraintKind::Range));
    assert!(values.iter().any(|(v, _)| *v == -4));
    assert!(values.iter().any(|(v, _)| *v == 11));
    assert!(values.iter().any(|(v, _)| *v < -4));
    assert!(values.iter().any(|(v, _)| *v > 11));

    // A bound at the type's own limit has no outside.
    let values = draw(&strategies::int_outside(Some(-128), Some(0), -128, 127), 100);
    assert!(values.iter().all(|(v, _)| *v > 0));
    let values = draw(&strategies::int_outside(Some(0), Some(127), -128, 127), 100);
    assert!(values.iter().all(|(v, _)| *v < 0));
}

#[test]
fn integers_in_a_range_reach_both_ends_clamped_to_the_type() {
    let values = draw(&strategies::int_in::<i8>(Some(-5), Some(300)), DRAWS);
    assert!(values.iter().all(|v| (-5..=127).contains(v)));
    assert!(values.contains(&-5) && values.contains(&127));

    let values = draw(&strategies::int_in::<i16>(None, Some(-1000)), DRAWS);
    assert!(values.iter().all(|v| *v <= -1000));
    assert!(values.contains(&i16::MIN) && values.contains(&-1000));

    let values = draw(&strategies::int_outside_of::<i32>(Some(0), None), 100);
    assert!(values.iter().all(|(v, _)| *v < 0) && values.iter().any(|(v, _)| *v == -1));
}

#[test]
fn integer_rules_are_read_from_the_range() {
    static RANGE: Rules = Rules::NONE.int_range(Some(1), Some(3), "range");
    let valid: BTreeSet<i64> = draw(&strategies::int_for::<i64>(&RANGE), DRAWS).into_iter().collect();
    assert_eq!(valid, BTreeSet::from([1, 2, 3]));
    let invalid = draw(&strategies::int_outside_for::<i64>(&RANGE), DRAWS);
    assert!(invalid.iter().all(|(v, _)| !(1..=3).contains(v)));
    assert!(invalid.iter().any(|(v, _)| *v == 0) && invalid.iter().any(|(v, _)| *v == 4));
}

fn inclusive(value: f64) -> Option<FloatBound> {
    Some(FloatBound { value, strict: false })
}

fn strict(value: f64) -> Option<FloatBound> {
    Some(FloatBound { value, strict: true })
}

#[test]
fn doubles_stay_in_bounds_and_reach_them() {
    let values = draw(&strategies::double(inclusive(1.0), inclusive(2.0)), DRAWS);
    assert!(values.iter().all(|v| (1.0..=2.0).contains(v)));
    assert!(values.contains(&1.0) && values.contains(&2.0));

    let values = draw(&strategies::double(strict(1.0), strict(2.0)), DRAWS);
    assert!(values.iter().all(|v| *v > 1.0 && *v < 2.0));
    assert!(values.contains(&1.0f64.next_up()) && values.contains(&2.0f64.next_down()));

    let values = draw(&strategies::double(inclusive(0.0), None), DRAWS);
    assert!(values.iter().all(|v| *v >= 0.0) && values.contains(&f64::INFINITY) && values.contains(&0.0));
    assert!(values.iter().any(|v| v.is_finite() && *v > 1.0));

    let values = draw(&strategies::double(None, inclusive(0.0)), DRAWS);
    assert!(values.iter().all(|v| *v <= 0.0) && values.contains(&f64::NEG_INFINITY));
    assert!(values.iter().any(|v| v.is_finite() && *v < -1.0));

    let values = draw(&strategies::double(None, None), DRAWS);
    assert!(values.iter().all(|v| !v.is_nan()));
    assert!(values.iter().any(|v| v.is_infinite()) && values.contains(&0.0));
}

#[test]
fn doubles_outside_bounds_are_nan_or_just_and_far_beyond() {
    let values: Vec<f64> = draw(&strategies::double_outside(inclusive(1.0), inclusive(2.0)), DRAWS)
        .into_iter()
        .map(|(v, e)| {
            assert_eq!(e.kind(), ConstraintKind::Range);
            v
        })
        .collect();
    assert!(values.iter().all(|v| v.is_nan() || *v < 1.0 || *v > 2.0));
    assert!(values.iter().any(|v| v.is_nan()));
    assert!(values.contains(&1.0f64.next_down()) && values.contains(&2.0f64.next_up()));
    assert!(values.contains(&f64::NEG_INFINITY) && values.contains(&f64::INFINITY));
    assert!(values.iter().any(|v| v.is_finite() && *v < 0.0));
    assert!(values.iter().any(|v| v.is_finite() && *v > 3.0));

    // A strict bound's own double is already outside.
    let values: Vec<f64> = draw(&strategies::double_outside(strict(1.0), strict(2.0)), DRAWS)
        .into_iter()
        .map(|(v, _)| v)
        .collect();
    assert!(values.iter().all(|v| v.is_nan() || *v <= 1.0 || *v >= 2.0));
    assert!(values.contains(&1.0) && values.contains(&2.0));
}

#[test]
fn floats_stay_in_bounds_after_narrowing() {
    static RANGE: Rules = Rules::NONE.float_range(
        Some(FloatBound {
            value: 0.1,
            strict: false,
        }),
        Some(FloatBound {
            value: 0.5,
            strict: true,
        }),
        "range",
    );
    let values = draw(&strategies::float(strict(0.5), strict(1.5)), DRAWS);
    assert!(values.iter().all(|v| *v > 0.5 && *v < 1.5), "{values:?}");
    let values = draw(&strategies::float(inclusive(0.5), inclusive(1.5)), DRAWS);
    assert!(values.iter().all(|v| (0.5..=1.5).contains(v)) && values.contains(&0.5) && values.contains(&1.5));
    let values = draw(&strategies::float_for(&RANGE), DRAWS);
    assert!(
        values.iter().all(|v| f64::from(*v) >= 0.1 && f64::from(*v) < 0.5),
        "{values:?}"
    );
    let values = draw(&strategies::double_for(&RANGE), DRAWS);
    assert!(values.iter().all(|v| *v >= 0.1 && *v < 0.5) && values.contains(&0.1));
    let values = draw(&strategies::double_outside_for(&RANGE), DRAWS);
    assert!(values.iter().all(|(v, _)| v.is_nan() || *v < 0.1 || *v >= 0.5));
    assert!(values.iter().any(|(v, _)| *v == 0.5));
}

#[test]
fn timestamps_span_smithys_range_at_millisecond_resolution() {
    let values = draw(&strategies::timestamp(), DRAWS);
    assert!(values
        .iter()
        .all(|t| (1..=9999).contains(&t.year()) && t.nanosecond() % 1_000_000 == 0));
    assert!(values.iter().any(|t| t.unix_timestamp() == 0));
    assert!(values.iter().any(|t| t.year() < 1970));
    assert!(values.iter().any(|t| t.millisecond() != 0));
    let seconds = draw(&strategies::timestamp_seconds(), DRAWS);
    assert!(seconds.iter().all(|t| t.nanosecond() == 0));
}

#[derive(Debug, PartialEq)]
struct Word(String);

impl From<&str> for Word {
    fn from(s: &str) -> Self {
        Word(s.to_string())
    }
}

impl From<String> for Word {
    fn from(s: String) -> Self {
        Word(s)
    }
}

#[derive(Debug, PartialEq)]
struct Code(i32);

impl From<i32> for Code {
    fn from(v: i32) -> Self {
        Code(v)
    }
}

#[test]
fn enums_are_known_or_outside_the_known_set() {
    const KNOWN: &[&str] = &["ACTIVE", "DONE"];
    let known: BTreeSet<String> = draw(&strategies::known_enum::<Word>(KNOWN), 100)
        .into_iter()
        .map(|w| w.0)
        .collect();
    assert_eq!(known, BTreeSet::from(["ACTIVE".to_string(), "DONE".to_string()]));
    let unknown = draw(&strategies::unknown_enum::<Word>(KNOWN), DRAWS);
    assert!(unknown
        .iter()
        .all(|(w, e)| !KNOWN.contains(&w.0.as_str()) && e.kind() == ConstraintKind::Enum));

    const CODES: &[i32] = &[1, 2];
    let known: BTreeSet<i32> = draw(&strategies::known_int_enum::<Code>(CODES), 100)
        .into_iter()
        .map(|c| c.0)
        .collect();
    assert_eq!(known, BTreeSet::from([1, 2]));
    let unknown = draw(&strategies::unknown_int_enum::<Code>(CODES), DRAWS);
    assert!(unknown
        .iter()
        .all(|(c, e)| !CODES.contains(&c.0) && e.kind() == ConstraintKind::Enum));
}

fn small() -> BoxedStrategy<u8> {
    (0u8..4).boxed()
}

#[test]
fn lists_respect_length_and_uniqueness() {
    let lists = draw(&strategies::list(small(), Some(2), Some(20)), DRAWS);
    let lengths: BTreeSet<usize> = lists.iter().map(Vec::len).collect();
    assert_eq!(lengths, (2..=8).collect(), "at most six past the minimum");

    let unique = draw(&strategies::unique_list(small(), Some(2), Some(3)), DRAWS);
    for list in &unique {
        assert!((2..=3).contains(&list.len()), "{list:?}");
        let distinct: BTreeSet<&u8> = list.iter().collect();
        assert_eq!(distinct.len(), list.len(), "{list:?} repeats an item");
    }

    static UNIQUE: Rules = Rules::NONE.length(Some(1), Some(3), "len").unique_items();
    static PLAIN: Rules = Rules::NONE.length(Some(5), Some(5), "len");
    let unique = draw(&strategies::list_for(small(), &UNIQUE), DRAWS);
    assert!(unique
        .iter()
        .all(|l| l.iter().collect::<BTreeSet<_>>().len() == l.len() && !l.is_empty()));
    let plain = draw(&strategies::list_for(small(), &PLAIN), DRAWS);
    assert!(plain.iter().all(|l| l.len() == 5));
    assert!(
        plain.iter().any(|l| l.iter().collect::<BTreeSet<_>>().len() < 5),
        "repeats are allowed"
    );
}

#[test]
fn a_list_with_a_duplicate_repeats_an_item_within_the_maximum() {
    let lists = draw(&strategies::list_with_duplicate(small(), Some(0), Some(3)), DRAWS);
    for (list, expected) in &lists {
        assert_eq!(expected.kind(), ConstraintKind::UniqueItems);
        assert!((2..=3).contains(&list.len()), "{list:?}");
        let distinct: BTreeSet<&u8> = list.iter().collect();
        assert_eq!(distinct.len(), list.len() - 1, "{list:?} repeats exactly one item once");
    }
    assert!(lists.iter().any(|(l, _)| l.len() == 3));
}

#[test]
fn lists_of_a_bad_length_are_one_past_either_bound() {
    let lists = draw(
        &strategies::list_bad_length(small(), Some(2), Some(4)).expect("both bounds can break"),
        DRAWS,
    );
    let lengths: BTreeSet<usize> = lists.iter().map(|(l, _)| l.len()).collect();
    assert_eq!(lengths, BTreeSet::from([1, 5]));
    assert!(lists.iter().all(|(_, e)| e.kind() == ConstraintKind::Length));

    assert!(strategies::list_bad_length(small(), Some(0), None).is_none());
    assert!(strategies::list_bad_length(small(), None, Some(1024)).is_none());
    let lists = draw(
        &strategies::list_bad_length(small(), None, Some(1023)).expect("a maximum"),
        5,
    );
    assert!(lists.iter().all(|(l, _)| l.len() == 1024));
}

#[test]
fn a_list_with_an_invalid_item_names_its_index() {
    let bad = Just((99u8, Expected::new(ConstraintKind::Range))).boxed();
    let lists = draw(
        &strategies::list_with_invalid_item(small(), bad, Some(0), Some(10)),
        DRAWS,
    );
    let mut positions = BTreeSet::new();
    for (list, expected) in &lists {
        assert!((1..=5).contains(&list.len()), "{list:?}");
        let at: Vec<usize> = list
            .iter()
            .enumerate()
            .filter(|(_, v)| **v == 99)
            .map(|(i, _)| i)
            .collect();
        assert_eq!(at.len(), 1, "{list:?}");
        assert_eq!(expected.path(), format!("/{}", at[0]));
        positions.insert(at[0]);
    }
    assert!(positions.len() > 1, "the bad item moves: {positions:?}");
}

#[test]
fn blobs_and_maps_respect_their_lengths() {
    static LEN: Rules = Rules::NONE.length(Some(1), Some(3), "len");
    let blobs = draw(&strategies::blob_for(&LEN), DRAWS);
    let lengths: BTreeSet<usize> = blobs.iter().map(|b| b.as_ref().len()).collect();
    assert_eq!(lengths, BTreeSet::from([1, 2, 3]));

    let maps = draw(
        &strategies::map((0u16..1000).boxed(), small(), Some(1), Some(30)),
        DRAWS,
    );
    let sizes: BTreeSet<usize> = maps.iter().map(|m| m.len()).collect();
    assert_eq!(sizes, (1..=5).collect(), "at most four past the minimum");
}

#[test]
fn documents_are_never_null_at_the_top_and_take_every_kind() {
    let documents = draw(&strategies::document(), DRAWS);
    let kinds: BTreeSet<&str> = documents
        .iter()
        .map(|d| match d.to_value().expect("a document is JSON") {
            serde_json::Value::Null => panic!("a null document"),
            serde_json::Value::Bool(_) => "bool",
            serde_json::Value::Number(_) => "number",
            serde_json::Value::String(_) => "string",
            serde_json::Value::Array(_) => "array",
            serde_json::Value::Object(_) => "object",
        })
        .collect();
    assert_eq!(kinds.len(), 5, "{kinds:?}");
    assert!(
        documents.iter().any(|d| d.as_json().contains("null")),
        "null only nested"
    );
}

#[test]
fn big_numbers_are_exact_and_varied() {
    let integers = draw(&strategies::big_integer(), 100);
    assert!(integers.iter().all(|i| i.as_str().parse::<i64>().is_ok()));
    assert!(integers.iter().any(|i| i.as_str().starts_with('-')));
    let decimals = draw(&strategies::big_decimal(), DRAWS);
    let text: Vec<String> = decimals.iter().map(|d| d.as_str().to_string()).collect();
    assert!(text.iter().any(|t| t.contains(['e', 'E'])), "{text:?}");
    assert!(text.iter().any(|t| t.contains('.')));
}

#[derive(Debug, Clone, Default)]
struct Holder {
    name: String,
    count: i32,
    corrections: ClientCorrections,
}

#[test]
fn structure_injections_name_the_member() {
    let valid = Just(Holder {
        name: "ok".into(),
        count: 3,
        ..Holder::default()
    })
    .boxed();

    let bad = Just(("".to_string(), Expected::new(ConstraintKind::Length))).boxed();
    let values = draw(
        &strategies::with_bad_member(valid.clone(), bad, "the/name", |h: &mut Holder, v| h.name = v),
        3,
    );
    assert!(values
        .iter()
        .all(|(h, e)| h.name.is_empty() && e.path() == "/the~1name" && e.kind() == ConstraintKind::Length));

    let values = draw(
        &strategies::without_member(valid.clone(), "name", |h: &mut Holder| h.name.clear()),
        3,
    );
    assert!(values
        .iter()
        .all(|(h, e)| h.name.is_empty() && e.path() == "/name" && e.kind() == ConstraintKind::Required));

    let values = draw(
        &strategies::without_corrected(valid, "count", |h: &mut Holder| (&mut h.count, &mut h.corrections)),
        3,
    );
    for (holder, expected) in &values {
        assert_eq!(holder.count, 0, "the corrected value of an integer");
        assert!(holder.corrections.contains("count"));
        assert_eq!(expected.path(), "/count");
        assert_eq!(expected.kind(), ConstraintKind::Required);
    }

    let either = strategies::one_of(vec![Just(1u8).boxed(), Just(2u8).boxed()]);
    assert_eq!(
        draw(&either, 100).into_iter().collect::<BTreeSet<_>>(),
        BTreeSet::from([1, 2])
    );
}
