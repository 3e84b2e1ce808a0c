#![doc = include_str!("../../README.md")]
#![warn(missing_docs)]

#[rustfmt::skip]
mod generated;
pub mod runtime;

pub(crate) use generated::patterns;
#[cfg(feature = "proptest")]
pub use generated::strategies;
pub use generated::{operation, types};
