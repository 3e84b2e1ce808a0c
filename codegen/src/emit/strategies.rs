//! proptest strategies for every generated type (behind the `proptest` feature):
//! valid values built from the constraints, and values with exactly one injected
//! violation plus where it is. Derived from the same IR as validation, so a new
//! constraint in the model reaches both at once.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::types::{ident, path, value_type};
use super::validate::{float_bound, int_bound_values};
use super::Context;
use crate::ir::names;
use crate::ir::rust::{CrateIr, EnumDef, FieldDef, RustPath, StructureDef, ValueKind, ValueType};

/// Name of the valid-value strategy function of a type.
fn strategy_fn(p: &RustPath) -> Ident {
    format_ident!("{}", names::module_name(&p.name))
}

fn invalid_fn(p: &RustPath) -> Ident {
    format_ident!("{}_invalid", names::module_name(&p.name))
}

pub fn emit(ir: &CrateIr, ctx: &Context) -> TokenStream {
    let with_invalid = |p: &RustPath| {
        ir.structures
            .iter()
            .find(|s| &s.path == p)
            .is_some_and(|s| has_injections(s, ir))
    };
    let structures = ir.structures.iter().map(|s| structure(s, ctx, &with_invalid));
    let enums = ir.enums.iter().map(enumeration);
    quote! {
        #![doc = " proptest strategies for every type: valid values, and values with exactly one"]
        #![doc = " injected constraint violation together with its expected path and kind."]
        #![doc = ""]
        #![doc = " Every type also implements `proptest::arbitrary::Arbitrary` (valid values) and"]
        #![doc = " [`Generate`](crate::runtime::strategies::Generate)."]
        use ::proptest::strategy::Strategy as _;

        #(#structures)*
        #(#enums)*
    }
}

fn enumeration(e: &EnumDef) -> TokenStream {
    let ty = path(&e.path);
    let f = strategy_fn(&e.path);
    let doc = format!(" Known values of [`{}`]({}).", e.path.name, rust_link(&e.path));
    quote! {
        #[doc = #doc]
        pub fn #f() -> ::proptest::strategy::BoxedStrategy<#ty> {
            crate::runtime::strategies::known_enum::<#ty>(#ty::values())
        }

        impl ::proptest::arbitrary::Arbitrary for #ty {
            type Parameters = ();
            type Strategy = ::proptest::strategy::BoxedStrategy<Self>;

            fn arbitrary_with(_: ()) -> Self::Strategy {
                #f()
            }
        }

        impl crate::runtime::strategies::Generate for #ty {
            fn valid() -> ::proptest::strategy::BoxedStrategy<Self> {
                #f()
            }

            fn invalid() -> ::std::option::Option<::proptest::strategy::BoxedStrategy<(Self, crate::runtime::strategies::Expected)>> {
                ::std::option::Option::Some(crate::runtime::strategies::unknown_enum::<#ty>(#ty::values()))
            }
        }
    }
}

fn rust_link(p: &RustPath) -> String {
    format!("crate::{}", p.segments().join("::"))
}

fn structure(s: &StructureDef, ctx: &Context, with_invalid: &dyn Fn(&RustPath) -> bool) -> TokenStream {
    let ty = path(&s.path);
    let f = strategy_fn(&s.path);
    let valid_doc = format!(" Valid values of [`{}`]({}).", s.path.name, rust_link(&s.path));
    let corrections =
        super::structure::has_corrections(s).then(|| quote!(client_corrections: ::std::default::Default::default(),));
    let valid_body = if s.fields.is_empty() {
        quote!(::proptest::strategy::Just(#ty { #corrections }).boxed())
    } else {
        let strategies: Vec<TokenStream> = s.fields.iter().map(|fd| field_valid(fd, ctx)).collect();
        let names: Vec<Ident> = s.fields.iter().map(|fd| ident(&fd.rust_name)).collect();
        // proptest implements Strategy for tuples of up to 12: nest chunks of 8.
        let chunk_strategies = strategies.chunks(8).map(|c| quote!((#(#c,)*)));
        let chunk_patterns = names.chunks(8).map(|c| quote!((#(#c,)*)));
        quote! {
            (#(#chunk_strategies,)*)
                .prop_map(|(#(#chunk_patterns,)*)| #ty { #(#names,)* #corrections })
                .boxed()
        }
    };
    let invalid = if with_invalid(&s.path) {
        let inv = invalid_fn(&s.path);
        let doc = format!(
            " Values of [`{}`]({}) with exactly one constraint violation, and where it is.",
            s.path.name,
            rust_link(&s.path)
        );
        let injections = s
            .fields
            .iter()
            .flat_map(|fd| field_injections(s, fd, ctx, with_invalid));
        quote! {
            #[doc = #doc]
            pub fn #inv() -> ::proptest::strategy::BoxedStrategy<(#ty, crate::runtime::strategies::Expected)> {
                crate::runtime::strategies::one_of(::std::vec::Vec::from([#(#injections,)*]))
            }
        }
    } else {
        TokenStream::new()
    };
    let invalid_impl = if with_invalid(&s.path) {
        let inv = invalid_fn(&s.path);
        quote!(::std::option::Option::Some(#inv()))
    } else {
        quote!(::std::option::Option::None)
    };
    quote! {
        #[doc = #valid_doc]
        pub fn #f() -> ::proptest::strategy::BoxedStrategy<#ty> {
            #valid_body
        }

        #invalid

        impl ::proptest::arbitrary::Arbitrary for #ty {
            type Parameters = ();
            type Strategy = ::proptest::strategy::BoxedStrategy<Self>;

            fn arbitrary_with(_: ()) -> Self::Strategy {
                #f()
            }
        }

        impl crate::runtime::strategies::Generate for #ty {
            fn valid() -> ::proptest::strategy::BoxedStrategy<Self> {
                #f()
            }

            fn invalid() -> ::std::option::Option<::proptest::strategy::BoxedStrategy<(Self, crate::runtime::strategies::Expected)>> {
                #invalid_impl
            }
        }
    }
}

/// Whether a structure has any member that a value could get wrong.
fn has_injections(s: &StructureDef, ir: &CrateIr) -> bool {
    s.fields
        .iter()
        .any(|f| f.required || value_invalid_possible(&f.value, ir, &mut Vec::new()))
}

fn value_invalid_possible(v: &ValueType, ir: &CrateIr, seen: &mut Vec<RustPath>) -> bool {
    match &v.kind {
        ValueKind::Enum { .. } => true,
        ValueKind::Structure { path: p } => {
            if seen.contains(p) {
                return false;
            }
            seen.push(p.clone());
            ir.structures.iter().find(|s| &s.path == p).is_some_and(|s| {
                s.fields
                    .iter()
                    .any(|f| f.required || value_invalid_possible(&f.value, ir, seen))
            })
        }
        ValueKind::List { element, .. } => {
            v.constraints
                .length
                .is_some_and(|l| l.min.is_some_and(|m| m > 0) || l.max.is_some_and(|m| m < 1024))
                || value_invalid_possible(element, ir, seen)
        }
        ValueKind::String => string_breaks(v).is_some(),
        ValueKind::Byte | ValueKind::Short | ValueKind::Integer | ValueKind::Long => int_outside(v).is_some(),
        ValueKind::Double => v.constraints.range.is_some(),
        ValueKind::Float | ValueKind::Boolean | ValueKind::Timestamp(_) => false,
    }
}

/// The strategy of a valid field value (with its `Option`/`Box` wrapping).
fn field_valid(f: &FieldDef, ctx: &Context) -> TokenStream {
    let mut s = valid(&f.value, ctx);
    if f.boxed {
        s = quote!(#s.prop_map(::std::boxed::Box::new).boxed());
    }
    match (f.optional, f.required) {
        (true, false) => quote!(::proptest::option::of(#s).boxed()),
        (true, true) => quote!(#s.prop_map(::std::option::Option::Some).boxed()),
        _ => s,
    }
}

/// A `BoxedStrategy<T>` expression of valid values for one value position.
fn valid(v: &ValueType, ctx: &Context) -> TokenStream {
    let c = &v.constraints;
    let opt_u64 = |x: Option<u64>| match x {
        Some(x) => quote!(::std::option::Option::Some(#x)),
        None => quote!(::std::option::Option::None),
    };
    match &v.kind {
        ValueKind::Boolean => quote!(::proptest::arbitrary::any::<bool>().boxed()),
        ValueKind::String => {
            let pattern = match c.pattern.as_ref().and_then(|p| ctx.pattern(&p.regex)) {
                Some(p) => {
                    let constant = format_ident!("{}", p.const_name);
                    let generator = &p.generator;
                    quote!(::std::option::Option::Some((&*crate::patterns::#constant, #generator)))
                }
                None => quote!(::std::option::Option::None),
            };
            let min = opt_u64(c.length.and_then(|l| l.min));
            let max = opt_u64(c.length.and_then(|l| l.max));
            quote!(crate::runtime::strategies::string(#pattern, #min, #max))
        }
        ValueKind::Byte | ValueKind::Short | ValueKind::Integer | ValueKind::Long => {
            let (lo, hi) = int_limits(v);
            let (lo, hi) = (int_literal(v, lo), int_literal(v, hi));
            quote!(crate::runtime::strategies::one_of(::std::vec::Vec::from([
                (#lo..=#hi).boxed(),
                ::proptest::strategy::Just(#lo).boxed(),
                ::proptest::strategy::Just(#hi).boxed(),
            ])))
        }
        ValueKind::Float | ValueKind::Double => {
            let (min, max) = float_bounds(v);
            if matches!(v.kind, ValueKind::Float) {
                quote!(crate::runtime::strategies::float(#min, #max))
            } else {
                quote!(crate::runtime::strategies::double(#min, #max))
            }
        }
        ValueKind::Timestamp(_) => quote!(crate::runtime::strategies::timestamp()),
        ValueKind::Enum { path: p, .. } => {
            let f = strategy_fn(p);
            quote!(crate::strategies::#f())
        }
        ValueKind::Structure { path: p } => {
            let f = strategy_fn(p);
            quote!(crate::strategies::#f())
        }
        ValueKind::List { element, sparse } => {
            let mut item = valid(element, ctx);
            if *sparse {
                item = quote!(::proptest::option::of(#item).boxed());
            }
            let min = opt_u64(c.length.and_then(|l| l.min));
            let max = opt_u64(c.length.and_then(|l| l.max));
            quote!(crate::runtime::strategies::list(#item, #min, #max))
        }
    }
}

fn float_bounds(v: &ValueType) -> (TokenStream, TokenStream) {
    match &v.constraints.range {
        Some(r) => (
            float_bound(r.min.as_ref().and_then(|d| d.as_min_float())),
            float_bound(r.max.as_ref().and_then(|d| d.as_max_float())),
        ),
        None => (quote!(::std::option::Option::None), quote!(::std::option::Option::None)),
    }
}

fn type_limits(v: &ValueType) -> (i64, i64) {
    match v.kind {
        ValueKind::Byte => (i64::from(i8::MIN), i64::from(i8::MAX)),
        ValueKind::Short => (i64::from(i16::MIN), i64::from(i16::MAX)),
        ValueKind::Integer => (i64::from(i32::MIN), i64::from(i32::MAX)),
        _ => (i64::MIN, i64::MAX),
    }
}

/// The valid interval of an integer position: its range clamped to the type.
fn int_limits(v: &ValueType) -> (i64, i64) {
    let (type_min, type_max) = type_limits(v);
    let (min, max) = v
        .constraints
        .range
        .as_ref()
        .map(int_bound_values)
        .unwrap_or((None, None));
    (
        min.unwrap_or(type_min).clamp(type_min, type_max),
        max.unwrap_or(type_max).clamp(type_min, type_max),
    )
}

fn int_literal(v: &ValueType, x: i64) -> TokenStream {
    // Values were clamped to the type's limits, so the narrowing casts are exact.
    match v.kind {
        ValueKind::Byte => {
            let x = x as i8;
            quote!(#x)
        }
        ValueKind::Short => {
            let x = x as i16;
            quote!(#x)
        }
        ValueKind::Integer => {
            let x = x as i32;
            quote!(#x)
        }
        _ => quote!(#x),
    }
}

/// `(min, max)` integer bounds that can be broken, if any.
fn int_outside(v: &ValueType) -> Option<(Option<i64>, Option<i64>)> {
    let range = v.constraints.range.as_ref()?;
    let (type_min, type_max) = type_limits(v);
    let (min, max) = int_bound_values(range);
    let min = min.filter(|m| *m > type_min);
    let max = max.filter(|m| *m < type_max);
    (min.is_some() || max.is_some()).then_some((min, max))
}

/// Which string constraints can be broken alone (see `StringBreaks`).
fn string_breaks(v: &ValueType) -> Option<(bool, bool, bool)> {
    let c = &v.constraints;
    let min = c.length.and_then(|l| l.min).unwrap_or(0);
    let short = min > 0 && (c.pattern.is_none() || min >= 2);
    let long = c.length.and_then(|l| l.max).is_some_and(|m| m <= 100_000);
    let pattern = c.pattern.is_some();
    (short || long || pattern).then_some((short, long, pattern))
}

/// A `BoxedStrategy<(T, Expected)>` of values breaking exactly one constraint of
/// this position (nested ones included), or `None` if none can be broken.
fn invalid(v: &ValueType, ctx: &Context, with_invalid: &dyn Fn(&RustPath) -> bool) -> Option<TokenStream> {
    let c = &v.constraints;
    let opt_u64 = |x: Option<u64>| match x {
        Some(x) => quote!(::std::option::Option::Some(#x)),
        None => quote!(::std::option::Option::None),
    };
    match &v.kind {
        ValueKind::String => {
            let (short, long, pattern_break) = string_breaks(v)?;
            let valid = valid(v, ctx);
            let pattern = match c.pattern.as_ref().and_then(|p| ctx.pattern(&p.regex)) {
                Some(p) => {
                    let constant = format_ident!("{}", p.const_name);
                    quote!(::std::option::Option::Some(&*crate::patterns::#constant))
                }
                None => quote!(::std::option::Option::None),
            };
            let min = opt_u64(c.length.and_then(|l| l.min));
            let max = opt_u64(c.length.and_then(|l| l.max));
            Some(quote! {
                crate::runtime::strategies::invalid_string(
                    #valid,
                    #pattern,
                    #min,
                    #max,
                    crate::runtime::strategies::StringBreaks { short: #short, long: #long, pattern: #pattern_break },
                )
            })
        }
        ValueKind::Enum { path: p, .. } => {
            let ty = path(p);
            Some(quote!(crate::runtime::strategies::unknown_enum::<#ty>(#ty::values())))
        }
        ValueKind::Byte | ValueKind::Short | ValueKind::Integer | ValueKind::Long => {
            let (min, max) = int_outside(v)?;
            let (type_min, type_max) = type_limits(v);
            let opt_i64 = |x: Option<i64>| match x {
                Some(x) => quote!(::std::option::Option::Some(#x)),
                None => quote!(::std::option::Option::None),
            };
            let (min, max) = (opt_i64(min), opt_i64(max));
            let ty = value_type(v);
            let narrow = if matches!(v.kind, ValueKind::Long) {
                quote!(value)
            } else {
                // In range of the type by construction (bounded by its own limits).
                quote!(<#ty as ::std::convert::TryFrom<i64>>::try_from(value).unwrap_or_default())
            };
            Some(quote! {
                crate::runtime::strategies::int_outside(#min, #max, #type_min, #type_max)
                    .prop_map(|(value, expected)| (#narrow, expected))
                    .boxed()
            })
        }
        ValueKind::Double => {
            c.range.as_ref()?;
            let (min, max) = float_bounds(v);
            Some(quote!(crate::runtime::strategies::double_outside(#min, #max)))
        }
        ValueKind::Structure { path: p } => with_invalid(p).then(|| {
            let f = invalid_fn(p);
            quote!(crate::strategies::#f())
        }),
        ValueKind::List { element, sparse } => {
            let mut item = valid(element, ctx);
            let mut bad_item = invalid(element, ctx, with_invalid);
            if *sparse {
                item = quote!(::proptest::option::of(#item).boxed());
                bad_item = bad_item.map(
                    |b| quote!(#b.prop_map(|(value, expected)| (::std::option::Option::Some(value), expected)).boxed()),
                );
            }
            let min = opt_u64(c.length.and_then(|l| l.min));
            let max = opt_u64(c.length.and_then(|l| l.max));
            let length_breakable = c
                .length
                .is_some_and(|l| l.min.is_some_and(|m| m > 0) || l.max.is_some_and(|m| m < 1024));
            let mut options = Vec::new();
            if length_breakable {
                options.push(quote! {
                    crate::runtime::strategies::list_bad_length(#item, #min, #max)
                        .unwrap_or_else(|| ::std::unreachable!("the generator checked that a length bound can be broken"))
                });
            }
            if let Some(bad) = bad_item {
                options.push(quote!(crate::runtime::strategies::list_with_invalid_item(#item, #bad, #min, #max)));
            }
            (!options.is_empty())
                .then(|| quote!(crate::runtime::strategies::one_of(::std::vec::Vec::from([#(#options,)*]))))
        }
        ValueKind::Float | ValueKind::Boolean | ValueKind::Timestamp(_) => None,
    }
}

/// Injections at one member: a broken value, and (if required) its absence.
fn field_injections(
    s: &StructureDef,
    f: &FieldDef,
    ctx: &Context,
    with_invalid: &dyn Fn(&RustPath) -> bool,
) -> Vec<TokenStream> {
    let valid_struct = strategy_fn(&s.path);
    let field = ident(&f.rust_name);
    let wire = &f.wire_name;
    let member = &f.member;
    let mut out = Vec::new();
    if let Some(bad) = invalid(&f.value, ctx, with_invalid) {
        let mut assigned = quote!(bad);
        if f.boxed {
            assigned = quote!(::std::boxed::Box::new(#assigned));
        }
        if f.optional {
            assigned = quote!(::std::option::Option::Some(#assigned));
        }
        out.push(quote! {
            (#valid_struct(), #bad)
                .prop_map(|(mut value, (bad, expected))| {
                    value.#field = #assigned;
                    (value, expected.under_field(#wire))
                })
                .boxed()
        });
    }
    if f.required {
        let clear = if f.optional {
            quote!(value.#field = ::std::option::Option::None;)
        } else {
            quote! {
                value.#field = crate::runtime::ErrorCorrection::corrected();
                value.client_corrections.record(#member);
            }
        };
        out.push(quote! {
            #valid_struct()
                .prop_map(|mut value| {
                    #clear
                    (
                        value,
                        crate::runtime::strategies::Expected::new(crate::runtime::ConstraintKind::Required).under_field(#wire),
                    )
                })
                .boxed()
        });
    }
    out
}
