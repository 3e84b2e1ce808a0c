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
///
/// The runtime's own reader (`wire::fast_read`) goes first; what it leaves
/// (documents, surrogate escapes, malformed bodies, ...) is read again by
/// serde_json, whose result and error messages are the reference. (One function with early returns: an output
/// can be hundreds of bytes, and each `Result` it passes through is a copy.)
pub fn json_output<T: DeserializeOwned, E>(status: u16, body: &[u8]) -> Result<T, ResponseError<E>> {
    let json = if body.is_empty() { b"{}" } else { body };
    if let Some(value) = crate::wire::fast_read::read(json) {
        return Ok(value);
    }
    match serde_json::from_slice(json) {
        Ok(value) => Ok(value),
        Err(e) => Err(ResponseError::Malformed {
            status,
            message: e.to_string(),
            body: body.to_vec(),
        }),
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
}
