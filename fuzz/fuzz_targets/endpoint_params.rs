//! Bytes as endpoint parameters of five rule sets: resolve, never panic; a kept answer equals a fresh one (`tests::fuzz::endpoint_params`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tests::fuzz::endpoint_params(data));
