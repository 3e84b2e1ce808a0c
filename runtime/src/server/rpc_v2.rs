//! rpcv2Cbor on the service side: `POST .../service/{Service}/operation/{Op}`
//! with `smithy-protocol: rpc-v2-cbor`, the input as a CBOR body (none, or
//! an empty map, for an operation without input). Responses carry the same
//! header, the output as CBOR (no body and no content type when there is
//! none), errors as a CBOR map with `__type` (the error's shape id).

use minicbor::{Decoder, Encoder};

use super::{require_content_type, Rejection};

/// The protocol's `smithy-protocol` value.
pub const PROTOCOL: &str = "rpc-v2-cbor";

/// The body's media type.
pub const MEDIA_TYPE: &str = "application/cbor";

/// The operation `request` names, once its method, service, protocol
/// header, content type and `Accept` are the protocol's.
pub fn operation<'r, B: AsRef<[u8]>>(request: &'r http::Request<B>, service: &str) -> Result<&'r str, Rejection> {
    // The path ends in `/service/{Service}/operation/{Operation}`; what comes
    // before it (a gateway's prefix) is not the service's.
    let path = request.uri().path();
    let segments: Vec<&str> = path.rsplitn(5, '/').collect();
    let operation = match segments.as_slice() {
        [operation, "operation", named, "service", _] if *named == service && !operation.is_empty() => *operation,
        _ => return Err(Rejection::UnknownOperation),
    };
    if request.method() != http::Method::POST {
        return Err(Rejection::MethodNotAllowed);
    }
    let protocol = request.headers().get("smithy-protocol").and_then(|v| v.to_str().ok());
    if protocol != Some(PROTOCOL) {
        return Err(Rejection::Malformed(format!(
            "the request must say `smithy-protocol: {PROTOCOL}`"
        )));
    }
    if !request.body().as_ref().is_empty() {
        require_content_type(request, MEDIA_TYPE)?;
    }
    super::rest::accept(request, MEDIA_TYPE)?;
    Ok(operation)
}

/// The operation's input from the CBOR body (no body reads as an empty map),
/// constraints unchecked.
pub fn input<T: serde::de::DeserializeOwned, B: AsRef<[u8]>>(request: &http::Request<B>) -> Result<T, Rejection> {
    crate::cbor::protocol::read(request.body().as_ref()).map_err(|e| Rejection::Malformed(e.to_string()))
}

/// A response with the protocol's header and, when `body` is set, the CBOR
/// content type.
fn response(status: u16, body: Option<Vec<u8>>, error_type: Option<&str>) -> http::Response<Vec<u8>> {
    let has_body = body.is_some();
    let mut response = http::Response::new(body.unwrap_or_default());
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert("smithy-protocol", http::HeaderValue::from_static(PROTOCOL));
    if has_body {
        headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static(MEDIA_TYPE));
    }
    if let Some(value) = error_type.and_then(|t| http::HeaderValue::from_str(t).ok()) {
        headers.insert("x-amzn-errortype", value);
    }
    let length = response.body().len();
    response
        .headers_mut()
        .insert(http::header::CONTENT_LENGTH, length.into());
    response
}

/// A `200` carrying `output` as CBOR.
pub fn output<T: serde::Serialize>(output: &T) -> http::Response<Vec<u8>> {
    match crate::cbor::to_vec(output) {
        Ok(body) => response(200, Some(body), None),
        Err(e) => unhandled(None, Some(&e.to_string())),
    }
}

/// A `200` for an operation without output: no body, no content type.
pub fn no_output() -> http::Response<Vec<u8>> {
    response(200, None, None)
}

/// `value`'s CBOR map with `"__type": type_name` as its first entry.
fn with_type<T: serde::Serialize + ?Sized>(type_name: &str, value: &T) -> Result<Vec<u8>, String> {
    let body = crate::cbor::to_vec(value).map_err(|e| e.to_string())?;
    let mut decoder = Decoder::new(&body);
    let entries = match decoder.map() {
        Ok(Some(n)) => n,
        _ => return Err("an error is not written as a CBOR map".to_owned()),
    };
    let rest = &body[decoder.position()..];
    let mut out = Vec::with_capacity(body.len() + type_name.len() + 16);
    let mut encoder = Encoder::new(&mut out);
    encoder
        .map(entries + 1)
        .and_then(|e| e.str("__type"))
        .and_then(|e| e.str(type_name))
        .map_err(|e| e.to_string())?;
    out.extend_from_slice(rest);
    Ok(out)
}

/// A response carrying the modeled error `error` of shape `shape_id`.
pub fn error<E: serde::Serialize>(status: u16, shape_id: &str, error: &E) -> http::Response<Vec<u8>> {
    match with_type(shape_id, error) {
        Ok(body) => response(status, Some(body), None),
        Err(e) => unhandled(None, Some(&e)),
    }
}

/// [`error`] for an `@awsQueryCompatible` service: `x-amzn-query-error`
/// (`Code;Sender` or `Code;Receiver`) names the error as awsQuery did.
pub fn query_error<E: serde::Serialize>(
    status: u16,
    shape_id: &str,
    error: &E,
    query: &str,
) -> http::Response<Vec<u8>> {
    let mut response = self::error(status, shape_id, error);
    if let Ok(value) = http::HeaderValue::from_str(query) {
        response.headers_mut().insert("x-amzn-query-error", value);
    }
    response
}

/// A `500` for an error the model does not describe.
pub fn unhandled(code: Option<&str>, message: Option<&str>) -> http::Response<Vec<u8>> {
    let code = code.unwrap_or("InternalFailure");
    let mut body: std::collections::BTreeMap<&str, &str> = std::collections::BTreeMap::new();
    if let Some(message) = message {
        body.insert("message", message);
    }
    let body = with_type(code, &body).unwrap_or_default();
    response(500, Some(body), Some(code))
}

/// The response that answers `rejection`: its status and a CBOR body with
/// `__type` (a `ValidationException` lists every violation).
pub fn rejection(rejection: &Rejection) -> http::Response<Vec<u8>> {
    let (type_name, body) = match rejection.validation_body() {
        Some(body) => ("smithy.framework#ValidationException", body),
        None => (
            rejection.error_type(),
            serde_json::json!({"message": rejection.to_string()}),
        ),
    };
    let body = with_type(type_name, &body).unwrap_or_default();
    response(rejection.status(), Some(body), Some(rejection.error_type()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(path: &str, headers: &[(&str, &str)], body: &[u8]) -> http::Request<Vec<u8>> {
        let mut builder = http::Request::builder().method("POST").uri(path);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(body.to_vec()).expect("a request")
    }

    const CBOR: (&str, &str) = ("content-type", MEDIA_TYPE);
    const PROTO: (&str, &str) = ("smithy-protocol", PROTOCOL);

    #[test]
    fn the_path_names_service_and_operation() {
        let ok = request("/service/Svc/operation/Op", &[PROTO, CBOR], &[0xa0]);
        assert_eq!(operation(&ok, "Svc"), Ok("Op"));
        let prefixed = request("/gateway/service/Svc/operation/Op", &[PROTO], &[]);
        assert_eq!(operation(&prefixed, "Svc"), Ok("Op"));
        let other = request("/service/Other/operation/Op", &[PROTO], &[]);
        assert_eq!(operation(&other, "Svc"), Err(Rejection::UnknownOperation));
        let bare = request("/service/Svc/operation/Op", &[], &[]);
        assert!(matches!(operation(&bare, "Svc"), Err(Rejection::Malformed(_))));
        let json = request(
            "/service/Svc/operation/Op",
            &[PROTO, ("content-type", "application/json")],
            b"{}",
        );
        assert!(matches!(
            operation(&json, "Svc"),
            Err(Rejection::UnsupportedMediaType(_))
        ));
        let accept = request(
            "/service/Svc/operation/Op",
            &[PROTO, ("accept", "application/json")],
            &[],
        );
        assert_eq!(operation(&accept, "Svc"), Err(Rejection::NotAcceptable));
    }

    #[test]
    fn errors_carry_their_type_first() {
        let answer = error(400, "ns#Bad", &serde_json::json!({"message": "no"}));
        assert_eq!(answer.status(), 400);
        assert_eq!(answer.headers()["smithy-protocol"], PROTOCOL);
        let value: serde_json::Value = crate::cbor::from_slice(answer.body()).expect("CBOR");
        assert_eq!(value, serde_json::json!({"__type": "ns#Bad", "message": "no"}));
        let empty = no_output();
        assert!(empty.body().is_empty());
        assert!(!empty.headers().contains_key("content-type"));
        let refused = rejection(&Rejection::UnknownOperation);
        let value: serde_json::Value = crate::cbor::from_slice(refused.body()).expect("CBOR");
        assert_eq!(value["__type"], "UnknownOperationException");
    }
}
