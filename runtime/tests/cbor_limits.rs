//! The CBOR reader on hostile bodies: each gives an error, never a panic, and
//! allocates nothing near what a body declares but does not hold (a counting
//! allocator measures the peak, not the clock).

use smithy_codegen_runtime::cbor::{from_slice, MAX_DEPTH};

#[path = "support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::peak_during;

/// A head byte for major type `major` followed by an 8-byte length.
fn declared(major: u8, len: u64) -> Vec<u8> {
    let mut body = vec![(major << 5) | 27];
    body.extend_from_slice(&len.to_be_bytes());
    body
}

#[test]
fn a_truncated_body_is_an_error_with_its_position() {
    // A map of one entry whose key says 5 bytes and gives 2.
    let body = [0xa1, 0x65, b'k', b'e'];
    let error = from_slice::<std::collections::BTreeMap<String, String>>(&body).expect_err("truncated");
    assert!(error.position.is_some(), "{error}");
}

#[test]
fn a_wrong_major_type_is_an_error() {
    let error = from_slice::<String>(&[0x01]).expect_err("an integer is not text");
    assert!(error.to_string().contains("CBOR"), "{error}");
    let error = from_slice::<Vec<String>>(&[0xa0]).expect_err("a map is not a list");
    assert!(!error.message.is_empty());
}

#[test]
fn nesting_past_the_limit_is_an_error_not_a_stack_overflow() {
    // 100,000 arrays, each holding the next.
    let mut body = vec![0x81; 100_000];
    body.push(0x00);
    let error = from_slice::<serde_json::Value>(&body).expect_err("too deep");
    assert!(error.message.contains(&MAX_DEPTH.to_string()), "{error}");
    // Within the limit, the same shape reads.
    let mut body = vec![0x81; MAX_DEPTH - 1];
    body.push(0x00);
    assert!(from_slice::<serde_json::Value>(&body).is_ok());
}

#[test]
fn a_declared_length_of_2_to_the_60_allocates_nothing_like_it() {
    let huge = 1u64 << 60;
    for (what, body) in [("text", declared(3, huge)), ("bytes", declared(2, huge))] {
        let (result, peak) = peak_during(|| from_slice::<serde_json::Value>(&body));
        assert!(result.is_err(), "{what}: a length past the body is an error");
        assert!(peak < 64 * 1024, "{what}: {peak} bytes allocated");
    }
    for (what, body) in [("array", declared(4, huge)), ("map", declared(5, huge))] {
        let (result, peak) = peak_during(|| from_slice::<serde_json::Value>(&body));
        assert!(result.is_err(), "{what}: a length past the body is an error");
        assert!(peak < 64 * 1024, "{what}: {peak} bytes allocated");
        let (result, peak) = peak_during(|| from_slice::<Vec<u32>>(&body));
        assert!(result.is_err(), "{what} as a list: an error");
        assert!(peak < 64 * 1024, "{what} as a list: {peak} bytes allocated");
    }
}

#[test]
fn a_million_element_array_costs_a_small_multiple_of_its_bytes() {
    // 1,000,000 zeros: one byte each on the wire, four in a Vec<u32>.
    let mut body = declared(4, 1_000_000);
    body.extend(std::iter::repeat_n(0u8, 1_000_000));
    let (result, peak) = peak_during(|| from_slice::<Vec<u32>>(&body));
    assert_eq!(result.map(|v| v.len()), Ok(1_000_000));
    assert!(peak <= 8 * body.len(), "{peak} bytes for a {}-byte body", body.len());
}
