//! Tokens for Rust types, wire codecs and paths of IR values. Paths are fully
//! qualified (`crate::types::X`, `::time::OffsetDateTime`), and the prelude's
//! names are written through [`super::prelude`], so shapes named `Option` or
//! `Result` in a model cannot shadow what generated code means.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::prelude::{BOX, NONE, OPTION, SOME, STRING, VEC};
use super::symbols::{self, OPERATION, RUNTIME, TYPES};
use crate::ir::rust::TimestampFormat;
use crate::ir::rust::{FieldDef, Module, RustPath, ValueKind, ValueType};

/// An identifier that may carry `r#`.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `crate::types::AbortConfig`, from the generated tree's mount point (an
/// extern type by the path the user gave).
pub fn path(p: &RustPath) -> TokenStream {
    let segments = p.segments().into_iter().map(|s| ident(&s));
    let name = ident(&p.name);
    match &p.module {
        Module::External(module) if module.starts_with("::") => quote!(#(:: #segments)*),
        Module::External(_) => quote!(#(#segments)::*),
        module if symbols::in_scope(module) => quote!(#name),
        Module::Types => quote!(#TYPES::#name),
        Module::Errors => quote!(#TYPES::error::#name),
        Module::Operation(op) => {
            let op = ident(op);
            quote!(#OPERATION::#op::#name)
        }
    }
}

/// The text of an intra-doc link to `p` (`crate::types::AbortConfig`).
pub fn doc_link(p: &RustPath) -> String {
    if p.is_external() {
        return p.segments().join("::");
    }
    format!("{}::{}", symbols::root_text(), p.segments().join("::"))
}

/// `Some(v)` / `None` as tokens, for bounds passed to runtime checks.
pub fn option<T: quote::ToTokens>(value: Option<T>) -> TokenStream {
    match value {
        Some(v) => quote!(#SOME(#v)),
        None => quote!(#NONE),
    }
}

/// `(min, max)` of a value's `@length`, as `Option` tokens.
pub fn length_bound_tokens(v: &ValueType) -> (TokenStream, TokenStream) {
    let length = v.constraints.length;
    (option(length.and_then(|l| l.min)), option(length.and_then(|l| l.max)))
}

/// The Rust type of a value (without `Option`).
pub fn value_type(v: &ValueType) -> TokenStream {
    match &v.kind {
        ValueKind::Boolean => quote!(bool),
        ValueKind::String => quote!(#STRING),
        ValueKind::Byte => quote!(i8),
        ValueKind::Short => quote!(i16),
        ValueKind::Integer => quote!(i32),
        ValueKind::Long => quote!(i64),
        ValueKind::Float => quote!(f32),
        ValueKind::Double => quote!(f64),
        ValueKind::BigInteger { .. } => quote!(#RUNTIME::BigInteger),
        ValueKind::BigDecimal { .. } => quote!(#RUNTIME::BigDecimal),
        ValueKind::Blob => quote!(#RUNTIME::Blob),
        ValueKind::Document => quote!(#RUNTIME::Document),
        ValueKind::Timestamp(_) => quote!(::time::OffsetDateTime),
        ValueKind::Enum { path: p, .. }
        | ValueKind::IntEnum { path: p, .. }
        | ValueKind::Structure { path: p }
        | ValueKind::Union { path: p } => path(p),
        ValueKind::Map { key, value, sparse } => {
            let k = value_type(key);
            let v = value_type(value);
            if *sparse {
                quote!(::std::collections::BTreeMap<#k, #OPTION<#v>>)
            } else {
                quote!(::std::collections::BTreeMap<#k, #v>)
            }
        }
        ValueKind::List { element, sparse } => {
            let inner = value_type(element);
            if *sparse {
                quote!(#VEC<#OPTION<#inner>>)
            } else {
                quote!(#VEC<#inner>)
            }
        }
    }
}

/// The stored type of a field: boxed if recursive (never wrapped in `Option`).
pub fn field_inner_type(f: &FieldDef) -> TokenStream {
    let inner = value_type(&f.value);
    if f.boxed {
        quote!(#BOX<#inner>)
    } else {
        inner
    }
}

/// The declared type of a field.
pub fn field_type(f: &FieldDef) -> TokenStream {
    let inner = field_inner_type(f);
    if f.is_optional() {
        quote!(#OPTION<#inner>)
    } else {
        inner
    }
}

/// The codec that puts a value on the wire (`runtime::wire::...`).
pub fn codec(v: &ValueType) -> TokenStream {
    match &v.kind {
        ValueKind::Float | ValueKind::Double => quote!(#RUNTIME::wire::NonFinite),
        ValueKind::BigInteger { text: true } | ValueKind::BigDecimal { text: true } => quote!(#RUNTIME::wire::BigText),
        ValueKind::Timestamp(TimestampFormat::EpochSeconds) => quote!(#RUNTIME::wire::EpochSeconds),
        ValueKind::Timestamp(TimestampFormat::DateTime) => quote!(#RUNTIME::wire::DateTime),
        ValueKind::Timestamp(TimestampFormat::HttpDate) => quote!(#RUNTIME::wire::HttpDate),
        ValueKind::List { element, sparse } => {
            let inner = codec(element);
            if *sparse {
                quote!(#RUNTIME::wire::SparseList<#inner>)
            } else {
                quote!(#RUNTIME::wire::DenseList<#inner>)
            }
        }
        ValueKind::Map { value, sparse, .. } => {
            let inner = codec(value);
            if *sparse {
                quote!(#RUNTIME::wire::SparseMap<#inner>)
            } else {
                quote!(#RUNTIME::wire::DenseMap<#inner>)
            }
        }
        _ => quote!(#RUNTIME::wire::Plain),
    }
}

/// Whether a value goes on the wire with its type's own codec
/// (`runtime::wire::HasCodec`): everything but timestamps in a format other
/// than epoch seconds, big numbers written as text, and containers of them.
pub fn has_own_codec(v: &ValueType) -> bool {
    match &v.kind {
        ValueKind::Timestamp(format) => *format == TimestampFormat::EpochSeconds,
        ValueKind::BigInteger { text } | ValueKind::BigDecimal { text } => !text,
        ValueKind::List { element, .. } => has_own_codec(element),
        ValueKind::Map { value, .. } => has_own_codec(value),
        _ => true,
    }
}

/// The codec of a field, boxed if needed.
pub fn field_codec(f: &FieldDef) -> TokenStream {
    let inner = codec(&f.value);
    if f.boxed {
        quote!(#RUNTIME::wire::Boxed<#inner>)
    } else {
        inner
    }
}

/// Numbers and booleans: written as literals, copied by value.
pub fn is_scalar(v: &ValueType) -> bool {
    matches!(
        v.kind,
        ValueKind::Boolean
            | ValueKind::Byte
            | ValueKind::Short
            | ValueKind::Integer
            | ValueKind::Long
            | ValueKind::Float
            | ValueKind::Double
    )
}

/// Whether a value is `Copy`, so getters return it by value.
pub fn is_copy(v: &ValueType) -> bool {
    is_scalar(v) || matches!(v.kind, ValueKind::Timestamp(_))
}

/// `set_<name>` / `get_<name>` identifiers for a field.
pub fn prefixed(prefix: &str, field: &str) -> Ident {
    format_ident!("{}_{}", prefix, crate::ir::rust::bare_name(field))
}

/// The derives and attributes a user added to a type (checked in the IR).
pub fn extras(extras: &crate::ir::rust::Extras) -> TokenStream {
    let derives: Vec<syn::Path> = extras.derives.iter().filter_map(|d| syn::parse_str(d).ok()).collect();
    let derive = (!derives.is_empty()).then(|| quote!(#[derive(#(#derives),*)]));
    let attributes = extras.attributes.iter().filter_map(|a| a.parse::<TokenStream>().ok());
    quote!(#derive #(#attributes)*)
}
