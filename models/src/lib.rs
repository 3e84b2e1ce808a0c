//! Typed models for the AWS IoT `DescribeJobTemplate` operation.
//!
//! See the crate README for examples.

#![warn(missing_docs)]

#[rustfmt::skip]
mod generated;
pub mod runtime;

pub(crate) use generated::patterns;
pub use generated::{operation, types};
