//! Typed views of the traits the generator acts on. Trait values stay JSON until a
//! view reads them, and every view checks the value's shape, naming the trait.

use std::collections::BTreeMap;

use serde_json::Value;

use super::decimal::Decimal;
use crate::error::{CodegenError, Result};

pub const REQUIRED: &str = "smithy.api#required";
pub const DOCUMENTATION: &str = "smithy.api#documentation";
pub const LENGTH: &str = "smithy.api#length";
pub const RANGE: &str = "smithy.api#range";
pub const PATTERN: &str = "smithy.api#pattern";
pub const ENUM_VALUE: &str = "smithy.api#enumValue";
pub const ERROR: &str = "smithy.api#error";
pub const HTTP_ERROR: &str = "smithy.api#httpError";
pub const HTTP: &str = "smithy.api#http";
pub const HTTP_LABEL: &str = "smithy.api#httpLabel";
pub const HTTP_QUERY: &str = "smithy.api#httpQuery";
pub const HTTP_HEADER: &str = "smithy.api#httpHeader";
pub const HTTP_PAYLOAD: &str = "smithy.api#httpPayload";
pub const HTTP_RESPONSE_CODE: &str = "smithy.api#httpResponseCode";
pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
pub const JSON_NAME: &str = "smithy.api#jsonName";
pub const INPUT: &str = "smithy.api#input";
pub const OUTPUT: &str = "smithy.api#output";
pub const MIXIN: &str = "smithy.api#mixin";
pub const SPARSE: &str = "smithy.api#sparse";
pub const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";
pub const SENSITIVE: &str = "smithy.api#sensitive";
pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
pub const DEFAULT: &str = "smithy.api#default";
pub const RETRYABLE: &str = "smithy.api#retryable";
pub const REST_JSON1: &str = "aws.protocols#restJson1";

/// The traits of one shape or member, keyed by absolute trait id.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Traits(pub BTreeMap<String, Value>);

/// `@length`: inclusive bounds on a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Length {
    pub min: Option<u64>,
    pub max: Option<u64>,
}

/// `@range`: inclusive decimal bounds, kept exactly as the spec wrote them.
#[derive(Debug, Clone, PartialEq)]
pub struct Range {
    pub min: Option<Decimal>,
    pub max: Option<Decimal>,
}

/// `@error`: who is at fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorFault {
    Client,
    Server,
}

/// `@http` on an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Http {
    pub method: String,
    pub uri: String,
    pub code: u16,
}

/// `@timestampFormat` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TimestampFormat {
    EpochSeconds,
    DateTime,
    HttpDate,
}

/// An `@enumValue`: strings for `enum`, integers for `intEnum`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnumValue {
    String(String),
    Int(i64),
}

impl Traits {
    pub fn has(&self, trait_id: &str) -> bool {
        self.0.contains_key(trait_id)
    }

    pub fn get(&self, trait_id: &str) -> Option<&Value> {
        self.0.get(trait_id)
    }

    /// Member traits replace target traits of the same id (Smithy's override rule).
    pub fn overlaid_by(&self, member: &Traits) -> Traits {
        let mut merged = self.clone();
        for (k, v) in &member.0 {
            merged.0.insert(k.clone(), v.clone());
        }
        merged
    }

    pub fn documentation(&self, owner: &str) -> Result<Option<&str>> {
        self.string(owner, DOCUMENTATION)
    }

    pub fn pattern(&self, owner: &str) -> Result<Option<&str>> {
        self.string(owner, PATTERN)
    }

    pub fn json_name(&self, owner: &str) -> Result<Option<&str>> {
        self.string(owner, JSON_NAME)
    }

    fn string(&self, owner: &str, trait_id: &str) -> Result<Option<&str>> {
        match self.0.get(trait_id) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(invalid(owner, trait_id, format!("expected a string, found {other}"))),
        }
    }

    pub fn length(&self, owner: &str) -> Result<Option<Length>> {
        let Some(value) = self.0.get(LENGTH) else {
            return Ok(None);
        };
        let obj = object(owner, LENGTH, value)?;
        let bound = |key: &str| -> Result<Option<u64>> {
            match obj.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Number(n)) => n.as_u64().map(Some).ok_or_else(|| {
                    invalid(
                        owner,
                        LENGTH,
                        format!("`{key}` must be a non-negative integer, found {n}"),
                    )
                }),
                Some(other) => Err(invalid(
                    owner,
                    LENGTH,
                    format!("`{key}` must be a number, found {other}"),
                )),
            }
        };
        let length = Length {
            min: bound("min")?,
            max: bound("max")?,
        };
        if let (Some(min), Some(max)) = (length.min, length.max) {
            if min > max {
                return Err(invalid(owner, LENGTH, format!("min {min} is greater than max {max}")));
            }
        }
        if length.min.is_none() && length.max.is_none() {
            return Err(invalid(
                owner,
                LENGTH,
                "at least one of `min` and `max` is required".into(),
            ));
        }
        Ok(Some(length))
    }

    pub fn range(&self, owner: &str) -> Result<Option<Range>> {
        let Some(value) = self.0.get(RANGE) else {
            return Ok(None);
        };
        let obj = object(owner, RANGE, value)?;
        let bound = |key: &str| -> Result<Option<Decimal>> {
            match obj.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Number(n)) => Decimal::parse(&n.to_string())
                    .map(Some)
                    .ok_or_else(|| invalid(owner, RANGE, format!("`{key}` is not a decimal number: {n}"))),
                Some(other) => Err(invalid(
                    owner,
                    RANGE,
                    format!("`{key}` must be a number, found {other}"),
                )),
            }
        };
        let range = Range {
            min: bound("min")?,
            max: bound("max")?,
        };
        if let (Some(min), Some(max)) = (&range.min, &range.max) {
            if min > max {
                return Err(invalid(
                    owner,
                    RANGE,
                    format!("min {} is greater than max {}", min.text(), max.text()),
                ));
            }
        }
        if range.min.is_none() && range.max.is_none() {
            return Err(invalid(
                owner,
                RANGE,
                "at least one of `min` and `max` is required".into(),
            ));
        }
        Ok(Some(range))
    }

    pub fn enum_value(&self, owner: &str) -> Result<Option<EnumValue>> {
        match self.0.get(ENUM_VALUE) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(EnumValue::String(s.clone()))),
            Some(Value::Number(n)) => n
                .as_i64()
                .map(|i| Some(EnumValue::Int(i)))
                .ok_or_else(|| invalid(owner, ENUM_VALUE, format!("{n} is not an integer"))),
            Some(other) => Err(invalid(
                owner,
                ENUM_VALUE,
                format!("expected a string or integer, found {other}"),
            )),
        }
    }

    pub fn error(&self, owner: &str) -> Result<Option<ErrorFault>> {
        match self.0.get(ERROR) {
            None => Ok(None),
            Some(Value::String(s)) if s == "client" => Ok(Some(ErrorFault::Client)),
            Some(Value::String(s)) if s == "server" => Ok(Some(ErrorFault::Server)),
            Some(other) => Err(invalid(
                owner,
                ERROR,
                format!("expected \"client\" or \"server\", found {other}"),
            )),
        }
    }

    pub fn http_error(&self, owner: &str) -> Result<Option<u16>> {
        match self.0.get(HTTP_ERROR) {
            None => Ok(None),
            Some(Value::Number(n)) => match n.as_u64() {
                Some(code @ 100..=599) => Ok(Some(code as u16)),
                _ => Err(invalid(owner, HTTP_ERROR, format!("{n} is not an HTTP status code"))),
            },
            Some(other) => Err(invalid(owner, HTTP_ERROR, format!("expected a number, found {other}"))),
        }
    }

    pub fn http(&self, owner: &str) -> Result<Option<Http>> {
        let Some(value) = self.0.get(HTTP) else {
            return Ok(None);
        };
        let obj = object(owner, HTTP, value)?;
        let text = |key: &str| -> Result<String> {
            match obj.get(key) {
                Some(Value::String(s)) => Ok(s.clone()),
                _ => Err(invalid(owner, HTTP, format!("`{key}` must be a string"))),
            }
        };
        let code = match obj.get("code") {
            None => 200,
            Some(Value::Number(n)) => match n.as_u64() {
                Some(code @ 100..=599) => code as u16,
                _ => return Err(invalid(owner, HTTP, format!("`code` {n} is not an HTTP status code"))),
            },
            Some(other) => return Err(invalid(owner, HTTP, format!("`code` must be a number, found {other}"))),
        };
        let uri = text("uri")?;
        if !uri.starts_with('/') {
            return Err(invalid(
                owner,
                HTTP,
                format!("`uri` must start with `/`, found `{uri}`"),
            ));
        }
        Ok(Some(Http {
            method: text("method")?,
            uri,
            code,
        }))
    }

    pub fn timestamp_format(&self, owner: &str) -> Result<Option<TimestampFormat>> {
        match self.0.get(TIMESTAMP_FORMAT) {
            None => Ok(None),
            Some(Value::String(s)) => match s.as_str() {
                "epoch-seconds" => Ok(Some(TimestampFormat::EpochSeconds)),
                "date-time" => Ok(Some(TimestampFormat::DateTime)),
                "http-date" => Ok(Some(TimestampFormat::HttpDate)),
                other => Err(invalid(owner, TIMESTAMP_FORMAT, format!("unknown format \"{other}\""))),
            },
            Some(other) => Err(invalid(
                owner,
                TIMESTAMP_FORMAT,
                format!("expected a string, found {other}"),
            )),
        }
    }
}

fn object<'a>(owner: &str, trait_id: &str, value: &'a Value) -> Result<&'a serde_json::Map<String, Value>> {
    value
        .as_object()
        .ok_or_else(|| invalid(owner, trait_id, format!("expected an object, found {value}")))
}

fn invalid(owner: &str, trait_id: &str, message: String) -> CodegenError {
    CodegenError::InvalidTrait {
        id: owner.to_owned(),
        trait_id: trait_id.to_owned(),
        message,
    }
}
