//! The protocol-test checks judge every generated compliance test, so they
//! must reject as surely as they accept: each part of a case (method, path,
//! query, headers, host, and a body in each media type) is shown here to
//! pass when it matches, up to what the cases say does not count, and to
//! fail, naming the part, when it does not.

use std::panic::{catch_unwind, AssertUnwindSafe};

use smithy_codegen_runtime::protocol_test::{self, ExpectedRequest, ExpectedResponse};
use smithy_codegen_runtime::Blob;

/// The panic message of `check`, or `None` when it passed.
fn failure(check: impl FnOnce()) -> Option<String> {
    let outcome = catch_unwind(AssertUnwindSafe(check));
    outcome.err().map(|payload| {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    })
}

#[track_caller]
fn fails_with(check: impl FnOnce(), wanted: &str) {
    match failure(check) {
        Some(message) => assert!(message.contains(wanted), "expected `{wanted}` in:\n{message}"),
        None => panic!("the check passed; expected it to fail with `{wanted}`"),
    }
}

#[track_caller]
fn passes(check: impl FnOnce()) {
    if let Some(message) = failure(check) {
        panic!("the check failed:\n{message}");
    }
}

const CASE: ExpectedRequest<'static> = ExpectedRequest {
    method: "POST",
    uri: "/things/a%2Fb",
    host: Some("example.com"),
    resolved_host: Some("example.com"),
    query_params: &["Mode=fast", "Tag=x%2fy", "Flag"],
    forbid_query_params: &["Secret"],
    require_query_params: &["Mode"],
    headers: &[("X-Count", "1, 2"), ("Content-Type", "text/plain")],
    forbid_headers: &["X-Forbidden"],
    require_headers: &["X-Present"],
    body: Some("hello"),
    body_media_type: Some("text/plain"),
};

fn request(method: &str, uri: &str, headers: &[(&str, &str)], body: &[u8]) -> http::Request<Vec<u8>> {
    let mut builder = http::Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.to_vec()).expect("a valid request")
}

const URI: &str = "https://example.com/things/a%2fb?Flag&Tag=x%2Fy&Mode=fast";
const HEADERS: &[(&str, &str)] = &[
    ("X-Count", "1"),
    ("X-Count", "2"),
    ("Content-Type", "text/plain"),
    ("X-Present", ""),
];

#[test]
fn a_matching_request_passes_with_escapes_in_either_case() {
    passes(|| protocol_test::request(&request("POST", URI, HEADERS, b"hello"), &CASE));
}

#[test]
fn escapes_at_the_start_of_a_query_pair_compare_too() {
    let case = ExpectedRequest {
        query_params: &["%41=1", "%2f"],
        require_query_params: &[],
        ..CASE
    };
    let uri = "https://example.com/things/a%2fb?%41=1&%2F";
    passes(|| protocol_test::request(&request("POST", uri, HEADERS, b"hello"), &case));
}

#[test]
fn each_part_of_a_request_is_checked() {
    let check = |method: &str, uri: &str, headers: &[(&str, &str)], body: &[u8]| {
        let actual = request(method, uri, headers, body);
        move || protocol_test::request(&actual, &CASE)
    };
    fails_with(check("PUT", URI, HEADERS, b"hello"), "method: expected POST, got PUT");
    fails_with(
        check(
            "POST",
            "https://example.com/things/a%2fc?Flag&Tag=x%2Fy&Mode=fast",
            HEADERS,
            b"hello",
        ),
        "path: expected `/things/a%2Fb`",
    );
    fails_with(
        check(
            "POST",
            "https://example.com/things/a%2fb?Flag&Mode=fast",
            HEADERS,
            b"hello",
        ),
        "query: expected `Tag=x%2fy`",
    );
    fails_with(
        check(
            "POST",
            "https://example.com/things/a%2fb?Flag&Tag=x%2Fy",
            HEADERS,
            b"hello",
        ),
        "query: `Mode` must be sent",
    );
    fails_with(
        check("POST", &format!("{URI}&Secret=1"), HEADERS, b"hello"),
        "query: `Secret` must not be sent",
    );
    fails_with(
        check(
            "POST",
            "https://example.org/things/a%2fb?Flag&Tag=x%2Fy&Mode=fast",
            HEADERS,
            b"hello",
        ),
        "host: expected `example.com` (from `example.com`), got `example.org`",
    );
    fails_with(
        check("POST", URI, HEADERS, b"goodbye"),
        "body: expected `hello`, got `goodbye`",
    );
}

#[test]
fn each_header_rule_is_checked() {
    let check = |headers: &[(&str, &str)]| {
        let actual = request("POST", URI, headers, b"hello");
        move || protocol_test::request(&actual, &CASE)
    };
    fails_with(
        check(&[("X-Count", "1"), ("Content-Type", "text/plain"), ("X-Present", "")]),
        "header `X-Count`: expected `1, 2`, got `1`",
    );
    fails_with(
        check(&[("Content-Type", "text/plain"), ("X-Present", "")]),
        "header `X-Count`: expected `1, 2`, not sent",
    );
    fails_with(
        check(&[("X-Count", "1, 2"), ("Content-Type", "text/plain")]),
        "header `X-Present` must be sent",
    );
    let mut with_forbidden = HEADERS.to_vec();
    with_forbidden.push(("X-Forbidden", "no"));
    fails_with(check(&with_forbidden), "header `X-Forbidden` must not be sent");
}

#[test]
fn every_mismatch_is_listed_at_once() {
    let actual = request("GET", "https://example.com/other", &[], b"");
    let message = failure(|| protocol_test::request(&actual, &CASE)).expect("a mismatch");
    for part in [
        "method:",
        "path:",
        "query: expected",
        "query: `Mode`",
        "header `X-Count`",
        "header `X-Present`",
        "body:",
    ] {
        assert!(message.contains(part), "`{part}` missing from:\n{message}");
    }
}

fn body_case(body: &'static str, media_type: &'static str) -> ExpectedRequest<'static> {
    ExpectedRequest {
        method: "POST",
        uri: "/",
        body: Some(body),
        body_media_type: Some(media_type),
        ..ExpectedRequest::default()
    }
}

fn body_check(actual: &[u8], expected: &'static str, media_type: &'static str) -> impl FnOnce() {
    let actual = request("POST", "/", &[], actual);
    move || protocol_test::request(&actual, &body_case(expected, media_type))
}

#[test]
fn json_bodies_compare_as_values() {
    for media_type in [
        "application/json",
        "application/x-amz-json-1.1",
        "application/problem+json",
    ] {
        passes(body_check(
            br#"{"b": [1, 2.0], "a": "x"}"#,
            r#"{"a":"x","b":[1.0,2]}"#,
            media_type,
        ));
        fails_with(
            body_check(br#"{"a":"x","b":[1,3]}"#, r#"{"a":"x","b":[1,2]}"#, media_type),
            "body: expected JSON",
        );
    }
    passes(body_check(b"  ", "", "application/json"));
    fails_with(
        body_check(br#"{"a":1}"#, r#"{"a":1,"b":2}"#, "application/json"),
        "expected JSON",
    );
    fails_with(
        body_check(br#"{"a":1,"c":2}"#, r#"{"a":1,"b":2}"#, "application/json"),
        "expected JSON",
    );
    fails_with(body_check(br#"[1]"#, r#"[1,2]"#, "application/json"), "expected JSON");
    fails_with(body_check(b"{", "{}", "application/json"), "body: not JSON");
    fails_with(
        body_check(b"{}", "{", "application/json"),
        "the case's JSON does not parse",
    );
    // Not JSON by its media type: compared byte for byte.
    fails_with(
        body_check(br#"{"a": 1}"#, r#"{"a":1}"#, "application/octet-stream"),
        "body: expected `",
    );
}

#[test]
fn xml_bodies_compare_as_trees() {
    let expected = r#"<Root xmlns="urn:x" b="2" a="1"><Name>a &lt; b &#65;</Name><List><m>1</m><m>2</m></List></Root>"#;
    let same = "<Root a=\"1\" xmlns=\"urn:x\" b=\"2\">\n  <Name>a &lt; b A</Name>\n  <List>\n    <m>1</m><m>2</m>\n  </List>\n</Root>";
    passes(body_check(same.as_bytes(), expected, "application/xml"));
    passes(body_check(same.as_bytes(), expected, "text/xml"));
    let swapped = r#"<Root xmlns="urn:x" b="2" a="1"><Name>a &lt; b A</Name><List><m>2</m><m>1</m></List></Root>"#;
    fails_with(
        body_check(swapped.as_bytes(), expected, "application/xml"),
        "body: expected XML",
    );
    let attribute = r#"<Root xmlns="urn:x" b="3" a="1"><Name>a &lt; b A</Name><List><m>1</m><m>2</m></List></Root>"#;
    fails_with(
        body_check(attribute.as_bytes(), expected, "application/xml"),
        "body: expected XML",
    );
    fails_with(body_check(b"<Root>", "<Root/>", "application/xml"), "body:");
    fails_with(body_check(b"<a></b>", "<a/>", "application/xml"), "body: not XML");
    fails_with(
        body_check(b"<a/>", "<a>&nope;</a>", "application/xml"),
        "the case's XML does not parse",
    );
    passes(body_check(
        b"<a><![CDATA[x<y]]></a>",
        "<a>x&lt;y</a>",
        "application/xml",
    ));
    passes(body_check(
        b"<a>&quot;&apos;&gt;&amp;</a>",
        "<a>\"'>&amp;</a>",
        "application/xml",
    ));
}

#[test]
fn xml_map_entries_compare_in_any_order_and_text_lists_in_order() {
    let expected = "<M><entry><key>a</key><value>1</value></entry><entry><key>b</key><value>2</value></entry></M>";
    let reordered = "<M><entry><key>b</key><value>2</value></entry><entry><key>a</key><value>1</value></entry></M>";
    passes(body_check(reordered.as_bytes(), expected, "application/xml"));
    let changed = "<M><entry><key>b</key><value>3</value></entry><entry><key>a</key><value>1</value></entry></M>";
    fails_with(
        body_check(changed.as_bytes(), expected, "application/xml"),
        "expected XML",
    );
    // A single record and a lone name keep their place.
    let mixed = "<M><x>1</x><entry><k>a</k></entry><x>2</x></M>";
    fails_with(
        body_check(
            b"<M><x>2</x><entry><k>a</k></entry><x>1</x></M>",
            mixed,
            "application/xml",
        ),
        "expected XML",
    );
    // Records sort only among themselves: a same-named text element stays.
    let half = "<M><e><k>b</k></e><e>text</e><e><k>a</k></e></M>";
    fails_with(
        body_check(
            b"<M><e><k>a</k></e><e>text</e><e><k>b</k></e></M>",
            half,
            "application/xml",
        ),
        "expected XML",
    );
}

fn cbor(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
        .collect()
}

fn base64(hex: &str) -> &'static str {
    Box::leak(Blob::new(cbor(hex)).to_base64().into_boxed_str())
}

#[test]
fn cbor_bodies_compare_as_items() {
    const MEDIA: &str = "application/cbor";
    // {"a": 1, "b": [1.5, "x"]} against itself with the keys swapped,
    // indefinite lengths, a float for the integer and a wider integer.
    let expected = base64("a2616101616282f93e006178");
    passes(body_check(
        &cbor("bf616282fa3fc000007f6178ff6161f93c00ff"),
        expected,
        MEDIA,
    ));
    passes(body_check(&cbor("a26161190001616282f93e006178"), expected, MEDIA));
    fails_with(
        body_check(&cbor("a2616102616282f93e006178"), expected, MEDIA),
        "body: expected CBOR",
    );
    fails_with(
        body_check(&cbor("a2616101616281f93e00"), expected, MEDIA),
        "body: expected CBOR",
    );
    fails_with(body_check(&cbor("a1616101"), expected, MEDIA), "body: expected CBOR");
    fails_with(
        body_check(&cbor("a2616101616382f93e006178"), expected, MEDIA),
        "body: expected CBOR",
    );
    // An empty body says what an empty map says, and nothing else.
    passes(body_check(b"", base64("a0"), MEDIA));
    passes(body_check(&cbor("a0"), "", MEDIA));
    fails_with(body_check(b"", base64("a16161f6"), MEDIA), "body: expected CBOR");
    fails_with(body_check(&cbor("80"), "", MEDIA), "body: expected CBOR");
    // NaN equals NaN in any width; tags compare by number and content.
    passes(body_check(&cbor("f97e00"), base64("fb7ff8000000000000"), MEDIA));
    passes(body_check(&cbor("c11a5f5e1000"), base64("c1fb41d7d78400000000"), MEDIA));
    fails_with(
        body_check(&cbor("c01a5f5e1000"), base64("c11a5f5e1000"), MEDIA),
        "expected CBOR",
    );
    fails_with(
        body_check(&cbor("c11a5f5e1001"), base64("c11a5f5e1000"), MEDIA),
        "expected CBOR",
    );
    // Byte and text strings in chunks, and simple values.
    passes(body_check(&cbor("5f41614162ff"), base64("426162"), MEDIA));
    passes(body_check(&cbor("7f61616162ff"), base64("626162"), MEDIA));
    passes(body_check(&cbor("83f4f5f7"), base64("83f4f5f7"), MEDIA));
    fails_with(
        body_check(&cbor("83f4f5f6"), base64("83f4f5f7"), MEDIA),
        "expected CBOR",
    );
    fails_with(body_check(&cbor("ff"), base64("a0"), MEDIA), "body: not CBOR");
    fails_with(
        body_check(&cbor("a0"), base64("ff"), MEDIA),
        "the case's CBOR does not decode",
    );
    fails_with(
        body_check(&cbor("a0"), "not base64!", MEDIA),
        "the case's base64 does not decode",
    );
}

#[test]
fn form_bodies_compare_as_sorted_decoded_pairs() {
    const MEDIA: &str = "application/x-www-form-urlencoded";
    passes(body_check(b"B=x+y&A=1%2C2&Flag", "A=1%2c2&B=x%20y&Flag=\n", MEDIA));
    fails_with(body_check(b"A=1&B=2", "A=1&B=3", MEDIA), "body: expected the form");
    fails_with(body_check(b"A=1", "A=1&B=2", MEDIA), "body: expected the form");
    // A lone or broken escape is kept as written.
    passes(body_check(b"A=%&B=%4", "B=%4&A=%", MEDIA));
    fails_with(body_check(b"A=%41", "A=%4", MEDIA), "body: expected the form");
}

#[test]
fn response_cases_check_status_headers_and_body() {
    let actual = protocol_test::response(
        201,
        &[("X-A", "1"), ("Content-Type", "application/json")],
        r#"{"a": 1}"#,
    );
    let case = ExpectedResponse {
        code: 201,
        headers: &[("X-A", "1")],
        body: Some(r#"{"a":1}"#),
        body_media_type: Some("application/json"),
    };
    passes(|| protocol_test::server_response(&actual, &case));
    fails_with(
        || protocol_test::server_response(&actual, &ExpectedResponse { code: 200, ..case }),
        "status: expected 200, got 201",
    );
    fails_with(
        || {
            protocol_test::server_response(
                &actual,
                &ExpectedResponse {
                    headers: &[("X-A", "2")],
                    ..case
                },
            )
        },
        "header `X-A`: expected `2`, got [\"1\"]",
    );
    fails_with(
        || {
            protocol_test::server_response(
                &actual,
                &ExpectedResponse {
                    body: Some(r#"{"a":2}"#),
                    ..case
                },
            )
        },
        "body: expected JSON",
    );

    let binary = protocol_test::binary_response(200, &[("Smithy-Protocol", "rpc-v2-cbor")], base64("a0"));
    assert_eq!(binary.body(), &cbor("a0"));
    assert_eq!(binary.headers()["smithy-protocol"], "rpc-v2-cbor");
    assert_eq!(actual.status(), 201);
    assert_eq!(actual.headers()["x-a"], "1");
}

#[test]
fn server_requests_carry_the_query_and_decoded_bodies() {
    let request = protocol_test::server_request("PUT", "/a?x=1", &["y=2", "z"], &[("X-H", "v")], "body");
    assert_eq!(request.method(), "PUT");
    assert_eq!(request.uri(), "/a?x=1&y=2&z");
    assert_eq!(request.headers()["x-h"], "v");
    assert_eq!(request.body(), b"body");
    let bare = protocol_test::server_request("GET", "/a", &["y=2"], &[], "");
    assert_eq!(bare.uri(), "/a?y=2");
    let none = protocol_test::server_request("GET", "/a", &[], &[], "");
    assert_eq!(none.uri(), "/a");

    let binary = protocol_test::binary_server_request("POST", "/b", &["q"], &[("X-H", "w")], base64("a16161f5"));
    assert_eq!(binary.uri(), "/b?q");
    assert_eq!(binary.body(), &cbor("a16161f5"));
    assert_eq!(binary.headers()["x-h"], "w");
}

#[test]
fn values_compare_by_their_json() {
    passes(|| protocol_test::same(&vec![1.0, f64::NAN], &vec![1.0, f64::NAN]));
    fails_with(
        || protocol_test::same(&"a", &"b"),
        "the value differs from the case's params",
    );
}
