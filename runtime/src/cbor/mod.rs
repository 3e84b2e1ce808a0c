//! CBOR bodies (RFC 8949) for rpcv2Cbor (feature `cbor`).
//!
//! The generated types' serde impls say what a value holds; [`write`](mod@write) and
//! [`read`] put it in CBOR through minicbor. Both tell serde they are not
//! human-readable, which is how the runtime's codecs pick the CBOR forms:
//! blobs as byte strings, timestamps as tag 1 around epoch seconds, floats
//! (`NaN` and infinities too) as floats. Reading is bounded: nesting deeper
//! than [`MAX_DEPTH`] is an error, and a declared length is never allocated
//! before the bytes behind it are there.

pub mod protocol;
pub mod read;
pub mod write;

pub use read::from_slice;
pub use write::to_vec;

use std::fmt;

/// How deeply arrays, maps and tags may nest. Generated readers recurse
/// once per level, so this bounds their stack.
pub const MAX_DEPTH: usize = 256;

pub(crate) use crate::wire::TAGGED_EPOCH_SECONDS as EPOCH_SECONDS;

/// A body that is not the CBOR expected, or a value CBOR cannot carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CborError {
    /// What is wrong.
    pub message: String,
    /// The byte offset in the body where it was found, when reading.
    pub position: Option<usize>,
}

impl CborError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            position: None,
        }
    }

    pub(crate) fn at(message: impl Into<String>, position: usize) -> Self {
        Self {
            message: message.into(),
            position: Some(position),
        }
    }
}

impl fmt::Display for CborError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(at) => write!(f, "CBOR at byte {at}: {}", self.message),
            None => write!(f, "CBOR: {}", self.message),
        }
    }
}

impl std::error::Error for CborError {}

impl serde::ser::Error for CborError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self::new(msg.to_string())
    }
}

impl serde::de::Error for CborError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self::new(msg.to_string())
    }
}
