//! Exact decimals for `@range` bounds. Smithy bounds are decimals (`1.1`), values are
//! binary floats, and "inclusive" must mean exactly that: 1.1 accepts the double
//! nearest to 1.1 and rejects the one just below. Comparing at generation time lets
//! the generated check be a single float comparison.

use std::cmp::Ordering;

/// A finite decimal number: `(-1)^negative * digits * 10^exponent`, kept with the
/// text the spec used so messages repeat the model's own bound.
#[derive(Debug, Clone)]
pub struct Decimal {
    text: String,
    negative: bool,
    /// Significant digits without leading or trailing zeros; empty means zero.
    digits: Vec<u8>,
    exponent: i64,
}

/// A float bound the runtime can compare against directly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FloatBound {
    pub value: f64,
    /// `true` when the value itself falls outside the decimal bound, so only values
    /// strictly beyond it (on the allowed side) pass.
    pub strict: bool,
}

impl Decimal {
    /// Parses JSON-number syntax (`-12.5e3`). Returns `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, text),
        };
        let (mantissa, exp) = match rest.find(['e', 'E']) {
            Some(i) => (&rest[..i], rest[i + 1..].parse::<i64>().ok()?),
            None => (rest, 0),
        };
        let (int_part, frac_part) = match mantissa.split_once('.') {
            Some((i, f)) => (i, f),
            None => (mantissa, ""),
        };
        if int_part.is_empty() || !int_part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !frac_part.bytes().all(|b| b.is_ascii_digit()) || (mantissa.contains('.') && frac_part.is_empty()) {
            return None;
        }
        let mut digits: Vec<u8> = int_part.bytes().chain(frac_part.bytes()).map(|b| b - b'0').collect();
        let mut exponent = exp.checked_sub(i64::try_from(frac_part.len()).ok()?)?;
        let leading = digits.iter().take_while(|d| **d == 0).count();
        digits.drain(..leading);
        while digits.last() == Some(&0) {
            digits.pop();
            exponent += 1;
        }
        if digits.is_empty() {
            exponent = 0;
        }
        Some(Self {
            text: text.to_owned(),
            negative: negative && !digits.is_empty(),
            digits,
            exponent,
        })
    }

    /// The bound as the spec wrote it (serde_json's rendering of the number).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The exact value of a finite double.
    fn from_f64(value: f64) -> Option<Self> {
        // 1074 fractional digits represent every finite double exactly.
        Self::parse(&format!("{value:.1074}"))
    }

    /// The nearest double, and whether it lies outside a *lower* bound.
    pub fn as_min_float(&self) -> Option<FloatBound> {
        let value: f64 = self.text.parse().ok()?;
        let exact = Self::from_f64(value)?;
        Some(FloatBound {
            value,
            strict: exact < *self,
        })
    }

    /// The nearest double, and whether it lies outside an *upper* bound.
    pub fn as_max_float(&self) -> Option<FloatBound> {
        let value: f64 = self.text.parse().ok()?;
        let exact = Self::from_f64(value)?;
        Some(FloatBound {
            value,
            strict: exact > *self,
        })
    }

    /// The smallest integer >= self, if it fits in `i128`.
    pub fn ceil_int(&self) -> Option<i128> {
        self.round_int(true)
    }

    /// The largest integer <= self, if it fits in `i128`.
    pub fn floor_int(&self) -> Option<i128> {
        self.round_int(false)
    }

    fn round_int(&self, up: bool) -> Option<i128> {
        let mut magnitude: i128 = 0;
        let mut has_fraction = false;
        if self.exponent >= 0 {
            for d in &self.digits {
                magnitude = magnitude.checked_mul(10)?.checked_add(i128::from(*d))?;
            }
            for _ in 0..self.exponent {
                magnitude = magnitude.checked_mul(10)?;
            }
        } else {
            let frac_len = usize::try_from(-self.exponent).ok()?;
            let int_len = self.digits.len().saturating_sub(frac_len);
            for d in &self.digits[..int_len] {
                magnitude = magnitude.checked_mul(10)?.checked_add(i128::from(*d))?;
            }
            has_fraction = !self.digits.is_empty();
        }
        let signed = if self.negative { -magnitude } else { magnitude };
        if !has_fraction {
            return Some(signed);
        }
        // Truncation went toward zero; step away from it when rounding that way.
        Some(match (up, self.negative) {
            (true, false) => signed + 1,
            (false, true) => signed - 1,
            _ => signed,
        })
    }

    fn cmp_magnitude(&self, other: &Self) -> Ordering {
        match (self.digits.is_empty(), other.digits.is_empty()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            (false, false) => {}
        }
        // Position of the most significant digit decides first.
        let self_top = self.exponent + self.digits.len() as i64;
        let other_top = other.exponent + other.digits.len() as i64;
        self_top.cmp(&other_top).then_with(|| {
            let len = self.digits.len().max(other.digits.len());
            let at = |d: &Vec<u8>, i: usize| d.get(i).copied().unwrap_or(0);
            (0..len)
                .map(|i| at(&self.digits, i).cmp(&at(&other.digits, i)))
                .find(|o| *o != Ordering::Equal)
                .unwrap_or(Ordering::Equal)
        })
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Decimal {}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.cmp_magnitude(other),
            (true, true) => other.cmp_magnitude(self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).expect("valid decimal")
    }

    #[test]
    fn compares_exactly() {
        assert!(d("1.1") < d("1.10000001"));
        assert_eq!(d("5"), d("5.000"));
        assert_eq!(d("5"), d("0.5e1"));
        assert!(d("-2") < d("-1.5"));
        assert!(d("0") > d("-0.0001"));
        assert_eq!(d("-0"), d("0"));
    }

    #[test]
    fn float_bounds_follow_the_decimal() {
        // The double nearest 1.1 is slightly above 1.1: inclusive lower bound holds.
        let min = d("1.1").as_min_float().unwrap();
        assert_eq!(
            min,
            FloatBound {
                value: 1.1,
                strict: false
            }
        );
        // The double nearest 0.1 is above 0.1, so as an upper bound it must be strict.
        let max = d("0.1").as_max_float().unwrap();
        assert_eq!(
            max,
            FloatBound {
                value: 0.1,
                strict: true
            }
        );
        // Exactly representable bounds are never strict.
        assert!(!d("5").as_max_float().unwrap().strict);
        // 0.3's double is below 0.3: a lower bound of 0.3 must exclude it.
        assert!(d("0.3").as_min_float().unwrap().strict);
    }

    #[test]
    fn integer_rounding() {
        assert_eq!(d("1.5").ceil_int(), Some(2));
        assert_eq!(d("1.5").floor_int(), Some(1));
        assert_eq!(d("-1.5").ceil_int(), Some(-1));
        assert_eq!(d("-1.5").floor_int(), Some(-2));
        assert_eq!(d("3e2").floor_int(), Some(300));
        assert_eq!(d("7").ceil_int(), Some(7));
    }

    #[test]
    fn rejects_non_numbers() {
        for bad in ["", "-", "1.", ".5", "1e", "abc", "1.2.3"] {
            assert!(Decimal::parse(bad).is_none(), "{bad}");
        }
    }
}
