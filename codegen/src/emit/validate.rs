//! Constraint checks of value positions as data: a position's
//! `runtime::validate::Rules` (its own constraint traits, and the rules of its
//! list items or map keys and values), walked by the runtime's `Check`. Rule
//! texts (Smithy's wording) and exact float bounds are computed here, at
//! generation time, so the generated check is a comparison and a `&'static str`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::ir::rust::{Length, Range};
use crate::ir::rust::{ValueKind, ValueType};

use super::prelude::{NONE, SOME};
use super::symbols::{ROOT, RUNTIME};
use super::types::{ident, option};

/// Whether a structure's member gets a check: it is required (and may be
/// absent), or its value needs checking.
pub fn member_checked(f: &crate::ir::rust::FieldDef) -> bool {
    has_checks(&f.value) || (f.is_required() && (f.is_optional() || f.default().is_none()))
}

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

/// The rules of the position `v`, as a `runtime::validate::Rules`
/// expression: its constraint traits that apply to its kind, and the rules of
/// what it holds (`child` names those of an item, key or value position that
/// needs checking); `None` when there is nothing to add to `Rules::NONE`.
pub fn rules_expr(
    v: &ValueType,
    pattern_const: &dyn Fn(&str) -> Option<String>,
    child: &dyn Fn(&ValueType) -> TokenStream,
) -> Option<TokenStream> {
    let c = &v.constraints;
    let mut parts = Vec::new();
    let length = |l: Length| {
        let (min, max) = length_bounds(l);
        let rule = length_rule(l);
        quote!(.length(#min, #max, #rule))
    };
    match &v.kind {
        ValueKind::String | ValueKind::Enum { .. } => {
            parts.extend(c.length.map(length));
            if let Some(pattern) = &c.pattern {
                if let Some(name) = pattern_const(&pattern.translated.regex) {
                    let constant: Ident = format_ident!("{}", name);
                    let rule = format!("Member must satisfy regular expression pattern: {}", pattern.source);
                    parts.push(quote!(.pattern(&#ROOT::patterns::#constant, #rule)));
                }
            }
        }
        ValueKind::Byte | ValueKind::Short | ValueKind::Integer | ValueKind::Long => {
            if let Some(range) = &c.range {
                let (min, max) = int_bounds(range);
                let rule = range_rule(range);
                parts.push(quote!(.int_range(#min, #max, #rule)));
            }
        }
        ValueKind::Float | ValueKind::Double => {
            if let Some(range) = &c.range {
                let min = float_bound(range.min.as_ref().and_then(|d| d.as_min_float()));
                let max = float_bound(range.max.as_ref().and_then(|d| d.as_max_float()));
                let rule = range_rule(range);
                parts.push(quote!(.float_range(#min, #max, #rule)));
            }
        }
        ValueKind::Blob => parts.extend(c.length.map(length)),
        ValueKind::Map { key, value, .. } => {
            parts.extend(c.length.map(length));
            if has_checks(key) {
                let keys = child(key);
                parts.push(quote!(.keys(#keys)));
            }
            if has_checks(value) {
                let values = child(value);
                parts.push(quote!(.values(#values)));
            }
        }
        ValueKind::List { element, .. } => {
            parts.extend(c.length.map(length));
            if c.unique_items {
                parts.push(quote!(.unique_items()));
            }
            if has_checks(element) {
                let items = child(element);
                parts.push(quote!(.items(#items)));
            }
        }
        _ => {}
    }
    (!parts.is_empty()).then(|| quote!(Rules::NONE #(#parts)*))
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
            quote!(#SOME(#RUNTIME::validate::FloatBound { value: #value, strict: #strict }))
        }
        None => quote!(#NONE),
    }
}

/// The identifier of a field, for `self.<field>`.
pub fn field_ident(name: &str) -> Ident {
    ident(name)
}
