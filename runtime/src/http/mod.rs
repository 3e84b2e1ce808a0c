//! HTTP plumbing shared by the generated operation functions: label and query
//! encoding, header values, and reading error responses. No I/O: requests and
//! responses are `http` crate values, so any client and any signer can carry them.
//!
//! # Requests
//!
//! An operation's `request(&input)` builds the method, path and query,
//! headers and body from the input's HTTP bindings ([`RequestBuilder`]).
//! Constraint traits are left to the service, as Smithy advises clients (a
//! service may accept what a crate's model does not know yet); call
//! `input.validate()` first to check them. Only what the request itself needs
//! can fail, such as an empty URI label ([`RequestError`]). The URI is
//! origin-form (`/path?query`): the caller adds the endpoint
//! ([`with_endpoint`]), signs the request and sends it with any HTTP client.
//!
//! # Responses
//!
//! An operation's `response(&response)` reads a 2xx status as the output (an
//! empty JSON body is `{}`, bound headers and the payload fill their members),
//! and anything else as an error: matched to a modeled error by its code,
//! else [`Unhandled`](crate::Unhandled), which keeps code, message, status and
//! body ([`ResponseError`]).

use std::fmt;

use time::OffsetDateTime;

mod exchange;
mod request;

pub use crate::timestamp::{date_time, epoch_seconds, http_date, parse_http_date};

pub use exchange::{build_request, error_response, json_output, json_response, received, Query};
#[cfg(feature = "xml")]
pub use request::query_request;
pub use request::{
    aws_json_request, rpc_v2_json_request, rpc_v2_request, Base64Text, BindingText, BindingValues, Each, EachAs,
    EpochSeconds, HttpDate, RequestBuilder,
};

/// Percent-encodes a label or query component: RFC 3986 unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`) stay, every other byte of the UTF-8 form becomes
/// `%XX`. Greedy labels (`{key+}`) keep `/` so they can span segments.
pub fn percent_encode(value: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || (keep_slash && b == b'/') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
        }
    }
    out
}

/// A value bound to a URI label, a query parameter or a header, as text.
pub trait HttpText {
    /// The text form (timestamps as RFC 3339 in URIs).
    fn http_text(&self) -> String;

    /// Whether the text is quoted when it is one item of a header list that
    /// holds a comma or a quote (an HTTP date is not, though it holds a comma).
    fn quoted_in_list(&self) -> bool {
        true
    }
}

macro_rules! display_text {
    ($($t:ty),*) => { $(impl HttpText for $t { fn http_text(&self) -> String { self.to_string() } })* };
}
display_text!(String, bool, i8, i16, i32, i64);

/// As for `f64`, shortest for the `f32` itself (`1.1`, not the widened
/// `1.100000023841858`).
impl HttpText for f32 {
    fn http_text(&self) -> String {
        if self.is_finite() {
            let text = format!("{self:?}");
            text.strip_suffix(".0").map_or(text.clone(), str::to_owned)
        } else {
            f64::from(*self).http_text()
        }
    }
}

/// The shortest text that reads back as the same double (`1.5`, `30`, `1e300`,
/// `1e-7`), and Smithy's names for the non-finite values.
impl HttpText for f64 {
    fn http_text(&self) -> String {
        if self.is_nan() {
            "NaN".into()
        } else if self.is_infinite() {
            if *self > 0.0 { "Infinity" } else { "-Infinity" }.into()
        } else {
            // `Debug` is the shortest round-trip form, with an exponent for very
            // large or small magnitudes; a whole number drops its `.0`.
            let text = format!("{self:?}");
            match text.strip_suffix(".0") {
                Some(whole) => whole.to_owned(),
                None => text,
            }
        }
    }
}

impl HttpText for OffsetDateTime {
    fn http_text(&self) -> String {
        date_time(self)
    }
}

/// Parses a header value into a bound member's type.
pub trait FromHeader: Sized {
    /// `None` when the text is not a value of the type.
    fn from_header(text: &str) -> Option<Self>;
}

impl FromHeader for String {
    fn from_header(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
}

impl FromHeader for bool {
    fn from_header(text: &str) -> Option<Self> {
        text.trim().parse().ok()
    }
}

macro_rules! parse_header {
    ($($t:ty),*) => { $(impl FromHeader for $t { fn from_header(text: &str) -> Option<Self> { text.trim().parse().ok() } })* };
}
parse_header!(i8, i16, i32, i64, f32, f64);

impl FromHeader for OffsetDateTime {
    /// An HTTP date in any of the three forms HTTP allows (IMF-fixdate, RFC 850,
    /// asctime), RFC 3339, or epoch seconds (read as the body codec reads them:
    /// the number's shortest decimal form, floored to milliseconds).
    fn from_header(text: &str) -> Option<Self> {
        let text = text.trim();
        parse_http_date(text)
            .or_else(|| OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok())
            .or_else(|| {
                let secs: f64 = text.parse().ok()?;
                let ms = crate::wire::epoch_ms_from_f64(secs)?;
                OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).ok()
            })
    }
}

/// Splits a header list of HTTP dates (`Mon, 16 Dec 2019 23:48:18 GMT, Tue, ...`),
/// whose items hold a comma of their own and are not quoted.
pub fn split_http_date_list(text: &str) -> Vec<String> {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let mut items: Vec<String> = Vec::new();
    let mut pending: Option<&str> = None;
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match pending.take() {
            Some(day) => items.push(format!("{day}, {part}")),
            None if DAYS.contains(&part) => pending = Some(part),
            None => items.push(part.to_owned()),
        }
    }
    items.extend(pending.map(str::to_owned));
    items
}

/// The text of header `name`, if the response has it. Header values are
/// UTF-8 as AWS sends them (not only visible ASCII); other bytes are an
/// error naming the header, not a header silently skipped.
pub fn header_text<'h>(headers: &'h ::http::HeaderMap, name: &str) -> Result<Option<&'h str>, String> {
    match headers.get(name) {
        Some(value) => std::str::from_utf8(value.as_bytes())
            .map(Some)
            .map_err(|_| format!("header `{name}` is not UTF-8 text")),
        None => Ok(None),
    }
}

/// Splits a list-valued header (`a, b, "c, d"`) into its items.
pub fn split_header_list(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' if quoted => {
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            ',' if !quoted => items.push(std::mem::take(&mut current).trim().to_owned()),
            _ => current.push(c),
        }
    }
    if !current.trim().is_empty() || !items.is_empty() {
        items.push(current.trim().to_owned());
    }
    items
}

/// Why no request could be built.
///
/// ```
/// use smithy_codegen_runtime::http::{with_endpoint, RequestError};
///
/// let request = http::Request::get("/things").body(()).unwrap();
/// let err = with_endpoint(request, "iot.eu-west-1.amazonaws.com").unwrap_err();
/// assert!(matches!(err, RequestError::Http(_)));
/// assert!(err.to_string().contains("needs a scheme and a host"));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum RequestError {
    /// A URI label member is absent or empty.
    EmptyLabel(&'static str),
    /// A header value is not valid in HTTP.
    InvalidHeader {
        /// The header name.
        name: String,
        /// What is wrong.
        message: String,
    },
    /// The body could not be serialized.
    Body(String),
    /// The `http` crate refused the request.
    Http(String),
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyLabel(member) => write!(f, "the URI label `{member}` is absent or empty"),
            Self::InvalidHeader { name, message } => write!(f, "header `{name}`: {message}"),
            Self::Body(message) => write!(f, "cannot serialize the body: {message}"),
            Self::Http(message) => write!(f, "cannot build the request: {message}"),
        }
    }
}

impl std::error::Error for RequestError {}

/// What an error response says about itself, before it is matched to a model error.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ErrorMeta {
    /// The sanitized error code (`ResourceNotFoundException`).
    pub code: Option<String>,
    /// The human-readable message.
    pub message: Option<String>,
}

/// An error response (a status outside 2xx), read once: its code and message
/// (see [`error_meta`]), its headers and body. An operation matches the code
/// to one of its errors and [`read`](Self::read)s that error from it.
#[derive(Debug)]
pub struct ErrorResponse<'a> {
    status: u16,
    headers: &'a http::HeaderMap,
    body: &'a [u8],
    meta: ErrorMeta,
    /// The `<Error>` element of an XML protocol's error response.
    #[cfg(feature = "xml")]
    xml: Option<crate::xml::protocol::XmlErrorBody<'a>>,
    /// The body is CBOR (rpcv2Cbor).
    #[cfg(feature = "cbor")]
    cbor: bool,
}

impl<'a> ErrorResponse<'a> {
    /// Reads the response's error code and message (a JSON protocol's).
    pub fn new<B: AsRef<[u8]>>(response: &'a http::Response<B>) -> Self {
        let body = response.body().as_ref();
        Self {
            status: response.status().as_u16(),
            headers: response.headers(),
            body,
            meta: error_meta(response.headers(), body),
            #[cfg(feature = "xml")]
            xml: None,
            #[cfg(feature = "cbor")]
            cbor: false,
        }
    }

    /// An rpcv2Cbor error response: its code and message as read from the
    /// CBOR body (and headers), members read from the body as CBOR.
    #[cfg(feature = "cbor")]
    pub(crate) fn with_cbor<B: AsRef<[u8]>>(response: &'a http::Response<B>, meta: ErrorMeta) -> Self {
        Self {
            status: response.status().as_u16(),
            headers: response.headers(),
            body: response.body().as_ref(),
            meta,
            #[cfg(feature = "xml")]
            xml: None,
            cbor: true,
        }
    }

    /// An XML protocol's error response: its code and message as the
    /// `<Error>` element holds them, and the element to read members from.
    #[cfg(feature = "xml")]
    pub(crate) fn with_xml<B: AsRef<[u8]>>(
        response: &'a http::Response<B>,
        meta: ErrorMeta,
        xml: Option<crate::xml::protocol::XmlErrorBody<'a>>,
    ) -> Self {
        Self {
            status: response.status().as_u16(),
            headers: response.headers(),
            body: response.body().as_ref(),
            meta,
            xml,
            #[cfg(feature = "cbor")]
            cbor: false,
        }
    }

    /// The sanitized error code, if the response has one.
    pub fn code(&self) -> Option<&str> {
        self.meta.code.as_deref()
    }

    /// The error message the response carries outside the error's own members.
    pub fn message(&self) -> Option<&str> {
        self.meta.message.as_deref()
    }

    /// The response headers.
    pub fn headers(&self) -> &'a http::HeaderMap {
        self.headers
    }

    /// The members of the error whose code is `code`, from the body (JSON,
    /// or the XML protocols' `<Error>` element); a body that does not hold
    /// the error still yields it, without members.
    pub fn body<E: serde::de::DeserializeOwned + crate::ErrorCorrection>(&self, code: &str) -> E {
        #[cfg(feature = "xml")]
        if let Some(xml) = &self.xml {
            return xml.read(code).unwrap_or_else(E::corrected);
        }
        let _ = code;
        #[cfg(feature = "cbor")]
        if self.cbor {
            return crate::cbor::protocol::read(self.body).unwrap_or_else(|_| E::corrected());
        }
        let body = if self.body.is_empty() { b"{}" } else { self.body };
        serde_json::from_slice(body).unwrap_or_else(|_| E::corrected())
    }

    /// Reads the modeled error `E`.
    pub fn read<E: ReadError>(&self) -> E {
        E::read_error(self)
    }

    /// An error the model does not describe, with everything the response said.
    pub fn unhandled(&self) -> crate::Unhandled {
        crate::Unhandled::new(self.meta.code.clone(), self.meta.message.clone(), Some(self.status)).with_body(self.body)
    }

    /// `error` as the operation's failure, with the response's status and request id.
    pub fn into_error<E>(self, error: E) -> ResponseError<E> {
        ResponseError::Service(Box::new(ServiceError::new(
            error,
            self.status,
            request_id(self.headers),
        )))
    }
}

/// A modeled error structure, read from an error response.
pub trait ReadError: Sized {
    /// Reads the error's members (body and, in restJson1, headers); the
    /// response's message fills a `message` member the body left out.
    fn read_error(response: &ErrorResponse<'_>) -> Self;
}

/// Reads the error code and message of an error response: the code from the
/// `X-Amzn-Errortype` header, then the body's `code`, then its `__type`; the
/// message from `message`, `Message` or `errorMessage`. A body that is not JSON
/// still yields whatever the header says.
pub fn error_meta(headers: &http::HeaderMap, body: &[u8]) -> ErrorMeta {
    let json: Option<serde_json::Map<String, serde_json::Value>> = serde_json::from_slice(body).ok();
    let field = |names: &[&str]| -> Option<String> {
        let object = json.as_ref()?;
        names
            .iter()
            .find_map(|n| object.get(*n).and_then(|v| v.as_str()).map(str::to_owned))
    };
    let code = headers
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| field(&["code"]))
        .or_else(|| field(&["__type"]))
        .map(|raw| sanitize_error_code(&raw))
        .filter(|c| !c.is_empty());
    ErrorMeta {
        code,
        message: field(&["message", "Message", "errorMessage"]),
    }
}

/// `ns#Name:http://...` -> `Name`: cut at the first `:`, then keep what follows `#`.
pub fn sanitize_error_code(raw: &str) -> String {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    let after_hash = before_colon.rsplit_once('#').map_or(before_colon, |(_, name)| name);
    after_hash.trim().to_owned()
}

/// An error response, matched to the operation's error type `E`.
///
/// ```
/// use smithy_codegen_runtime::http::{ResponseError, ServiceError};
/// use smithy_codegen_runtime::Unhandled;
///
/// let service = ServiceError::new(Unhandled::new(None, None, Some(503)), 503, Some("req-1".into()));
/// assert_eq!((service.status(), service.request_id()), (503, Some("req-1")));
/// let err = ResponseError::Service(Box::new(service));
/// assert_eq!(err.to_string(), "the service answered HTTP 503");
/// let source = std::error::Error::source(&err).unwrap();
/// assert_eq!(source.to_string(), "server error without an error code");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceError<E> {
    error: E,
    status: u16,
    request_id: Option<String>,
}

impl<E> ServiceError<E> {
    /// Wraps a matched error with what the response said.
    pub fn new(error: E, status: u16, request_id: Option<String>) -> Self {
        Self {
            error,
            status,
            request_id,
        }
    }

    /// The modeled error (or `Unhandled`).
    pub fn error(&self) -> &E {
        &self.error
    }

    /// The modeled error, owned.
    pub fn into_error(self) -> E {
        self.error
    }

    /// The HTTP status received.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `x-amzn-requestid` header, if present.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

/// Transparent: shows the modeled error itself (status and request id are
/// accessors), so it reads the same inside [`ResponseError`] and on its own.
impl<E: fmt::Display> fmt::Display for ServiceError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl<E: std::error::Error> std::error::Error for ServiceError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.error.source()
    }
}

/// A successful response's output with what the HTTP response said about it
/// besides: its status and the service's request id (`x-amzn-requestid`), which
/// support cases ask for.
///
/// ```
/// use smithy_codegen_runtime::http::Received;
///
/// let received = Received::new("output", 200, Some("req-7".into()));
/// assert_eq!((received.status(), received.request_id()), (200, Some("req-7")));
/// assert_eq!(received.into_output(), "output");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Received<T> {
    output: T,
    status: u16,
    request_id: Option<String>,
}

impl<T> Received<T> {
    /// Wraps an output read from a response.
    pub fn new(output: T, status: u16, request_id: Option<String>) -> Self {
        Self {
            output,
            status,
            request_id,
        }
    }

    /// The operation's output.
    pub fn output(&self) -> &T {
        &self.output
    }

    /// The operation's output, owned.
    pub fn into_output(self) -> T {
        self.output
    }

    /// The HTTP status received.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `x-amzn-requestid` (or `x-amz-request-id`) header, if present.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

/// Why a response did not yield the operation's output.
///
/// ```
/// use smithy_codegen_runtime::http::{ResponseError, ServiceError};
/// use smithy_codegen_runtime::Unhandled;
///
/// let service = ServiceError::new(Unhandled::new(None, None, Some(503)), 503, Some("req-1".into()));
/// assert_eq!((service.status(), service.request_id()), (503, Some("req-1")));
/// let err = ResponseError::Service(Box::new(service));
/// assert_eq!(err.to_string(), "the service answered HTTP 503");
/// let source = std::error::Error::source(&err).unwrap();
/// assert_eq!(source.to_string(), "server error without an error code");
/// ```
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum ResponseError<E> {
    /// The service answered with an error status. Boxed, so that a
    /// `Result<Output, ResponseError<_>>` stays small whatever the errors hold.
    Service(Box<ServiceError<E>>),
    /// A success status, but a body (or bound header) that is not the output.
    Malformed {
        /// The HTTP status received.
        status: u16,
        /// What could not be read.
        message: String,
        /// The raw body.
        body: Vec<u8>,
    },
}

/// The body shows as text (lossy UTF-8), not as a list of bytes.
impl<E: fmt::Debug> fmt::Debug for ResponseError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Service(e) => f.debug_tuple("Service").field(e).finish(),
            Self::Malformed { status, message, body } => f
                .debug_struct("Malformed")
                .field("status", status)
                .field("message", message)
                .field("body", &String::from_utf8_lossy(body))
                .finish(),
        }
    }
}

impl<E> ResponseError<E> {
    /// The operation's error: a service error as it is, an unreadable response
    /// as an unhandled one (status, message and body kept). `From` does this.
    pub fn into_service_error(self) -> E
    where
        E: From<super::Unhandled>,
    {
        match self {
            Self::Service(e) => (*e).into_error(),
            Self::Malformed { status, message, body } => super::Unhandled::new(None, Some(message), Some(status))
                .with_body(body)
                .into(),
        }
    }

    /// The service error, if the service answered with one.
    pub fn service_error(&self) -> Option<&E> {
        match self {
            Self::Service(e) => Some(e.error()),
            Self::Malformed { .. } => None,
        }
    }

    /// The HTTP status received.
    pub fn status(&self) -> u16 {
        match self {
            Self::Service(e) => e.status(),
            Self::Malformed { status, .. } => *status,
        }
    }
}

/// Says what kind of answer came back; a service error is the
/// [`source`](std::error::Error::source), so a report shows it once:
/// `the service answered HTTP 404: ResourceNotFoundException: no such template`.
impl<E: fmt::Display> fmt::Display for ResponseError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Service(e) => write!(f, "the service answered HTTP {}", e.status()),
            Self::Malformed { status, message, .. } => {
                write!(f, "the HTTP {status} response could not be read: {message}")
            }
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for ResponseError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Service(e) => Some(&**e),
            Self::Malformed { .. } => None,
        }
    }
}

/// The host prefix an operation's `@endpoint` trait asks for (labels filled in),
/// kept on the request (`http::Extensions`) until [`with_endpoint`] applies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPrefix(pub String);

/// Puts a built request (origin-form URI, `/path?query`) on an endpoint such as
/// `https://iot.eu-west-1.amazonaws.com` or `http://127.0.0.1:8080`. An endpoint
/// with a path (`https://proxy.example/iot`) prefixes the request's path; a
/// [`HostPrefix`] on the request (from the operation's `@endpoint` trait)
/// prefixes the host.
pub fn with_endpoint<B>(request: http::Request<B>, endpoint: &str) -> Result<http::Request<B>, RequestError> {
    let bad = |why: String| RequestError::Http(format!("endpoint `{endpoint}`: {why}"));
    let base: http::Uri = endpoint
        .parse()
        .map_err(|e: http::uri::InvalidUri| bad(e.to_string()))?;
    let (Some(scheme), Some(authority)) = (base.scheme(), base.authority()) else {
        return Err(bad(format!(
            "needs a scheme and a host, such as `https://{}`",
            endpoint.trim_start_matches('/')
        )));
    };
    if base.query().is_some() {
        return Err(bad("must not have a query".to_owned()));
    }
    let (mut parts, body) = request.into_parts();
    let path_and_query = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let prefix = base.path().trim_end_matches('/');
    let authority = match parts.extensions.get::<HostPrefix>() {
        Some(HostPrefix(host_prefix)) => format!("{host_prefix}{authority}")
            .parse::<http::uri::Authority>()
            .map_err(|e| bad(format!("with the host prefix `{host_prefix}`: {e}")))?,
        None => authority.clone(),
    };
    parts.uri = http::Uri::builder()
        .scheme(scheme.clone())
        .authority(authority)
        .path_and_query(format!("{prefix}{path_and_query}"))
        .build()
        .map_err(|e| bad(e.to_string()))?;
    Ok(http::Request::from_parts(parts, body))
}

/// The request id header of a response, if any.
pub fn request_id(headers: &http::HeaderMap) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id"]
        .iter()
        .find_map(|h| headers.get(*h).and_then(|v| v.to_str().ok()).map(str::to_owned))
}

/// A header value, or a request error naming the header.
pub fn header_value(name: &str, value: &str) -> Result<http::HeaderValue, RequestError> {
    http::HeaderValue::from_str(value).map_err(|e| RequestError::InvalidHeader {
        name: name.to_owned(),
        message: e.to_string(),
    })
}

/// Quotes a list item for a header when it holds a comma or a quote.
pub fn header_list_item(item: &str) -> String {
    if item.contains([',', '"']) {
        format!("\"{}\"", item.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        item.to_owned()
    }
}

/// Bodies at least this long are compressed (Smithy's default minimum).
#[cfg(feature = "compression")]
pub const MIN_COMPRESSION_SIZE: usize = 10_240;

/// gzips the body of a request whose operation has `@requestCompression`
/// listing gzip, when it is at least [`MIN_COMPRESSION_SIZE`] bytes: `gzip` is
/// appended to any `Content-Encoding` the input set, and `Content-Length` follows
/// the new body.
#[cfg(feature = "compression")]
pub fn compress_gzip(request: http::Request<Vec<u8>>) -> Result<http::Request<Vec<u8>>, RequestError> {
    use std::io::Write as _;
    if request.body().len() < MIN_COMPRESSION_SIZE {
        return Ok(request);
    }
    let (mut parts, body) = request.into_parts();
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder
        .write_all(&body)
        .map_err(|e| RequestError::Body(format!("gzip: {e}")))?;
    let compressed = encoder.finish().map_err(|e| RequestError::Body(format!("gzip: {e}")))?;
    let encodings: Vec<String> = parts
        .headers
        .get_all(http::header::CONTENT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|e| e.trim().to_owned())
        .filter(|e| !e.is_empty())
        .chain(std::iter::once("gzip".to_owned()))
        .collect();
    let value = http::HeaderValue::from_str(&encodings.join(", "))
        .map_err(|e| RequestError::Http(format!("Content-Encoding: {e}")))?;
    parts.headers.insert(http::header::CONTENT_ENCODING, value);
    parts
        .headers
        .insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(compressed.len()));
    Ok(http::Request::from_parts(parts, compressed))
}

/// Adds the `Content-MD5` header (base64 of the body's MD5) an operation with
/// `@httpChecksumRequired` needs.
#[cfg(feature = "checksum")]
pub fn with_content_md5(mut request: http::Request<Vec<u8>>) -> Result<http::Request<Vec<u8>>, RequestError> {
    use base64::Engine as _;
    use md5::Digest as _;
    let digest = md5::Md5::digest(request.body());
    let value = base64::engine::general_purpose::STANDARD.encode(digest);
    let value = http::HeaderValue::from_str(&value).map_err(|e| RequestError::Http(format!("Content-MD5: {e}")))?;
    request.headers_mut().insert("content-md5", value);
    Ok(request)
}

#[cfg(test)]
mod tests {
    #[derive(Debug, Default, PartialEq)]
    struct Modeled {
        message: Option<String>,
        detail: Option<String>,
    }

    impl crate::wire::ReadFields for Modeled {
        fn read_field<'de, A: serde::de::MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
            match key {
                "message" => self.message = crate::wire::read(map)?,
                "detail" => self.detail = crate::wire::read(map)?,
                _ => return Ok(false),
            }
            Ok(true)
        }
    }

    impl<'de> serde::Deserialize<'de> for Modeled {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            crate::wire::deserialize_fields(deserializer, "Modeled")
        }
    }

    impl crate::ErrorCorrection for Modeled {
        fn corrected() -> Self {
            Self::default()
        }
    }

    impl ReadError for Modeled {
        fn read_error(response: &ErrorResponse<'_>) -> Self {
            let mut error: Self = response.body("NotFound");
            if error.message.is_none() {
                error.message = response.message().map(str::to_owned);
            }
            error
        }
    }

    fn error_response(body: &'static str) -> http::Response<&'static str> {
        http::Response::builder()
            .status(404)
            .header("x-amzn-errortype", "NotFound:http://internal")
            .header("x-amzn-requestid", "req-1")
            .body(body)
            .expect("response")
    }

    #[test]
    fn an_error_response_reads_its_code_members_and_request_id() {
        let response = error_response(r#"{"Message":"gone","detail":"d"}"#);
        let received = ErrorResponse::new(&response);
        assert_eq!(received.code(), Some("NotFound"));
        let error: Modeled = received.read();
        assert_eq!(error.detail.as_deref(), Some("d"));
        // `Message` is not the member's wire name: the response's message fills it.
        assert_eq!(error.message.as_deref(), Some("gone"));
        assert_eq!(received.unhandled().status(), Some(404));
        match received.into_error(error) {
            ResponseError::Service(service) => {
                assert_eq!(service.status(), 404);
                assert_eq!(service.request_id(), Some("req-1"));
            }
            other => panic!("expected a service error, got {other:?}"),
        }
        // A body that is not the error's JSON still yields the error.
        let response = error_response("<html>");
        let error: Modeled = ErrorResponse::new(&response).read();
        assert_eq!(error, Modeled::default());
    }

    use super::*;

    #[test]
    fn http_date_lists_split_between_dates() {
        assert_eq!(
            split_http_date_list("Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 00:00:00 GMT"),
            ["Mon, 16 Dec 2019 23:48:18 GMT", "Tue, 17 Dec 2019 00:00:00 GMT"]
        );
        assert_eq!(
            split_http_date_list("Sun, 06 Nov 1994 08:49:37 GMT"),
            ["Sun, 06 Nov 1994 08:49:37 GMT"]
        );
        assert!(split_http_date_list("").is_empty());
    }

    fn get(path: &str) -> http::Request<()> {
        http::Request::get(path).body(()).unwrap()
    }

    #[test]
    fn http_dates_in_all_three_forms() {
        let expected = time::macros::datetime!(1994-11-06 08:49:37 UTC);
        for text in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "1994-11-06T08:49:37Z",
            "784111777",
        ] {
            assert_eq!(OffsetDateTime::from_header(text), Some(expected), "{text}");
        }
        assert_eq!(OffsetDateTime::from_header("Sun, 32 Nov 1994 08:49:37 GMT"), None);
        assert_eq!(http_date(&expected), "Sun, 06 Nov 1994 08:49:37 GMT");
    }

    #[test]
    fn epoch_seconds_in_headers_follow_the_body_rule() {
        let parsed = OffsetDateTime::from_header("1700000000.123").unwrap();
        assert_eq!(parsed.unix_timestamp_nanos(), 1_700_000_000_123_000_000);
        let negative = OffsetDateTime::from_header("-0.0015").unwrap();
        assert_eq!(negative.unix_timestamp_nanos(), -2_000_000);
        assert_eq!(epoch_seconds(&parsed), "1700000000.123");
        assert_eq!(epoch_seconds(&negative), "-0.002");
        assert_eq!(epoch_seconds(&time::macros::datetime!(1970-01-01 0:00:01.5 UTC)), "1.5");
    }

    #[test]
    fn floats_are_the_shortest_round_trip_text() {
        for (value, text) in [
            (1.5, "1.5"),
            (30.0, "30"),
            (1e300, "1e300"),
            (1e-7, "1e-7"),
            (-0.25, "-0.25"),
        ] {
            assert_eq!(value.http_text(), text);
            assert_eq!(text.parse::<f64>().unwrap(), value);
        }
        assert_eq!(f64::NAN.http_text(), "NaN");
        assert_eq!(1.1f32.http_text(), "1.1");
        assert_eq!(f32::INFINITY.http_text(), "Infinity");
    }

    #[test]
    fn endpoints_take_the_request_path() {
        let put = |endpoint: &str, path: &str| with_endpoint(get(path), endpoint).map(|r| r.uri().to_string());
        assert_eq!(
            put("https://iot.eu-west-1.amazonaws.com", "/job-templates/a?x=1").unwrap(),
            "https://iot.eu-west-1.amazonaws.com/job-templates/a?x=1"
        );
        assert_eq!(put("http://127.0.0.1:8080/", "/a").unwrap(), "http://127.0.0.1:8080/a");
        assert_eq!(
            put("https://proxy.example/iot/", "/a").unwrap(),
            "https://proxy.example/iot/a"
        );
        let missing = put("iot.eu-west-1.amazonaws.com", "/a").unwrap_err().to_string();
        assert_eq!(
            missing,
            "cannot build the request: endpoint `iot.eu-west-1.amazonaws.com`: needs a scheme and a host, \
             such as `https://iot.eu-west-1.amazonaws.com`"
        );
        assert!(put("https://h/?q=1", "/a").is_err());
    }

    #[test]
    fn labels_encode_everything_but_unreserved() {
        assert_eq!(percent_encode("a b/c%d~e", false), "a%20b%2Fc%25d~e");
        assert_eq!(percent_encode("a b/c", true), "a%20b/c");
        assert_eq!(percent_encode("é😀", false), "%C3%A9%F0%9F%98%80");
    }

    #[test]
    fn error_codes_are_sanitized_colon_first() {
        assert_eq!(sanitize_error_code("FooError:http://x/#y"), "FooError");
        assert_eq!(sanitize_error_code("aws.protocoltests#FooError"), "FooError");
        assert_eq!(
            sanitize_error_code("ns#FooError:http://internal.amazon.com/"),
            "FooError"
        );
        assert_eq!(sanitize_error_code("FooError"), "FooError");
    }

    #[test]
    fn header_lists() {
        assert_eq!(split_header_list("a, b,c"), ["a", "b", "c"]);
        assert_eq!(split_header_list(r#""a,b", "c\"d""#), ["a,b", "c\"d"]);
        assert_eq!(header_list_item("a,b"), "\"a,b\"");
    }
}
