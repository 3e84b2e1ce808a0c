//! awsJson1_0 and awsJson1_1 on the service side: every request is `POST /`
//! with the protocol's content type, `X-Amz-Target: Service.Operation` names
//! the operation, and the body is the input as JSON (empty means `{}`).
//! Responses carry the output as the body; errors carry `__type` (the error
//! shape's id) beside the error's members, and `x-amzn-errortype`.

use super::{json_input, json_with_type, require_content_type, response, Rejection};

/// The operation `request` names (`Operation` of `X-Amz-Target:
/// Service.Operation`), once its path, method, service and content type are
/// the protocol's.
pub fn target<'r, B>(request: &'r http::Request<B>, service: &str, content_type: &str) -> Result<&'r str, Rejection> {
    if request.uri().path() != "/" {
        return Err(Rejection::UnknownOperation);
    }
    if request.method() != http::Method::POST {
        return Err(Rejection::MethodNotAllowed);
    }
    let target = request
        .headers()
        .get("x-amz-target")
        .and_then(|value| value.to_str().ok())
        .ok_or(Rejection::UnknownOperation)?;
    let operation = match target.split_once('.') {
        Some((named, operation)) if named == service => operation,
        _ => return Err(Rejection::UnknownOperation),
    };
    require_content_type(request, content_type)?;
    Ok(operation)
}

/// The operation's input as the request's body holds it; constraints are
/// checked once defaults are filled in ([`checked`](super::checked)).
pub fn input<T, B>(request: &http::Request<B>) -> Result<T, Rejection>
where
    T: serde::de::DeserializeOwned,
    B: AsRef<[u8]>,
{
    json_input(request)
}

/// A `200` response carrying `output`.
pub fn output<T: serde::Serialize>(output: &T, content_type: &'static str) -> http::Response<Vec<u8>> {
    let body = serde_json::to_vec(output).unwrap_or_else(|_| b"{}".to_vec());
    response(200, content_type, None, body)
}

/// A `200` response for an operation without output: no body, still the
/// content type.
pub fn no_output(content_type: &'static str) -> http::Response<Vec<u8>> {
    response(200, content_type, None, Vec::new())
}

/// A response carrying the modeled error `error` of shape `shape_id`, with
/// `status`.
pub fn error<E: serde::Serialize>(
    status: u16,
    shape_id: &str,
    error: &E,
    content_type: &'static str,
) -> http::Response<Vec<u8>> {
    let name = shape_id.rsplit_once('#').map_or(shape_id, |(_, name)| name);
    response(
        status,
        content_type,
        Some(("x-amzn-errortype", name)),
        json_with_type(shape_id, error),
    )
}

/// [`error`] for an `@awsQueryCompatible` service: `x-amzn-query-error`
/// (`Code;Sender` or `Code;Receiver`) names the error as awsQuery did.
pub fn query_error<E: serde::Serialize>(
    status: u16,
    type_name: &str,
    error: &E,
    query: &str,
    content_type: &'static str,
) -> http::Response<Vec<u8>> {
    let mut response = self::error(status, type_name, error, content_type);
    if let Ok(value) = http::HeaderValue::from_str(query) {
        response.headers_mut().insert("x-amzn-query-error", value);
    }
    response
}

/// The response for an error the model does not describe (an operation
/// error's `Unhandled`): `500` with `code` (an `InternalFailure` when
/// unknown) and `message`.
pub fn unhandled(code: Option<&str>, message: Option<&str>, content_type: &'static str) -> http::Response<Vec<u8>> {
    let code = code.unwrap_or("InternalFailure");
    let body = match message {
        Some(message) => serde_json::json!({"message": message}),
        None => serde_json::json!({}),
    };
    response(
        500,
        content_type,
        Some(("x-amzn-errortype", code)),
        json_with_type(code, &body),
    )
}

/// The response that answers `rejection`: its status, `x-amzn-errortype`,
/// and a body with `__type` (a `ValidationException` lists every violation).
pub fn rejection(rejection: &Rejection, content_type: &'static str) -> http::Response<Vec<u8>> {
    let name = rejection.error_type();
    let (type_name, body) = match rejection.validation_body() {
        Some(body) => ("smithy.framework#ValidationException", body),
        None => (name, serde_json::json!({"message": rejection.to_string()})),
    };
    response(
        rejection.status(),
        content_type,
        Some(("x-amzn-errortype", name)),
        json_with_type(type_name, &body),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON_1_0: &str = "application/x-amz-json-1.0";

    fn request(method: &str, path: &str, headers: &[(&str, &str)]) -> http::Request<Vec<u8>> {
        let mut builder = http::Request::builder().method(method).uri(path);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(Vec::new()).expect("a request")
    }

    #[test]
    fn the_target_names_the_operation_of_this_service_only() {
        let ok = request("POST", "/", &[("x-amz-target", "Svc.Op"), ("content-type", JSON_1_0)]);
        assert_eq!(target(&ok, "Svc", JSON_1_0), Ok("Op"));
        let other = request("POST", "/", &[("x-amz-target", "Other.Op"), ("content-type", JSON_1_0)]);
        assert_eq!(target(&other, "Svc", JSON_1_0), Err(Rejection::UnknownOperation));
        let missing = request("POST", "/", &[("content-type", JSON_1_0)]);
        assert_eq!(target(&missing, "Svc", JSON_1_0), Err(Rejection::UnknownOperation));
        let path = request("POST", "/x", &[("x-amz-target", "Svc.Op"), ("content-type", JSON_1_0)]);
        assert_eq!(target(&path, "Svc", JSON_1_0), Err(Rejection::UnknownOperation));
        let get = request("GET", "/", &[("x-amz-target", "Svc.Op"), ("content-type", JSON_1_0)]);
        assert_eq!(target(&get, "Svc", JSON_1_0), Err(Rejection::MethodNotAllowed));
        let json = request(
            "POST",
            "/",
            &[("x-amz-target", "Svc.Op"), ("content-type", "application/json")],
        );
        assert_eq!(
            target(&json, "Svc", JSON_1_0),
            Err(Rejection::UnsupportedMediaType(Some("application/json".into())))
        );
    }

    #[test]
    fn rejections_answer_with_their_status_type_and_body() {
        let answer = rejection(&Rejection::Malformed("expected `,` at line 1".into()), JSON_1_0);
        assert_eq!(answer.status(), 400);
        assert_eq!(answer.headers()["x-amzn-errortype"], "SerializationException");
        assert_eq!(answer.headers()["content-type"], JSON_1_0);
        let body: serde_json::Value = serde_json::from_slice(answer.body()).expect("JSON");
        assert_eq!(body["__type"], "SerializationException");
        assert_eq!(body["message"], "malformed request: expected `,` at line 1");
        let answer = rejection(&Rejection::UnknownOperation, JSON_1_0);
        assert_eq!(answer.status(), 404);
        assert_eq!(
            answer.headers()["content-length"],
            answer.body().len().to_string().as_str()
        );
    }

    #[test]
    fn errors_carry_the_shape_id_and_unhandled_ones_a_500() {
        let answer = error(400, "ns#Bad", &serde_json::json!({"Message": "no"}), JSON_1_0);
        assert_eq!(answer.status(), 400);
        assert_eq!(answer.headers()["x-amzn-errortype"], "Bad");
        let body: serde_json::Value = serde_json::from_slice(answer.body()).expect("JSON");
        assert_eq!(body, serde_json::json!({"__type": "ns#Bad", "Message": "no"}));
        let answer = unhandled(None, Some("boom"), JSON_1_0);
        assert_eq!(answer.status(), 500);
        assert_eq!(answer.headers()["x-amzn-errortype"], "InternalFailure");
    }
}
