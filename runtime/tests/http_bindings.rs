//! Request bindings the JSON suites in these tests do not reach: list
//! headers quote their items and single values do not, big integers print
//! their digits, an unset structure payload is still `{}`, and the float
//! codec writes the shortest exact text.

use smithy_codegen_runtime::http::RequestBuilder;
use smithy_codegen_runtime::wire::{Codec, NonFinite, Plain, Ser};
use smithy_codegen_runtime::BigInteger;

#[test]
fn list_headers_quote_items_single_values_do_not() {
    let request = RequestBuilder::new("GET", "")
        .path("/")
        .header("x-list", Some(vec!["a,b".to_string(), "c".to_string()]))
        .header("x-one", Some("a,b".to_string()))
        .header(
            "x-big",
            Some(BigInteger::parse("123456789012345678901234567890").expect("digits")),
        )
        .build()
        .expect("builds");
    assert_eq!(request.headers()["x-list"], r#""a,b", c"#);
    assert_eq!(request.headers()["x-one"], "a,b");
    assert_eq!(request.headers()["x-big"], "123456789012345678901234567890");
}

#[test]
fn an_unset_structure_payload_is_an_empty_object() {
    let object = RequestBuilder::new("POST", "")
        .path("/")
        .payload_json::<Plain, serde_json::Value>(None, true)
        .build()
        .expect("builds");
    assert_eq!(object.body(), b"{}");
    assert_eq!(object.headers()["content-type"], "application/json");
    let nothing = RequestBuilder::new("POST", "")
        .path("/")
        .payload_json::<Plain, serde_json::Value>(None, false)
        .build()
        .expect("builds");
    assert!(nothing.body().is_empty() && !nothing.headers().contains_key("content-type"));
}

fn json<T>(value: &T) -> String
where
    NonFinite: Codec<T>,
{
    serde_json::to_string(&Ser::<NonFinite, T>::new(value)).expect("writes")
}

#[test]
fn floats_write_the_shortest_exact_text() {
    assert_eq!(json(&2.0f64), "2");
    assert_eq!(json(&-0.0f64), "-0.0");
    assert_eq!(json(&0.0f64), "0");
    assert_eq!(json(&1.5f64), "1.5");
    assert_eq!(json(&1e300f64), "1e+300");
    assert_eq!(json(&f64::NEG_INFINITY), r#""-Infinity""#);
    assert_eq!(json(&1.1f32), "1.1");
    assert_eq!(json(&3.0f32), "3");
    assert_eq!(json(&f32::NAN), r#""NaN""#);
    let read = |text: &str| -> f64 {
        <NonFinite as Codec<f64>>::deserialize(&mut serde_json::Deserializer::from_str(text)).expect("a float")
    };
    assert_eq!(read("5"), 5.0);
    assert_eq!(read("-5"), -5.0);
    assert_eq!(read("18446744073709551615"), 18_446_744_073_709_551_615.0);
    assert!(read(r#""NaN""#).is_nan());
}
