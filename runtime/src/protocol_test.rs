//! What the generated protocol compliance tests check (feature `protocol-test`):
//! a request against a `smithy.test#httpRequestTests` case, and an output or
//! error against the value its `params` describe. Each check lists every
//! mismatch before failing, so one run shows all that is wrong with a case.

use std::fmt::Debug;

use serde::Serialize;

/// The parts of an `@httpRequestTests` case a client request must match.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExpectedRequest<'a> {
    pub method: &'a str,
    /// The path, percent-encoded as on the wire, without the query.
    pub uri: &'a str,
    pub host: Option<&'a str>,
    pub resolved_host: Option<&'a str>,
    /// `name=value` pairs (or bare names) as on the wire.
    pub query_params: &'a [&'a str],
    pub forbid_query_params: &'a [&'a str],
    pub require_query_params: &'a [&'a str],
    pub headers: &'a [(&'a str, &'a str)],
    pub forbid_headers: &'a [&'a str],
    pub require_headers: &'a [&'a str],
    pub body: Option<&'a str>,
    pub body_media_type: Option<&'a str>,
}

/// Upper-cases the hex digits of percent escapes, so `%2f` and `%2F` compare equal.
fn canonical_escapes(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() && text.is_char_boundary(i + 3) {
            out.push('%');
            out.push_str(&text[i + 1..i + 3].to_ascii_uppercase());
            i += 3;
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            out.push(c);
            i += c.len_utf8().max(1);
        }
    }
    out
}

fn query_key(pair: &str) -> &str {
    pair.split_once('=').map_or(pair, |(k, _)| k)
}

/// Checks `actual` against `expected`, panicking with every mismatch.
pub fn request(actual: &http::Request<Vec<u8>>, expected: &ExpectedRequest<'_>) {
    let mut problems: Vec<String> = Vec::new();
    if actual.method().as_str() != expected.method {
        problems.push(format!("method: expected {}, got {}", expected.method, actual.method()));
    }
    let uri = actual.uri();
    let path = uri.path();
    if canonical_escapes(path) != canonical_escapes(expected.uri) {
        problems.push(format!("path: expected `{}`, got `{path}`", expected.uri));
    }
    let pairs: Vec<String> = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
        .map(canonical_escapes)
        .collect();
    for wanted in expected.query_params {
        if !pairs.contains(&canonical_escapes(wanted)) {
            problems.push(format!(
                "query: expected `{wanted}` in `{}`",
                uri.query().unwrap_or_default()
            ));
        }
    }
    for name in expected.forbid_query_params {
        if pairs.iter().any(|p| query_key(p) == *name) {
            problems.push(format!("query: `{name}` must not be sent"));
        }
    }
    for name in expected.require_query_params {
        if !pairs.iter().any(|p| query_key(p) == *name) {
            problems.push(format!("query: `{name}` must be sent"));
        }
    }
    let headers = actual.headers();
    for (name, value) in expected.headers {
        let got: Vec<&str> = headers
            .get_all(*name)
            .iter()
            .map(|v| v.to_str().unwrap_or("<not text>"))
            .collect();
        let joined = got.join(", ");
        if got.is_empty() {
            problems.push(format!("header `{name}`: expected `{value}`, not sent"));
        } else if joined != *value {
            problems.push(format!("header `{name}`: expected `{value}`, got `{joined}`"));
        }
    }
    for name in expected.forbid_headers {
        if headers.contains_key(*name) {
            problems.push(format!("header `{name}` must not be sent"));
        }
    }
    for name in expected.require_headers {
        if !headers.contains_key(*name) {
            problems.push(format!("header `{name}` must be sent"));
        }
    }
    if let Some(resolved) = expected.resolved_host {
        let host = uri.host().map(str::to_owned).unwrap_or_default();
        if host != resolved {
            problems.push(format!(
                "host: expected `{resolved}` (from `{}`), got `{host}`",
                expected.host.unwrap_or_default()
            ));
        }
    }
    if let Some(body) = expected.body {
        body_matches(actual.body(), body, expected.body_media_type, &mut problems);
    }
    assert!(
        problems.is_empty(),
        "the request does not match the case:\n  {}\nrequest: {actual:?}\nbody: {}",
        problems.join("\n  "),
        String::from_utf8_lossy(actual.body())
    );
}

fn is_json(media_type: Option<&str>) -> bool {
    media_type.is_some_and(|m| m == "application/json" || m.ends_with("+json") || m.contains("amz-json"))
}

fn body_matches(actual: &[u8], expected: &str, media_type: Option<&str>, problems: &mut Vec<String>) {
    if is_json(media_type) {
        let parse = |bytes: &[u8]| -> Result<serde_json::Value, String> {
            if bytes.iter().all(u8::is_ascii_whitespace) {
                Ok(serde_json::Value::Null)
            } else {
                serde_json::from_slice(bytes).map_err(|e| e.to_string())
            }
        };
        match (parse(actual), parse(expected.as_bytes())) {
            (Ok(a), Ok(e)) if same_json(&a, &e) => {}
            (Ok(a), Ok(e)) => problems.push(format!("body: expected JSON {e}, got {a}")),
            (Err(e), _) => problems.push(format!("body: not JSON ({e})")),
            (_, Err(e)) => problems.push(format!("body: the case's JSON does not parse ({e})")),
        }
    } else if media_type.is_some_and(|m| m.ends_with("/xml") || m.ends_with("+xml")) {
        match (xml_tree(actual), xml_tree(expected.as_bytes())) {
            (Ok(a), Ok(e)) if a == e => {}
            (Ok(a), Ok(e)) => problems.push(format!("body: expected XML {e:?}, got {a:?}")),
            (Err(e), _) => problems.push(format!("body: not XML ({e})")),
            (_, Err(e)) => problems.push(format!("body: the case's XML does not parse ({e})")),
        }
    } else if media_type == Some("application/cbor") {
        // The case's body is the base64 of the CBOR bytes.
        let expected = match crate::Blob::from_base64(expected.trim()) {
            Ok(blob) => blob.as_bytes().to_vec(),
            Err(e) => return problems.push(format!("body: the case's base64 does not decode ({e})")),
        };
        match (cbor_item(actual), cbor_item(&expected)) {
            (Ok(a), Ok(e)) if same_cbor(&a, &e) => {}
            (Ok(a), Ok(e)) => problems.push(format!("body: expected CBOR {e:?}, got {a:?}")),
            (Err(e), _) => problems.push(format!("body: not CBOR ({e})")),
            (_, Err(e)) => problems.push(format!("body: the case's CBOR does not decode ({e})")),
        }
    } else if media_type == Some("application/x-www-form-urlencoded") {
        let (a, e) = (form_pairs(actual), form_pairs(expected.as_bytes()));
        if a != e {
            problems.push(format!("body: expected the form {e:?}, got {a:?}"));
        }
    } else if actual != expected.as_bytes() {
        problems.push(format!(
            "body: expected `{expected}`, got `{}`",
            String::from_utf8_lossy(actual)
        ));
    }
}

/// A CBOR data item as the cases compare it: lengths (definite or not) and
/// integer and float widths do not count, nor whether a whole number is an
/// integer or a float (the suite writes a whole timestamp both ways); map
/// entries compare in any order.
#[derive(Debug, Clone, PartialEq)]
enum CborItem {
    Int(i128),
    Float(f64),
    Bytes(Vec<u8>),
    Text(String),
    Array(Vec<CborItem>),
    Map(Vec<(CborItem, CborItem)>),
    Tag(u64, Box<CborItem>),
    Bool(bool),
    Null,
    Undefined,
}

fn cbor_item(bytes: &[u8]) -> Result<Option<CborItem>, String> {
    if bytes.is_empty() {
        return Ok(None);
    }
    let mut decoder = minicbor::Decoder::new(bytes);
    let item = cbor_read(&mut decoder).map_err(|e| e.to_string())?;
    Ok(Some(item))
}

fn cbor_read(d: &mut minicbor::Decoder<'_>) -> Result<CborItem, minicbor::decode::Error> {
    use minicbor::data::Type;
    let items = |d: &mut minicbor::Decoder<'_>, len: Option<u64>, pairs: bool| {
        let mut out = Vec::new();
        let mut left = len.map(|n| if pairs { n * 2 } else { n });
        loop {
            match &mut left {
                Some(0) => break,
                Some(n) => *n -= 1,
                None if d.datatype()? == Type::Break => {
                    d.set_position(d.position() + 1);
                    break;
                }
                None => {}
            }
            out.push(cbor_read(d)?);
        }
        Ok::<_, minicbor::decode::Error>(out)
    };
    Ok(match d.datatype()? {
        Type::Bool => CborItem::Bool(d.bool()?),
        Type::Null => {
            d.null()?;
            CborItem::Null
        }
        Type::Undefined => {
            d.undefined()?;
            CborItem::Undefined
        }
        Type::U8 | Type::U16 | Type::U32 | Type::U64 | Type::I8 | Type::I16 | Type::I32 | Type::I64 | Type::Int => {
            CborItem::Int(d.i128()?)
        }
        Type::F16 => CborItem::Float(f64::from(d.f16()?)),
        Type::F32 => CborItem::Float(f64::from(d.f32()?)),
        Type::F64 => CborItem::Float(d.f64()?),
        Type::Bytes | Type::BytesIndef => {
            let mut out = Vec::new();
            for chunk in d.bytes_iter()? {
                out.extend_from_slice(chunk?);
            }
            CborItem::Bytes(out)
        }
        Type::String | Type::StringIndef => {
            let mut out = String::new();
            for chunk in d.str_iter()? {
                out.push_str(chunk?);
            }
            CborItem::Text(out)
        }
        Type::Array | Type::ArrayIndef => {
            let len = d.array()?;
            CborItem::Array(items(d, len, false)?)
        }
        Type::Map | Type::MapIndef => {
            let len = d.map()?;
            let flat = items(d, len, true)?;
            let mut pairs = Vec::new();
            let mut it = flat.into_iter();
            while let (Some(k), Some(v)) = (it.next(), it.next()) {
                pairs.push((k, v));
            }
            CborItem::Map(pairs)
        }
        Type::Tag => {
            let tag = d.tag()?.as_u64();
            CborItem::Tag(tag, Box::new(cbor_read(d)?))
        }
        other => return Err(minicbor::decode::Error::message(format!("unexpected {other}"))),
    })
}

fn same_cbor(a: &Option<CborItem>, b: &Option<CborItem>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same_item(a, b),
        (None, None) => true,
        // An empty body and an empty map say the same.
        (None, Some(CborItem::Map(m))) | (Some(CborItem::Map(m)), None) => m.is_empty(),
        _ => false,
    }
}

fn same_item(a: &CborItem, b: &CborItem) -> bool {
    match (a, b) {
        (CborItem::Float(x), CborItem::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
        (CborItem::Int(i), CborItem::Float(f)) | (CborItem::Float(f), CborItem::Int(i)) => *f == *i as f64,
        (CborItem::Array(x), CborItem::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_item(x, y)),
        (CborItem::Map(x), CborItem::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.iter().any(|(k2, v2)| same_item(k, k2) && same_item(v, v2)))
        }
        (CborItem::Tag(t, x), CborItem::Tag(u, y)) => t == u && same_item(x, y),
        _ => a == b,
    }
}

/// A response case whose body is base64 text (CBOR cases): a response with
/// the bytes it stands for.
pub fn binary_response(code: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let bytes = crate::Blob::from_base64(body.trim()).expect("the case's body is base64");
    let mut builder = http::Response::builder().status(code);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder
        .body(bytes.as_bytes().to_vec())
        .expect("the case's status and headers are valid")
}

/// An XML element as the cases compare it: qualified name, attributes
/// (namespace declarations among them) in any order, child elements in
/// order, and the text of elements without children (whitespace between
/// elements does not count).
#[derive(Debug, Default, PartialEq)]
struct XmlElement {
    name: String,
    attributes: std::collections::BTreeMap<String, String>,
    children: Vec<XmlElement>,
    text: String,
}

fn xml_tree(bytes: &[u8]) -> Result<Option<XmlElement>, String> {
    use quick_xml::events::{BytesStart, Event};

    fn element(start: &BytesStart<'_>) -> Result<XmlElement, String> {
        let mut attributes = std::collections::BTreeMap::new();
        for attribute in start.attributes() {
            let attribute = attribute.map_err(|e| e.to_string())?;
            let value = attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| e.to_string())?;
            attributes.insert(attribute.key.0.to_owned(), value.into_owned());
        }
        Ok(XmlElement {
            name: start.name().0.to_owned(),
            attributes,
            children: Vec::new(),
            text: String::new(),
        })
    }

    fn close(stack: &mut Vec<XmlElement>, root: &mut Option<XmlElement>) {
        if let Some(mut done) = stack.pop() {
            if !done.children.is_empty() && done.text.trim().is_empty() {
                done.text.clear();
            }
            sort_records(&mut done.children);
            match stack.last_mut() {
                Some(parent) => parent.children.push(done),
                None => *root = Some(done),
            }
        }
    }

    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<XmlElement> = Vec::new();
    let mut root = None;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(start) => stack.push(element(&start)?),
            Event::Empty(start) => {
                stack.push(element(&start)?);
                close(&mut stack, &mut root);
            }
            Event::End(_) => close(&mut stack, &mut root),
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(top) = stack.last_mut() {
                    match r.resolve_char_ref().map_err(|e| e.to_string())? {
                        Some(c) => top.text.push(c),
                        None => top.text.push_str(match r.xml10_content().as_ref() {
                            "lt" => "<",
                            "gt" => ">",
                            "amp" => "&",
                            "apos" => "'",
                            "quot" => "\"",
                            other => return Err(format!("unknown entity &{other};")),
                        }),
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(root)
}

/// Puts siblings that share a name and each hold elements (map entries,
/// flattened or not: maps have no order) in a canonical order. The order of
/// lists of structures is then not checked either; lists of text are.
fn sort_records(children: &mut [XmlElement]) {
    let names: std::collections::BTreeSet<String> = children
        .iter()
        .filter(|c| !c.children.is_empty())
        .map(|c| c.name.clone())
        .filter(|name| {
            let group = children.iter().filter(|c| &c.name == name);
            group.clone().count() > 1 && group.clone().all(|c| !c.children.is_empty())
        })
        .collect();
    for name in names {
        let positions: Vec<usize> = (0..children.len()).filter(|&i| children[i].name == name).collect();
        let mut group: Vec<XmlElement> = positions.iter().map(|&i| std::mem::take(&mut children[i])).collect();
        group.sort_by_cached_key(|element| format!("{element:?}"));
        for (slot, element) in positions.into_iter().zip(group) {
            children[slot] = element;
        }
    }
}

/// A form body's `key=value` pairs, decoded and in order of key.
fn form_pairs(bytes: &[u8]) -> Vec<(String, String)> {
    let decode = |part: &str| {
        let bytes = part.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            match (
                bytes[i],
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            ) {
                (b'%', Some(hi), Some(lo)) => {
                    out.push((hi * 16 + lo) as u8);
                    i += 3;
                }
                (b'+', _, _) => {
                    out.push(b' ');
                    i += 1;
                }
                (b, _, _) => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    let text = String::from_utf8_lossy(bytes);
    let mut pairs: Vec<(String, String)> = text
        .trim()
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect();
    pairs.sort();
    pairs
}

/// JSON equality with numbers compared by value (`2` and `2.0` are one number).
fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// A response of `code` with `headers` and `body`.
pub fn response(code: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(code);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder
        .body(body.as_bytes().to_vec())
        .expect("the case's status and headers are valid")
}

/// Asserts that two values are the same, comparing their JSON forms (so NaN
/// equals NaN, as the cases mean).
pub fn same<T: Serialize + Debug>(actual: &T, expected: &T) {
    let json = |v: &T| serde_json::to_value(v).map_err(|e| e.to_string());
    match (json(actual), json(expected)) {
        (Ok(a), Ok(e)) if a == e => {}
        (a, e) => panic!(
            "the value differs from the case's params:\n   got: {actual:?}\nexpected: {expected:?}\n   got JSON: {a:?}\nexpected JSON: {e:?}"
        ),
    }
}

/// The request of a service-side case: `method`, `uri` with the case's
/// query parameters (already encoded) after it, `headers` and `body`.
pub fn server_request(
    method: &str,
    uri: &str,
    query: &[&str],
    headers: &[(&str, &str)],
    body: &str,
) -> http::Request<Vec<u8>> {
    let mut target = uri.to_owned();
    if !query.is_empty() {
        target.push(if target.contains('?') { '&' } else { '?' });
        target.push_str(&query.join("&"));
    }
    let mut builder = http::Request::builder().method(method).uri(target);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder
        .body(body.as_bytes().to_vec())
        .expect("the case's method, URI and headers are valid")
}

/// [`server_request`] for a case whose body is the base64 of binary bytes
/// (CBOR).
pub fn binary_server_request(
    method: &str,
    uri: &str,
    query: &[&str],
    headers: &[(&str, &str)],
    body: &str,
) -> http::Request<Vec<u8>> {
    let bytes = crate::Blob::from_base64(body.trim()).expect("the case's body is base64");
    let mut request = server_request(method, uri, query, headers, "");
    *request.body_mut() = bytes.as_bytes().to_vec();
    request
}

/// What a service-side response case expects.
#[derive(Debug)]
pub struct ExpectedResponse<'a> {
    /// The status.
    pub code: u16,
    /// Headers that must be sent with these values (others may be too).
    pub headers: &'a [(&'a str, &'a str)],
    /// The body, compared as its media type says.
    pub body: Option<&'a str>,
    /// The body's media type.
    pub body_media_type: Option<&'a str>,
}

/// Asserts that a response a service wrote matches the case.
pub fn server_response(actual: &http::Response<Vec<u8>>, expected: &ExpectedResponse<'_>) {
    let mut problems: Vec<String> = Vec::new();
    if actual.status().as_u16() != expected.code {
        problems.push(format!("status: expected {}, got {}", expected.code, actual.status()));
    }
    for (name, value) in expected.headers {
        let got: Vec<&str> = actual
            .headers()
            .get_all(*name)
            .iter()
            .map(|v| v.to_str().unwrap_or("<not text>"))
            .collect();
        if got.join(", ") != *value {
            problems.push(format!("header `{name}`: expected `{value}`, got {got:?}"));
        }
    }
    if let Some(body) = expected.body {
        body_matches(actual.body(), body, expected.body_media_type, &mut problems);
    }
    assert!(
        problems.is_empty(),
        "the response does not match the case:\n  {}\nresponse: {actual:?}\nbody: {}",
        problems.join("\n  "),
        String::from_utf8_lossy(actual.body())
    );
}
