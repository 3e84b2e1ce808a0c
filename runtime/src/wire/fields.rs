//! Structures on the wire. A generated structure names each member once for
//! writing ([`WriteFields`], on the value) and once for reading
//! ([`ReadFields`], on its builder); what every structure's object shares —
//! the exact entry count, `null` as absent, unknown keys skipped, the last
//! duplicate key winning — is here, once.

use std::convert::Infallible;
use std::fmt;

use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserializer, Serializer};

use super::{next_value, Codec, HasCodec, Key, Ser};
use crate::ClientCorrections;

/// A structure that writes its present members, in model order.
pub trait WriteFields {
    /// Passes every present member to `w`.
    fn write_fields<W: FieldWriter>(&self, w: &mut W) -> Result<(), W::Error>;
}

/// Where [`WriteFields`] sends members: first a counter (so formats that write
/// an object's length first, such as CBOR or MessagePack, get it right), then
/// the serializer. The codec is the value type's own ([`HasCodec`]) unless a
/// `_with` method names another (a member's `@timestampFormat`).
pub trait FieldWriter {
    /// What writing can fail with.
    type Error;

    /// Writes `value` under `key` with codec `C`.
    fn entry_with<C: Codec<T>, T>(&mut self, key: &'static str, value: &T) -> Result<(), Self::Error>;

    /// Writes `value` under `key`.
    fn entry<T: HasCodec>(&mut self, key: &'static str, value: &T) -> Result<(), Self::Error> {
        self.entry_with::<T::Codec, T>(key, value)
    }

    /// Writes an optional member when it is set.
    fn optional<T: HasCodec>(&mut self, key: &'static str, value: &Option<T>) -> Result<(), Self::Error> {
        self.optional_with::<T::Codec, T>(key, value)
    }

    /// [`optional`](Self::optional) with codec `C`.
    fn optional_with<C: Codec<T>, T>(&mut self, key: &'static str, value: &Option<T>) -> Result<(), Self::Error> {
        match value {
            Some(value) => self.entry_with::<C, T>(key, value),
            None => Ok(()),
        }
    }

    /// Writes a required member, unless client error correction filled it in
    /// (`key` is in `corrected`): such a member was absent, and is written as absent.
    fn required<T: HasCodec>(
        &mut self,
        key: &'static str,
        value: &T,
        corrected: &ClientCorrections,
    ) -> Result<(), Self::Error> {
        self.required_with::<T::Codec, T>(key, value, corrected)
    }

    /// [`required`](Self::required) with codec `C`.
    fn required_with<C: Codec<T>, T>(
        &mut self,
        key: &'static str,
        value: &T,
        corrected: &ClientCorrections,
    ) -> Result<(), Self::Error> {
        if corrected.contains(key) {
            Ok(())
        } else {
            self.entry_with::<C, T>(key, value)
        }
    }
}

/// Counts the entries [`WriteFields`] would write.
struct Count(usize);

impl FieldWriter for Count {
    type Error = Infallible;

    fn entry_with<C: Codec<T>, T>(&mut self, _: &'static str, _: &T) -> Result<(), Infallible> {
        self.0 += 1;
        Ok(())
    }
}

/// Writes entries into a serializer's map.
struct Entries<M>(M);

impl<M: SerializeMap> FieldWriter for Entries<M> {
    type Error = M::Error;

    fn entry_with<C: Codec<T>, T>(&mut self, key: &'static str, value: &T) -> Result<(), M::Error> {
        self.0.serialize_entry(key, &Ser::<C, T>::new(value))
    }
}

/// Serializes a structure as an object of its present members.
pub fn serialize_fields<T: WriteFields, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let mut count = Count(0);
    let Ok(()) = value.write_fields(&mut count);
    let mut entries = Entries(serializer.serialize_map(Some(count.0))?);
    value.write_fields(&mut entries)?;
    entries.0.end()
}

/// Counts or writes entries, but those whose keys are in `bound`.
struct Skip<'a, W> {
    inner: W,
    bound: &'a [&'a str],
}

impl<W: FieldWriter> FieldWriter for Skip<'_, W> {
    type Error = W::Error;

    fn entry_with<C: Codec<T>, T>(&mut self, key: &'static str, value: &T) -> Result<(), W::Error> {
        if self.bound.contains(&key) {
            Ok(())
        } else {
            self.inner.entry_with::<C, T>(key, value)
        }
    }
}

/// A structure's members but those bound elsewhere (`bound`, by wire name:
/// an HTTP request's labels, query parameters and headers), serialized as an
/// object: a restJson1 request's body.
pub struct Unbound<'a, T> {
    value: &'a T,
    bound: &'a [&'a str],
}

impl<'a, T> Unbound<'a, T> {
    /// `value` without the members `bound`.
    pub fn new(value: &'a T, bound: &'a [&'a str]) -> Self {
        Self { value, bound }
    }
}

impl<T: WriteFields> serde::Serialize for Unbound<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut count = Skip {
            inner: Count(0),
            bound: self.bound,
        };
        let Ok(()) = self.value.write_fields(&mut count);
        let mut entries = Skip {
            inner: Entries(serializer.serialize_map(Some(count.inner.0))?),
            bound: self.bound,
        };
        self.value.write_fields(&mut entries)?;
        entries.inner.0.end()
    }
}

/// A structure's builder, filled member by member from an object.
pub trait ReadFields: Default {
    /// Reads the value of the member whose wire name is `key` from `map`;
    /// `false` when no member has that name (the caller skips the value).
    fn read_field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;
}

/// Reads the current entry's value with the value type's own codec; `null`
/// means absent.
pub fn read<'de, T: HasCodec, A: MapAccess<'de>>(map: &mut A) -> Result<Option<T>, A::Error> {
    next_value::<T::Codec, T, A>(map)
}

/// Deserializes an object into the builder `B` of the structure `name`.
#[inline]
pub fn deserialize_fields<'de, B: ReadFields, D: Deserializer<'de>>(
    deserializer: D,
    name: &'static str,
) -> Result<B, D::Error> {
    let mut builder = B::default();
    deserialize_fields_into(deserializer, name, &mut builder)?;
    Ok(builder)
}

/// Fills `builder` from an object. The visitor returns `()`: a structure can
/// be hundreds of bytes, and a reader passes its visitor's value through
/// several `Result`s, each a copy.
#[inline]
pub fn deserialize_fields_into<'de, B: ReadFields, D: Deserializer<'de>>(
    deserializer: D,
    name: &'static str,
    builder: &mut B,
) -> Result<(), D::Error> {
    struct FieldsVisitor<'b, B>(&'static str, &'b mut B);

    impl<'de, B: ReadFields> Visitor<'de> for FieldsVisitor<'_, B> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a JSON object ({})", self.0)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<Key<'de>>()? {
                if !self.1.read_field(key.as_str(), &mut map)? {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(())
        }
    }

    deserializer.deserialize_map(FieldsVisitor(name, builder))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::DateTime;

    /// A structure with one member of each presence kind, written and read
    /// through the traits as generated code does.
    #[derive(Debug, Default, PartialEq)]
    struct Sample {
        name: Option<String>,
        count: i32,
        corrections: ClientCorrections,
        when: Option<time::OffsetDateTime>,
    }

    impl WriteFields for Sample {
        fn write_fields<W: FieldWriter>(&self, w: &mut W) -> Result<(), W::Error> {
            w.optional("name", &self.name)?;
            w.required("count", &self.count, &self.corrections)?;
            w.optional_with::<DateTime, _>("when", &self.when)?;
            Ok(())
        }
    }

    impl ReadFields for Sample {
        fn read_field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
            match key {
                "name" => self.name = read(map)?,
                "count" => self.count = read(map)?.unwrap_or_default(),
                "when" => self.when = next_value::<DateTime, _, _>(map)?,
                _ => return Ok(false),
            }
            Ok(true)
        }
    }

    fn to_json(value: &Sample) -> String {
        let mut out = Vec::new();
        serialize_fields(value, &mut serde_json::Serializer::new(&mut out)).expect("serializes");
        String::from_utf8(out).expect("utf-8")
    }

    fn from_json(json: &str) -> Result<Sample, serde_json::Error> {
        deserialize_fields(&mut serde_json::Deserializer::from_str(json), "Sample")
    }

    #[test]
    fn absent_and_corrected_members_are_left_out_and_codecs_apply() {
        let mut value = Sample {
            count: 3,
            ..Sample::default()
        };
        assert_eq!(to_json(&value), r#"{"count":3}"#);
        value.corrections.record("count");
        assert_eq!(to_json(&value), "{}");
        value.name = Some("n".into());
        value.when = Some(time::OffsetDateTime::UNIX_EPOCH);
        assert_eq!(to_json(&value), r#"{"name":"n","when":"1970-01-01T00:00:00Z"}"#);
    }

    #[test]
    fn the_entry_count_matches_the_entries_written() {
        // A length-prefixed format would break if the count were off: count
        // the entries a map serializer is asked for.
        let value = Sample {
            name: Some("n".into()),
            corrections: {
                let mut corrections = ClientCorrections::default();
                corrections.record("count");
                corrections
            },
            ..Sample::default()
        };
        let mut count = Count(0);
        let Ok(()) = value.write_fields(&mut count);
        assert_eq!(count.0, 1);
        let json: serde_json::Value = serde_json::from_str(&to_json(&value)).expect("json");
        assert_eq!(json.as_object().map(|o| o.len()), Some(1));
    }

    #[test]
    fn null_is_absent_unknown_keys_are_skipped_and_the_last_duplicate_wins() {
        let value = from_json(r#"{"name":null,"other":{"deep":[1,2]},"count":1,"count":2}"#).expect("parses");
        assert_eq!(value.name, None);
        assert_eq!(value.count, 2);
        let error = from_json("[]").expect_err("not an object");
        assert!(error.to_string().contains("a JSON object (Sample)"), "{error}");
    }

    #[test]
    fn the_type_decides_the_codec() {
        fn codec_name<T: HasCodec>() -> &'static str {
            std::any::type_name::<T::Codec>()
        }
        assert!(codec_name::<f64>().ends_with("NonFinite"));
        assert!(codec_name::<time::OffsetDateTime>().ends_with("EpochSeconds"));
        assert!(codec_name::<Vec<Option<String>>>().contains("SparseList"));
        assert!(codec_name::<Vec<String>>().contains("DenseList"));
    }
}
