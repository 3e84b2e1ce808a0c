//! Bytes as an XML response: read, never panic; what reads survives a round trip (`tests::fuzz::xml_response`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tests::fuzz::xml_response(data));
