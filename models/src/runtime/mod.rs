//! Hand-written support shared by the generated code: wire encodings, validation,
//! forward-compatible enum values and error plumbing. Everything here is generic over
//! shapes; nothing here knows about DescribeJobTemplate.

pub mod blob;
pub mod corrections;
pub mod document;
pub mod error;
pub mod http;
#[cfg(feature = "proptest")]
pub mod strategies;
pub mod validate;
pub mod wire;

mod unknown;

pub use blob::Blob;
pub use corrections::{ClientCorrections, ErrorCorrection};
pub use document::{BigDecimal, BigInteger, Document};
pub use error::{BuildError, ErrorFault, StrictParseError, Unhandled};
pub use unknown::{UnknownMember, UnknownVariantValue};
pub use validate::{ConstraintKind, ValidationError, Violation};

/// What `Debug` prints in place of a `@sensitive` value.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";
