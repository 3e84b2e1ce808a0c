//! Arbitrary bytes -> DescribeJobTemplateOutput -> validate -> JSON -> parse again.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tests::fuzz::output_round_trip(data));
