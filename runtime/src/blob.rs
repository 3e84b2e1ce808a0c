//! Binary data: base64 (standard alphabet, padded) on the JSON wire.

use std::fmt;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Bytes of a Smithy `blob`. JSON carries them as a base64 string; `@length`
/// counts the decoded bytes.
///
/// ```
/// use smithy_codegen_runtime::Blob;
///
/// let blob = Blob::from_base64("aGk=").unwrap();
/// assert_eq!(blob.as_bytes(), b"hi");
/// assert_eq!(blob.to_base64(), "aGk=");
/// assert!(Blob::from_base64("aGl=").is_err(), "only the canonical encoding");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Blob(Vec<u8>);

impl Blob {
    /// Wraps bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self(bytes.into())
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, owned.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }

    /// Number of bytes (what `@length` counts).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Decodes standard, padded base64 (what model `@default` values use).
    pub fn from_base64(text: &str) -> Result<Self, String> {
        decode(text).map(Self)
    }

    /// Encodes as standard, padded base64.
    pub fn to_base64(&self) -> String {
        encode(&self.0)
    }
}

impl fmt::Debug for Blob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Blob({} bytes)", self.0.len())
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Self(bytes.to_vec())
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

fn encode(bytes: &[u8]) -> String {
    BASE64.encode(bytes)
}

/// Standard alphabet, padding required, canonical only: every encoding of a byte
/// string but one is refused, so a blob has one wire form.
fn decode(text: &str) -> Result<Vec<u8>, String> {
    BASE64.decode(text).map_err(|e| format!("invalid base64: {e}"))
}

/// Base64 text in a human-readable format (JSON, XML); a byte string in a
/// binary one (CBOR).
impl Serialize for Blob {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(&encode(&self.0))
        } else {
            serializer.serialize_bytes(&self.0)
        }
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BlobVisitor;
        impl Visitor<'_> for BlobVisitor {
            type Value = Blob;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a base64 string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Blob, E> {
                decode(v).map(Blob).map_err(E::custom)
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Blob, E> {
                Ok(Blob(v.to_vec()))
            }
            fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Blob, E> {
                Ok(Blob(v))
            }
        }
        if deserializer.is_human_readable() {
            deserializer.deserialize_str(BlobVisitor)
        } else {
            deserializer.deserialize_bytes(BlobVisitor)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        for (raw, text) in [
            ("", ""),
            ("a", "YQ=="),
            ("ab", "YWI="),
            ("abc", "YWJj"),
            ("abcd", "YWJjZA=="),
        ] {
            assert_eq!(encode(raw.as_bytes()), text);
            assert_eq!(decode(text).unwrap(), raw.as_bytes());
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(decode(&encode(&all)).unwrap(), all);
        assert!(decode("YQ=").is_err());
        assert!(decode("Y===").is_err());
        assert!(decode("YQ==YQ==").is_err());
        assert!(decode("Y!==").is_err());
        // Non-zero trailing bits: `YR==` is not the encoding of `a` (`YQ==` is).
        assert!(decode("YR==").is_err());
        assert!(decode("YQ").is_err(), "padding is required");
    }
}
