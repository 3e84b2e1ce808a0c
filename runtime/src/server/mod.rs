//! The service side, sans-IO: what a service built from a model does with the
//! requests it receives. A generated `server` module routes an
//! `http::Request` to one of its operations and reads the operation's input
//! from it, checking every constraint of the model as Smithy asks servers to;
//! what cannot reach an operation is a [`Rejection`], which the module turns
//! into the response its protocol prescribes. Outputs and modeled errors
//! become responses through the same module. No server framework is named:
//! requests and responses are `http` values, so any framework can carry them.
//!
//! Constraint violations are answered with Smithy's
//! `smithy.framework#ValidationException`, listing every violation (not only
//! the first) with its JSON pointer and Smithy's message.

pub mod aws_json;
pub mod rest;
#[cfg(feature = "cbor")]
pub mod rpc_v2;

use std::fmt;

use crate::ValidationError;

/// Why a request does not reach an operation, and so which response answers it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Rejection {
    /// No operation of the service answers this request (an unknown target
    /// or path).
    UnknownOperation,
    /// The request's method is not the one the protocol or operation uses.
    MethodNotAllowed,
    /// The request's `Content-Type` (held here, if any) is not the protocol's.
    UnsupportedMediaType(Option<String>),
    /// The request's `Accept` excludes what the protocol answers with.
    NotAcceptable,
    /// The request cannot be read as the operation's input: the body is not
    /// the document expected, a value has the wrong type, a number is out of
    /// range, a timestamp or base64 text does not parse. The text says what
    /// and where, for the service's logs.
    Malformed(String),
    /// The input was read and breaks constraints of the model: every
    /// violation, in member order.
    Invalid(ValidationError),
}

impl Rejection {
    /// The HTTP status that answers it.
    pub fn status(&self) -> u16 {
        match self {
            Rejection::UnknownOperation => 404,
            Rejection::MethodNotAllowed => 405,
            Rejection::UnsupportedMediaType(_) => 415,
            Rejection::NotAcceptable => 406,
            Rejection::Malformed(_) | Rejection::Invalid(_) => 400,
        }
    }

    /// The error's name on the wire (`x-amzn-errortype` and the protocol's
    /// error code).
    pub fn error_type(&self) -> &'static str {
        match self {
            Rejection::UnknownOperation | Rejection::MethodNotAllowed => "UnknownOperationException",
            Rejection::UnsupportedMediaType(_) => "UnsupportedMediaTypeException",
            Rejection::NotAcceptable => "NotAcceptableException",
            Rejection::Malformed(_) => "SerializationException",
            Rejection::Invalid(_) => "ValidationException",
        }
    }

    /// The body of the `ValidationException` answering [`Rejection::Invalid`]:
    /// `message` sums the violations up, `fieldList` holds each one's path and
    /// message. `None` for other rejections.
    pub fn validation_body(&self) -> Option<serde_json::Value> {
        let Rejection::Invalid(error) = self else {
            return None;
        };
        let fields: Vec<serde_json::Value> = error
            .iter()
            .map(|v| serde_json::json!({"path": v.path(), "message": v.message()}))
            .collect();
        Some(serde_json::json!({"message": validation_summary(error), "fieldList": fields}))
    }
}

/// `1 validation error detected. Value at '/a' failed ...`, the violations
/// joined with `; ` (Smithy's servers write the same summary).
fn validation_summary(error: &ValidationError) -> String {
    let n = error.violations().len();
    let messages: Vec<String> = error.iter().map(|v| v.message()).collect();
    format!(
        "{n} validation error{} detected. {}",
        if n == 1 { "" } else { "s" },
        messages.join("; ")
    )
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::UnknownOperation => f.write_str("no operation answers this request"),
            Rejection::MethodNotAllowed => f.write_str("the method is not allowed"),
            Rejection::UnsupportedMediaType(Some(found)) => write!(f, "unsupported content type `{found}`"),
            Rejection::UnsupportedMediaType(None) => f.write_str("the request has no content type"),
            Rejection::NotAcceptable => f.write_str("the accepted media types exclude the protocol's"),
            Rejection::Malformed(why) => write!(f, "malformed request: {why}"),
            Rejection::Invalid(error) => fmt::Display::fmt(error, f),
        }
    }
}

impl std::error::Error for Rejection {}

/// The media type of a `Content-Type` value: before any `;` parameters,
/// trimmed, lower-cased (media types compare without case).
fn media_type(value: &str) -> String {
    value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

/// Checks that `request` says its body is `expected` (`Content-Type`,
/// parameters ignored). A request without the header is refused too: the
/// protocols that call this need it to recognise themselves.
fn require_content_type<B>(request: &http::Request<B>, expected: &str) -> Result<(), Rejection> {
    let found = request.headers().get(http::header::CONTENT_TYPE);
    let Some(found) = found else {
        return Err(Rejection::UnsupportedMediaType(None));
    };
    let text = found.to_str().map_err(|_| Rejection::UnsupportedMediaType(None))?;
    if media_type(text) == expected {
        Ok(())
    } else {
        Err(Rejection::UnsupportedMediaType(Some(text.to_owned())))
    }
}

/// Reads a JSON body as `T` (an empty body is `{}`), constraints unchecked.
fn json_input<T, B>(request: &http::Request<B>) -> Result<T, Rejection>
where
    T: serde::de::DeserializeOwned,
    B: AsRef<[u8]>,
{
    let body = request.body().as_ref();
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}".as_slice()
    } else {
        body
    };
    if let Some(value) = crate::wire::fast_read::read(body) {
        return Ok(value);
    }
    serde_json::from_slice(body).map_err(|e| Rejection::Malformed(e.to_string()))
}

/// `input` once every constraint of the model holds on it; else every
/// violation. Generated code calls it after filling in the defaults the
/// request left out.
pub fn checked<T: crate::Validate>(input: T) -> Result<T, Rejection> {
    match input.validate() {
        Ok(()) => Ok(input),
        Err(violations) => Err(Rejection::Invalid(violations)),
    }
}

/// A response with `status`, a content type and `body`.
fn response(
    status: u16,
    content_type: &'static str,
    extra: Option<(&'static str, &str)>,
    body: Vec<u8>,
) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(body);
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static(content_type));
    if let Some((name, value)) = extra {
        if let Ok(value) = http::HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    }
    let length = response.body().len();
    response
        .headers_mut()
        .insert(http::header::CONTENT_LENGTH, length.into());
    response
}

/// `value`'s JSON object with `"__type": type_name` first. A value that is
/// not an object (which no generated error is) is written as it is.
fn json_with_type<T: serde::Serialize + ?Sized>(type_name: &str, value: &T) -> Vec<u8> {
    let body = serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec());
    let Some(rest) = body.strip_prefix(b"{") else {
        return body;
    };
    let mut out = Vec::with_capacity(body.len() + type_name.len() + 16);
    out.extend_from_slice(b"{\"__type\":");
    out.extend_from_slice(&serde_json::to_vec(type_name).unwrap_or_default());
    if rest != b"}" {
        out.push(b',');
    }
    out.extend_from_slice(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{Path, Violations};

    fn invalid() -> Rejection {
        let mut out = Violations::default();
        out.missing(&Path::ROOT.field("name"));
        out.missing(&Path::ROOT.field("count"));
        Rejection::Invalid(out.into_result().expect_err("two violations"))
    }

    #[test]
    fn a_validation_rejection_lists_every_violation() {
        let body = invalid().validation_body().expect("a ValidationException body");
        assert_eq!(
            body,
            serde_json::json!({
                "message": "2 validation errors detected. Value at '/name' failed to satisfy constraint: Member must not be null; Value at '/count' failed to satisfy constraint: Member must not be null",
                "fieldList": [
                    {"path": "/name", "message": "Value at '/name' failed to satisfy constraint: Member must not be null"},
                    {"path": "/count", "message": "Value at '/count' failed to satisfy constraint: Member must not be null"}
                ]
            })
        );
        assert_eq!(invalid().status(), 400);
        assert_eq!(invalid().error_type(), "ValidationException");
        assert_eq!(Rejection::Malformed("x".into()).validation_body(), None);
    }

    #[test]
    fn media_types_compare_without_parameters_or_case() {
        let request = |value: &str| {
            http::Request::builder()
                .header("content-type", value)
                .body(Vec::<u8>::new())
                .expect("a request")
        };
        assert_eq!(
            require_content_type(
                &request("application/x-amz-json-1.0; charset=utf-8"),
                "application/x-amz-json-1.0"
            ),
            Ok(())
        );
        assert_eq!(
            require_content_type(&request("Application/X-Amz-Json-1.0"), "application/x-amz-json-1.0"),
            Ok(())
        );
        assert_eq!(
            require_content_type(&request("application/json"), "application/x-amz-json-1.0"),
            Err(Rejection::UnsupportedMediaType(Some("application/json".into())))
        );
        let bare = http::Request::new(Vec::<u8>::new());
        assert_eq!(
            require_content_type(&bare, "application/json"),
            Err(Rejection::UnsupportedMediaType(None))
        );
    }

    #[test]
    fn the_type_goes_first_with_a_comma_only_before_members() {
        let with = json_with_type("a#E", &serde_json::json!({"Message": "hi"}));
        assert_eq!(
            String::from_utf8(with).expect("utf-8"),
            r#"{"__type":"a#E","Message":"hi"}"#
        );
        let empty = json_with_type("a#E", &serde_json::json!({}));
        assert_eq!(String::from_utf8(empty).expect("utf-8"), r#"{"__type":"a#E"}"#);
    }
}
