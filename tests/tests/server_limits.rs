//! A service reading hostile requests (`protocol_restjson::server::parse`:
//! routing over a hundred operations, then the runtime's JSON reader with
//! serde_json behind it): each gives an input or a rejection, never a panic
//! or a stack overflow, within memory a small multiple of the request (a
//! counting allocator measures the peak).

use protocol_restjson::server::{self, Request};
use smithy_codegen_runtime::server::Rejection;

#[path = "../../runtime/tests/support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::peak_during;

fn put(uri: &str, body: Vec<u8>) -> http::Request<Vec<u8>> {
    http::Request::put(uri)
        .header("content-type", "application/json")
        .body(body)
        .expect("a request builds")
}

/// Parses `request`; the outcome (`Ok` holds the operation's name) and this
/// thread's peak allocation above what it held before.
fn parse(request: &http::Request<Vec<u8>>) -> (Result<&'static str, Rejection>, usize) {
    peak_during(|| server::parse(request).map(|r| r.operation_name()))
}

#[test]
fn a_100_mb_string_costs_about_its_own_size() {
    let body = tests::hostile::long_string("stringList", 100 * 1024 * 1024, true);
    let len = body.len();
    let (outcome, peak) = parse(&put("/JsonLists", body.into_bytes()));
    assert_eq!(outcome, Ok("JsonLists"));
    assert!(peak <= 2 * len, "{peak} bytes for a {len}-byte body");
}

#[test]
fn a_million_element_list_costs_a_small_multiple_of_its_bytes() {
    let body = tests::hostile::long_list("integerList", "123456", 1_000_000);
    let len = body.len();
    let request = put("/JsonLists", body.into_bytes());
    let (outcome, peak) = parse(&request);
    assert_eq!(outcome, Ok("JsonLists"));
    assert!(peak <= 4 * len, "{peak} bytes for a {len}-byte body");
    assert!(peak >= len / 2, "{peak} bytes: the allocator is not counting");
    match server::parse(&request) {
        Ok(Request::JsonLists(input)) => assert_eq!(input.integer_list().len(), 1_000_000),
        other => panic!("{other:?}"),
    }
}

#[test]
fn nesting_100_000_deep_is_skipped_or_refused_without_a_stack_overflow() {
    let deep = |key: &str| format!("{{\"{key}\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    // In a member the model does not name, the value is skipped.
    let body = deep("unknown");
    let len = body.len();
    let (outcome, peak) = parse(&put("/JsonLists", body.into_bytes()));
    assert_eq!(outcome, Ok("JsonLists"));
    assert!(peak <= 2 * len, "{peak} bytes for a {len}-byte body");
    // In a list of lists, it is a SerializationException.
    let body = deep("nestedStringList");
    let len = body.len();
    let (outcome, peak) = parse(&put("/JsonLists", body.into_bytes()));
    let rejection = outcome.expect_err("too deep");
    assert_eq!(rejection.error_type(), "SerializationException", "{rejection}");
    assert!(peak <= 2 * len, "{peak} bytes for a {len}-byte body");
}

#[test]
fn a_100_000_digit_number_is_refused() {
    let body = format!("{{\"integerList\":[{}]}}", "9".repeat(100_000));
    let len = body.len();
    let (outcome, peak) = parse(&put("/JsonLists", body.into_bytes()));
    assert_eq!(outcome.map_err(|r| r.error_type()), Err("SerializationException"));
    assert!(peak <= 4 * len, "{peak} bytes for a {len}-byte body");
}

#[test]
fn the_longest_uri_http_takes_stays_bounded() {
    // `http` refuses a URI past 64 KiB, so no request holds more segments or
    // parameters than fit in that.
    assert!(http::Uri::try_from(format!("/{}", "s/".repeat(40_000))).is_err());
    let path = format!("/{}", vec!["s"; 32_000].join("/"));
    let len = path.len();
    let (outcome, peak) = parse(&put(&path, Vec::new()));
    assert_eq!(outcome, Err(Rejection::UnknownOperation));
    // Each segment is lent; the list of them costs a few words each.
    assert!(peak <= 32 * len, "{peak} bytes for a {len}-byte path");

    let query: Vec<String> = (0..5_000).map(|i| format!("S{i}=v")).collect();
    let uri = format!("/AllQueryStringTypesInput?{}", query.join("&"));
    let len = uri.len();
    let request = http::Request::get(&uri).body(Vec::new()).expect("a request builds");
    let (outcome, peak) = parse(&request);
    assert_eq!(outcome, Ok("AllQueryStringTypes"));
    // Every parameter also lands in the input's @httpQueryParams map.
    assert!(peak <= 64 * len, "{peak} bytes for a {len}-byte URI");
}
