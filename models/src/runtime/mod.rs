//! Hand-written support shared by the generated code: wire encodings, validation,
//! forward-compatible enum values and error plumbing. Everything here is generic over
//! shapes; nothing here knows about DescribeJobTemplate.

pub mod corrections;
pub mod error;
#[cfg(feature = "proptest")]
pub mod strategies;
pub mod validate;
pub mod wire;

mod unknown;

pub use corrections::{ClientCorrections, ErrorCorrection};
pub use error::{BuildError, ErrorFault, StrictParseError, Unhandled};
pub use unknown::UnknownVariantValue;
pub use validate::{ConstraintKind, ValidationError, Violation};
