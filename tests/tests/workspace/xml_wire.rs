//! XML wire behaviour the protocol suites do not pin down, each found by the
//! `xml_response` fuzz target (README, "Fuzzing").

use protocol_restxml::operation::simple_scalar_properties::{SimpleScalarProperties, SimpleScalarPropertiesInput};
use protocol_restxml::operation::xml_attributes::{XmlAttributes, XmlAttributesInput};

fn ok(body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .body(body.as_bytes().to_vec())
        .expect("a response builds")
}

#[test]
fn a_header_bound_member_is_not_read_from_the_body() {
    let response = ok("<SimpleScalarPropertiesResponse><foo>from the body</foo><stringValue>s</stringValue></SimpleScalarPropertiesResponse>");
    let output = SimpleScalarProperties::response(&response).expect("the body reads");
    assert_eq!(output.foo, None, "`foo` is bound to the X-Foo header");
    assert_eq!(output.string_value.as_deref(), Some("s"));
}

#[test]
fn a_header_is_read_as_utf8_and_other_bytes_are_an_error_naming_it() {
    let body = "<SimpleScalarPropertiesResponse/>";
    let mut response = ok(body);
    let value = http::HeaderValue::from_bytes("caf\u{e9}".as_bytes()).expect("obs-text is a valid header value");
    response.headers_mut().insert("x-foo", value);
    let output = SimpleScalarProperties::response(&response).expect("a UTF-8 header reads");
    assert_eq!(output.foo.as_deref(), Some("caf\u{e9}"));

    let mut response = ok(body);
    let value = http::HeaderValue::from_bytes(b"caf\xe9").expect("obs-text is a valid header value");
    response.headers_mut().insert("x-foo", value);
    let error = SimpleScalarProperties::response(&response).expect_err("Latin-1 bytes are not UTF-8");
    assert!(
        error.to_string().contains("X-Foo"),
        "the error names the header: {error}"
    );
}

#[test]
fn a_negative_zero_keeps_its_sign_through_request_and_response() {
    let input = SimpleScalarPropertiesInput::builder()
        .double_value(-0.0)
        .build_unchecked();
    let request = SimpleScalarProperties::request(&input).expect("the request builds");
    let body = String::from_utf8(request.body().clone()).expect("XML is UTF-8");
    let output = SimpleScalarProperties::response(&ok(
        &body.replace("SimpleScalarPropertiesRequest", "SimpleScalarPropertiesResponse")
    ))
    .expect("our own body reads");
    let value = output.double_value.expect("the double is there");
    assert!(value == 0.0 && value.is_sign_negative(), "{value} from {body}");
}

#[test]
fn attribute_line_feeds_and_tabs_are_written_as_references() {
    let input = XmlAttributesInput::builder().attr("one\ntwo\tthree").build_unchecked();
    let request = XmlAttributes::request(&input).expect("the request builds");
    let body = String::from_utf8(request.body().clone()).expect("XML is UTF-8");
    assert!(body.contains(r#"test="one&#xA;two&#x9;three""#), "{body}");
    let output = XmlAttributes::response(&ok(&body)).expect("our own body reads");
    assert_eq!(output.attr.as_deref(), Some("one\ntwo\tthree"));
}
