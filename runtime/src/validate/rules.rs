//! Constraint traits as data. A generated crate holds one [`Rules`] per
//! distinct set of `@length`, `@range`, `@pattern` and `@uniqueItems` (most
//! members share the sets of the shapes they target), and a member's check
//! is one call: the comparisons live here, once.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::{FloatBound, Path, Pattern, Violations};

/// Inclusive bounds with Smithy's wording of the rule.
#[derive(Debug, Clone, Copy)]
pub struct Bounds<T: 'static> {
    /// The least value allowed.
    pub min: Option<T>,
    /// The greatest value allowed.
    pub max: Option<T>,
    /// The rule's text, reported on a violation.
    pub rule: &'static str,
}

/// The constraint traits of one value position.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// `@length`: characters of a string, items of a list or map, bytes of a blob.
    pub length: Option<Bounds<u64>>,
    /// `@range` on an integer type.
    pub int_range: Option<Bounds<i64>>,
    /// `@range` on a float type, with exact bounds.
    pub float_range: Option<Bounds<FloatBound>>,
    /// `@pattern` and its rule text.
    pub pattern: Option<(&'static LazyLock<Pattern>, &'static str)>,
    /// `@uniqueItems`.
    pub unique_items: bool,
    /// The rules of a list's items, where they are checked at all.
    pub items: Option<&'static Rules>,
    /// The rules of a map's keys (reported at the map's path, as Smithy does).
    pub keys: Option<&'static Rules>,
    /// The rules of a map's values.
    pub values: Option<&'static Rules>,
}

impl Rules {
    /// No constraint: where the builder methods below start.
    pub const NONE: Rules = Rules {
        length: None,
        int_range: None,
        float_range: None,
        pattern: None,
        unique_items: false,
        items: None,
        keys: None,
        values: None,
    };

    /// With `@length`.
    pub const fn length(mut self, min: Option<u64>, max: Option<u64>, rule: &'static str) -> Self {
        self.length = Some(Bounds { min, max, rule });
        self
    }

    /// With `@range` on an integer type.
    pub const fn int_range(mut self, min: Option<i64>, max: Option<i64>, rule: &'static str) -> Self {
        self.int_range = Some(Bounds { min, max, rule });
        self
    }

    /// With `@range` on a float type.
    pub const fn float_range(mut self, min: Option<FloatBound>, max: Option<FloatBound>, rule: &'static str) -> Self {
        self.float_range = Some(Bounds { min, max, rule });
        self
    }

    /// With `@pattern`.
    pub const fn pattern(mut self, pattern: &'static LazyLock<Pattern>, rule: &'static str) -> Self {
        self.pattern = Some((pattern, rule));
        self
    }

    /// With `@uniqueItems`.
    pub const fn unique_items(mut self) -> Self {
        self.unique_items = true;
        self
    }

    /// A list whose items are checked against `rules`.
    pub const fn items(mut self, rules: &'static Rules) -> Self {
        self.items = Some(rules);
        self
    }

    /// A map whose keys are checked against `rules`.
    pub const fn keys(mut self, rules: &'static Rules) -> Self {
        self.keys = Some(rules);
        self
    }

    /// A map whose values are checked against `rules`.
    pub const fn values(mut self, rules: &'static Rules) -> Self {
        self.values = Some(rules);
        self
    }

    /// Records every rule `value` breaks at `path`.
    pub fn check<V: Constrained + ?Sized>(&self, path: &Path<'_>, value: &V, out: &mut Violations) {
        value.check(self, path, out);
    }
}

/// A value that constraint traits apply to.
pub trait Constrained {
    /// Records every rule of `rules` this value breaks.
    fn check(&self, rules: &Rules, path: &Path<'_>, out: &mut Violations);
}

impl Constrained for str {
    fn check(&self, rules: &Rules, path: &Path<'_>, out: &mut Violations) {
        if let Some(b) = rules.length {
            out.string_length(path, self, b.min, b.max, b.rule);
        }
        if let Some((pattern, rule)) = rules.pattern {
            out.pattern(path, self, pattern, rule);
        }
    }
}

impl Constrained for String {
    fn check(&self, rules: &Rules, path: &Path<'_>, out: &mut Violations) {
        self.as_str().check(rules, path, out);
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl Constrained for $t {
            fn check(&self, rules: &Rules, path: &Path<'_>, out: &mut Violations) {
                if let Some(b) = rules.int_range {
                    out.int_range(path, i64::from(*self), b.min, b.max, b.rule);
                }
            }
        }
    )*};
}
integers!(i8, i16, i32, i64);

macro_rules! floats {
    ($($t:ty),*) => {$(
        impl Constrained for $t {
            fn check(&self, rules: &Rules, path: &Path<'_>, out: &mut Violations) {
                if let Some(b) = rules.float_range {
                    out.float_range(path, f64::from(*self), b.min, b.max, b.rule);
                }
            }
        }
    )*};
}
floats!(f32, f64);

impl<T: PartialEq> Constrained for Vec<T> {
    fn check(&self, rules: &Rules, path: &Path<'_>, out: &mut Violations) {
        if let Some(b) = rules.length {
            out.count(path, self.len(), b.min, b.max, b.rule);
        }
        if rules.unique_items {
            out.unique(path, self, "Member must have unique values");
        }
    }
}

impl<K, V> Constrained for BTreeMap<K, V> {
    fn check(&self, rules: &Rules, path: &Path<'_>, out: &mut Violations) {
        if let Some(b) = rules.length {
            out.count(path, self.len(), b.min, b.max, b.rule);
        }
    }
}

impl Constrained for crate::Blob {
    fn check(&self, rules: &Rules, path: &Path<'_>, out: &mut Violations) {
        if let Some(b) = rules.length {
            out.count(path, self.len(), b.min, b.max, b.rule);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::ConstraintKind;

    static ID: LazyLock<Pattern> = LazyLock::new(|| Pattern::compile("^[a-z]+$", false));
    static NAME: Rules = Rules::NONE
        .length(Some(2), Some(4), "length rule")
        .pattern(&ID, "pattern rule");
    static SIZE: Rules = Rules::NONE.int_range(Some(1), Some(10), "range rule");
    static SHARE: Rules = Rules::NONE.float_range(
        None,
        Some(FloatBound {
            value: 100.0,
            strict: false,
        }),
        "float rule",
    );
    static LIST: Rules = Rules::NONE.length(None, Some(2), "count rule").unique_items();

    fn kinds<V: Constrained + ?Sized>(rules: &Rules, value: &V) -> Vec<ConstraintKind> {
        let mut out = Violations::default();
        rules.check(&Path::ROOT, value, &mut out);
        match out.into_result() {
            Ok(()) => Vec::new(),
            Err(error) => error.violations().iter().map(|v| v.kind()).collect(),
        }
    }

    #[test]
    fn each_rule_applies_to_its_kind_of_value() {
        assert!(kinds(&NAME, "abc").is_empty());
        assert_eq!(kinds(&NAME, "a"), [ConstraintKind::Length]);
        assert_eq!(kinds(&NAME, "ab1"), [ConstraintKind::Pattern]);
        assert_eq!(
            kinds(&NAME, "ABCDEF"),
            [ConstraintKind::Length, ConstraintKind::Pattern]
        );
        assert!(kinds(&SIZE, &10i32).is_empty());
        assert_eq!(kinds(&SIZE, &0i8), [ConstraintKind::Range]);
        assert_eq!(kinds(&SIZE, &11i64), [ConstraintKind::Range]);
        assert!(kinds(&SHARE, &100.0f64).is_empty());
        assert_eq!(kinds(&SHARE, &f64::NAN), [ConstraintKind::Range]);
        assert_eq!(kinds(&LIST, &vec![1, 1]), [ConstraintKind::UniqueItems]);
        assert_eq!(kinds(&LIST, &vec![1, 2, 3]), [ConstraintKind::Length]);
        // Rules of another kind do not apply: a range says nothing of a string.
        assert!(kinds(&SIZE, "anything").is_empty());
    }
}
