//! Small value types that generated code and users compare, hash and print:
//! equality and hashing agree and tell different values apart, and an
//! unhandled error says what kind of answer it came from.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use smithy_codegen_runtime::{Blob, ClientCorrections, Document, Unhandled};

fn hash_of<T: Hash>(value: &T) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

#[test]
fn client_corrections_compare_as_sets() {
    let mut a = ClientCorrections::default();
    a.record("x");
    a.record("y");
    let mut b = ClientCorrections::default();
    b.record("y");
    b.record("x");
    b.record("x");
    assert_eq!(a, b);
    assert_eq!(hash_of(&a), hash_of(&b));
    let mut c = ClientCorrections::default();
    c.record("x");
    assert_ne!(a, c);
    assert_ne!(hash_of(&a), hash_of(&c));
    assert_ne!(c, ClientCorrections::default());
    assert_eq!(ClientCorrections::default(), ClientCorrections::default());
}

#[test]
fn documents_hash_by_their_text() {
    let parse = |text: &str| -> Document { serde_json::from_str(text).expect("JSON") };
    assert_eq!(hash_of(&parse(r#"{"a":1}"#)), hash_of(&parse(r#"{"a":1}"#)));
    assert_ne!(hash_of(&parse(r#"{"a":1}"#)), hash_of(&parse(r#"{"a":2}"#)));
    assert_ne!(parse("[1]"), parse("[2]"));
}

#[test]
fn blobs_give_their_bytes_back() {
    let blob = Blob::new(vec![0u8, 255, 7]);
    assert_eq!(blob.len(), 3);
    assert!(!blob.is_empty() && Blob::default().is_empty());
    assert_eq!(Blob::from(&[1u8, 2][..]).as_bytes(), &[1, 2]);
    assert_eq!(blob.into_inner(), vec![0, 255, 7]);
}

#[test]
fn unhandled_errors_say_what_answer_they_came_from() {
    let text = |code: Option<&str>, message: Option<&str>, status: Option<u16>| {
        Unhandled::new(code.map(Into::into), message.map(Into::into), status).to_string()
    };
    assert_eq!(text(Some("Boom"), Some("it broke"), Some(400)), "Boom: it broke");
    assert_eq!(text(None, None, Some(500)), "server error without an error code");
    assert_eq!(text(None, None, Some(599)), "server error without an error code");
    assert_eq!(text(None, None, Some(499)), "error response without an error code");
    assert_eq!(text(None, None, Some(400)), "error response without an error code");
    assert_eq!(text(None, None, Some(399)), "unreadable response");
    assert_eq!(text(None, None, Some(200)), "unreadable response");
    assert_eq!(text(None, Some("why"), None), "error without an error code: why");

    let error = Unhandled::new(Some("Throttling".into()), None, Some(400));
    assert_eq!(
        (error.code(), error.message(), error.status()),
        (Some("Throttling"), None, Some(400))
    );
    assert!(error.is_throttling() && error.is_retryable());
    let error = Unhandled::new(None, Some("m".into()), None).with_body(b"raw".to_vec());
    assert_eq!((error.message(), error.body()), (Some("m"), &b"raw"[..]));
    assert!(!error.is_retryable());
}

#[test]
fn unhandled_errors_answer_error_info_from_what_they_hold() {
    use smithy_codegen_runtime::error::ErrorInfo;
    let none = Unhandled::new(None, None, None);
    assert_eq!(
        (ErrorInfo::code(&none), ErrorInfo::message(&none), none.http_status()),
        (None, None, None)
    );
    let full = Unhandled::new(Some("Slow".into()), Some("wait".into()), Some(429));
    assert_eq!(ErrorInfo::code(&full), Some("Slow"));
    assert_eq!(ErrorInfo::message(&full), Some("wait"));
    assert_eq!(full.http_status(), Some(429));
    assert!(ErrorInfo::is_retryable(&full) && ErrorInfo::is_throttling(&full));
}

#[test]
fn strict_epoch_seconds_keep_their_milliseconds() {
    use smithy_codegen_runtime::timestamp::parse_strict_epoch_seconds;
    let t = parse_strict_epoch_seconds("1515531081.123").expect("plain seconds");
    assert_eq!((t.unix_timestamp(), t.millisecond()), (1_515_531_081, 123));
    let t = parse_strict_epoch_seconds("-1.5").expect("negative seconds");
    assert_eq!(t.unix_timestamp_nanos(), -1_500_000_000);
    for bad in ["1e3", "+1", "1.", ".5", "", "-"] {
        assert!(parse_strict_epoch_seconds(bad).is_none(), "{bad:?}");
    }
}

#[test]
fn list_codecs_say_what_they_expected_and_keep_nulls_when_sparse() {
    use smithy_codegen_runtime::wire::{Codec, DenseList, Plain, SparseList};
    let read_dense = |text: &str| {
        <DenseList<Plain> as Codec<Vec<String>>>::deserialize(&mut serde_json::Deserializer::from_str(text))
    };
    assert_eq!(read_dense(r#"["a","b"]"#).expect("a list"), ["a", "b"]);
    let err = read_dense(r#""a""#).expect_err("not a list").to_string();
    assert!(err.contains("a JSON array"), "{err}");
    let sparse = <SparseList<Plain> as Codec<Vec<Option<String>>>>::deserialize(
        &mut serde_json::Deserializer::from_str(r#"[null,"a",null]"#),
    )
    .expect("a sparse list");
    assert_eq!(sparse, [None, Some("a".to_string()), None]);
}

#[test]
fn only_throttling_codes_are_throttling() {
    use smithy_codegen_runtime::error::is_throttling_code;
    for code in ["Throttling", "ThrottlingException", "SlowDown", "EC2ThrottledException"] {
        assert!(is_throttling_code(code), "{code}");
    }
    for code in ["", "Throttl", "ThrottlingExceptionX", "ValidationException", "slowdown"] {
        assert!(!is_throttling_code(code), "{code}");
    }
    assert!(!Unhandled::new(Some("ValidationException".into()), None, Some(400)).is_retryable());
    assert!(Unhandled::new(None, None, Some(503)).is_retryable());
    assert!(Unhandled::new(None, None, Some(429)).is_retryable());
}

#[test]
fn a_service_error_is_the_source_and_the_service_error_of_a_response_error() {
    use smithy_codegen_runtime::http::{ResponseError, ServiceError};
    use std::error::Error as _;
    let service: ResponseError<Unhandled> = ResponseError::Service(Box::new(ServiceError::new(
        Unhandled::new(Some("Boom".into()), None, Some(500)),
        500,
        None,
    )));
    assert_eq!(service.to_string(), "the service answered HTTP 500");
    assert_eq!(service.source().map(ToString::to_string).as_deref(), Some("Boom"));
    assert_eq!(service.service_error().and_then(Unhandled::code), Some("Boom"));
    let malformed: ResponseError<Unhandled> = ResponseError::Malformed {
        status: 200,
        message: "bad".into(),
        body: Vec::new(),
    };
    assert!(malformed.source().is_none() && malformed.service_error().is_none());
}

#[test]
fn map_keys_and_values_are_checked_each_on_its_own() {
    use smithy_codegen_runtime::validate::{Check, Path, Rules, Violations};
    use std::collections::BTreeMap;
    static SHORT: Rules = Rules::NONE.length(Some(2), None, "at least two");
    static KEYS_ONLY: Rules = Rules::NONE.keys(&SHORT);
    static VALUES_ONLY: Rules = Rules::NONE.values(&SHORT);
    let map: BTreeMap<String, String> = [("k".to_string(), "v".to_string())].into();
    for (rules, path) in [(&KEYS_ONLY, ""), (&VALUES_ONLY, "/k")] {
        let mut out = Violations::default();
        map.check(&Path::ROOT, rules, &mut out);
        let error = out.into_result().expect_err("one short string");
        assert_eq!(error.violations().len(), 1);
        assert_eq!(
            (error.violations()[0].path(), error.violations()[0].rule()),
            (path, "at least two")
        );
    }
}

#[test]
fn map_codecs_say_what_they_expected() {
    use smithy_codegen_runtime::wire::{Codec, DenseMap, Plain};
    use std::collections::BTreeMap;
    let err = <DenseMap<Plain> as Codec<BTreeMap<String, String>>>::deserialize(
        &mut serde_json::Deserializer::from_str("[]"),
    )
    .expect_err("not a map")
    .to_string();
    assert!(err.contains("expected a JSON object"), "{err}");
}

#[test]
fn idempotency_tokens_are_random_in_every_group() {
    use smithy_codegen_runtime::idempotency::token;
    let tokens: Vec<String> = (0..4).map(|_| token()).collect();
    for t in &tokens {
        assert_eq!(t.len(), 36, "{t}");
        assert_eq!(&t[14..15], "4", "version 4: {t}");
    }
    // The first group comes from the high 64 bits: it must vary too.
    let firsts: std::collections::BTreeSet<&str> = tokens.iter().map(|t| &t[..8]).collect();
    assert!(firsts.len() > 1, "{tokens:?}");
}

#[test]
fn a_client_keeps_an_unknown_union_member_with_its_value() {
    use serde::de::{Deserializer as _, MapAccess, Visitor};
    use smithy_codegen_runtime::wire::unknown_member;
    use smithy_codegen_runtime::UnknownMember;
    struct Kept;
    impl<'de> Visitor<'de> for Kept {
        type Value = Option<UnknownMember>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a union")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let name: String = map.next_key()?.expect("one member");
            unknown_member(&name, &mut map)
        }
    }
    let kept = serde_json::Deserializer::from_str(r#"{"circle":{"r":1}}"#)
        .deserialize_map(Kept)
        .expect("a client keeps it")
        .expect("a value");
    assert_eq!((kept.name(), kept.value().as_json()), ("circle", r#"{"r":1}"#));
}
