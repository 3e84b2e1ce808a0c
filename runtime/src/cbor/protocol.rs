//! rpcv2Cbor requests and responses: what the generated `request` and
//! `response` functions call.

use minicbor::data::Type;
use minicbor::Decoder;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::http::{sanitize_error_code, ErrorMeta, ErrorResponse, RequestError, ResponseError};

/// An rpcv2Cbor request: `input` as the CBOR body (see
/// [`rpc_v2_request`](crate::http::rpc_v2_request)).
pub fn request<T: Serialize>(
    input: Option<&T>,
    path: &'static str,
    query_compatible: bool,
) -> Result<http::Request<Vec<u8>>, RequestError> {
    let body = input
        .map(|input| super::to_vec(input).map_err(|e| RequestError::Body(e.to_string())))
        .transpose()?;
    crate::http::rpc_v2_request(body, path, "rpc-v2-cbor", "application/cbor", query_compatible)
}

/// A response whose output is the whole CBOR body (an empty body is an
/// empty map); anything but 2xx is the operation's error, picked by `error`
/// from the code the response names.
pub fn response<T, E, B>(
    response: &http::Response<B>,
    error: fn(&ErrorResponse<'_>) -> E,
) -> Result<T, ResponseError<E>>
where
    T: DeserializeOwned,
    B: AsRef<[u8]>,
{
    let status = response.status().as_u16();
    let body = response.body().as_ref();
    if !(200..300).contains(&status) {
        let received = ErrorResponse::with_cbor(response, error_meta(response.headers(), body));
        let picked = error(&received);
        return Err(received.into_error(picked));
    }
    read(body).map_err(|e| ResponseError::Malformed {
        status,
        message: e.to_string(),
        body: body.to_vec(),
    })
}

/// A body's value; an empty body reads as an empty map.
pub(crate) fn read<T: DeserializeOwned>(body: &[u8]) -> Result<T, super::CborError> {
    const EMPTY_MAP: &[u8] = &[0xa0];
    super::from_slice(if body.is_empty() { EMPTY_MAP } else { body })
}

/// The code and message of an rpcv2Cbor error response: the code from the
/// body's `__type` (the error's shape), else from `x-amzn-query-error`
/// (`Code;Fault`, which `@awsQueryCompatible` services add); the message from
/// `message`, `Message` or `errorMessage`. A body that is not a CBOR map
/// yields what the header says.
pub fn error_meta(headers: &http::HeaderMap, body: &[u8]) -> ErrorMeta {
    let mut type_name = None;
    let mut message = None;
    let mut decoder = Decoder::new(body);
    if let Ok(declared) = decoder.map() {
        let mut left = declared;
        loop {
            match &mut left {
                Some(0) => break,
                Some(n) => *n -= 1,
                None if matches!(decoder.datatype(), Ok(Type::Break) | Err(_)) => break,
                None => {}
            }
            let Ok(key) = decoder.str() else { break };
            let value = match decoder.datatype() {
                Ok(Type::String) => decoder.str().ok().map(str::to_owned),
                _ => decoder.skip().ok().and(None),
            };
            match key {
                "__type" => type_name = type_name.or(value),
                "message" | "Message" | "errorMessage" => message = message.or(value),
                _ => {}
            }
        }
    }
    let query_code = headers
        .get("x-amzn-query-error")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::to_owned);
    ErrorMeta {
        code: type_name
            .map(|raw| sanitize_error_code(&raw))
            .filter(|c| !c.is_empty())
            .or(query_code),
        message,
    }
}
