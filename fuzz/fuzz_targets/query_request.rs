//! Bytes as a query input: its form body says the input back (`tests::fuzz::query_request`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tests::fuzz::query_request(data));
