//! Arbitrary bytes as a Smithy IDL file -> a model or a located error; a model
//! written back as IDL reads back equal.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tests::fuzz::idl_model(data));
