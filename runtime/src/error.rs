//! Error types shared by generated code: building, strict parsing, and service
//! errors the model does not describe.

use std::fmt;

use super::validate::{ValidationError, Violation};

/// Who is at fault for a service error (`@error` trait).
///
/// ```
/// use smithy_codegen_runtime::ErrorFault;
///
/// let fault = ErrorFault::Server;
/// assert_ne!(fault, ErrorFault::Client, "the service's fault: worth retrying later");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorFault {
    /// The request was wrong; retrying it unchanged will fail again.
    Client,
    /// The service failed.
    Server,
}

/// `build()` refused a value: every violation, missing required members included.
///
/// ```
/// use smithy_codegen_runtime::BuildError;
/// # use smithy_codegen_runtime::validate::{Path, Violations};
/// # let mut out = Violations::default();
/// # out.missing(&Path::ROOT.field("action"));
/// let err = BuildError::new("AbortCriteria", out.into_result().unwrap_err());
/// assert_eq!(err.to_string(), "cannot build AbortCriteria");
/// assert_eq!(err.violations()[0].path(), "/action");
/// assert!(std::error::Error::source(&err).is_some(), "the violations, said once");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    type_name: &'static str,
    error: ValidationError,
}

impl BuildError {
    /// Wraps the violations of a value of type `type_name`.
    pub fn new(type_name: &'static str, error: ValidationError) -> Self {
        Self { type_name, error }
    }

    /// The Rust type that could not be built.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// What is wrong with the value.
    pub fn violations(&self) -> &[Violation] {
        self.error.violations()
    }

    /// The underlying validation error.
    pub fn validation_error(&self) -> &ValidationError {
        &self.error
    }
}

/// Says what failed; the violations are the [`source`](std::error::Error::source),
/// so an error report (`{:#}` with `anyhow`) shows them once.
impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build {}", self.type_name)
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// The strict entry points parse and then validate; this says which step failed.
///
/// ```
/// use smithy_codegen_runtime::error::parse_json;
/// use smithy_codegen_runtime::StrictParseError;
///
/// let err = parse_json::<std::collections::BTreeMap<String, u32>>(br#"{"a": "x"}"#).unwrap_err();
/// assert!(matches!(&err, StrictParseError::Json { path, .. } if path == "/a"));
/// assert_eq!(err.to_string(), "cannot parse JSON at '/a'");
/// ```
#[derive(Debug)]
pub enum StrictParseError {
    /// The bytes are not JSON of the expected shape.
    Json {
        /// A JSON pointer to the member being read (`/abortConfig/criteriaList/0`),
        /// `""` for the top level.
        path: String,
        /// What serde_json said, with line and column.
        error: serde_json::Error,
    },
    /// The JSON parsed but breaks the model's constraints.
    Invalid(ValidationError),
}

/// Says which step failed, and where; the cause is the
/// [`source`](std::error::Error::source).
impl fmt::Display for StrictParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Json { path, .. } if path.is_empty() => f.write_str("cannot parse JSON"),
            Self::Json { path, .. } => write!(f, "cannot parse JSON at '{path}'"),
            Self::Invalid(_) => f.write_str("parsed, but invalid"),
        }
    }
}

impl std::error::Error for StrictParseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Json { error, .. } => Some(error),
            Self::Invalid(e) => Some(e),
        }
    }
}

/// Parses `json` as `T` and says where it failed: a JSON pointer to the member,
/// besides serde_json's line and column.
pub fn parse_json<T: serde::de::DeserializeOwned>(json: &[u8]) -> Result<T, StrictParseError> {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| StrictParseError::Json {
        path: json_pointer(e.path()),
        error: e.into_inner(),
    })?;
    // Trailing characters after the value.
    deserializer.end().map_err(|error| StrictParseError::Json {
        path: String::new(),
        error,
    })?;
    Ok(value)
}

/// `abortConfig.criteriaList[0]` as the JSON pointer `/abortConfig/criteriaList/0`.
fn json_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => {
                out.push('/');
                out.push_str(&key.replace('~', "~0").replace('/', "~1"));
            }
            Segment::Enum { variant } => {
                out.push('/');
                out.push_str(variant);
            }
            Segment::Unknown => out.push_str("/?"),
        }
    }
    out
}

/// Parses `json` as `T`, then validates it.
pub fn parse_strict<T>(json: &[u8]) -> Result<T, StrictParseError>
where
    T: serde::de::DeserializeOwned + super::validate::Validate,
{
    let value: T = parse_json(json)?;
    let mut out = super::validate::Violations::default();
    value.validate_at(&super::validate::Path::ROOT, &mut out);
    out.into_result().map_err(StrictParseError::Invalid)?;
    Ok(value)
}

/// The error codes AWS services use to say "slow down", as the AWS SDKs' standard
/// retry rules list them. With `@retryable(throttling: true)` on a modeled error,
/// this is the one rule for what counts as throttling, for modeled errors (decided
/// at compile time) and unmodeled ones alike.
pub const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Whether `code` is one of [`THROTTLING_CODES`] (usable in constants).
pub const fn is_throttling_code(code: &str) -> bool {
    let code = code.as_bytes();
    let mut i = 0;
    while i < THROTTLING_CODES.len() {
        let candidate = THROTTLING_CODES[i].as_bytes();
        if candidate.len() == code.len() {
            let mut j = 0;
            while j < code.len() && candidate[j] == code[j] {
                j += 1;
            }
            if j == code.len() {
                return true;
            }
        }
        i += 1;
    }
    false
}

/// An error response the model does not describe: an unknown error code, or one
/// that could not be read. It keeps what the service said.
///
/// ```
/// use smithy_codegen_runtime::Unhandled;
///
/// let err = Unhandled::new(Some("AccessDeniedException".into()), Some("denied".into()), Some(403));
/// assert_eq!(err.to_string(), "AccessDeniedException: denied");
/// assert!(!err.is_retryable());
/// assert!(Unhandled::new(None, None, Some(503)).is_retryable());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Unhandled {
    code: Option<String>,
    message: Option<String>,
    status: Option<u16>,
    body: Vec<u8>,
}

impl Unhandled {
    /// Records what is known about the error.
    pub fn new(code: Option<String>, message: Option<String>, status: Option<u16>) -> Self {
        Self {
            code,
            message,
            status,
            body: Vec::new(),
        }
    }

    /// The same, keeping the raw response body.
    pub fn with_body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// The raw response body (empty when not from an HTTP response).
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Whether retrying may help: a 5xx or 429 status, or a throttling code.
    pub fn is_retryable(&self) -> bool {
        self.status.is_some_and(|s| s >= 500 || s == 429) || self.is_throttling()
    }

    /// Whether the status (429) or the code ([`is_throttling_code`]) says the
    /// caller is being throttled.
    pub fn is_throttling(&self) -> bool {
        self.status == Some(429) || self.code.as_deref().is_some_and(is_throttling_code)
    }

    /// The error code the service sent, if any.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The message the service sent, if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The HTTP status, if the error came from an HTTP response.
    pub fn status(&self) -> Option<u16> {
        self.status
    }
}

/// `SomeCode: message`; without a code, what kind of answer it was.
impl fmt::Display for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.code, self.status) {
            (Some(code), _) => f.write_str(code)?,
            (None, Some(status)) if status >= 500 => f.write_str("server error without an error code")?,
            (None, Some(status)) if status < 400 => f.write_str("unreadable response")?,
            (None, Some(_)) => f.write_str("error response without an error code")?,
            (None, None) => f.write_str("error without an error code")?,
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Unhandled {}

/// What an error says about itself. Every modeled error structure and
/// [`Unhandled`] implement it, so an operation's error enum answers each
/// question by asking the error it holds.
pub trait ErrorInfo: std::error::Error {
    /// The error code, if known.
    fn code(&self) -> Option<&str>;
    /// The service's message, if it sent one.
    fn message(&self) -> Option<&str>;
    /// The HTTP status: the modeled one, or the one received.
    fn http_status(&self) -> Option<u16>;
    /// Whether retrying later may succeed (`@retryable` or throttling).
    fn is_retryable(&self) -> bool;
    /// Whether the caller is being throttled.
    fn is_throttling(&self) -> bool;
}

impl ErrorInfo for Unhandled {
    fn code(&self) -> Option<&str> {
        Unhandled::code(self)
    }
    fn message(&self) -> Option<&str> {
        Unhandled::message(self)
    }
    fn http_status(&self) -> Option<u16> {
        self.status()
    }
    fn is_retryable(&self) -> bool {
        Unhandled::is_retryable(self)
    }
    fn is_throttling(&self) -> bool {
        Unhandled::is_throttling(self)
    }
}
