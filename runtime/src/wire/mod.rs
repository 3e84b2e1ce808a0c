//! JSON wire encodings (restJson1) that serde's defaults get wrong for Smithy:
//! epoch-second timestamps with fractions, non-finite floats as strings, and lists
//! that must reject `null`. Each encoding is a [`Codec`]; generated `Serialize` and
//! `Deserialize` impls pick one per member, so every rule lives here once.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::OffsetDateTime;

pub(crate) mod fast_read;
mod fields;
mod service;

pub use service::{as_service, unknown_member};

/// The `serde` the generated impls name (through [`structure_impls!`](crate::structure_impls)).
pub use serde;

pub use fields::{
    deserialize_fields, deserialize_fields_into, read, serialize_fields, FieldWriter, ReadFields, Unbound, WriteFields,
};

/// How one Rust type is written to and read from the wire.
pub trait Codec<T> {
    /// Writes `value`.
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;
    /// Reads a value.
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
}

/// The type's own serde impls (strings, integers, booleans, generated types).
pub enum Plain {}

impl<T: Serialize + DeserializeOwned> Codec<T> for Plain {
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

/// Floats, with `NaN`, `Infinity` and `-Infinity` as JSON strings.
///
/// Whole values are written without a fraction (`30`, not `30.0`), as services
/// write them, so a response re-serializes to the same JSON value; both forms
/// read back to the same bits.
pub enum NonFinite {}

/// Largest magnitude below which every whole double is an exact `i64`.
const EXACT_INT_LIMIT: f64 = 9_007_199_254_740_992.0;

impl Codec<f64> for NonFinite {
    fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        // A binary format (CBOR) has floats for all of them.
        if !serializer.is_human_readable() {
            return serializer.serialize_f64(*value);
        }
        if value.is_nan() {
            serializer.serialize_str("NaN")
        } else if value.is_infinite() {
            serializer.serialize_str(if *value > 0.0 { "Infinity" } else { "-Infinity" })
        } else if value.fract() == 0.0 && value.abs() < EXACT_INT_LIMIT && !(*value == 0.0 && value.is_sign_negative())
        {
            serializer.serialize_i64(*value as i64)
        } else {
            serializer.serialize_f64(*value)
        }
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        deserializer.deserialize_any(FloatVisitor)
    }
}

impl Codec<f32> for NonFinite {
    fn serialize<S: Serializer>(value: &f32, serializer: S) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable() || (value.is_finite() && value.fract() != 0.0) {
            serializer.serialize_f32(*value)
        } else {
            <NonFinite as Codec<f64>>::serialize(&f64::from(*value), serializer)
        }
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f32, D::Error> {
        // Narrowing is the documented meaning of a JSON number for a Smithy float.
        deserializer.deserialize_any(FloatVisitor).map(|v| v as f32)
    }
}

/// Big numbers as JSON strings (`"12345678901234567890"`), as rpcv2Json
/// writes them so no reader rounds them through a double. Reading also takes
/// an integer number; a fractional number is refused, since the reader that
/// gives it has already rounded it.
pub enum BigText {}

macro_rules! big_text {
    ($t:ty, $what:literal) => {
        impl Codec<$t> for BigText {
            fn serialize<S: Serializer>(value: &$t, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(value.as_str())
            }
            fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<$t, D::Error> {
                struct Text;
                impl Visitor<'_> for Text {
                    type Value = $t;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        write!(f, "{} as a string", $what)
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$t, E> {
                        <$t>::parse(v).map_err(E::custom)
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<$t, E> {
                        <$t>::parse(&v.to_string()).map_err(E::custom)
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<$t, E> {
                        <$t>::parse(&v.to_string()).map_err(E::custom)
                    }
                }
                deserializer.deserialize_any(Text)
            }
        }
    };
}

big_text!(crate::BigInteger, "a big integer");
big_text!(crate::BigDecimal, "a big decimal");

struct FloatVisitor;

impl Visitor<'_> for FloatVisitor {
    type Value = f64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, or one of the strings \"NaN\", \"Infinity\", \"-Infinity\"")
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
        match v {
            "NaN" => Ok(f64::NAN),
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            other => Err(E::custom(format_args!(
                "only \"NaN\", \"Infinity\" and \"-Infinity\" can represent a number as a string, found {other:?}"
            ))),
        }
    }
}

/// Smithy timestamps must lie in 0001-01-01T00:00:00Z ..= 9999-12-31T23:59:59.999Z.
const MIN_UNIX_MS: i64 = -62_135_596_800_000;
const MAX_UNIX_MS: i64 = 253_402_300_799_999;

fn from_unix_ms<E: de::Error>(ms: i64) -> Result<OffsetDateTime, E> {
    if !(MIN_UNIX_MS..=MAX_UNIX_MS).contains(&ms) {
        return Err(E::custom(format_args!(
            "timestamp {ms} ms since the epoch is outside 0001-01-01..9999-12-31"
        )));
    }
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).map_err(E::custom)
}

/// Milliseconds since the epoch, rounded toward negative infinity.
fn unix_ms(value: &OffsetDateTime) -> i64 {
    let ms = value.unix_timestamp_nanos().div_euclid(1_000_000);
    // Every OffsetDateTime fits: time's own range is far inside i64 milliseconds.
    i64::try_from(ms).unwrap_or(if ms < 0 { i64::MIN } else { i64::MAX })
}

/// Epoch seconds as a JSON number, with an optional fraction (restJson1's default).
///
/// Resolution is one millisecond; finer digits are cut off toward negative
/// infinity (`-1.5` is 23:59:58.500 on 1969-12-31). Fractions are read from the
/// shortest decimal form of the parsed double, so `1700000000.123` is exactly
/// `.123` and not the `.122999906` the double holds.
pub enum EpochSeconds {}

/// The newtype name epoch seconds are wrapped in for a binary format (one
/// that is not human-readable: CBOR), whose writer puts tag 1 (an epoch-based
/// date/time) before the number.
pub(crate) const TAGGED_EPOCH_SECONDS: &str = "$smithy_codegen_runtime::EpochSeconds";

impl Codec<OffsetDateTime> for EpochSeconds {
    fn serialize<S: Serializer>(value: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        let ms = unix_ms(value);
        if !serializer.is_human_readable() {
            // ms fits in 53 bits, so this is the double nearest to the exact decimal.
            return serializer.serialize_newtype_struct(TAGGED_EPOCH_SECONDS, &(ms as f64 / 1000.0));
        }
        if ms % 1000 == 0 {
            serializer.serialize_i64(ms / 1000)
        } else {
            // ms fits in 53 bits, so this is the double nearest to the exact decimal.
            serializer.serialize_f64(ms as f64 / 1000.0)
        }
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
        deserializer.deserialize_any(EpochVisitor)
    }
}

struct EpochVisitor;

impl Visitor<'_> for EpochVisitor {
    type Value = OffsetDateTime;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a timestamp as seconds since the Unix epoch (a JSON number)")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        let ms = v
            .checked_mul(1000)
            .ok_or_else(|| E::custom(format_args!("timestamp {v} is out of range")))?;
        from_unix_ms(ms)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        let secs = i64::try_from(v).map_err(|_| E::custom(format_args!("timestamp {v} is out of range")))?;
        self.visit_i64(secs)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        from_unix_ms(epoch_ms_from_f64(v).ok_or_else(|| E::custom(format_args!("timestamp {v} is out of range")))?)
    }
}

/// Floors a parsed epoch-seconds double to whole milliseconds using its shortest
/// round-trip decimal form (Rust's `Display` for `f64` never uses an exponent).
pub(crate) fn epoch_ms_from_f64(v: f64) -> Option<i64> {
    if !v.is_finite() {
        return None;
    }
    whole_ms(v).or_else(|| epoch_ms_from_decimal(v))
}

/// The common case without formatting: `v` is exactly the double nearest to
/// some whole number of milliseconds `m / 1000`. Below 1e12 seconds two such
/// decimals are further apart than a double's spacing, so that decimal is the
/// shortest form's value and `m` is the answer.
fn whole_ms(v: f64) -> Option<i64> {
    if v.abs() >= 1e12 {
        return None;
    }
    let ms = (v * 1000.0).round();
    // `ms` is below 1e15 in magnitude, so the cast is exact.
    (ms / 1000.0 == v).then_some(ms as i64)
}

/// [`epoch_ms_from_f64`] through the shortest round-trip decimal form.
fn epoch_ms_from_decimal(v: f64) -> Option<i64> {
    let text = v.to_string();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let secs: i64 = whole.parse().ok()?;
    let mut ms: i64 = 0;
    for (i, d) in fraction.bytes().take(3).enumerate() {
        ms += i64::from(d - b'0') * [100, 10, 1][i];
    }
    let below_ms = fraction.bytes().skip(3).any(|d| d != b'0');
    let magnitude = secs.checked_mul(1000)?.checked_add(ms)?;
    Some(if negative {
        -magnitude - i64::from(below_ms)
    } else {
        magnitude
    })
}

/// RFC 3339 date-time strings (`2023-11-14T22:13:20.5Z`); offsets are accepted on
/// input, output is always UTC.
pub enum DateTime {}

impl Codec<OffsetDateTime> for DateTime {
    fn serialize<S: Serializer>(value: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        let utc = from_unix_ms::<TimeError>(unix_ms(value))
            .map_err(|e| ser::Error::custom(e.0))?
            .to_offset(time::UtcOffset::UTC);
        let text = utc
            .format(&time::format_description::well_known::Rfc3339)
            .map_err(ser::Error::custom)?;
        serializer.serialize_str(&text)
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        // A service takes only UTC with seconds; a client any RFC 3339 text.
        if service::active() {
            return crate::timestamp::parse_strict_date_time(&text)
                .ok_or_else(|| de::Error::custom(format_args!("{text:?} is not a UTC date-time (RFC 3339, `Z`)")))
                .and_then(|parsed| from_unix_ms(unix_ms(&parsed)));
        }
        let parsed = OffsetDateTime::parse(&text, &time::format_description::well_known::Rfc3339)
            .map_err(|e| de::Error::custom(format_args!("invalid RFC 3339 date-time {text:?}: {e}")))?;
        from_unix_ms(unix_ms(&parsed))
    }
}

/// HTTP dates: written as IMF-fixdate (`Tue, 14 Nov 2023 22:13:20 GMT`),
/// whole seconds; read in any of HTTP's three forms, as headers are
/// ([`crate::timestamp`]).
pub enum HttpDate {}

impl Codec<OffsetDateTime> for HttpDate {
    fn serialize<S: Serializer>(value: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&crate::timestamp::http_date(value))
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        crate::timestamp::parse_http_date(&text)
            .ok_or_else(|| de::Error::custom(format_args!("invalid HTTP date {text:?}")))
    }
}

#[derive(Debug)]
struct TimeError(String);

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TimeError {}

impl de::Error for TimeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}

/// A list whose items may not be `null` (every list without `@sparse`).
pub struct DenseList<C>(PhantomData<C>);

impl<T, C: Codec<T>> Codec<Vec<T>> for DenseList<C> {
    fn serialize<S: Serializer>(value: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(value.len()))?;
        for item in value {
            seq.serialize_element(&Ser::<C, T>::new(item))?;
        }
        seq.end()
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        struct ListVisitor<C, T>(PhantomData<(C, T)>);
        impl<'de, T, C: Codec<T>> Visitor<'de> for ListVisitor<C, T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(item) = seq.next_element::<Option<De<C, T>>>()? {
                    match item {
                        Some(item) => items.push(item.0),
                        None => {
                            return Err(de::Error::custom(format_args!(
                                "null at index {} of a list that does not allow nulls (not @sparse)",
                                items.len()
                            )))
                        }
                    }
                }
                Ok(items)
            }
        }
        deserializer.deserialize_seq(ListVisitor::<C, T>(PhantomData))
    }
}

/// A `@sparse` list: items may be `null`.
pub struct SparseList<C>(PhantomData<C>);

impl<T, C: Codec<T>> Codec<Vec<Option<T>>> for SparseList<C> {
    fn serialize<S: Serializer>(value: &Vec<Option<T>>, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(value.len()))?;
        for item in value {
            seq.serialize_element(&item.as_ref().map(Ser::<C, T>::new))?;
        }
        seq.end()
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Option<T>>, D::Error> {
        let items = Vec::<Option<De<C, T>>>::deserialize(deserializer)?;
        Ok(items.into_iter().map(|i| i.map(|d| d.0)).collect())
    }
}

/// A map whose values may not be `null` (every map without `@sparse`). Keys are
/// strings or string enums; the last duplicate key wins.
pub struct DenseMap<C>(PhantomData<C>);

impl<K, V, C> Codec<BTreeMap<K, V>> for DenseMap<C>
where
    K: Ord + Serialize + DeserializeOwned,
    C: Codec<V>,
{
    fn serialize<S: Serializer>(value: &BTreeMap<K, V>, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(value.len()))?;
        for (k, v) in value {
            map.serialize_entry(k, &Ser::<C, V>::new(v))?;
        }
        map.end()
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<BTreeMap<K, V>, D::Error> {
        struct MapVisitor<K, V, C>(PhantomData<(K, V, C)>);
        impl<'de, K: Ord + DeserializeOwned, V, C: Codec<V>> Visitor<'de> for MapVisitor<K, V, C> {
            type Value = BTreeMap<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<K>()? {
                    match map.next_value::<Option<De<C, V>>>()? {
                        Some(v) => {
                            out.insert(key, v.0);
                        }
                        None => {
                            return Err(de::Error::custom(
                                "null value in a map that does not allow nulls (not @sparse)",
                            ))
                        }
                    }
                }
                Ok(out)
            }
        }
        deserializer.deserialize_map(MapVisitor::<K, V, C>(PhantomData))
    }
}

/// A `@sparse` map: values may be `null`.
pub struct SparseMap<C>(PhantomData<C>);

impl<K, V, C> Codec<BTreeMap<K, Option<V>>> for SparseMap<C>
where
    K: Ord + Serialize + DeserializeOwned,
    C: Codec<V>,
{
    fn serialize<S: Serializer>(value: &BTreeMap<K, Option<V>>, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(value.len()))?;
        for (k, v) in value {
            map.serialize_entry(k, &v.as_ref().map(Ser::<C, V>::new))?;
        }
        map.end()
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<BTreeMap<K, Option<V>>, D::Error> {
        let raw = BTreeMap::<K, Option<De<C, V>>>::deserialize(deserializer)?;
        Ok(raw.into_iter().map(|(k, v)| (k, v.map(|d| d.0))).collect())
    }
}

/// A boxed value (recursive shapes) with the inner value's codec.
pub struct Boxed<C>(PhantomData<C>);

impl<T, C: Codec<T>> Codec<Box<T>> for Boxed<C> {
    fn serialize<S: Serializer>(value: &Box<T>, serializer: S) -> Result<S::Ok, S::Error> {
        C::serialize(value, serializer)
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Box<T>, D::Error> {
        C::deserialize(deserializer).map(Box::new)
    }
}

/// `{}`: the JSON value of a union member that targets `smithy.api#Unit`.
pub struct Empty;

impl Serialize for Empty {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_map(Some(0))?.end()
    }
}

/// A type's own codec: the one its members use unless a member says otherwise
/// (only `@timestampFormat` does). Generated types are [`Plain`].
pub trait HasCodec: Sized {
    /// The codec.
    type Codec: Codec<Self>;
}

macro_rules! plain {
    ($($t:ty),*) => { $(impl HasCodec for $t { type Codec = Plain; })* };
}
plain!(
    String,
    bool,
    i8,
    i16,
    i32,
    i64,
    crate::Blob,
    crate::Document,
    crate::BigInteger,
    crate::BigDecimal
);

impl HasCodec for f32 {
    type Codec = NonFinite;
}

impl HasCodec for f64 {
    type Codec = NonFinite;
}

/// Epoch seconds: the JSON protocols' body format for timestamps.
impl HasCodec for OffsetDateTime {
    type Codec = EpochSeconds;
}

impl<T: HasCodec> HasCodec for Vec<T> {
    type Codec = DenseList<T::Codec>;
}

impl<T: HasCodec> HasCodec for Vec<Option<T>> {
    type Codec = SparseList<T::Codec>;
}

impl<K: Ord + Serialize + DeserializeOwned, V: HasCodec> HasCodec for BTreeMap<K, V> {
    type Codec = DenseMap<V::Codec>;
}

impl<K: Ord + Serialize + DeserializeOwned, V: HasCodec> HasCodec for BTreeMap<K, Option<V>> {
    type Codec = SparseMap<V::Codec>;
}

impl<T: HasCodec> HasCodec for Box<T> {
    type Codec = Boxed<T::Codec>;
}

/// Serializes a borrowed value with codec `C`.
pub struct Ser<'a, C, T>(&'a T, PhantomData<C>);

impl<'a, C, T> Ser<'a, C, T> {
    /// Wraps `value`.
    pub fn new(value: &'a T) -> Self {
        Self(value, PhantomData)
    }
}

impl<C: Codec<T>, T> Serialize for Ser<'_, C, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        C::serialize(self.0, serializer)
    }
}

/// Deserializes a value with codec `C`.
struct De<C, T>(T, PhantomData<C>);

impl<'de, C: Codec<T>, T> Deserialize<'de> for De<C, T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        C::deserialize(deserializer).map(|v| De(v, PhantomData))
    }
}

/// Reads the value of the current map entry; `null` means absent.
pub fn next_value<'de, C, T, A>(map: &mut A) -> Result<Option<T>, A::Error>
where
    C: Codec<T>,
    A: MapAccess<'de>,
{
    Ok(map.next_value::<Option<De<C, T>>>()?.map(|d| d.0))
}

/// Writes one map entry with codec `C`.
pub fn entry<C, T, M>(map: &mut M, key: &'static str, value: &T) -> Result<(), M::Error>
where
    C: Codec<T>,
    M: SerializeMap,
{
    map.serialize_entry(key, &Ser::<C, T>::new(value))
}

/// A JSON object key, borrowed from the input when possible.
pub enum Key<'de> {
    /// Borrowed from the input.
    Borrowed(&'de str),
    /// Copied (the input had escapes).
    Owned(String),
}

impl Key<'_> {
    /// The key text.
    pub fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// Deserializes a string-valued enum through `From<&str>` / `From<String>`.
pub fn deserialize_enum<'de, D, T>(deserializer: D, expecting: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    struct EnumVisitor<T>(&'static str, PhantomData<T>);
    impl<'de, T: for<'a> From<&'a str> + From<String>> Visitor<'de> for EnumVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok(T::from(v))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<T, E> {
            Ok(T::from(v))
        }
    }
    deserializer.deserialize_str(EnumVisitor(expecting, PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_fractions_are_exact_and_floored() {
        assert_eq!(epoch_ms_from_f64(1_700_000_000.123), Some(1_700_000_000_123));
        assert_eq!(epoch_ms_from_f64(1_700_000_000.5), Some(1_700_000_000_500));
        assert_eq!(epoch_ms_from_f64(1_700_000_000.123_9), Some(1_700_000_000_123));
        assert_eq!(epoch_ms_from_f64(-1.5), Some(-1_500));
        assert_eq!(epoch_ms_from_f64(-1.0005), Some(-1_001));
        assert_eq!(epoch_ms_from_f64(f64::NAN), None);
        assert_eq!(epoch_ms_from_f64(1e300), None);
    }

    #[test]
    fn whole_milliseconds_agree_with_the_decimal_form() {
        // Whole and fractional milliseconds, sub-millisecond digits, and
        // values near the fast path's limit, both signs.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut fast = 0;
        for i in 0..20_000u32 {
            let scale = [1.0, 1e3, 1e6, 1e9, 9.99e11, 1e13, 1e15][(i % 7) as usize];
            let unit = (next() >> 11) as f64 / (1u64 << 53) as f64;
            let mut v = unit * scale;
            if i % 3 == 0 {
                v = (v * 1000.0).round() / 1000.0;
            }
            if i % 2 == 0 {
                v = -v;
            }
            let expected = epoch_ms_from_decimal(v);
            if let Some(ms) = whole_ms(v) {
                fast += 1;
                assert_eq!(Some(ms), expected, "{v}");
            }
            assert_eq!(epoch_ms_from_f64(v), expected, "{v}");
        }
        assert!(fast > 5_000, "the fast path is taken ({fast} times)");
    }
}
