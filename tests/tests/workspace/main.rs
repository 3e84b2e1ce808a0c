//! The workspace tests as one binary: each file here was a test binary of its own,
//! and each linked every golden crate, codegen and xtask again.

mod builders;
mod downstream_example;
mod features;
mod fuzz_corpus;
mod golden_properties;
mod idl;
mod operations;
mod patterns;
mod properties;
mod protocol_suites;
mod serde_wire;
mod service_errors;
mod shared_models_compile;
mod spec_conformance;
mod validation;
mod xml_wire;
