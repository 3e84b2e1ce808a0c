#![doc = include_str!("../../README.md")]
#![warn(missing_docs)]

#[rustfmt::skip]
mod generated;

/// The sans-IO operation layer speaks `http` requests and responses.
pub use http;
/// The runtime shared by every generated crate (`smithy-codegen-runtime`): its
/// errors, `Blob`, `Document` and `Validate` are the same types in every crate.
pub use smithy_codegen_runtime as runtime;
/// Timestamps are `time::OffsetDateTime`.
pub use time;

pub(crate) use generated::patterns;
#[cfg(feature = "proptest")]
pub use generated::strategies;
pub use generated::{endpoint, operation, server, types};
