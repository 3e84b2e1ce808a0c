//! The CBOR reader decodes common item heads itself and leaves the rest to
//! minicbor. These tests pin both halves to the same answers: every argument
//! width, every major type, short and long text, ASCII and not, definite and
//! indefinite containers, and bodies cut short at every byte.

use std::collections::BTreeMap;

use serde::de::MapAccess;
use serde::{Deserialize, Deserializer};
use serde_json::{json, Value};
use smithy_codegen_runtime::cbor::from_slice;
use smithy_codegen_runtime::wire::{deserialize_fields, read, ReadFields};

/// A head of major type `major` with `argument` written in `width` bytes
/// after the first (0: in the first byte), shortest or not.
fn head(major: u8, argument: u64, width: usize) -> Vec<u8> {
    let info = match width {
        0 => {
            assert!(argument < 24, "an argument in the first byte is below 24");
            argument as u8
        }
        1 => 24,
        2 => 25,
        4 => 26,
        8 => 27,
        _ => unreachable!("CBOR arguments are 1, 2, 4 or 8 bytes"),
    };
    let mut out = vec![(major << 5) | info];
    out.extend_from_slice(&argument.to_be_bytes()[8 - width..]);
    out
}

fn text(s: &str, width: usize) -> Vec<u8> {
    let mut out = head(3, s.len() as u64, width);
    out.extend_from_slice(s.as_bytes());
    out
}

#[test]
fn integers_read_the_same_at_every_argument_width() {
    for (value, widths) in [
        (0u64, &[0, 1, 2, 4, 8][..]),
        (23, &[0, 1, 2, 4, 8]),
        (24, &[1, 2, 4, 8]),
        (255, &[1, 2, 4, 8]),
        (65_535, &[2, 4, 8]),
        (u64::from(u32::MAX), &[4, 8]),
        (u64::MAX, &[8]),
    ] {
        for &width in widths {
            let body = head(0, value, width);
            assert_eq!(from_slice::<u64>(&body), Ok(value), "{value} in {width} bytes");
            assert_eq!(from_slice::<Value>(&body).ok(), Some(json!(value)));
            // Major type 1 is -1 - argument.
            let body = head(1, value, width);
            let expected = -1 - i128::from(value);
            assert_eq!(from_slice::<i128>(&body), Ok(expected), "-1-{value} in {width} bytes");
            if let Ok(small) = i64::try_from(expected) {
                assert_eq!(from_slice::<i64>(&body), Ok(small));
            }
        }
    }
    // A value that does not fit the requested type is an error, not a wrap.
    assert!(from_slice::<i32>(&head(0, 1 << 31, 4)).is_err());
    assert!(from_slice::<u8>(&head(1, 0, 0)).is_err());
}

#[test]
fn text_reads_the_same_at_every_length_width_and_in_chunks() {
    let long = "x".repeat(300);
    for s in ["", "a", "failureType", "héllo wörld ✓", &long] {
        for width in [0, 1, 2, 4, 8] {
            if width == 0 && s.len() >= 24 || width == 1 && s.len() > 255 {
                continue;
            }
            let body = text(s, width);
            assert_eq!(from_slice::<String>(&body).as_deref(), Ok(s), "{s:?} in {width} bytes");
            assert_eq!(from_slice::<Value>(&body).ok(), Some(json!(s)));
        }
        // Indefinite: 0x7f, chunks, break.
        let (front, back) = s.split_at(s.char_indices().nth(s.chars().count() / 2).map_or(0, |(i, _)| i));
        let mut body = vec![0x7f];
        body.extend(text(front, 8));
        body.extend(text(back, if back.len() < 24 { 0 } else { 2 }));
        body.push(0xff);
        assert_eq!(from_slice::<String>(&body).as_deref(), Ok(s), "{s:?} in chunks");
    }
}

#[test]
fn text_that_is_not_utf8_or_runs_past_the_body_is_an_error() {
    for body in [
        vec![0x62, 0xc3, 0x28],       // a broken two-byte sequence
        vec![0x61, 0xff],             // a byte UTF-8 never uses
        vec![0x78, 0x02, 0xe2, 0x9c], // a three-byte sequence cut at two
    ] {
        let error = from_slice::<String>(&body).expect_err("not UTF-8");
        assert!(error.position.is_some(), "{error}");
        assert!(from_slice::<Value>(&body).is_err());
    }
    let error = from_slice::<String>(&[0x65, b'a', b'b']).expect_err("5 bytes declared, 2 given");
    assert!(error.position.is_some(), "{error}");
}

/// A structure as generated code reads one: a builder filled by member name.
#[derive(Debug, Default, PartialEq)]
struct Pair {
    name: Option<String>,
    count: Option<i32>,
}

impl ReadFields for Pair {
    fn read_field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "name" => self.name = read(map)?,
            "count" => self.count = read(map)?,
            _ => return Ok(false),
        }
        Ok(true)
    }
}

impl<'de> Deserialize<'de> for Pair {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_fields(deserializer, "Pair")
    }
}

#[test]
fn containers_read_the_same_definite_at_every_width_and_indefinite() {
    let entries = |n: u64| -> Vec<u8> {
        (0..n)
            .flat_map(|i| {
                let mut entry = text(&format!("k{i}"), 0);
                entry.extend(head(0, i % 24, 0));
                entry
            })
            .collect()
    };
    for n in [0u64, 1, 23, 24, 40] {
        let expected: BTreeMap<String, u64> = (0..n).map(|i| (format!("k{i}"), i % 24)).collect();
        let items: Vec<u64> = (0..n).map(|i| i % 24).collect();
        for width in [0, 1, 2, 4, 8] {
            if width == 0 && n >= 24 {
                continue;
            }
            let mut map = head(5, n, width);
            map.extend(entries(n));
            assert_eq!(
                from_slice::<BTreeMap<String, u64>>(&map).as_ref(),
                Ok(&expected),
                "map of {n}"
            );
            let mut list = head(4, n, width);
            list.extend(items.iter().flat_map(|&i| head(0, i, 0)));
            assert_eq!(from_slice::<Vec<u64>>(&list).as_ref(), Ok(&items), "list of {n}");
        }
        let mut map = vec![0xbf];
        map.extend(entries(n));
        map.push(0xff);
        assert_eq!(
            from_slice::<BTreeMap<String, u64>>(&map),
            Ok(expected),
            "indefinite map of {n}"
        );
        let mut list = vec![0x9f];
        list.extend(items.iter().flat_map(|&i| head(0, i, 0)));
        list.push(0xff);
        assert_eq!(from_slice::<Vec<u64>>(&list), Ok(items), "indefinite list of {n}");
    }
    // A structure, in a map with a wide head and an unknown member skipped.
    let mut body = head(5, 3, 4);
    body.extend(text("count", 0));
    body.extend(head(0, 7, 2));
    body.extend(text("other", 0));
    body.extend([0x82, 0x01, 0xa1, 0x61, b'x', 0x9f, 0xff]);
    body.extend(text("name", 1));
    body.extend(text("n", 0));
    let expected = Pair {
        name: Some("n".into()),
        count: Some(7),
    };
    assert_eq!(from_slice::<Pair>(&body), Ok(expected));
    // The same in one-byte heads: the path that decodes them itself.
    let mut body = vec![0xa2];
    body.extend(text("name", 0));
    body.extend([0xf6]);
    body.extend(text("count", 0));
    body.extend([0x18, 0xff]);
    assert_eq!(
        from_slice::<Pair>(&body),
        Ok(Pair {
            name: None,
            count: Some(255)
        })
    );
}

#[test]
fn simple_values_floats_and_tags_read_as_their_values() {
    assert_eq!(from_slice::<bool>(&[0xf5]), Ok(true));
    assert_eq!(from_slice::<bool>(&[0xf4]), Ok(false));
    assert_eq!(from_slice::<Option<u8>>(&[0xf6]), Ok(None));
    assert_eq!(from_slice::<Option<u8>>(&[0xf7]), Ok(None));
    assert_eq!(from_slice::<Value>(&[0xf6]).ok(), Some(Value::Null));
    let mut double = vec![0xfb];
    double.extend(1.5f64.to_be_bytes());
    assert_eq!(from_slice::<f64>(&double), Ok(1.5));
    let mut single = vec![0xfa];
    single.extend(1.5f32.to_be_bytes());
    assert_eq!(from_slice::<f64>(&single), Ok(1.5));
    assert_eq!(from_slice::<f64>(&[0xf9, 0x3e, 0x00]), Ok(1.5), "half precision");
    // Tag 1 around epoch seconds, with a one-byte and a wide tag head.
    for tag in [vec![0xc1], head(6, 1, 2)] {
        let mut body = tag;
        body.extend(head(0, 1_700_000_000, 4));
        assert_eq!(from_slice::<u64>(&body), Ok(1_700_000_000));
    }
}

#[test]
fn a_body_cut_short_anywhere_is_an_error_never_a_panic() {
    // Every kind of head and content the fast path reads, then each prefix.
    let mut body = head(5, 6, 1);
    body.extend(text("int", 0));
    body.extend(head(0, 1 << 40, 8));
    body.extend(text("neg", 1));
    body.extend(head(1, 300, 2));
    body.extend(text("text", 2));
    body.extend(text("héllo", 4));
    body.extend(text("list", 0));
    body.extend(head(4, 2, 1));
    body.extend([0xf5, 0xf6]);
    body.extend(text("float", 0));
    body.push(0xfb);
    body.extend(2.25f64.to_be_bytes());
    body.extend(text("when", 0));
    body.push(0xc1);
    body.extend(head(0, 7, 0));
    let whole = from_slice::<Value>(&body).expect("the whole body reads");
    assert_eq!(
        whole,
        json!({"int": 1u64 << 40, "neg": -301, "text": "héllo", "list": [true, null], "float": 2.25, "when": 7})
    );
    for cut in 0..body.len() {
        let error = from_slice::<Value>(&body[..cut]).expect_err("a prefix is not a whole item");
        assert!(error.position.is_some(), "cut at {cut}: {error}");
    }
}

#[test]
fn depth_is_given_back_after_each_container() {
    // 300 sibling lists and maps (more than MAX_DEPTH), each one level deep.
    let mut body = head(4, 600, 2);
    for _ in 0..300 {
        body.extend(head(4, 0, 0));
        body.extend(head(5, 0, 0));
    }
    let value: Vec<Value> = from_slice(&body).expect("siblings never nest");
    assert_eq!(value.len(), 600);
    // And MAX_DEPTH levels are allowed, one more is not.
    let nested = |levels: usize| {
        let mut body = vec![0x81; levels - 1];
        body.push(0x80);
        body
    };
    let max = smithy_codegen_runtime::cbor::MAX_DEPTH;
    assert!(from_slice::<Value>(&nested(max)).is_ok());
    assert!(from_slice::<Value>(&nested(max + 1)).is_err());
}

#[test]
fn maps_of_unknown_length_are_closed() {
    struct Evens(Vec<u32>);
    impl serde::Serialize for Evens {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            // A filter has no exact length: serde asks for an indefinite map.
            serializer.collect_map(self.0.iter().filter(|n| *n % 2 == 0).map(|n| (n.to_string(), n)))
        }
    }
    let body = smithy_codegen_runtime::cbor::to_vec(&Evens(vec![1, 2, 3, 4])).expect("writes");
    assert_eq!(body.first(), Some(&0xbf), "an indefinite map");
    assert_eq!(body.last(), Some(&0xff), "closed by a break");
    let back: BTreeMap<String, u32> = from_slice(&body).expect("reads back");
    assert_eq!(back, BTreeMap::from([("2".to_string(), 2), ("4".to_string(), 4)]));
}

#[test]
fn the_reader_says_it_is_not_human_readable() {
    struct Readable(bool);
    impl<'de> Deserialize<'de> for Readable {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let readable = deserializer.is_human_readable();
            serde::de::IgnoredAny::deserialize(deserializer)?;
            Ok(Readable(readable))
        }
    }
    let readable: Readable = from_slice(&[0xf6]).expect("null");
    assert!(!readable.0, "CBOR is a binary format: blobs are byte strings");
}
