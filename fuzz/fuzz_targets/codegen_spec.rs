//! Arbitrary bytes as a Smithy JSON AST -> codegen returns Ok or an error.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tests::fuzz::codegen_spec(data));
