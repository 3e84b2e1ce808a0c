//! Open content: Smithy `document`, `bigInteger` and `bigDecimal` values, kept as
//! the exact JSON text they arrived as, so no number is ever rounded through `f64`.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};
use serde_json::value::RawValue;

/// Any JSON value (a Smithy `document`), kept as exact JSON text.
///
/// ```
/// use smithy_codegen_runtime::Document;
///
/// let doc = Document::from_json(r#"{"n": 12345678901234567890.5}"#).unwrap();
/// assert_eq!(doc.as_json(), r#"{"n": 12345678901234567890.5}"#, "numbers stay exact");
/// assert!(doc.to_value().unwrap()["n"].is_number());
/// ```
#[derive(Clone)]
pub struct Document(Box<RawValue>);

impl Document {
    /// Parses JSON text into a document.
    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        RawValue::from_string(text.trim().to_owned()).map(Self)
    }

    /// The document as JSON text, exactly as received or built.
    pub fn as_json(&self) -> &str {
        self.0.get()
    }

    /// The document as a `serde_json::Value` (numbers beyond `f64` lose precision there).
    pub fn to_value(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::from_str(self.0.get())
    }

    /// Builds a document from a `serde_json::Value`.
    pub fn from_value(value: &serde_json::Value) -> Self {
        // Serializing a Value cannot fail (its keys are strings).
        Self(serde_json::value::to_raw_value(value).unwrap_or_else(|_| null()))
    }
}

fn null() -> Box<RawValue> {
    RawValue::from_string("null".to_owned()).unwrap_or_else(|_| unreachable!("`null` is JSON"))
}

impl Default for Document {
    fn default() -> Self {
        Self(null())
    }
}

impl PartialEq for Document {
    fn eq(&self, other: &Self) -> bool {
        self.as_json() == other.as_json()
    }
}

impl Eq for Document {}

impl std::hash::Hash for Document {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_json().hash(state);
    }
}

impl fmt::Debug for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Document({})", self.as_json())
    }
}

impl Serialize for Document {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(Self)
    }
}

macro_rules! big_number {
    ($(#[$doc:meta])* $name:ident, $what:literal, $valid:expr) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub struct $name(Box<RawValue>);

        /// Numbers compare by value: `1.50`, `15e-1` and `1.5` are equal.
        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                canonical(self.as_str()) == canonical(other.as_str())
            }
        }

        impl Eq for $name {}

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                canonical(self.as_str()).hash(state);
            }
        }

        impl $name {
            /// Parses the number's JSON text.
            pub fn parse(text: &str) -> Result<Self, String> {
                let valid: fn(&str) -> bool = $valid;
                if !valid(text) {
                    return Err(format!("{:?} is not {}", text, $what));
                }
                RawValue::from_string(text.to_owned()).map(Self).map_err(|e| e.to_string())
            }

            /// The exact decimal text.
            pub fn as_str(&self) -> &str {
                self.0.get()
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.0.serialize(serializer)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = Box::<RawValue>::deserialize(deserializer)?;
                let valid: fn(&str) -> bool = $valid;
                if valid(raw.get()) {
                    Ok(Self(raw))
                } else {
                    Err(de::Error::custom(format_args!("expected {}, found {}", $what, raw.get())))
                }
            }
        }
    };
}

/// `(negative, significant digits, exponent)` of a JSON number, zero as
/// `(false, "", 0)`: equal numbers have equal canonical forms.
fn canonical(text: &str) -> (bool, String, i64) {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], rest[i + 1..].parse::<i64>().unwrap_or(0)),
        None => (rest, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits: String = int.chars().chain(frac.chars()).collect();
    let mut exponent = exponent - frac.len() as i64;
    let leading = digits.len() - digits.trim_start_matches('0').len();
    digits.drain(..leading);
    while digits.ends_with('0') {
        digits.pop();
        exponent += 1;
    }
    if digits.is_empty() {
        return (false, String::new(), 0);
    }
    (negative, digits, exponent)
}

fn is_integer(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// JSON number grammar: `-? int frac? exp?`.
fn is_number(text: &str) -> bool {
    let rest = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let int_ok = digits(int) && (int == "0" || !int.starts_with('0'));
    let frac_ok = frac.is_none_or(digits);
    let exp_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    int_ok && frac_ok && exp_ok
}

big_number!(
    /// An arbitrary-precision integer (Smithy `bigInteger`), kept as its exact digits.
    ///
    /// ```
    /// use smithy_codegen_runtime::BigInteger;
    ///
    /// let n = BigInteger::parse("123456789012345678901234567890").unwrap();
    /// assert_eq!(n.as_str(), "123456789012345678901234567890");
    /// assert!(BigInteger::parse("1.5").is_err());
    /// ```
    BigInteger,
    "an integer",
    is_integer
);

big_number!(
    /// An arbitrary-precision decimal (Smithy `bigDecimal`), kept as its exact text.
    ///
    /// ```
    /// use smithy_codegen_runtime::BigDecimal;
    ///
    /// let a = BigDecimal::parse("1.50").unwrap();
    /// assert_eq!(a, BigDecimal::parse("15e-1").unwrap(), "equal by value");
    /// assert_eq!(a.as_str(), "1.50", "text kept as written");
    /// ```
    BigDecimal,
    "a number",
    is_number
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_keep_numbers_exactly() {
        let text = r#"{"n":123456789012345678901234567890.000000000000000000001,"a":[1,{"b":null}]}"#;
        let doc: Document = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&doc).unwrap(), text);
        let scalar: Document = serde_json::from_str("\"x\"").unwrap();
        assert_eq!(scalar.as_json(), "\"x\"");
    }

    #[test]
    fn big_numbers_compare_by_value() {
        let a: BigDecimal = serde_json::from_str("1.50").unwrap();
        let b: BigDecimal = serde_json::from_str("15e-1").unwrap();
        let c: BigDecimal = serde_json::from_str("1.51").unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
        let zero: BigDecimal = serde_json::from_str("0E0").unwrap();
        let minus_zero: BigDecimal = serde_json::from_str("-0.0").unwrap();
        assert_eq!(zero, minus_zero);
    }

    #[test]
    fn big_numbers() {
        let big: BigInteger = serde_json::from_str("123456789012345678901234567890").unwrap();
        assert_eq!(big.as_str(), "123456789012345678901234567890");
        assert!(serde_json::from_str::<BigInteger>("1.5").is_err());
        assert!(serde_json::from_str::<BigInteger>("\"1\"").is_err());
        let dec: BigDecimal = serde_json::from_str("-1.000000000000000000000000001e-5").unwrap();
        assert_eq!(
            serde_json::to_string(&dec).unwrap(),
            "-1.000000000000000000000000001e-5"
        );
        assert!(serde_json::from_str::<BigDecimal>("true").is_err());
    }
}
