//! What the generated protocol compliance tests check (feature `protocol-test`):
//! a request against a `smithy.test#httpRequestTests` case, and an output or
//! error against the value its `params` describe. Each check lists every
//! mismatch before failing, so one run shows all that is wrong with a case.

use std::fmt::Debug;

use serde::Serialize;

/// The parts of an `@httpRequestTests` case a client request must match.
#[derive(Debug, Clone, Copy)]
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
    } else if actual != expected.as_bytes() {
        problems.push(format!(
            "body: expected `{expected}`, got `{}`",
            String::from_utf8_lossy(actual)
        ));
    }
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
