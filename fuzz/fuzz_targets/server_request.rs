//! Bytes as a request to a service: a parsed input or a 4xx rejection, never a panic (`tests::fuzz::server_request`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tests::fuzz::server_request(data));
