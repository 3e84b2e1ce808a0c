//! `@default` values as Rust expressions. The IR has already checked that each
//! default fits its member's type, so conversions here cannot fail; the runtime
//! fallbacks only exist to avoid panicking code.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::prelude::{DEFAULT, STRING};
use super::symbols::RUNTIME;
use super::types::path;
use crate::ir::rust::{ValueKind, ValueType};

/// An expression producing the default value of a member.
pub fn expr(v: &ValueType, json: &Value) -> TokenStream {
    let fallback = quote!(#RUNTIME::ErrorCorrection::corrected());
    match (&v.kind, json) {
        (ValueKind::Boolean, Value::Bool(b)) => quote!(#b),
        (ValueKind::String, Value::String(s)) => quote!(#STRING::from(#s)),
        (ValueKind::Byte, Value::Number(n)) => n
            .as_i64()
            .and_then(|i| i8::try_from(i).ok())
            .map_or(fallback, |i| quote!(#i)),
        (ValueKind::Short, Value::Number(n)) => n
            .as_i64()
            .and_then(|i| i16::try_from(i).ok())
            .map_or(fallback, |i| quote!(#i)),
        (ValueKind::Integer, Value::Number(n)) => n
            .as_i64()
            .and_then(|i| i32::try_from(i).ok())
            .map_or(fallback, |i| quote!(#i)),
        (ValueKind::Long, Value::Number(n)) => n.as_i64().map_or(fallback, |i| quote!(#i)),
        (ValueKind::Float, Value::Number(n)) => n.as_f64().map_or(fallback, |f| {
            let f = f as f32;
            quote!(#f)
        }),
        (ValueKind::Double, Value::Number(n)) => n.as_f64().map_or(fallback, |f| quote!(#f)),
        (ValueKind::BigInteger { .. }, Value::Number(n)) => {
            let text = n.to_string();
            quote!(#RUNTIME::BigInteger::parse(#text).unwrap_or_else(|_| #fallback))
        }
        (ValueKind::BigDecimal { .. }, Value::Number(n)) => {
            let text = n.to_string();
            quote!(#RUNTIME::BigDecimal::parse(#text).unwrap_or_else(|_| #fallback))
        }
        (ValueKind::Blob, Value::String(s)) => quote!(#RUNTIME::Blob::from_base64(#s).unwrap_or_default()),
        (ValueKind::Document, any) => {
            let text = any.to_string();
            quote!(#RUNTIME::Document::from_json(#text).unwrap_or_default())
        }
        (ValueKind::Timestamp(_), Value::Number(n)) => {
            let secs = n.as_i64().unwrap_or_default();
            quote!(::time::OffsetDateTime::from_unix_timestamp(#secs).unwrap_or(::time::OffsetDateTime::UNIX_EPOCH))
        }
        (ValueKind::Timestamp(_), Value::String(s)) => quote!(
            ::time::OffsetDateTime::parse(#s, &::time::format_description::well_known::Rfc3339)
                .unwrap_or(::time::OffsetDateTime::UNIX_EPOCH)
        ),
        (ValueKind::Enum { path: p, .. }, Value::String(s)) => {
            let ty = path(p);
            quote!(#ty::from(#s))
        }
        (ValueKind::IntEnum { path: p, .. }, Value::Number(n)) => {
            let ty = path(p);
            let i = n.as_i64().and_then(|i| i32::try_from(i).ok()).unwrap_or_default();
            quote!(#ty::from(#i))
        }
        (ValueKind::List { .. } | ValueKind::Map { .. }, _) => quote!(#DEFAULT::default()),
        _ => fallback,
    }
}

/// `option.unwrap_or(default)` for literals, `unwrap_or_else(|| default)` otherwise.
pub fn unwrap_or_default(option: TokenStream, v: &ValueType, json: &Value) -> TokenStream {
    let value = expr(v, json);
    let literal = super::types::is_scalar(v);
    if literal {
        quote!(#option.unwrap_or(#value))
    } else if matches!(v.kind, ValueKind::List { .. } | ValueKind::Map { .. }) {
        quote!(#option.unwrap_or_default())
    } else {
        quote!(#option.unwrap_or_else(|| #value))
    }
}
