//! Building blocks for the generated proptest strategies (feature `proptest`).
//!
//! Valid strategies satisfy every constraint; invalid ones inject exactly one
//! violation and say where ([`Expected`]). Candidate invalid values are kept only
//! when an independent oracle (a character count, the pattern itself) confirms
//! they break the targeted constraint and nothing else, so the strategies never
//! borrow the validator's own code to decide what is invalid.

use proptest::prelude::*;
use proptest::strategy::{BoxedStrategy, Just, Strategy, Union};
use time::OffsetDateTime;

use super::validate::{ConstraintKind, FloatBound, Pattern as Regex, Rules};
use super::{ClientCorrections, ErrorCorrection};

/// The proptest the generated impls name (through [`strategy_impls!`](crate::strategy_impls)).
#[doc(hidden)]
pub use proptest;

/// Longest collection or unconstrained string a valid strategy generates; keeps
/// cases small without missing any bound (lower bounds are always reachable).
pub const MAX_GENERATED_LEN: u64 = 24;

/// The violation an invalid strategy injected: where and what kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// Path segments, innermost first (strategies are built inside out).
    reversed: Vec<String>,
    kind: ConstraintKind,
}

impl Expected {
    /// A violation of `kind` at the value itself.
    pub fn new(kind: ConstraintKind) -> Self {
        Self {
            reversed: Vec::new(),
            kind,
        }
    }

    /// The same violation, seen from the structure that holds the value as `member`.
    pub fn under_field(mut self, member: &str) -> Self {
        self.reversed.push(escape(member));
        self
    }

    /// The same violation, seen from the list that holds the value at `index`.
    pub fn under_index(mut self, index: usize) -> Self {
        self.reversed.push(index.to_string());
        self
    }

    /// JSON pointer of the violation, as `Violation::path` renders it.
    pub fn path(&self) -> String {
        self.reversed.iter().rev().map(|s| format!("/{s}")).collect()
    }

    /// The kind of constraint broken.
    pub fn kind(&self) -> ConstraintKind {
        self.kind
    }
}

fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

fn len_range(min: Option<u64>, max: Option<u64>) -> (usize, usize) {
    let lo = min.unwrap_or(0);
    let hi = max.unwrap_or(u64::MAX).min(lo.saturating_add(MAX_GENERATED_LEN));
    (
        usize::try_from(lo).unwrap_or(usize::MAX),
        usize::try_from(hi).unwrap_or(usize::MAX),
    )
}

fn length_ok(s: &str, min: Option<u64>, max: Option<u64>) -> bool {
    let n = s.chars().count() as u64;
    min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m)
}

/// Valid strings: from the pattern (`generator` is its anchor-free form) or from
/// any characters, with the length bounds respected.
pub fn string(
    pattern: Option<(&'static Regex, &'static str)>,
    min: Option<u64>,
    max: Option<u64>,
) -> BoxedStrategy<String> {
    match pattern {
        Some((regex, generator)) => {
            let base = proptest::string::string_regex(generator)
                .unwrap_or_else(|e| panic!("pattern generator {generator:?} is not usable by proptest: {e}"));
            let (lo, _) = len_range(min, max);
            // Short patterns may need padding up to the minimum: repeat the sample.
            base.prop_map(move |s| {
                if s.is_empty() || s.chars().count() >= lo {
                    s
                } else {
                    s.repeat(lo.div_ceil(s.chars().count()))
                }
            })
            .prop_filter("matches the pattern within the length bounds", move |s| {
                regex.is_match(s) && length_ok(s, min, max)
            })
            .boxed()
        }
        None => {
            let (lo, hi) = len_range(min, max);
            proptest::collection::vec(any::<char>(), lo..=hi)
                .prop_map(String::from_iter)
                .boxed()
        }
    }
}

/// Which string constraints an invalid strategy may break; the generator decides
/// which are feasible (a too-short string that still matches `^[a-z]+$` cannot be
/// empty, so `short` is off for a minimum of 1 with a pattern).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StringBreaks {
    /// Fewer characters than `min`.
    pub short: bool,
    /// More characters than `max`.
    pub long: bool,
    /// Not matching the pattern.
    pub pattern: bool,
}

/// Valid strings for a string position's constraint set; `generator` is the
/// pattern's generating regex (when the set has a pattern).
pub fn string_for(rules: &'static Rules, generator: Option<&'static str>) -> BoxedStrategy<String> {
    let pattern = rules
        .pattern
        .zip(generator)
        .map(|((pattern, _), generator)| (&**pattern, generator));
    let (min, max) = rules.length.map_or((None, None), |b| (b.min, b.max));
    string(pattern, min, max)
}

/// Strings that break exactly one constraint of a string position's set:
/// too short (when at least one character is required, or two with a
/// pattern), too long (up to 100,000 characters), or off the pattern.
pub fn invalid_string_for(rules: &'static Rules, generator: Option<&'static str>) -> BoxedStrategy<(String, Expected)> {
    let (min, max) = rules.length.map_or((None, None), |b| (b.min, b.max));
    let low = min.unwrap_or(0);
    let breaks = StringBreaks {
        short: low > 0 && (rules.pattern.is_none() || low >= 2),
        long: max.is_some_and(|m| m <= 100_000),
        pattern: rules.pattern.is_some(),
    };
    let pattern = rules.pattern.map(|(pattern, _)| &**pattern);
    invalid_string(string_for(rules, generator), pattern, min, max, breaks)
}

/// Strings that break exactly one of the string constraints.
pub fn invalid_string(
    valid: BoxedStrategy<String>,
    pattern: Option<&'static Regex>,
    min: Option<u64>,
    max: Option<u64>,
    breaks: StringBreaks,
) -> BoxedStrategy<(String, Expected)> {
    let matches = move |s: &str| pattern.is_none_or(|r| r.is_match(s));
    let mut options: Vec<BoxedStrategy<(String, Expected)>> = Vec::new();
    if let Some(min) = min.filter(|m| breaks.short && *m > 0) {
        let keep = usize::try_from(min - 1).unwrap_or(0);
        options.push(
            valid
                .clone()
                .prop_map(move |s| s.chars().take(keep).collect::<String>())
                .prop_filter("too short, still matching", move |s: &String| {
                    (s.chars().count() as u64) < min && matches(s)
                })
                .prop_map(|s| (s, Expected::new(ConstraintKind::Length)))
                .boxed(),
        );
    }
    if let Some(max) = max.filter(|_| breaks.long) {
        let target = usize::try_from(max + 1).unwrap_or(usize::MAX);
        options.push(
            valid
                .clone()
                .prop_filter("non-empty seed", |s| !s.is_empty())
                .prop_map(move |s| {
                    let n = s.chars().count();
                    s.repeat(target.div_ceil(n)).chars().take(target).collect::<String>()
                })
                .prop_filter("too long, still matching", move |s: &String| matches(s))
                .prop_map(|s| (s, Expected::new(ConstraintKind::Length)))
                .boxed(),
        );
    }
    if let Some(regex) = pattern.filter(|_| breaks.pattern) {
        options.push(
            (valid, prop::sample::select(vec!['\u{0}', '\u{7f}', '\u{200d}']))
                .prop_map(move |(s, bad)| {
                    let mut chars: Vec<char> = s.chars().collect();
                    if max.is_some_and(|m| chars.len() as u64 >= m) {
                        chars.pop();
                    }
                    chars.insert(0, bad);
                    chars.into_iter().collect::<String>()
                })
                .prop_filter("breaks only the pattern", move |s: &String| {
                    !regex.is_match(s) && length_ok(s, min, max)
                })
                .prop_map(|s| (s, Expected::new(ConstraintKind::Pattern)))
                .boxed(),
        );
    }
    Union::new(options).boxed()
}

/// Integers outside `[min, max]` (either side that exists), as `i64`.
pub fn int_outside(min: Option<i64>, max: Option<i64>, type_min: i64, type_max: i64) -> BoxedStrategy<(i64, Expected)> {
    let mut options: Vec<BoxedStrategy<i64>> = Vec::new();
    if let Some(min) = min.filter(|m| *m > type_min) {
        options.push(Just(min - 1).boxed());
        options.push((type_min..=min - 1).boxed());
    }
    if let Some(max) = max.filter(|m| *m < type_max) {
        options.push(Just(max + 1).boxed());
        options.push((max + 1..=type_max).boxed());
    }
    Union::new(options)
        .prop_map(|v| (v, Expected::new(ConstraintKind::Range)))
        .boxed()
}

/// The integer types of Smithy's `byte`, `short`, `integer` and `long`, for
/// strategies generic over them.
pub trait Integer: Copy + std::fmt::Debug + 'static {
    /// The type's least value.
    const MIN: i64;
    /// The type's greatest value.
    const MAX: i64;
    /// `value`, known to be within the type's limits.
    fn narrow(value: i64) -> Self;
}

macro_rules! integer {
    ($($t:ty),*) => {$(
        impl Integer for $t {
            const MIN: i64 = <$t>::MIN as i64;
            const MAX: i64 = <$t>::MAX as i64;
            fn narrow(value: i64) -> Self {
                <$t>::try_from(value).unwrap_or_default()
            }
        }
    )*};
}
integer!(i8, i16, i32, i64);

/// Valid integers of type `T` within `min..=max` (the type's limits when
/// absent), with both ends drawn often.
pub fn int_in<T: Integer>(min: Option<i64>, max: Option<i64>) -> BoxedStrategy<T> {
    let clamp = |bound: Option<i64>, absent: i64| bound.unwrap_or(absent).clamp(T::MIN, T::MAX);
    let (lo, hi) = (clamp(min, T::MIN), clamp(max, T::MAX));
    Union::new([(lo..=hi).boxed(), Just(lo).boxed(), Just(hi).boxed()])
        .prop_map(T::narrow)
        .boxed()
}

/// Integers of type `T` just and far outside `min..=max`, as `Range` violations.
pub fn int_outside_of<T: Integer>(min: Option<i64>, max: Option<i64>) -> BoxedStrategy<(T, Expected)> {
    int_outside(min, max, T::MIN, T::MAX)
        .prop_map(|(value, expected)| (T::narrow(value), expected))
        .boxed()
}

/// A generated type's strategies, for generic property tests.
pub trait Generate: Sized + std::fmt::Debug {
    /// Values satisfying every constraint.
    fn valid() -> BoxedStrategy<Self>;
    /// Values with exactly one violation, and where it is; `None` when the type
    /// has no constraint that a value could break.
    fn invalid() -> Option<BoxedStrategy<(Self, Expected)>>;
}

/// Valid doubles within optional exact bounds; never NaN (NaN breaks `==`).
pub fn double(min: Option<FloatBound>, max: Option<FloatBound>) -> BoxedStrategy<f64> {
    let lo = min.map(|b| if b.strict { b.value.next_up() } else { b.value });
    let hi = max.map(|b| if b.strict { b.value.next_down() } else { b.value });
    let mut options: Vec<BoxedStrategy<f64>> = Vec::new();
    match (lo, hi) {
        (Some(lo), Some(hi)) => {
            options.push((lo..=hi).boxed());
            options.push(Just(lo).boxed());
            options.push(Just(hi).boxed());
        }
        (Some(lo), None) => {
            options.push((lo..=f64::MAX).boxed());
            options.push(Just(lo).boxed());
            options.push(Just(f64::INFINITY).boxed());
        }
        (None, Some(hi)) => {
            options.push((f64::MIN..=hi).boxed());
            options.push(Just(hi).boxed());
            options.push(Just(f64::NEG_INFINITY).boxed());
        }
        (None, None) => {
            use proptest::num::f64 as float;
            options.push((float::NORMAL | float::SUBNORMAL | float::ZERO | float::INFINITE).boxed());
        }
    }
    Union::new(options).boxed()
}

/// Doubles outside the bounds: NaN, the nearest double beyond each bound, and
/// the infinity on each bounded side.
pub fn double_outside(min: Option<FloatBound>, max: Option<FloatBound>) -> BoxedStrategy<(f64, Expected)> {
    let mut options: Vec<BoxedStrategy<f64>> = vec![Just(f64::NAN).boxed()];
    if let Some(b) = min {
        let below = if b.strict { b.value } else { b.value.next_down() };
        options.push(Just(below).boxed());
        options.push(Just(f64::NEG_INFINITY).boxed());
        options.push((f64::MIN..=below).boxed());
    }
    if let Some(b) = max {
        let above = if b.strict { b.value } else { b.value.next_up() };
        options.push(Just(above).boxed());
        options.push(Just(f64::INFINITY).boxed());
        options.push((above..=f64::MAX).boxed());
    }
    Union::new(options)
        .prop_map(|v| (v, Expected::new(ConstraintKind::Range)))
        .boxed()
}

/// Valid `f32`s: the `f64` strategy narrowed, kept only when still in bounds.
pub fn float(min: Option<FloatBound>, max: Option<FloatBound>) -> BoxedStrategy<f32> {
    double(min, max)
        .prop_map(|v| v as f32)
        .prop_filter("in bounds after narrowing", move |v| {
            let v = f64::from(*v);
            min.is_none_or(|b| if b.strict { v > b.value } else { v >= b.value })
                && max.is_none_or(|b| if b.strict { v < b.value } else { v <= b.value })
        })
        .boxed()
}

/// Timestamps at whole seconds (`http-date` has no fraction).
pub fn timestamp_seconds() -> BoxedStrategy<OffsetDateTime> {
    timestamp().prop_map(|t| t.replace_millisecond(0).unwrap_or(t)).boxed()
}

/// Timestamps at millisecond resolution across Smithy's whole range.
pub fn timestamp() -> BoxedStrategy<OffsetDateTime> {
    const MIN_MS: i64 = -62_135_596_800_000;
    const MAX_MS: i64 = 253_402_300_799_999;
    prop_oneof![
        (MIN_MS..=MAX_MS).boxed(),
        (0i64..=4_102_444_800_000).boxed(),
        Just(0i64).boxed(),
    ]
    .prop_map(|ms| {
        OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    })
    .boxed()
}

/// One of the enum's known values.
pub fn known_enum<T: for<'a> From<&'a str> + std::fmt::Debug + 'static>(
    values: &'static [&'static str],
) -> BoxedStrategy<T> {
    prop::sample::select(values).prop_map(T::from).boxed()
}

/// A value outside the enum's known set (so an `Unknown` variant).
pub fn unknown_enum<T: From<String> + std::fmt::Debug + 'static>(
    values: &'static [&'static str],
) -> BoxedStrategy<(T, Expected)> {
    "[A-Z][A-Z_]{0,15}"
        .prop_filter("not a known value", move |s| !values.contains(&s.as_str()))
        .prop_map(|s| (T::from(s), Expected::new(ConstraintKind::Enum)))
        .boxed()
}

/// Valid lists within the length bounds.
pub fn list<T: std::fmt::Debug + 'static>(
    item: BoxedStrategy<T>,
    min: Option<u64>,
    max: Option<u64>,
) -> BoxedStrategy<Vec<T>> {
    let (lo, hi) = len_range(min, max);
    proptest::collection::vec(item, lo..=hi.min(lo + 6)).boxed()
}

/// Valid `@uniqueItems` lists: repeats are dropped, and lists that become too
/// short are regenerated.
pub fn unique_list<T: std::fmt::Debug + PartialEq + 'static>(
    item: BoxedStrategy<T>,
    min: Option<u64>,
    max: Option<u64>,
) -> BoxedStrategy<Vec<T>> {
    let at_least = usize::try_from(min.unwrap_or(0)).unwrap_or(usize::MAX);
    list(item, min, max)
        .prop_map(|items| {
            let mut unique: Vec<T> = Vec::with_capacity(items.len());
            for item in items {
                if !unique.contains(&item) {
                    unique.push(item);
                }
            }
            unique
        })
        .prop_filter("enough distinct items", move |items| items.len() >= at_least)
        .boxed()
}

/// A list that repeats one item (breaking `@uniqueItems`), within the length bounds.
pub fn list_with_duplicate<T: std::fmt::Debug + Clone + PartialEq + 'static>(
    item: BoxedStrategy<T>,
    min: Option<u64>,
    max: Option<u64>,
) -> BoxedStrategy<(Vec<T>, Expected)> {
    let at_most = usize::try_from(max.unwrap_or(u64::MAX)).unwrap_or(usize::MAX);
    (
        unique_list(item, min.map(|m| m.max(1)), max.map(|m| m.saturating_sub(1))),
        any::<prop::sample::Index>(),
    )
        .prop_filter("room for a repeat", move |(items, _)| {
            !items.is_empty() && items.len() < at_most
        })
        .prop_map(|(mut items, index)| {
            let repeated = items[index.index(items.len())].clone();
            items.push(repeated);
            (items, Expected::new(ConstraintKind::UniqueItems))
        })
        .boxed()
}

/// Lists one item too short or too long.
pub fn list_bad_length<T: std::fmt::Debug + Clone + 'static>(
    item: BoxedStrategy<T>,
    min: Option<u64>,
    max: Option<u64>,
) -> Option<BoxedStrategy<(Vec<T>, Expected)>> {
    let mut options: Vec<BoxedStrategy<Vec<T>>> = Vec::new();
    if let Some(min) = min.filter(|m| *m > 0) {
        let n = usize::try_from(min - 1).ok()?;
        options.push(proptest::collection::vec(item.clone(), n..=n).boxed());
    }
    if let Some(max) = max.filter(|m| *m < 1024) {
        let n = usize::try_from(max + 1).ok()?;
        options.push(proptest::collection::vec(item, n..=n).boxed());
    }
    if options.is_empty() {
        return None;
    }
    Some(
        Union::new(options)
            .prop_map(|v| (v, Expected::new(ConstraintKind::Length)))
            .boxed(),
    )
}

/// A valid-length list with one invalid item.
pub fn list_with_invalid_item<T: std::fmt::Debug + Clone + 'static>(
    item: BoxedStrategy<T>,
    invalid: BoxedStrategy<(T, Expected)>,
    min: Option<u64>,
    max: Option<u64>,
) -> BoxedStrategy<(Vec<T>, Expected)> {
    let (lo, hi) = len_range(min, max);
    let lo = lo.max(1);
    let hi = hi.max(lo).min(lo + 4);
    (
        proptest::collection::vec(item, lo..=hi),
        invalid,
        any::<prop::sample::Index>(),
    )
        .prop_map(|(mut items, (bad, expected), index)| {
            let at = index.index(items.len());
            items[at] = bad;
            (items, expected.under_index(at))
        })
        .boxed()
}

/// Byte strings within the length bounds.
pub fn blob(min: Option<u64>, max: Option<u64>) -> BoxedStrategy<super::Blob> {
    let (lo, hi) = len_range(min, max);
    proptest::collection::vec(any::<u8>(), lo..=hi)
        .prop_map(super::Blob::from)
        .boxed()
}

/// Small JSON documents of every kind (scalars, arrays, objects). Never `null` at
/// the top: a member whose value is `null` is absent on the wire.
pub fn document() -> BoxedStrategy<super::Document> {
    let leaf = prop_oneof![
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(serde_json::Value::from),
        "[a-z]{0,8}".prop_map(serde_json::Value::String),
    ];
    let nested = prop_oneof![Just(serde_json::Value::Null), leaf.clone()].prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            proptest::collection::btree_map("[a-z]{1,6}", inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    });
    prop_oneof![
        leaf,
        proptest::collection::vec(nested.clone(), 0..4).prop_map(serde_json::Value::Array),
        proptest::collection::btree_map("[a-z]{1,6}", nested, 0..4)
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
    ]
    .prop_map(|v| super::Document::from_value(&v))
    .boxed()
}

/// Integers as exact digits, within `i64` so they also survive a trip through
/// `serde_json::Value` (whose numbers are `i64`/`u64`/`f64`); exactness beyond that
/// is covered by the runtime's own tests.
pub fn big_integer() -> BoxedStrategy<super::BigInteger> {
    any::<i64>()
        .prop_filter_map("a JSON integer", |v| super::BigInteger::parse(&v.to_string()).ok())
        .boxed()
}

/// Decimals in every notation (`1.5`, `-0.25e3`, `7E-2`), with at most 15
/// significant digits so they survive `serde_json::Value`'s `f64` numbers.
pub fn big_decimal() -> BoxedStrategy<super::BigDecimal> {
    "-?(0|[1-9][0-9]{0,6})(\\.[0-9]{1,7})?([eE][+-]?[0-9]{1,2})?"
        .prop_filter_map("a JSON number", |s| super::BigDecimal::parse(&s).ok())
        .boxed()
}

/// Valid maps within the length bounds.
pub fn map<K: Ord + std::fmt::Debug + 'static, V: std::fmt::Debug + 'static>(
    key: BoxedStrategy<K>,
    value: BoxedStrategy<V>,
    min: Option<u64>,
    max: Option<u64>,
) -> BoxedStrategy<std::collections::BTreeMap<K, V>> {
    let (lo, hi) = len_range(min, max);
    proptest::collection::btree_map(key, value, lo..=hi.min(lo + 4)).boxed()
}

/// One of the intEnum's known values.
pub fn known_int_enum<T: From<i32> + std::fmt::Debug + 'static>(values: &'static [i32]) -> BoxedStrategy<T> {
    prop::sample::select(values).prop_map(T::from).boxed()
}

/// An intEnum value outside the known set.
pub fn unknown_int_enum<T: From<i32> + std::fmt::Debug + 'static>(
    values: &'static [i32],
) -> BoxedStrategy<(T, Expected)> {
    any::<i32>()
        .prop_filter("not a known value", move |v| !values.contains(v))
        .prop_map(|v| (T::from(v), Expected::new(ConstraintKind::Enum)))
        .boxed()
}

/// The recursion depth valid strategies of recursive types start from.
pub const RECURSION_DEPTH: u32 = 3;

/// Picks one of several injections (there is always at least one).
pub fn one_of<T: std::fmt::Debug + 'static>(options: Vec<BoxedStrategy<T>>) -> BoxedStrategy<T> {
    Union::new(options).boxed()
}

/// Valid structures with one member replaced by a value that breaks one
/// constraint; `set` puts the bad value in, and the violation is expected
/// under `member` (its wire name).
pub fn with_bad_member<T, B>(
    valid: BoxedStrategy<T>,
    bad: BoxedStrategy<(B, Expected)>,
    member: &'static str,
    set: fn(&mut T, B),
) -> BoxedStrategy<(T, Expected)>
where
    T: std::fmt::Debug + 'static,
    B: std::fmt::Debug + 'static,
{
    (valid, bad)
        .prop_map(move |(mut value, (bad, expected))| {
            set(&mut value, bad);
            (value, expected.under_field(member))
        })
        .boxed()
}

/// Valid structures whose required `member` (its wire name) was filled in by
/// client error correction, as when a response lacked it: the member's field
/// and the structure's corrections come from `field`. A `Required` violation
/// under `member`.
pub fn without_corrected<T, F>(
    valid: BoxedStrategy<T>,
    member: &'static str,
    field: for<'a> fn(&'a mut T) -> (&'a mut F, &'a mut ClientCorrections),
) -> BoxedStrategy<(T, Expected)>
where
    T: std::fmt::Debug + 'static,
    F: ErrorCorrection + 'static,
{
    without_member(valid, member, move |value| {
        let (field, corrections) = field(value);
        *field = F::corrected();
        corrections.record(member);
    })
}

/// Valid structures with the required `member` (its wire name) made absent by
/// `clear`: a `Required` violation under `member`.
pub fn without_member<T: std::fmt::Debug + 'static>(
    valid: BoxedStrategy<T>,
    member: &'static str,
    clear: impl Fn(&mut T) + 'static,
) -> BoxedStrategy<(T, Expected)> {
    valid
        .prop_map(move |mut value| {
            clear(&mut value);
            (value, Expected::new(ConstraintKind::Required).under_field(member))
        })
        .boxed()
}

/// `Arbitrary` (valid values) and [`Generate`] for a generated type, from the
/// expressions that give its valid strategy and, when it has constraints to
/// break, its invalid one.
#[macro_export]
#[doc(hidden)]
macro_rules! strategy_impls {
    ($ty:ty, $valid:expr) => {
        $crate::strategy_impls!(@impls $ty, $valid, ::core::option::Option::None);
    };
    ($ty:ty, $valid:expr, $invalid:expr) => {
        $crate::strategy_impls!(@impls $ty, $valid, ::core::option::Option::Some($invalid));
    };
    (@impls $ty:ty, $valid:expr, $invalid:expr) => {
        impl $crate::strategies::proptest::arbitrary::Arbitrary for $ty {
            type Parameters = ();
            type Strategy = $crate::strategies::proptest::strategy::BoxedStrategy<Self>;

            fn arbitrary_with(_: ()) -> Self::Strategy {
                $valid
            }
        }

        impl $crate::strategies::Generate for $ty {
            fn valid() -> $crate::strategies::proptest::strategy::BoxedStrategy<Self> {
                $valid
            }

            fn invalid() -> ::core::option::Option<
                $crate::strategies::proptest::strategy::BoxedStrategy<(Self, $crate::strategies::Expected)>,
            > {
                $invalid
            }
        }
    };
}

/// The bounds of a position's rules, for the strategies below that take
/// them from the same `Rules` static validation checks against.
fn length_of(rules: &Rules) -> (Option<u64>, Option<u64>) {
    rules.length.map_or((None, None), |b| (b.min, b.max))
}

fn int_range_of(rules: &Rules) -> (Option<i64>, Option<i64>) {
    rules.int_range.map_or((None, None), |b| (b.min, b.max))
}

fn float_range_of(rules: &Rules) -> (Option<FloatBound>, Option<FloatBound>) {
    rules.float_range.map_or((None, None), |b| (b.min, b.max))
}

/// [`int_in`] within `rules`' `@range`.
pub fn int_for<T: Integer>(rules: &Rules) -> BoxedStrategy<T> {
    let (min, max) = int_range_of(rules);
    int_in(min, max)
}

/// [`int_outside_of`] `rules`' `@range`.
pub fn int_outside_for<T: Integer>(rules: &Rules) -> BoxedStrategy<(T, Expected)> {
    let (min, max) = int_range_of(rules);
    int_outside_of(min, max)
}

/// [`double`] within `rules`' `@range`.
pub fn double_for(rules: &Rules) -> BoxedStrategy<f64> {
    let (min, max) = float_range_of(rules);
    double(min, max)
}

/// [`float`] within `rules`' `@range`.
pub fn float_for(rules: &Rules) -> BoxedStrategy<f32> {
    let (min, max) = float_range_of(rules);
    float(min, max)
}

/// [`double_outside`] `rules`' `@range`.
pub fn double_outside_for(rules: &Rules) -> BoxedStrategy<(f64, Expected)> {
    let (min, max) = float_range_of(rules);
    double_outside(min, max)
}

/// [`blob`] within `rules`' `@length`.
pub fn blob_for(rules: &Rules) -> BoxedStrategy<super::Blob> {
    let (min, max) = length_of(rules);
    blob(min, max)
}

/// [`list`] (or [`unique_list`] under `@uniqueItems`) within `rules`' `@length`.
pub fn list_for<T: std::fmt::Debug + PartialEq + 'static>(
    item: BoxedStrategy<T>,
    rules: &Rules,
) -> BoxedStrategy<Vec<T>> {
    let (min, max) = length_of(rules);
    if rules.unique_items {
        unique_list(item, min, max)
    } else {
        list(item, min, max)
    }
}
