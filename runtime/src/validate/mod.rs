//! Constraint checking with Smithy's own messages. Generated `validate_at` methods
//! call the checks below; each check costs one comparison (or a regex search) and
//! allocates only when it records a violation. Paths are JSON pointers built lazily
//! from a chain of stack frames, so the success path never formats a string.

mod check;
mod rules;

pub use check::Check;
pub use rules::{Bounds, Constrained, Rules};

use std::fmt;

use regex::Regex;

/// The kind of constraint a [`Violation`] broke.
///
/// ```
/// use smithy_codegen_runtime::{ConstraintKind, ValidationError};
/// # use smithy_codegen_runtime::validate::{Path, Violations};
/// # let mut out = Violations::default();
/// # out.missing(&Path::ROOT.field("jobTemplateId"));
/// # let error: ValidationError = out.into_result().unwrap_err();
/// // `error` came from `validate()` or `build()` on a generated value.
/// let violation = &error.violations()[0];
/// assert_eq!(violation.path(), "/jobTemplateId");
/// assert_eq!(violation.kind(), ConstraintKind::Required);
/// assert_eq!(
///     violation.to_string(),
///     "Value at '/jobTemplateId' failed to satisfy constraint: Member must not be null"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ConstraintKind {
    /// `@required`: the member is absent (or was filled in by client error correction).
    Required,
    /// `@length`: too short or too long.
    Length,
    /// `@pattern`: the regex does not match.
    Pattern,
    /// `@range`: out of bounds (NaN always is).
    Range,
    /// The value is not one of the enum's known values.
    Enum,
    /// `@uniqueItems`: a list holds equal items.
    UniqueItems,
}

/// One broken constraint, where and why.
///
/// ```
/// use smithy_codegen_runtime::{ConstraintKind, ValidationError};
/// # use smithy_codegen_runtime::validate::{Path, Violations};
/// # let mut out = Violations::default();
/// # out.missing(&Path::ROOT.field("jobTemplateId"));
/// # let error: ValidationError = out.into_result().unwrap_err();
/// // `error` came from `validate()` or `build()` on a generated value.
/// let violation = &error.violations()[0];
/// assert_eq!(violation.path(), "/jobTemplateId");
/// assert_eq!(violation.kind(), ConstraintKind::Required);
/// assert_eq!(
///     violation.to_string(),
///     "Value at '/jobTemplateId' failed to satisfy constraint: Member must not be null"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    path: String,
    kind: ConstraintKind,
    rule: &'static str,
    length: Option<usize>,
}

impl Violation {
    /// JSON pointer to the value, built from wire member names and list indexes
    /// (`/abortConfig/criteriaList/0/thresholdPercentage`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Which constraint was broken.
    pub fn kind(&self) -> ConstraintKind {
        self.kind
    }

    /// The constraint in Smithy's words (`Member must not be null`).
    pub fn rule(&self) -> &'static str {
        self.rule
    }

    /// The full message, worded as Smithy's validation errors are.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

/// Smithy's wording. The value itself (a bare string or enum validated on its
/// own, path `""`) is "the value", not "at ''".
impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.length {
            Some(n) => write!(f, "Value with length {n}")?,
            None => f.write_str("Value")?,
        }
        if !self.path.is_empty() {
            write!(f, " at '{}'", self.path)?;
        }
        write!(f, " failed to satisfy constraint: {}", self.rule)
    }
}

/// Every constraint a value breaks, in the order the members are declared.
///
/// ```
/// use smithy_codegen_runtime::{ConstraintKind, ValidationError};
/// # use smithy_codegen_runtime::validate::{Path, Violations};
/// # let mut out = Violations::default();
/// # out.missing(&Path::ROOT.field("jobTemplateId"));
/// # let error: ValidationError = out.into_result().unwrap_err();
/// // `error` came from `validate()` or `build()` on a generated value.
/// let violation = &error.violations()[0];
/// assert_eq!(violation.path(), "/jobTemplateId");
/// assert_eq!(violation.kind(), ConstraintKind::Required);
/// assert_eq!(
///     violation.to_string(),
///     "Value at '/jobTemplateId' failed to satisfy constraint: Member must not be null"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    violations: Vec<Violation>,
}

impl ValidationError {
    /// The violations, at least one.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Iterates over the violations.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.violations.iter()
    }
}

impl IntoIterator for ValidationError {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.violations.into_iter()
    }
}

impl<'a> IntoIterator for &'a ValidationError {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.violations.iter()
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.violations.len();
        write!(f, "{n} validation error{} detected:", if n == 1 { "" } else { "s" })?;
        for v in &self.violations {
            write!(f, "\n{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// A position in the value being validated: a chain of frames on the stack.
#[derive(Debug, Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Root,
    Field(&'static str),
    Index(usize),
    Key(&'a str),
}

impl Path<'static> {
    /// The value itself.
    pub const ROOT: Path<'static> = Path {
        parent: None,
        segment: Segment::Root,
    };
}

impl<'a> Path<'a> {
    /// A member, by its wire name.
    pub fn field(&'a self, name: &'static str) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Field(name),
        }
    }

    /// A list item.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Index(index),
        }
    }

    /// A map entry's value.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Key(key),
        }
    }

    /// Renders the JSON pointer (RFC 6901 escaping for `~` and `/`).
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.render_into(&mut out);
        out
    }

    fn render_into(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.render_into(out);
        }
        match self.segment {
            Segment::Root => {}
            Segment::Field(name) => {
                out.push('/');
                push_escaped(out, name);
            }
            Segment::Index(i) => {
                out.push('/');
                out.push_str(&i.to_string());
            }
            Segment::Key(k) => {
                out.push('/');
                push_escaped(out, k);
            }
        }
    }
}

fn push_escaped(out: &mut String, segment: &str) {
    for c in segment.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            _ => out.push(c),
        }
    }
}

/// A float bound computed exactly from the model's decimal at generation time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FloatBound {
    /// The nearest double to the decimal bound.
    pub value: f64,
    /// The double itself lies outside the decimal bound: only values strictly
    /// beyond it (on the allowed side) pass.
    pub strict: bool,
}

/// The rule text of a missing required member.
pub const REQUIRED_RULE: &str = "Member must not be null";

/// Collects violations while a value is walked.
#[derive(Debug, Default)]
pub struct Violations(Vec<Violation>);

impl Violations {
    fn push(&mut self, path: &Path<'_>, kind: ConstraintKind, rule: &'static str, length: Option<usize>) {
        self.0.push(Violation {
            path: path.render(),
            kind,
            rule,
            length,
        });
    }

    /// A `@required` member is absent.
    pub fn missing(&mut self, path: &Path<'_>) {
        self.push(path, ConstraintKind::Required, REQUIRED_RULE, None);
    }

    /// `@length` on a string: counts Unicode scalar values, not bytes.
    pub fn string_length(
        &mut self,
        path: &Path<'_>,
        value: &str,
        min: Option<u64>,
        max: Option<u64>,
        rule: &'static str,
    ) {
        let bytes = value.len() as u64;
        // chars <= bytes <= 4 * chars: decide without counting when the bytes already tell.
        let surely_short_enough = max.is_none_or(|max| bytes <= max);
        let surely_long_enough = min.is_none_or(|min| bytes >= min.saturating_mul(4));
        if surely_short_enough && surely_long_enough {
            return;
        }
        self.count(path, value.chars().count(), min, max, rule);
    }

    /// `@length` on a list, map or decoded blob: counts items or bytes.
    pub fn count(&mut self, path: &Path<'_>, n: usize, min: Option<u64>, max: Option<u64>, rule: &'static str) {
        let n64 = n as u64;
        if min.is_some_and(|min| n64 < min) || max.is_some_and(|max| n64 > max) {
            self.push(path, ConstraintKind::Length, rule, Some(n));
        }
    }

    /// `@pattern`: a search, not a full match (Smithy patterns are not anchored).
    pub fn pattern(&mut self, path: &Path<'_>, value: &str, regex: &Pattern, rule: &'static str) {
        if !regex.is_match(value) {
            self.push(path, ConstraintKind::Pattern, rule, None);
        }
    }

    /// `@range` on an integer type.
    pub fn int_range(&mut self, path: &Path<'_>, value: i64, min: Option<i64>, max: Option<i64>, rule: &'static str) {
        if min.is_some_and(|min| value < min) || max.is_some_and(|max| value > max) {
            self.push(path, ConstraintKind::Range, rule, None);
        }
    }

    /// `@range` on a float type. NaN always violates; an infinity violates only the
    /// side that has a bound.
    pub fn float_range(
        &mut self,
        path: &Path<'_>,
        value: f64,
        min: Option<FloatBound>,
        max: Option<FloatBound>,
        rule: &'static str,
    ) {
        let below = |b: FloatBound| if b.strict { value <= b.value } else { value < b.value };
        let above = |b: FloatBound| if b.strict { value >= b.value } else { value > b.value };
        if value.is_nan() || min.is_some_and(below) || max.is_some_and(above) {
            self.push(path, ConstraintKind::Range, rule, None);
        }
    }

    /// An enum value outside the known set.
    pub fn enum_value(&mut self, path: &Path<'_>, known: bool, rule: &'static str) {
        if !known {
            self.push(path, ConstraintKind::Enum, rule, None);
        }
    }

    /// `@uniqueItems`.
    pub fn unique<T: PartialEq>(&mut self, path: &Path<'_>, items: &[T], rule: &'static str) {
        let duplicate = items.iter().enumerate().any(|(i, a)| items[..i].contains(a));
        if duplicate {
            self.push(path, ConstraintKind::UniqueItems, rule, None);
        }
    }

    /// `Ok` when nothing was recorded.
    pub fn into_result(self) -> Result<(), ValidationError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ValidationError { violations: self.0 })
        }
    }
}

/// Checks a value against every constraint of its model. Implemented by every
/// generated type, in every generated crate, so one function can check values
/// of any of them.
///
/// ```
/// use smithy_codegen_runtime::{Validate, ValidationError};
///
/// /// Counts the violations of any generated value.
/// fn problems<T: Validate>(value: &T) -> usize {
///     value.validate().err().map_or(0, |e: ValidationError| e.violations().len())
/// }
/// # struct Anything;
/// # impl Validate for Anything {
/// #     fn validate_at(&self, _: &smithy_codegen_runtime::validate::Path<'_>, _: &mut smithy_codegen_runtime::validate::Violations) {}
/// # }
/// assert_eq!(problems(&Anything), 0);
/// ```
pub trait Validate {
    /// Every violation in `self`, or `Ok`.
    fn validate(&self) -> Result<(), ValidationError> {
        let mut out = Violations::default();
        self.validate_at(&Path::ROOT, &mut out);
        out.into_result()
    }

    /// Records every violation in `self`, with paths below `path` (for generated
    /// code, which recurses through it).
    #[doc(hidden)]
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations);
}

impl<T: Validate> Validate for Box<T> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        (**self).validate_at(path, out);
    }
}

/// Size limit for compiled patterns; matches the generator's, which compiled every
/// pattern once already.
pub const PATTERN_SIZE_LIMIT: usize = 64 * 1024 * 1024;

/// A compiled `@pattern`: linear-time `regex` for almost all, a backtracking
/// engine only for patterns that need look-around, back-references or possessive
/// repetition, and plain loops for the shapes the generator recognized.
#[derive(Debug)]
pub struct Pattern {
    matcher: Matcher,
    /// Java's `$`: a value also matches when it does without its final line
    /// terminator.
    line_end: bool,
}

#[derive(Debug)]
enum Matcher {
    Linear(Regex),
    Backtracking(fancy_regex::Regex),
    /// `^prefix[set]+$` (or `*`) over ASCII, checked with a byte loop.
    Ascii {
        prefix: &'static str,
        /// `allowed[b]`: byte `b` (< 128) may follow the prefix.
        allowed: [bool; 128],
        /// The set as one inclusive range, when it is one: checked branch-free.
        single: Option<(u8, u8)>,
        /// Characters required after the prefix: 0 or 1.
        at_least: usize,
    },
    /// `^[class]{min,max}$`: every character in the class, and a count in bounds.
    Bounded {
        class: Regex,
        min: usize,
        max: usize,
    },
}

/// The text without the line terminator that ends it, if one does: what Java's
/// `$` lets a match stop before (`\r\n` counts as one).
#[inline]
pub fn without_final_line_terminator(value: &str) -> Option<&str> {
    if let Some(rest) = value.strip_suffix("\r\n") {
        return Some(rest);
    }
    value.strip_suffix(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'])
}

impl Pattern {
    const fn new(matcher: Matcher) -> Self {
        Self {
            matcher,
            line_end: false,
        }
    }

    /// Compiles a pattern the generator has already compiled successfully.
    ///
    /// # Panics
    /// Only if the generator and this runtime disagree about regex syntax, which the
    /// generated `every_pattern_compiles` test catches; never because of input data.
    pub fn compile(regex: &str, backtracking: bool) -> Self {
        let compiled = if backtracking {
            fancy_regex::RegexBuilder::new(regex)
                .delegate_size_limit(PATTERN_SIZE_LIMIT)
                .build()
                .map(Matcher::Backtracking)
                .map_err(|e| e.to_string())
        } else {
            linear(regex).map(Matcher::Linear)
        };
        Self::new(
            compiled.unwrap_or_else(|e| panic!("pattern {regex:?} compiled at generation time but not here: {e}")),
        )
    }

    /// A pattern the generator proved equivalent to `^[class]{min,max}$`; `class`
    /// is `^[class]*\z`.
    ///
    /// # Panics
    /// As [`Pattern::compile`]: only if generator and runtime disagree.
    pub fn bounded(class: &str, min: usize, max: usize) -> Self {
        let class =
            linear(class).unwrap_or_else(|e| panic!("pattern {class:?} compiled at generation time but not here: {e}"));
        Self::new(Matcher::Bounded { class, min, max })
    }

    /// A pattern the generator proved equivalent to `^prefix[ranges]+$` (or `*`),
    /// with every range inside ASCII.
    pub const fn ascii(prefix: &'static str, ranges: &[(u8, u8)], at_least: usize) -> Self {
        let mut allowed = [false; 128];
        let mut i = 0;
        while i < ranges.len() {
            let (lo, hi) = ranges[i];
            let mut b = lo;
            while b <= hi && b < 128 {
                allowed[b as usize] = true;
                b += 1;
            }
            i += 1;
        }
        let single = if ranges.len() == 1 && ranges[0].0 <= ranges[0].1 && ranges[0].1 < 128 {
            Some(ranges[0])
        } else {
            None
        };
        Self::new(Matcher::Ascii {
            prefix,
            allowed,
            single,
            at_least,
        })
    }

    /// Java's `$`, which also matches before a line terminator that ends the
    /// text: the value matches if it does with or without that terminator.
    pub const fn allowing_final_line_terminator(mut self) -> Self {
        self.line_end = true;
        self
    }

    /// Whether the pattern occurs in `value` (Smithy patterns are searches, not
    /// full matches). A backtracking search that exceeds its step limit counts as
    /// no match, so the value is reported rather than silently accepted.
    #[inline]
    pub fn is_match(&self, value: &str) -> bool {
        self.matcher.is_match(value)
            || (self.line_end && without_final_line_terminator(value).is_some_and(|v| self.matcher.is_match(v)))
    }
}

impl Matcher {
    #[inline]
    fn is_match(&self, value: &str) -> bool {
        match self {
            Self::Linear(r) => r.is_match(value),
            Self::Backtracking(r) => r.is_match(value).unwrap_or(false),
            Self::Ascii {
                prefix,
                allowed,
                single,
                at_least,
            } => ascii_match(value.as_bytes(), prefix.as_bytes(), allowed, *single, *at_least),
            Self::Bounded { class, min, max } => {
                (*min..=*max).contains(&value.chars().count()) && class.is_match(value)
            }
        }
    }
}

fn linear(regex: &str) -> Result<Regex, String> {
    regex::RegexBuilder::new(regex)
        .size_limit(PATTERN_SIZE_LIMIT)
        .build()
        .map_err(|e| e.to_string())
}

#[inline]
fn ascii_match(bytes: &[u8], prefix: &[u8], allowed: &[bool; 128], single: Option<(u8, u8)>, at_least: usize) -> bool {
    // Byte by byte: prefixes are a few bytes, and a libc `memcmp` call costs more
    // than the whole check (measured with `validate_probe`).
    if bytes.len() < prefix.len() + at_least || !bytes.iter().zip(prefix).all(|(a, b)| a == b) {
        return false;
    }
    let rest = &bytes[prefix.len()..];
    match single {
        // No early exit, so the loop vectorizes.
        Some((lo, hi)) => {
            rest.iter()
                .fold(0u8, |bad, b| bad | u8::from(b.wrapping_sub(lo) > hi - lo))
                == 0
        }
        None => rest
            .iter()
            .all(|b| allowed.get(usize::from(*b)).copied().unwrap_or(false)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_render_as_json_pointers() {
        let root = Path::ROOT;
        let a = root.field("abortConfig");
        let b = a.field("criteriaList");
        let c = b.index(3);
        let d = c.key("a/b~c");
        assert_eq!(d.render(), "/abortConfig/criteriaList/3/a~1b~0c");
        assert_eq!(Path::ROOT.render(), "");
    }

    #[test]
    fn string_length_counts_scalar_values() {
        let mut out = Violations::default();
        let root = Path::ROOT;
        out.string_length(&root, "👍", Some(1), Some(1), "r");
        out.string_length(&root, "ab", Some(1), Some(1), "r");
        let err = out.into_result().unwrap_err();
        assert_eq!(err.violations().len(), 1);
        assert_eq!(
            err.violations()[0].to_string(),
            "Value with length 2 failed to satisfy constraint: r"
        );
    }

    #[test]
    fn float_bounds_and_non_finite_values() {
        let min = Some(FloatBound {
            value: 1.1,
            strict: false,
        });
        let max = Some(FloatBound {
            value: 5.0,
            strict: false,
        });
        let check = |v: f64, min, max| {
            let mut out = Violations::default();
            out.float_range(&Path::ROOT, v, min, max, "r");
            out.into_result().is_ok()
        };
        assert!(check(1.1, min, max));
        assert!(check(5.0, min, max));
        assert!(!check(1.0999999, min, max));
        assert!(!check(5.0000001, min, max));
        assert!(!check(f64::NAN, min, max));
        assert!(!check(f64::NAN, None, max));
        assert!(check(
            f64::NEG_INFINITY,
            None,
            Some(FloatBound {
                value: 100.0,
                strict: false
            })
        ));
        assert!(!check(
            f64::INFINITY,
            None,
            Some(FloatBound {
                value: 100.0,
                strict: false
            })
        ));
        let strict = Some(FloatBound {
            value: 0.1,
            strict: true,
        });
        assert!(!check(0.1, None, strict));
    }
}
