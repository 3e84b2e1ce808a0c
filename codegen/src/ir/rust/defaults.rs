//! Checks that a `@default` value has the JSON form its member's type needs.

use serde_json::Value;

use super::{ValueKind, ValueType};

/// Whether a `@default` value has the JSON form its member's type needs.
pub fn fits(v: &ValueType, json: &Value) -> bool {
    match (&v.kind, json) {
        (ValueKind::Boolean, Value::Bool(_)) => true,
        (ValueKind::String | ValueKind::Enum { .. } | ValueKind::Blob, Value::String(_)) => true,
        (ValueKind::Byte, Value::Number(n)) => n.as_i64().is_some_and(|i| i8::try_from(i).is_ok()),
        (ValueKind::Short, Value::Number(n)) => n.as_i64().is_some_and(|i| i16::try_from(i).is_ok()),
        (ValueKind::Integer | ValueKind::IntEnum { .. }, Value::Number(n)) => {
            n.as_i64().is_some_and(|i| i32::try_from(i).is_ok())
        }
        (ValueKind::Long, Value::Number(n)) => n.as_i64().is_some(),
        (ValueKind::Float | ValueKind::Double | ValueKind::BigDecimal { .. }, Value::Number(_)) => true,
        (ValueKind::BigInteger { .. }, Value::Number(n)) => n.is_i64() || n.is_u64(),
        (ValueKind::Document, _) => true,
        (ValueKind::Timestamp(_), Value::Number(n)) => n.is_i64(),
        (ValueKind::Timestamp(_), Value::String(_)) => true,
        (ValueKind::List { .. }, Value::Array(items)) => items.is_empty(),
        (ValueKind::Map { .. }, Value::Object(entries)) => entries.is_empty(),
        _ => false,
    }
}
