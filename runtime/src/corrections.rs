//! Smithy "client error correction": when a response omits a `@required` member, a
//! client fills in a zero value instead of failing. We do the same so parsing stays
//! lenient, but remember which members were filled in, so `validate()` still reports
//! them and serialization writes them back as absent.

use std::hash::{Hash, Hasher};

/// The zero value Smithy's client error correction uses for a type.
pub trait ErrorCorrection {
    /// `""`, `0`, `false`, an empty list, the Unix epoch, or an unknown enum value.
    fn corrected() -> Self;
}

impl ErrorCorrection for String {
    fn corrected() -> Self {
        String::new()
    }
}

impl ErrorCorrection for bool {
    fn corrected() -> Self {
        false
    }
}

macro_rules! zero {
    ($($t:ty),*) => { $(impl ErrorCorrection for $t { fn corrected() -> Self { 0 as $t } })* };
}
zero!(i8, i16, i32, i64, f32, f64);

impl<T> ErrorCorrection for Vec<T> {
    fn corrected() -> Self {
        Vec::new()
    }
}

impl ErrorCorrection for time::OffsetDateTime {
    fn corrected() -> Self {
        time::OffsetDateTime::UNIX_EPOCH
    }
}

impl ErrorCorrection for super::Blob {
    fn corrected() -> Self {
        Self::default()
    }
}

impl ErrorCorrection for super::Document {
    fn corrected() -> Self {
        Self::default()
    }
}

impl ErrorCorrection for super::BigInteger {
    fn corrected() -> Self {
        Self::parse("0").unwrap_or_else(|_| unreachable!("0 is an integer"))
    }
}

impl ErrorCorrection for super::BigDecimal {
    fn corrected() -> Self {
        Self::parse("0").unwrap_or_else(|_| unreachable!("0 is a number"))
    }
}

impl<K: Ord, V> ErrorCorrection for std::collections::BTreeMap<K, V> {
    fn corrected() -> Self {
        Self::new()
    }
}

impl<T: ErrorCorrection> ErrorCorrection for Box<T> {
    fn corrected() -> Self {
        Box::new(T::corrected())
    }
}

/// Which `@required` members of a value were absent on the wire and filled in.
///
/// It is part of the value: a member filled in with `0` serializes as absent, so a
/// value with it differs (`!=`, and in its hash) from one where the member was `0`
/// on the wire. It costs nothing (no allocation) when empty.
#[derive(Debug, Clone, Default)]
pub struct ClientCorrections(Vec<&'static str>);

impl ClientCorrections {
    /// Returns `value`, or the corrected zero value (recording `member`) when absent.
    pub fn fill<T: ErrorCorrection>(&mut self, value: Option<T>, member: &'static str) -> T {
        match value {
            Some(v) => v,
            None => {
                self.record(member);
                T::corrected()
            }
        }
    }

    /// Records that `member` (its wire name: JSON key and path segment) was filled in.
    pub fn record(&mut self, member: &'static str) {
        self.0.push(member);
    }

    /// Forgets that `member` was filled in (it has since been read from elsewhere,
    /// such as an HTTP header).
    pub fn remove(&mut self, member: &str) {
        self.0.retain(|m| *m != member);
    }

    /// Whether `member` was filled in rather than read or set.
    pub fn contains(&self, member: &str) -> bool {
        self.0.contains(&member)
    }

    /// Whether nothing was filled in.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl ClientCorrections {
    /// The recorded members in a fixed order, so equality and hashing do not
    /// depend on the order they were recorded in.
    fn sorted(&self) -> Vec<&'static str> {
        let mut members = self.0.clone();
        members.sort_unstable();
        members.dedup();
        members
    }
}

impl PartialEq for ClientCorrections {
    fn eq(&self, other: &Self) -> bool {
        (self.is_empty() && other.is_empty()) || self.sorted() == other.sorted()
    }
}

impl Eq for ClientCorrections {}

impl Hash for ClientCorrections {
    fn hash<H: Hasher>(&self, state: &mut H) {
        if !self.is_empty() {
            self.sorted().hash(state);
        }
    }
}

/// Ordered as the sorted member lists are, so a structure the user derives
/// `PartialOrd` or `Ord` for can compare the record too.
impl Ord for ClientCorrections {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        if self.is_empty() && other.is_empty() {
            return std::cmp::Ordering::Equal;
        }
        self.sorted().cmp(&other.sorted())
    }
}

impl PartialOrd for ClientCorrections {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_agrees_with_equality() {
        let (mut a, mut b) = (ClientCorrections::default(), ClientCorrections::default());
        a.record("x");
        a.record("y");
        b.record("y");
        b.record("x");
        assert_eq!(a.cmp(&b), std::cmp::Ordering::Equal);
        assert_eq!(a, b);
        b.record("z");
        assert_eq!(a.cmp(&b), std::cmp::Ordering::Less);
        assert_eq!(ClientCorrections::default().cmp(&a), std::cmp::Ordering::Less);
    }

    #[test]
    fn fill_records_only_missing_members() {
        let mut c = ClientCorrections::default();
        assert_eq!(c.fill(Some(5i32), "a"), 5);
        assert!(c.is_empty());
        assert_eq!(c.fill::<String>(None, "b"), "");
        assert!(c.contains("b"));
        assert!(!c.contains("a"));
    }
}
