//! The steps every operation's `request` and `response` share, once: the query
//! string, the request's standard headers, reading a JSON output or an error,
//! and keeping a response's status and request id.

use serde::de::DeserializeOwned;

use super::{percent_encode, request_id, ErrorResponse, Received, RequestError, ResponseError};

/// A request's query parameters, in the order the members push them, written
/// after the URI pattern's constant query (if any) with every key and value
/// percent-encoded.
#[derive(Debug, Default)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// Adds the parameter `key=value`.
    pub fn push(&mut self, key: impl Into<String>, value: String) {
        self.pairs.push((key.into(), value));
    }

    /// Appends `?constant` (as written) and then the parameters to `uri`.
    pub fn write_to(self, uri: &mut String, constant: &str) {
        let mut separator = '?';
        if !constant.is_empty() {
            uri.push(separator);
            uri.push_str(constant);
            separator = '&';
        }
        for (key, value) in &self.pairs {
            uri.push(separator);
            uri.push_str(&percent_encode(key, false));
            uri.push('=');
            uri.push_str(&percent_encode(value, false));
            separator = '&';
        }
    }
}

/// The request: `content-type` when there is a body type, `content-length`
/// when there are bytes, then the members' `headers` in order.
pub fn build_request(
    method: &str,
    uri: String,
    headers: Vec<(String, http::HeaderValue)>,
    body: Vec<u8>,
    content_type: Option<&str>,
) -> Result<http::Request<Vec<u8>>, RequestError> {
    let mut builder = http::Request::builder().method(method).uri(uri);
    if let Some(content_type) = content_type {
        builder = builder.header("content-type", content_type);
    }
    if !body.is_empty() {
        builder = builder.header("content-length", body.len());
    }
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    builder.body(body).map_err(|e| RequestError::Http(e.to_string()))
}

/// A response whose output is the whole JSON body: a 2xx status yields the
/// output (an empty body reads as `{}`), anything else the operation's error,
/// which `error` picks from the response's code.
pub fn json_response<T, E, B>(
    response: &http::Response<B>,
    error: fn(&ErrorResponse<'_>) -> E,
) -> Result<T, ResponseError<E>>
where
    T: DeserializeOwned,
    B: AsRef<[u8]>,
{
    let status = response.status().as_u16();
    if !(200..300).contains(&status) {
        return Err(error_response(response, error));
    }
    json_output(status, response.body().as_ref())
}

/// The output in a successful response's JSON body (an empty body reads as
/// `{}`), or `Malformed` with the `status` and the body.
pub fn json_output<T: DeserializeOwned, E>(status: u16, body: &[u8]) -> Result<T, ResponseError<E>> {
    parse_body(if body.is_empty() { b"{}" } else { body }).map_err(|message| ResponseError::Malformed {
        status,
        message,
        body: body.to_vec(),
    })
}

/// Bodies from this many bytes up are read by simd-json, with the `simd-json`
/// feature: below it, its setup costs more than it saves (`peers/parse-bench`:
/// the 101-byte body parsed 2.4 times slower, the 2 KB and 35 KB ones faster).
#[cfg(all(feature = "simd-json", not(smithy_simd_json_always)))]
const SIMD_JSON_FROM: usize = 1024;
#[cfg(all(feature = "simd-json", smithy_simd_json_always))]
const SIMD_JSON_FROM: usize = 0;

/// Whether `body` may hold a `\uD800`-`\uDBFF` escape (a false positive only
/// costs the serde_json path): simd-json 0.14 reads a lone one as NUL, where
/// serde_json refuses the body.
#[cfg(feature = "simd-json")]
fn has_surrogate_escape(body: &[u8]) -> bool {
    memchr::memmem::find_iter(body, b"\\u").any(|at| {
        matches!(body.get(at + 2), Some(b'd' | b'D'))
            && matches!(body.get(at + 3), Some(b'8' | b'9' | b'a' | b'b' | b'A' | b'B'))
    })
}

/// A JSON body as `T`, or what was wrong with it.
///
/// With the `simd-json` feature a large body is read by simd-json first;
/// what it cannot read (documents and arbitrary-precision numbers keep their
/// JSON text, which only serde_json hands out, and malformed bodies) is read
/// again by serde_json, whose result and error messages are the reference.
fn parse_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    #[cfg(feature = "simd-json")]
    if body.len() >= SIMD_JSON_FROM && !has_surrogate_escape(body) {
        if let Some(value) = simd_json_scratch::read(body) {
            return Ok(value);
        }
    }
    serde_json::from_slice(body).map_err(|e| e.to_string())
}

/// simd-json parses a copy of the body in place, with buffers of its own (an
/// aligned copy, string and index buffers): allocating them for every body
/// cost more than reusing them, so each thread keeps one set between
/// responses, unless the body was large enough that keeping it would hold on
/// to memory a caller does not expect to stay in use.
#[cfg(feature = "simd-json")]
mod simd_json_scratch {
    use std::cell::RefCell;

    use serde::de::DeserializeOwned;

    /// The largest body whose copy and buffers stay for the next response.
    const KEEP_UP_TO: usize = 256 * 1024;

    struct Scratch {
        copy: Vec<u8>,
        buffers: simd_json::Buffers,
    }

    thread_local! {
        static SCRATCH: RefCell<Option<Scratch>> = const { RefCell::new(None) };
    }

    /// `body` as `T`, or `None` when simd-json cannot read it.
    pub(super) fn read<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
        SCRATCH.with(|cell| {
            // A deserializer never reads a second body while reading one, but
            // if it did, that body gets buffers of its own.
            let Ok(mut slot) = cell.try_borrow_mut() else {
                return simd_json::serde::from_slice(&mut body.to_vec()).ok();
            };
            let scratch = slot.get_or_insert_with(|| Scratch {
                copy: Vec::with_capacity(body.len()),
                buffers: simd_json::Buffers::new(body.len()),
            });
            scratch.copy.clear();
            scratch.copy.extend_from_slice(body);
            let value = simd_json::serde::from_slice_with_buffers(&mut scratch.copy, &mut scratch.buffers).ok();
            if body.len() > KEEP_UP_TO {
                *slot = None;
            }
            value
        })
    }
}

/// The operation's error from an error response, with its status and request id.
pub fn error_response<E, B: AsRef<[u8]>>(
    response: &http::Response<B>,
    error: fn(&ErrorResponse<'_>) -> E,
) -> ResponseError<E> {
    let received = ErrorResponse::new(response);
    let error = error(&received);
    received.into_error(error)
}

/// The output `read` makes of `response`, with the response's status and request id.
pub fn received<T, E, B>(
    response: &http::Response<B>,
    read: fn(&http::Response<B>) -> Result<T, ResponseError<E>>,
) -> Result<Received<T>, ResponseError<E>> {
    let output = read(response)?;
    Ok(Received::new(
        output,
        response.status().as_u16(),
        request_id(response.headers()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_follows_the_constant_part_and_is_encoded() {
        let mut query = Query::default();
        query.push("a b", "x&y".to_owned());
        query.push(String::from("k"), "v".to_owned());
        let mut uri = String::from("/p");
        query.write_to(&mut uri, "");
        assert_eq!(uri, "/p?a%20b=x%26y&k=v");

        let mut query = Query::default();
        query.push("k", "v".to_owned());
        let mut uri = String::from("/p");
        query.write_to(&mut uri, "hello");
        assert_eq!(uri, "/p?hello&k=v");

        let mut uri = String::from("/p");
        Query::default().write_to(&mut uri, "");
        assert_eq!(uri, "/p");
    }

    #[test]
    fn standard_headers_come_first_and_only_when_needed() {
        let headers = vec![("x-a".to_owned(), http::HeaderValue::from_static("1"))];
        let request = build_request(
            "PUT",
            "/p".to_owned(),
            headers,
            b"{}".to_vec(),
            Some("application/json"),
        )
        .expect("a request");
        let names: Vec<&str> = request.headers().keys().map(|k| k.as_str()).collect();
        assert_eq!(names, ["content-type", "content-length", "x-a"]);
        let request = build_request("GET", "/p".to_owned(), Vec::new(), Vec::new(), None).expect("a request");
        assert!(request.headers().is_empty());
        assert!(build_request("GET", "bad uri".to_owned(), Vec::new(), Vec::new(), None).is_err());
    }

    /// What `parse_body` relies on: where simd-json is given a body and reads
    /// it, it reads what serde_json reads; otherwise serde_json has the last word.
    #[cfg(feature = "simd-json")]
    #[test]
    fn simd_json_reads_what_serde_json_reads_or_refuses() {
        let cases: &[&[u8]] = &[
            br#"{"a":1,"b":[true,null,"x"],"c":{"d":-0.0,"e":1.5e3}}"#,
            br#"{"a":1}  "#,
            br#"{"a":1} x"#,
            br#"{"a":1}{"b":2}"#,
            br#"{"a":"\u00e9\ud83d\ude00\n\"\\\/"}"#,
            br#"{"a":"\ud800"}"#,
            br#"{"a":"\udc00x"}"#,
            br#"{"a":"\x"}"#,
            br#"{"a":1e400}"#,
            br#"{"a":-1e400}"#,
            br#"{"a":18446744073709551616}"#,
            br#"{"a":-9223372036854775809}"#,
            br#"{"a":0.1,"b":2.2250738585072014e-308,"c":1.7976931348623157e308,"d":5e-324}"#,
            br#"{"a":01}"#,
            br#"{"a":1.}"#,
            br#"{"a":.5}"#,
            b"{\"a\":\"raw\tcontrol\"}",
            br#"{"a":1,"a":2}"#,
            br#"{"a":[1,2,]}"#,
            br#"{"a":1,}"#,
            b"{\"a\":\"\xff\"}",
            b"",
            b"   ",
            br#"[1,2]"#,
            br#"nul"#,
        ];
        assert!(has_surrogate_escape(br#"{"a":"\uD800"}"#) && has_surrogate_escape(br#""\udbff""#));
        assert!(!has_surrogate_escape(br#"{"a":"\u00e9 \udc00 ud800"}"#));
        let mut differ = Vec::new();
        for case in cases {
            let reference = serde_json::from_slice::<serde_json::Value>(case).ok();
            let mut copy = case.to_vec();
            let simd = (!has_surrogate_escape(case))
                .then(|| simd_json::serde::from_slice::<serde_json::Value>(&mut copy).ok())
                .flatten();
            if simd.is_some() && simd != reference {
                differ.push(format!("{}: {simd:?} vs {reference:?}", String::from_utf8_lossy(case)));
            }
        }
        assert!(differ.is_empty(), "simd-json reads differently: {differ:#?}");
    }

    #[cfg(feature = "simd-json")]
    #[test]
    fn reused_simd_json_buffers_give_each_body_its_own_value() {
        // Growing, shrinking and over-the-limit bodies on one thread, each
        // read twice: a stale copy or buffer would show in the values.
        let body = |count: usize, tag: &str| {
            let items: Vec<String> = (0..count).map(|i| format!("{tag}-{i}")).collect();
            serde_json::to_vec(&items).expect("a list of strings serializes")
        };
        let sizes = [100, 3, 40_000, 7, 2_000, 0];
        for (round, count) in sizes.iter().chain(sizes.iter()).enumerate() {
            let bytes = body(*count, &format!("r{round}"));
            let read = simd_json_scratch::read::<Vec<String>>(&bytes);
            let expected: Vec<String> = serde_json::from_slice(&bytes).expect("serde_json reads it");
            assert_eq!(read.as_ref(), Some(&expected), "round {round}, {count} items");
        }
        assert!(body(40_000, "x").len() > 256 * 1024, "one body is over the keep limit");
    }
}
