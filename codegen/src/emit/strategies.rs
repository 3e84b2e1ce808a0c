//! proptest strategies for every generated type (behind the `proptest` feature):
//! valid values built from the constraints, and values with exactly one injected
//! violation plus where it is. Derived from the same IR as validation, so a new
//! constraint in the model reaches both at once.
//!
//! Recursive types get a depth: `x()` is `x_at(RECURSION_DEPTH)`, and a member
//! leading back into its own cycle is cut (absent, empty, or another variant) once
//! the depth is spent, so building a strategy always terminates.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::context::Context;
use super::docs::doc_text;
use super::prelude::{BOX, DEFAULT, NONE, SOME, VEC};
use super::symbols::{self, RULES, RUNTIME, STRATEGIES};
use super::types::{doc_link, ident, length_bound_tokens, path, value_type};
use super::validate::int_bound_values;
use crate::ir::rust::names;
use crate::ir::rust::{CrateIr, FieldDef, RustPath, StructureDef, UnionDef, ValueKind, ValueType};

fn rust_link(p: &RustPath) -> String {
    doc_link(p)
}

/// Crate-wide facts the strategies need: reachability between named types (for
/// recursion) and which types can carry an injected violation.
struct Plan<'a> {
    ctx: &'a Context,
    names: &'a BTreeMap<RustPath, String>,
    reach: BTreeMap<RustPath, BTreeSet<RustPath>>,
    injectable: BTreeSet<RustPath>,
}

/// The named types of this crate a value holds (extern types are another
/// crate's: they neither recurse into ours nor take a depth).
fn named_refs(v: &ValueType, out: &mut Vec<RustPath>) {
    match &v.kind {
        ValueKind::Structure { path } | ValueKind::Union { path } if !path.is_external() => out.push(path.clone()),
        ValueKind::List { element, .. } => named_refs(element, out),
        ValueKind::Map { key, value, .. } => {
            named_refs(key, out);
            named_refs(value, out);
        }
        _ => {}
    }
}

impl<'a> Plan<'a> {
    fn base_name(&self, p: &RustPath) -> String {
        self.names
            .get(p)
            .cloned()
            .unwrap_or_else(|| names::module_name(&p.name))
    }

    fn strategy_fn(&self, p: &RustPath) -> Ident {
        format_ident!("{}", self.base_name(p))
    }

    /// `box_` (a keyword, escaped) gives `box_at`, not `box__at`.
    fn strategy_at_fn(&self, p: &RustPath) -> Ident {
        format_ident!("{}_at", self.base_name(p).trim_end_matches('_'))
    }

    fn invalid_fn(&self, p: &RustPath) -> Ident {
        format_ident!("{}_invalid", self.base_name(p).trim_end_matches('_'))
    }

    fn new(ir: &'a CrateIr, ctx: &'a Context) -> Self {
        let mut edges: BTreeMap<RustPath, Vec<RustPath>> = BTreeMap::new();
        for s in &ir.structures {
            let mut out = Vec::new();
            s.fields.iter().for_each(|f| named_refs(&f.value, &mut out));
            edges.insert(s.path.clone(), out);
        }
        for u in &ir.unions {
            let mut out = Vec::new();
            u.variants
                .iter()
                .filter_map(|v| v.value.as_ref())
                .for_each(|v| named_refs(v, &mut out));
            edges.insert(u.path.clone(), out);
        }
        let reach = edges
            .keys()
            .map(|start| {
                let mut seen = BTreeSet::new();
                let mut stack: Vec<RustPath> = edges.get(start).cloned().unwrap_or_default();
                while let Some(p) = stack.pop() {
                    if seen.insert(p.clone()) {
                        stack.extend(edges.get(&p).cloned().unwrap_or_default());
                    }
                }
                (start.clone(), seen)
            })
            .collect();
        let mut plan = Plan {
            ctx,
            names: &ir.strategy_fns,
            reach,
            injectable: BTreeSet::new(),
        };
        // Least fixpoint: a type is injectable if some member can be broken without
        // following a recursive edge.
        loop {
            let mut changed = false;
            for s in &ir.structures {
                if !plan.injectable.contains(&s.path)
                    && s.fields.iter().any(|f| {
                        // A default fills a missing required member in: nothing to break there.
                        let absence_breaks = f.is_required() && (f.is_optional() || f.default().is_none());
                        absence_breaks || plan.invalid(&f.value, &s.path).is_some()
                    })
                {
                    plan.injectable.insert(s.path.clone());
                    changed = true;
                }
            }
            for u in &ir.unions {
                if !plan.injectable.contains(&u.path)
                    && u.variants
                        .iter()
                        .filter_map(|v| v.value.as_ref())
                        .any(|v| plan.invalid(v, &u.path).is_some())
                {
                    plan.injectable.insert(u.path.clone());
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        plan
    }

    /// Whether values of `p` can hold values of `p`: its strategy then takes
    /// a depth (`x_at`), which every recursion spends.
    fn in_cycle(&self, p: &RustPath) -> bool {
        self.reach.get(p).is_some_and(|r| r.contains(p))
    }

    /// Whether `target` leads back to `current` (a recursive edge).
    fn recursive(&self, target: &RustPath, current: &RustPath) -> bool {
        target == current || self.reach.get(target).is_some_and(|r| r.contains(current))
    }

    /// Whether a value mentions a named type that leads back to `current`.
    fn has_recursive_ref(&self, v: &ValueType, current: &RustPath) -> bool {
        let mut refs = Vec::new();
        named_refs(v, &mut refs);
        refs.iter().any(|r| self.recursive(r, current))
    }

    /// `&rules::X`, the `Rules` static of `v`'s position, if it has one.
    fn rules_of(&self, v: &ValueType) -> Option<TokenStream> {
        let name = self.ctx.rules(v)?;
        Some(quote!(&#RULES::#name))
    }

    /// A `BoxedStrategy<T>` of valid values; named types of a cycle get
    /// `depth` when there is one (a recursion), the others start afresh.
    fn valid(&self, v: &ValueType, depth: Option<&TokenStream>) -> TokenStream {
        let c = &v.constraints;
        let (min, max) = length_bound_tokens(v);
        match &v.kind {
            ValueKind::Boolean => quote!(::proptest::arbitrary::any::<bool>().boxed()),
            ValueKind::String => {
                let generator = self.generator(v);
                match self.ctx.rules(v) {
                    Some(rules) => {
                        quote!(#STRATEGIES::string_for(&#RULES::#rules, #generator))
                    }
                    None => quote!(#STRATEGIES::string(#NONE, #min, #max)),
                }
            }
            // Bounds come from the position's `Rules`, as validation's do.
            ValueKind::Byte | ValueKind::Short | ValueKind::Integer | ValueKind::Long => {
                let ty = value_type(v);
                match self.rules_of(v) {
                    Some(rules) => quote!(#STRATEGIES::int_for::<#ty>(#rules)),
                    None => quote!(#STRATEGIES::int_in::<#ty>(#NONE, #NONE)),
                }
            }
            ValueKind::Float | ValueKind::Double => {
                let float = matches!(v.kind, ValueKind::Float);
                match (self.rules_of(v), float) {
                    (Some(rules), true) => quote!(#STRATEGIES::float_for(#rules)),
                    (Some(rules), false) => quote!(#STRATEGIES::double_for(#rules)),
                    (None, true) => quote!(#STRATEGIES::float(#NONE, #NONE)),
                    (None, false) => quote!(#STRATEGIES::double(#NONE, #NONE)),
                }
            }
            ValueKind::BigInteger { .. } => quote!(#STRATEGIES::big_integer()),
            ValueKind::BigDecimal { .. } => quote!(#STRATEGIES::big_decimal()),
            ValueKind::Blob => match self.rules_of(v) {
                Some(rules) => quote!(#STRATEGIES::blob_for(#rules)),
                None => quote!(#STRATEGIES::blob(#NONE, #NONE)),
            },
            ValueKind::Document => quote!(#STRATEGIES::document()),
            ValueKind::Timestamp(crate::ir::rust::TimestampFormat::HttpDate) => {
                quote!(#STRATEGIES::timestamp_seconds())
            }
            ValueKind::Timestamp(_) => quote!(#STRATEGIES::timestamp()),
            // Another crate's generated type: its own `Arbitrary`.
            ValueKind::Enum { path: p, .. }
            | ValueKind::IntEnum { path: p, .. }
            | ValueKind::Structure { path: p }
            | ValueKind::Union { path: p }
                if p.is_external() =>
            {
                let ty = path(p);
                quote!(::proptest::arbitrary::any::<#ty>().boxed())
            }
            ValueKind::Enum { path: p, .. } | ValueKind::IntEnum { path: p, .. } => {
                let f = self.strategy_fn(p);
                quote!(#f())
            }
            ValueKind::Structure { path: p } | ValueKind::Union { path: p } => match depth {
                Some(depth) if self.in_cycle(p) => {
                    let f = self.strategy_at_fn(p);
                    quote!(#f(#depth))
                }
                _ => {
                    let f = self.strategy_fn(p);
                    quote!(#f())
                }
            },
            ValueKind::List { element, sparse } => {
                let mut item = self.valid(element, depth);
                if *sparse {
                    item = quote!(::proptest::option::of(#item).boxed());
                }
                let bounded = c.length.is_some() || c.unique_items;
                if let Some(rules) = bounded.then(|| self.rules_of(v)).flatten() {
                    quote!(#STRATEGIES::list_for(#item, #rules))
                } else if c.unique_items {
                    quote!(#STRATEGIES::unique_list(#item, #min, #max))
                } else {
                    quote!(#STRATEGIES::list(#item, #min, #max))
                }
            }
            ValueKind::Map { key, value, sparse } => {
                let k = self.valid(key, depth);
                let mut item = self.valid(value, depth);
                if *sparse {
                    item = quote!(::proptest::option::of(#item).boxed());
                }
                quote!(#STRATEGIES::map(#k, #item, #min, #max))
            }
        }
    }

    /// The strategy of a value inside `current`, cut when its recursion depth is spent.
    fn valid_in(&self, v: &ValueType, current: &RustPath, cut: Option<TokenStream>) -> TokenStream {
        if !self.has_recursive_ref(v, current) {
            return self.valid(v, None);
        }
        let deeper = self.valid(v, Some(&quote!(depth - 1)));
        match cut {
            Some(cut) => quote!(if depth == 0 { #cut } else { #deeper }),
            // Nothing finite can replace it; the model forces the recursion.
            None => deeper,
        }
    }

    /// The generating regex of a string position's pattern, as an `Option` expression.
    fn generator(&self, v: &ValueType) -> TokenStream {
        match v
            .constraints
            .pattern
            .as_ref()
            .and_then(|p| self.ctx.pattern(&p.translated.regex))
        {
            Some(p) => {
                let generator = &p.translated.generator;
                quote!(#SOME(#generator))
            }
            None => quote!(#NONE),
        }
    }

    /// A `BoxedStrategy<(T, Expected)>` breaking exactly one constraint, or `None`.
    fn invalid(&self, v: &ValueType, current: &RustPath) -> Option<TokenStream> {
        let c = &v.constraints;
        let (min, max) = length_bound_tokens(v);
        match &v.kind {
            ValueKind::String => {
                string_breaks(v)?;
                let rules = self.ctx.rules(v)?;
                let generator = self.generator(v);
                Some(quote!(#STRATEGIES::invalid_string_for(&#RULES::#rules, #generator)))
            }
            ValueKind::Enum { path: p, .. } => {
                let ty = path(p);
                Some(quote!(#STRATEGIES::unknown_enum::<#ty>(#ty::values())))
            }
            ValueKind::IntEnum { path: p, .. } => {
                let ty = path(p);
                Some(quote!(#STRATEGIES::unknown_int_enum::<#ty>(#ty::values())))
            }
            ValueKind::Byte | ValueKind::Short | ValueKind::Integer | ValueKind::Long => {
                int_outside(v)?;
                let ty = value_type(v);
                let rules = self.rules_of(v)?;
                Some(quote!(#STRATEGIES::int_outside_for::<#ty>(#rules)))
            }
            ValueKind::Double => {
                c.range.as_ref()?;
                let rules = self.rules_of(v)?;
                Some(quote!(#STRATEGIES::double_outside_for(#rules)))
            }
            ValueKind::Structure { path: p } | ValueKind::Union { path: p } => {
                (self.injectable.contains(p) && !self.recursive(p, current)).then(|| {
                    let f = self.invalid_fn(p);
                    quote!(#f())
                })
            }
            ValueKind::List { element, sparse } => {
                let mut item = self.valid(element, None);
                let mut bad_item = self.invalid(element, current);
                if *sparse {
                    item = quote!(::proptest::option::of(#item).boxed());
                    bad_item =
                        bad_item.map(|b| quote!(#b.prop_map(|(value, expected)| (#SOME(value), expected)).boxed()));
                }
                let mut options = Vec::new();
                if c.unique_items && c.length.and_then(|l| l.max).is_none_or(|m| m >= 2) {
                    options.push(quote!(#STRATEGIES::list_with_duplicate(#item, #min, #max)));
                }
                if length_breakable(v) {
                    options.push(quote! {
                        #STRATEGIES::list_bad_length(#item, #min, #max)
                            .unwrap_or_else(|| ::std::unreachable!("the generator checked that a length bound can be broken"))
                    });
                }
                if let Some(bad) = bad_item {
                    options.push(quote!(#STRATEGIES::list_with_invalid_item(#item, #bad, #min, #max)));
                }
                (!options.is_empty()).then(|| quote!(#STRATEGIES::one_of(#VEC::from([#(#options,)*]))))
            }
            ValueKind::Float
            | ValueKind::Boolean
            | ValueKind::Timestamp(_)
            | ValueKind::BigInteger { .. }
            | ValueKind::BigDecimal { .. }
            | ValueKind::Blob
            | ValueKind::Document
            | ValueKind::Map { .. } => None,
        }
    }
}

fn length_breakable(v: &ValueType) -> bool {
    v.constraints
        .length
        .is_some_and(|l| l.min.is_some_and(|m| m > 0) || l.max.is_some_and(|m| m < 1024))
}

pub fn emit(ir: &CrateIr, ctx: &Context) -> TokenStream {
    let plan = Plan::new(ir, ctx);
    let has_types =
        !(ir.structures.is_empty() && ir.unions.is_empty() && ir.enums.is_empty() && ir.int_enums.is_empty());
    let imports = if has_types {
        quote!(
            use ::proptest::strategy::{BoxedStrategy, Strategy as _};
        )
    } else {
        quote!(
            use ::proptest::strategy::Strategy as _;
        )
    };
    let structures = ir.structures.iter().map(|s| structure(s, &plan));
    let unions = ir.unions.iter().map(|u| union(u, &plan));
    let enums = ir.enums.iter().map(|e| {
        let doc = doc_text(&format!(
            " Known values of [`{}`]({}).",
            e.path.name,
            rust_link(&e.path)
        ));
        simple_enum(&plan, &e.path, &doc, quote!(unknown_enum), quote!(known_enum))
    });
    let int_enums = ir.int_enums.iter().map(|e| {
        let doc = doc_text(&format!(
            " Known values of [`{}`]({}).",
            e.path.name,
            rust_link(&e.path)
        ));
        simple_enum(&plan, &e.path, &doc, quote!(unknown_int_enum), quote!(known_int_enum))
    });
    let generate_doc = doc_text(&format!(
        " [`Generate`]({}::strategies::Generate).",
        symbols::runtime_text().trim_start_matches("::")
    ));
    quote! {
        #![doc = " proptest strategies for every type: valid values, and values with exactly one"]
        #![doc = " injected constraint violation together with its expected path and kind."]
        #![doc = ""]
        #![doc = " Every type also implements `proptest::arbitrary::Arbitrary` (valid values) and"]
        #![doc = #generate_doc]
        // Member names become bindings here, whatever the model calls them.
        #![allow(clippy::disallowed_names)]
        #imports

        #(#structures)*
        #(#unions)*
        #(#enums)*
        #(#int_enums)*
    }
}

fn simple_enum(plan: &Plan<'_>, p: &RustPath, doc: &Literal, unknown: TokenStream, known: TokenStream) -> TokenStream {
    let ty = path(p);
    let f = plan.strategy_fn(p);
    let impls = trait_impls(&ty, &f, Some(quote!(#STRATEGIES::#unknown::<#ty>(#ty::values()))));
    quote! {
        #[doc = #doc]
        pub fn #f() -> BoxedStrategy<#ty> {
            #STRATEGIES::#known::<#ty>(#ty::values())
        }

        #impls
    }
}

/// `Arbitrary` (valid values) and `Generate` for a type whose valid strategy
/// is `f()`, and whose invalid one is `invalid` (if it has one).
fn trait_impls(ty: &TokenStream, f: &Ident, invalid: Option<TokenStream>) -> TokenStream {
    let invalid = invalid.map(|invalid| quote!(, #invalid));
    quote! {
        #RUNTIME::strategy_impls!(#ty, #f() #invalid);
    }
}

/// `x()`, `x_at(depth)`, `Arbitrary` and `Generate` around a valid body and an
/// optional list of injections.
fn named_type(
    plan: &Plan<'_>,
    p: &RustPath,
    valid_body: TokenStream,
    injections: Vec<TokenStream>,
    uses_depth: bool,
) -> TokenStream {
    let ty = path(p);
    let f = plan.strategy_fn(p);
    let f_at = plan.strategy_at_fn(p);
    let valid_doc = doc_text(&format!(" Valid values of [`{}`]({}).", p.name, rust_link(p)));
    let at_doc = doc_text(&format!(
        " Valid values of [`{}`]({}), recursing at most `depth` levels.",
        p.name,
        rust_link(p)
    ));
    let depth_use = (!uses_depth).then(|| quote!(let _ = depth;));
    let (invalid, invalid_impl) = if injections.is_empty() {
        (TokenStream::new(), None)
    } else {
        let inv = plan.invalid_fn(p);
        let doc = doc_text(&format!(
            " Values of [`{}`]({}) with exactly one constraint violation, and where it is.",
            p.name,
            rust_link(p)
        ));
        (
            quote! {
                #[doc = #doc]
                pub fn #inv() -> BoxedStrategy<(#ty, #STRATEGIES::Expected)> {
                    #STRATEGIES::one_of(#VEC::from([#(#injections,)*]))
                }
            },
            Some(quote!(#inv())),
        )
    };
    let impls = trait_impls(&ty, &f, invalid_impl);
    // Only a type whose values can hold its own takes a depth.
    let valid = if plan.in_cycle(p) {
        quote! {
            #[doc = #valid_doc]
            pub fn #f() -> BoxedStrategy<#ty> {
                #f_at(#STRATEGIES::RECURSION_DEPTH)
            }

            #[doc = #at_doc]
            pub fn #f_at(depth: u32) -> BoxedStrategy<#ty> {
                #depth_use
                #valid_body
            }
        }
    } else {
        quote! {
            #[doc = #valid_doc]
            pub fn #f() -> BoxedStrategy<#ty> {
                #valid_body
            }
        }
    };
    quote! {
        #valid

        #invalid

        #impls
    }
}

fn structure(s: &StructureDef, plan: &Plan<'_>) -> TokenStream {
    let ty = path(&s.path);
    let corrections = s
        .tracks_corrections()
        .then(|| quote!(client_corrections: #DEFAULT::default(),));
    let valid_body = if s.fields.is_empty() {
        quote!(::proptest::strategy::Just(#ty { #corrections }).boxed())
    } else {
        let strategies: Vec<TokenStream> = s.fields.iter().map(|fd| field_valid(fd, &s.path, plan)).collect();
        let names: Vec<Ident> = s.fields.iter().map(|fd| ident(&fd.rust_name)).collect();
        // proptest implements Strategy for tuples of up to 12: beyond that,
        // nest chunks of 8.
        let (tuple, pattern) = if strategies.len() <= 12 {
            (quote!((#(#strategies,)*)), quote!((#(#names,)*)))
        } else {
            let chunk_strategies = strategies.chunks(8).map(|c| quote!((#(#c,)*)));
            let chunk_patterns = names.chunks(8).map(|c| quote!((#(#c,)*)));
            (quote!((#(#chunk_strategies,)*)), quote!((#(#chunk_patterns,)*)))
        };
        quote! {
            #tuple
                .prop_map(|#pattern| #ty { #(#names,)* #corrections })
                .boxed()
        }
    };
    let uses_depth = s.fields.iter().any(|f| {
        let mut refs = Vec::new();
        named_refs(&f.value, &mut refs);
        !refs.is_empty()
    });
    let injections = if plan.injectable.contains(&s.path) {
        s.fields.iter().flat_map(|fd| field_injections(s, fd, plan)).collect()
    } else {
        Vec::new()
    };
    named_type(plan, &s.path, valid_body, injections, uses_depth)
}

/// The strategy of a valid field value (with its `Option`/`Box` wrapping).
fn field_valid(f: &FieldDef, current: &RustPath, plan: &Plan<'_>) -> TokenStream {
    let cut_value = match &f.value.kind {
        ValueKind::List { .. } | ValueKind::Map { .. }
            if f.value.constraints.length.and_then(|l| l.min).unwrap_or(0) == 0 =>
        {
            Some(quote!(
                ::proptest::strategy::Just(#DEFAULT::default()).boxed()
            ))
        }
        _ => None,
    };
    let optional_absent = f.is_optional() && !f.is_required();
    let mut s = if optional_absent {
        // An absent member is always a valid cut.
        plan.valid_in(
            &f.value,
            current,
            Some(quote!(::proptest::strategy::Just(#NONE).boxed())),
        )
    } else {
        plan.valid_in(&f.value, current, cut_value.clone())
    };
    let recursive = plan.has_recursive_ref(&f.value, current);
    if optional_absent && recursive {
        // `valid_in` already produced an Option strategy on the cut side; wrap only the other.
        let mut deeper = plan.valid(&f.value, Some(&quote!(depth - 1)));
        if f.boxed {
            deeper = quote!(#deeper.prop_map(#BOX::new).boxed());
        }
        return quote! {
            if depth == 0 {
                ::proptest::strategy::Just(#NONE).boxed()
            } else {
                ::proptest::option::of(#deeper).boxed()
            }
        };
    }
    if f.boxed {
        s = quote!((#s).prop_map(#BOX::new).boxed());
    }
    match (f.is_optional(), f.is_required()) {
        (true, false) => quote!(::proptest::option::of(#s).boxed()),
        (true, true) => quote!((#s).prop_map(#SOME).boxed()),
        _ => s,
    }
}

/// Injections at one member: a broken value, and (if required) its absence.
fn field_injections(s: &StructureDef, f: &FieldDef, plan: &Plan<'_>) -> Vec<TokenStream> {
    let valid_struct = plan.strategy_fn(&s.path);
    let field = ident(&f.rust_name);
    let wire = &f.wire_name;
    let mut out = Vec::new();
    if let Some(bad) = plan.invalid(&f.value, &s.path) {
        let mut assigned = quote!(bad);
        if f.boxed {
            assigned = quote!(#BOX::new(#assigned));
        }
        if f.is_optional() {
            assigned = quote!(#SOME(#assigned));
        }
        out.push(quote! {
            #STRATEGIES::with_bad_member(#valid_struct(), #bad, #wire, |value, bad| value.#field = #assigned)
        });
    }
    if f.is_required() {
        if f.is_optional() {
            out.push(quote! {
                #STRATEGIES::without_member(#valid_struct(), #wire, |value| value.#field = #NONE)
            });
        } else if f.correctable() {
            // (A default fills the member in: absence is not a violation there.)
            out.push(quote! {
                #STRATEGIES::without_corrected(#valid_struct(), #wire, |value| (&mut value.#field, &mut value.client_corrections))
            });
        }
    }
    out
}

fn union(u: &UnionDef, plan: &Plan<'_>) -> TokenStream {
    let ty = path(&u.path);
    let mut always = Vec::new();
    let mut recursive = Vec::new();
    for v in &u.variants {
        let variant = ident(&v.rust_name);
        match &v.value {
            None => always.push(quote!(::proptest::strategy::Just(#ty::#variant).boxed())),
            Some(value) => {
                let is_recursive = plan.has_recursive_ref(value, &u.path);
                let depth = quote!(depth - 1);
                let inner = plan.valid(value, is_recursive.then_some(&depth));
                let wrap = if v.boxed {
                    quote!(|value| #ty::#variant(#BOX::new(value)))
                } else {
                    quote!(#ty::#variant)
                };
                let s = quote!(#inner.prop_map(#wrap).boxed());
                if is_recursive {
                    recursive.push(s);
                } else {
                    always.push(s);
                }
            }
        }
    }
    let valid_body = if recursive.is_empty() {
        quote!(#STRATEGIES::one_of(#VEC::from([#(#always,)*])))
    } else if always.is_empty() {
        // Every member recurses: the model forces depth; keep recursing.
        quote!(#STRATEGIES::one_of(#VEC::from([#(#recursive,)*])))
    } else {
        quote! {
            if depth == 0 {
                #STRATEGIES::one_of(#VEC::from([#(#always,)*]))
            } else {
                #STRATEGIES::one_of(#VEC::from([#(#always,)* #(#recursive,)*]))
            }
        }
    };
    let uses_depth = u.variants.iter().filter_map(|v| v.value.as_ref()).any(|v| {
        let mut refs = Vec::new();
        named_refs(v, &mut refs);
        !refs.is_empty()
    });
    let injections = if plan.injectable.contains(&u.path) {
        u.variants
            .iter()
            .filter_map(|v| {
                let value = v.value.as_ref()?;
                let bad = plan.invalid(value, &u.path)?;
                let variant = ident(&v.rust_name);
                let wire = &v.wire_name;
                let wrap = if v.boxed {
                    quote!(#ty::#variant(#BOX::new(bad)))
                } else {
                    quote!(#ty::#variant(bad))
                };
                Some(quote! {
                    #bad.prop_map(|(bad, expected)| (#wrap, expected.under_field(#wire))).boxed()
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    named_type(plan, &u.path, valid_body, injections, uses_depth)
}

fn type_limits(v: &ValueType) -> (i64, i64) {
    match v.kind {
        ValueKind::Byte => (i64::from(i8::MIN), i64::from(i8::MAX)),
        ValueKind::Short => (i64::from(i16::MIN), i64::from(i16::MAX)),
        ValueKind::Integer => (i64::from(i32::MIN), i64::from(i32::MAX)),
        _ => (i64::MIN, i64::MAX),
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
