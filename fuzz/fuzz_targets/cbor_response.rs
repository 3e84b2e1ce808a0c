//! Bytes as an rpcv2Cbor response: read, never panic; what reads survives a round trip (`tests::fuzz::cbor_response`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tests::fuzz::cbor_response(data));
