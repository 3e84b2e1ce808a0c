//! A value checked where the model puts it: against the rules of its
//! position, then what it holds (list items, map keys and values, a
//! structure's members), each against the rules of its own position. The
//! generated code names one [`Rules`] per member; the walk is here, once.

use std::collections::BTreeMap;

use super::{Path, Rules, Violations};

/// A value at a position the model may constrain.
pub trait Check {
    /// Records every violation of `self` at `path`, where `rules` are the
    /// position's.
    fn check(&self, path: &Path<'_>, rules: &Rules, out: &mut Violations);
}

macro_rules! constrained {
    ($($t:ty),*) => {$(
        impl Check for $t {
            #[inline]
            fn check(&self, path: &Path<'_>, rules: &Rules, out: &mut Violations) {
                rules.check(path, self, out);
            }
        }
    )*};
}
constrained!(str, String, i8, i16, i32, i64, f32, f64, crate::Blob);

macro_rules! unconstrained {
    ($($t:ty),*) => {$(
        impl Check for $t {
            #[inline]
            fn check(&self, _: &Path<'_>, _: &Rules, _: &mut Violations) {}
        }
    )*};
}
unconstrained!(
    bool,
    crate::BigInteger,
    crate::BigDecimal,
    crate::Document,
    time::OffsetDateTime
);

impl<T: Check + PartialEq> Check for Vec<T> {
    fn check(&self, path: &Path<'_>, rules: &Rules, out: &mut Violations) {
        rules.check(path, self, out);
        if let Some(items) = rules.items {
            for (index, item) in self.iter().enumerate() {
                item.check(&path.index(index), items, out);
            }
        }
    }
}

/// An item of a `@sparse` list or map: `null` breaks nothing.
impl<T: Check> Check for Option<T> {
    #[inline]
    fn check(&self, path: &Path<'_>, rules: &Rules, out: &mut Violations) {
        if let Some(value) = self {
            value.check(path, rules, out);
        }
    }
}

impl<T: Check + ?Sized> Check for Box<T> {
    #[inline]
    fn check(&self, path: &Path<'_>, rules: &Rules, out: &mut Violations) {
        (**self).check(path, rules, out);
    }
}

impl<K: Check + AsRef<str>, V: Check> Check for BTreeMap<K, V> {
    fn check(&self, path: &Path<'_>, rules: &Rules, out: &mut Violations) {
        rules.check(path, self, out);
        if rules.keys.is_none() && rules.values.is_none() {
            return;
        }
        for (key, value) in self {
            if let Some(keys) = rules.keys {
                key.check(path, keys, out);
            }
            if let Some(values) = rules.values {
                value.check(&path.key(key.as_ref()), values, out);
            }
        }
    }
}

/// A structure's members, one call each, by how the member is held.
impl Violations {
    /// An optional member: checked when present.
    #[inline]
    pub fn optional<T: Check>(&mut self, path: &Path<'_>, name: &'static str, value: &Option<T>, rules: &Rules) {
        if let Some(value) = value {
            value.check(&path.field(name), rules, self);
        }
    }

    /// A `@required` member held as `Option` (an input's, which clients may
    /// leave unset): absent is a violation.
    #[inline]
    pub fn required<T: Check>(&mut self, path: &Path<'_>, name: &'static str, value: &Option<T>, rules: &Rules) {
        match value {
            Some(value) => value.check(&path.field(name), rules, self),
            None => self.missing(&path.field(name)),
        }
    }

    /// A `@required` member held as a plain value: missing when
    /// deserialization filled it in (`corrections`).
    #[inline]
    pub fn corrected<T: Check + ?Sized>(
        &mut self,
        path: &Path<'_>,
        name: &'static str,
        value: &T,
        corrections: &crate::ClientCorrections,
        rules: &Rules,
    ) {
        if corrections.contains(name) {
            self.missing(&path.field(name));
        } else {
            value.check(&path.field(name), rules, self);
        }
    }

    /// A member that always has a value (a `@default` fills it in).
    #[inline]
    pub fn present<T: Check + ?Sized>(&mut self, path: &Path<'_>, name: &'static str, value: &T, rules: &Rules) {
        value.check(&path.field(name), rules, self);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::*;
    use crate::validate::{ConstraintKind, Pattern};

    static LOWER: LazyLock<Pattern> = LazyLock::new(|| Pattern::compile("^[a-z]+$", false));
    static WORD: Rules = Rules::NONE.pattern(&LOWER, "pattern rule");
    static WORDS: Rules = Rules::NONE.length(None, Some(2), "count rule").items(&WORD);
    static DICTIONARY: Rules = Rules::NONE.keys(&WORD).values(&WORDS);

    fn found<T: Check + ?Sized>(value: &T, rules: &Rules) -> Vec<(String, ConstraintKind)> {
        let mut out = Violations::default();
        value.check(&Path::ROOT, rules, &mut out);
        match out.into_result() {
            Ok(()) => Vec::new(),
            Err(e) => e.violations().iter().map(|v| (v.path().to_owned(), v.kind())).collect(),
        }
    }

    #[test]
    fn items_keys_and_values_are_checked_at_their_paths() {
        let words = vec!["ok".to_owned(), "NO".to_owned(), "x".to_owned()];
        assert_eq!(
            found(&words, &WORDS),
            [
                ("".to_owned(), ConstraintKind::Length),
                ("/1".to_owned(), ConstraintKind::Pattern)
            ]
        );
        let mut dictionary = BTreeMap::new();
        dictionary.insert("Bad".to_owned(), vec!["fine".to_owned(), "Not".to_owned()]);
        assert_eq!(
            found(&dictionary, &DICTIONARY),
            [
                ("".to_owned(), ConstraintKind::Pattern),
                ("/Bad/1".to_owned(), ConstraintKind::Pattern)
            ]
        );
        let sparse: Vec<Option<String>> = vec![None, Some("X".into())];
        let rules = Rules::NONE.items(&WORD);
        assert_eq!(found(&sparse, &rules), [("/1".to_owned(), ConstraintKind::Pattern)]);
    }

    #[test]
    fn members_report_what_is_missing_and_check_what_is_there() {
        let mut out = Violations::default();
        let mut corrections = crate::ClientCorrections::default();
        corrections.record("e");
        out.required::<String>(&Path::ROOT, "a", &None, &WORD);
        out.optional::<String>(&Path::ROOT, "b", &None, &WORD);
        out.optional(&Path::ROOT, "c", &Some("UP".to_owned()), &WORD);
        out.corrected(&Path::ROOT, "d", "ok", &corrections, &WORD);
        out.corrected(&Path::ROOT, "e", "", &corrections, &WORD);
        out.present(&Path::ROOT, "f", "Up", &WORD);
        let violations = out.into_result().expect_err("four problems");
        let paths: Vec<&str> = violations.violations().iter().map(|v| v.path()).collect();
        assert_eq!(paths, ["/a", "/c", "/e", "/f"]);
    }
}
