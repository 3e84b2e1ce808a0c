//! Constraint checks for one value position, as calls into
//! `runtime::validate::Violations`. Rule texts (Smithy's wording) and exact
//! float bounds are computed here, at generation time, so the generated check is a
//! comparison and a `&'static str`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::ir::rust::{Length, Range};
use crate::ir::rust::{ValueKind, ValueType};

use super::prelude::{NONE, SOME};
use super::symbols::{ROOT, RUNTIME};
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

/// The static (in the generated `patterns::rules` module) that holds a value
/// position's constraint traits, if it has any that apply to its kind.
pub type RulesLookup<'a> = dyn Fn(&ValueType) -> Option<Ident> + 'a;

/// Checks for `value` (an expression of type `&T`) at `path` (a `Path` binding).
pub fn checks(value: &TokenStream, v: &ValueType, rules: &RulesLookup<'_>) -> TokenStream {
    let mut out = TokenStream::new();
    let checked = match &v.kind {
        ValueKind::Enum { .. } => quote!(#value.as_str()),
        _ => value.clone(),
    };
    let rules_check = rules(v).map(|name| quote!(#ROOT::patterns::rules::#name.check(&path, #checked, out);));
    match &v.kind {
        // Named types check themselves (enums: their value set), before the
        // constraints of the position.
        ValueKind::Enum { .. } | ValueKind::IntEnum { .. } | ValueKind::Structure { .. } | ValueKind::Union { .. } => {
            out.extend(quote!(#RUNTIME::validate::Validate::validate_at(#value, &path, out);));
            out.extend(rules_check);
        }
        ValueKind::Map {
            key,
            value: item,
            sparse,
        } => {
            out.extend(rules_check);
            // A bad key is reported at the map's own path, as Smithy does.
            let key_checks = if has_checks(key) {
                checks(&quote!(key), key, rules)
            } else {
                TokenStream::new()
            };
            let value_checks = if has_checks(item) {
                let inner = checks(&quote!(item), item, rules);
                let inner = if *sparse {
                    quote!(if let #SOME(item) = item { #inner })
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
            out.extend(rules_check);
            if has_checks(element) {
                let item = quote!(item);
                let inner = checks(&item, element, rules);
                let body = if *sparse {
                    quote!(if let #SOME(item) = item { #inner })
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
        _ => out.extend(rules_check),
    }
    out
}

/// The constraint traits of `v` that apply to its kind, as a
/// `runtime::validate::Rules` expression; `None` when there are none.
pub fn rules_expr(v: &ValueType, pattern_const: &dyn Fn(&str) -> Option<String>) -> Option<TokenStream> {
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
        ValueKind::Blob | ValueKind::Map { .. } => parts.extend(c.length.map(length)),
        ValueKind::List { .. } => {
            parts.extend(c.length.map(length));
            if c.unique_items {
                parts.push(quote!(.unique_items()));
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
