//! Constraint checks for one value position, as calls into
//! `crate::runtime::validate::Violations`. Rule texts (Smithy's wording) and exact
//! float bounds are computed here, at generation time, so the generated check is a
//! comparison and a `&'static str`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::ir::rust::Constraints;
use crate::ir::rust::{Length, Range};
use crate::ir::rust::{ValueKind, ValueType};

use super::types::{ident, option};

/// Whether a value position needs any checking.
pub fn has_checks(v: &ValueType) -> bool {
    !v.constraints.is_empty()
        || match &v.kind {
            ValueKind::Enum { .. }
            | ValueKind::IntEnum { .. }
            | ValueKind::Structure { .. }
            | ValueKind::Union { .. } => true,
            ValueKind::List { element, .. } => has_checks(element),
            ValueKind::Map { key, value, .. } => has_checks(key) || has_checks(value),
            _ => false,
        }
}

/// Checks for `value` (an expression of type `&T`) at `path` (a `Path` binding).
/// `patterns` maps Rust regex text to the constant holding it.
pub fn checks(value: &TokenStream, v: &ValueType, pattern_const: &dyn Fn(&str) -> Option<String>) -> TokenStream {
    let mut out = TokenStream::new();
    let c = &v.constraints;
    match &v.kind {
        ValueKind::String => {
            out.extend(string_checks(value, c, pattern_const));
        }
        ValueKind::Enum { values, .. } => {
            let rule = format!("Member must satisfy enum value set: [{}]", values.join(", "));
            out.extend(quote!(out.enum_value(&path, #value.is_known(), #rule);));
            let as_str = quote!(#value.as_str());
            out.extend(string_checks(&as_str, c, pattern_const));
        }
        ValueKind::Byte | ValueKind::Short | ValueKind::Integer | ValueKind::Long => {
            if let Some(range) = &c.range {
                let (min, max) = int_bounds(range);
                let rule = range_rule(range);
                let widened = if matches!(v.kind, ValueKind::Long) {
                    quote!(*#value)
                } else {
                    quote!(i64::from(*#value))
                };
                out.extend(quote!(out.int_range(&path, #widened, #min, #max, #rule);));
            }
        }
        ValueKind::Float | ValueKind::Double => {
            if let Some(range) = &c.range {
                let min = float_bound(range.min.as_ref().and_then(|d| d.as_min_float()));
                let max = float_bound(range.max.as_ref().and_then(|d| d.as_max_float()));
                let rule = range_rule(range);
                let widened = if matches!(v.kind, ValueKind::Double) {
                    quote!(*#value)
                } else {
                    quote!(f64::from(*#value))
                };
                out.extend(quote!(out.float_range(&path, #widened, #min, #max, #rule);));
            }
        }
        ValueKind::IntEnum { values, .. } => {
            let listed: Vec<String> = values.iter().map(ToString::to_string).collect();
            let rule = format!("Member must satisfy enum value set: [{}]", listed.join(", "));
            out.extend(quote!(out.enum_value(&path, #value.is_known(), #rule);));
        }
        ValueKind::Structure { .. } | ValueKind::Union { .. } => {
            out.extend(quote!(crate::runtime::validate::Validate::validate_at(#value, &path, out);));
        }
        ValueKind::Blob => {
            if let Some(length) = c.length {
                let (min, max) = length_bounds(length);
                let rule = length_rule(length);
                out.extend(quote!(out.count(&path, #value.len(), #min, #max, #rule);));
            }
        }
        ValueKind::Map {
            key,
            value: item,
            sparse,
        } => {
            if let Some(length) = c.length {
                let (min, max) = length_bounds(length);
                let rule = length_rule(length);
                out.extend(quote!(out.count(&path, #value.len(), #min, #max, #rule);));
            }
            // A bad key is reported at the map's own path, as Smithy does.
            let key_checks = if has_checks(key) {
                checks(&quote!(key), key, pattern_const)
            } else {
                TokenStream::new()
            };
            let value_checks = if has_checks(item) {
                let inner = checks(&quote!(item), item, pattern_const);
                let inner = if *sparse {
                    quote!(if let ::std::option::Option::Some(item) = item { #inner })
                } else {
                    inner
                };
                quote! {
                    let path = path.key(key.as_str());
                    #inner
                }
            } else {
                TokenStream::new()
            };
            if !key_checks.is_empty() || !value_checks.is_empty() {
                let bind_item = if value_checks.is_empty() {
                    quote!(_item)
                } else {
                    quote!(item)
                };
                out.extend(quote! {
                    for (key, #bind_item) in #value.iter() {
                        #key_checks
                        #value_checks
                    }
                });
            }
        }
        ValueKind::List { element, sparse } => {
            if let Some(length) = c.length {
                let (min, max) = length_bounds(length);
                let rule = length_rule(length);
                out.extend(quote!(out.count(&path, #value.len(), #min, #max, #rule);));
            }
            if c.unique_items {
                out.extend(quote!(out.unique(&path, #value, "Member must have unique values");));
            }
            if has_checks(element) {
                let item = quote!(item);
                let inner = checks(&item, element, pattern_const);
                let body = if *sparse {
                    quote!(if let ::std::option::Option::Some(item) = item { #inner })
                } else {
                    inner
                };
                out.extend(quote! {
                    for (index, item) in #value.iter().enumerate() {
                        let path = path.index(index);
                        #body
                    }
                });
            }
        }
        ValueKind::Boolean
        | ValueKind::Timestamp(_)
        | ValueKind::BigInteger
        | ValueKind::BigDecimal
        | ValueKind::Document => {}
    }
    out
}

fn string_checks(value: &TokenStream, c: &Constraints, pattern_const: &dyn Fn(&str) -> Option<String>) -> TokenStream {
    let mut out = TokenStream::new();
    if let Some(length) = c.length {
        let (min, max) = length_bounds(length);
        let rule = length_rule(length);
        out.extend(quote!(out.string_length(&path, #value, #min, #max, #rule);));
    }
    if let Some(pattern) = &c.pattern {
        if let Some(name) = pattern_const(&pattern.translated.regex) {
            let constant: Ident = format_ident!("{}", name);
            let rule = format!("Member must satisfy regular expression pattern: {}", pattern.source);
            out.extend(quote!(out.pattern(&path, #value, &crate::patterns::#constant, #rule);));
        }
    }
    out
}

fn length_bounds(l: Length) -> (TokenStream, TokenStream) {
    (option(l.min), option(l.max))
}

/// Smithy's wording for `@length`.
pub fn length_rule(l: Length) -> String {
    match (l.min, l.max) {
        (Some(min), Some(max)) => format!("Member must have length between {min} and {max}, inclusive"),
        (Some(min), None) => format!("Member must have length greater than or equal to {min}"),
        (None, Some(max)) => format!("Member must have length less than or equal to {max}"),
        (None, None) => "Member must have a length".to_owned(),
    }
}

/// Smithy's wording for `@range`, with the bounds exactly as the model wrote them.
pub fn range_rule(r: &Range) -> String {
    match (&r.min, &r.max) {
        (Some(min), Some(max)) => format!("Member must be between {} and {}, inclusive", min.text(), max.text()),
        (Some(min), None) => format!("Member must be greater than or equal to {}", min.text()),
        (None, Some(max)) => format!("Member must be less than or equal to {}", max.text()),
        (None, None) => "Member must be in range".to_owned(),
    }
}

fn int_bounds(r: &Range) -> (TokenStream, TokenStream) {
    let (min, max) = int_bound_values(r);
    (option(min), option(max))
}

/// Integer bounds of a range: ceiling of the minimum, floor of the maximum, clamped to `i64`.
pub fn int_bound_values(r: &Range) -> (Option<i64>, Option<i64>) {
    let clamp = |v: i128| -> i64 { v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64 };
    let min = r.min.as_ref().and_then(|d| d.ceil_int()).map(clamp);
    let max = r.max.as_ref().and_then(|d| d.floor_int()).map(clamp);
    (min, max)
}

pub fn float_bound(b: Option<crate::ir::rust::FloatBound>) -> TokenStream {
    match b {
        Some(b) => {
            let value = b.value;
            let strict = b.strict;
            quote!(::std::option::Option::Some(crate::runtime::validate::FloatBound { value: #value, strict: #strict }))
        }
        None => quote!(::std::option::Option::None),
    }
}

/// The identifier of a field, for `self.<field>`.
pub fn field_ident(name: &str) -> Ident {
    ident(name)
}
