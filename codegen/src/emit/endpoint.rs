//! Endpoint resolution in the generated crate: `endpoint.rs` (the rule set's
//! parameters as a typed `Params`, the embedded rule set and `resolve`), each
//! binding operation's `endpoint_params`, and the `@endpointTests` cases as
//! tests (`endpoint_tests.rs`). The rules themselves are data the runtime
//! evaluates (`smithy_codegen_runtime::endpoint`).

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::docs::doc_text;
use super::prelude::{NONE, SOME, STRING, VEC};
use super::symbols::{ROOT, RUNTIME};
use super::types::{ident, path};
use crate::ir::endpoints::{Binding, Endpoints, Expect, Parameter, ParameterKind, Source, Step, TestCase};
use crate::ir::rust::{CrateIr, Module, OperationDef, RustPath, StructureDef, UnionDef, ValueKind, ValueType};

/// Whether a parameter is held as a plain value: it has a default.
fn plain(p: &Parameter) -> bool {
    p.default.is_some()
}

fn field_type(p: &Parameter) -> TokenStream {
    let inner = match p.kind {
        ParameterKind::String => quote!(#STRING),
        ParameterKind::Boolean => quote!(bool),
        ParameterKind::StringArray => quote!(#VEC<#STRING>),
    };
    if plain(p) {
        inner
    } else {
        quote!(::std::option::Option<#inner>)
    }
}

/// `params.<field> = value;`, wrapped in `Some` unless the field is plain.
fn set(p: &Parameter, value: TokenStream) -> TokenStream {
    let field = ident(&p.field);
    if plain(p) {
        quote!(params.#field = #value;)
    } else {
        quote!(params.#field = #SOME(#value);)
    }
}

/// A JSON value of the parameter's type, as a Rust expression of its inner type.
fn literal(kind: ParameterKind, value: &Value) -> Option<TokenStream> {
    Some(match (kind, value) {
        (ParameterKind::String, Value::String(s)) => quote!(#STRING::from(#s)),
        (ParameterKind::Boolean, Value::Bool(b)) => quote!(#b),
        (ParameterKind::StringArray, Value::Array(items)) => {
            let items = items
                .iter()
                .filter_map(Value::as_str)
                .map(|item| quote!(#STRING::from(#item)));
            quote!(::std::vec![#(#items),*])
        }
        _ => return None,
    })
}

/// `endpoint.rs`.
pub fn module(e: &Endpoints, service: &str) -> TokenStream {
    let fields = e.parameters.iter().map(|p| {
        let name = ident(&p.field);
        let ty = field_type(p);
        let mut lines = vec![format!(" `{}`", p.name)];
        if let Some(doc) = &p.documentation {
            lines[0].push_str(&format!(": {}", doc.replace('\n', " ")));
        }
        if let Some(built_in) = &p.built_in {
            lines.push(String::new());
            lines.push(format!(" Built-in `{built_in}`: what a client's configuration sets."));
        }
        if p.required && p.default.is_none() {
            lines.push(String::new());
            lines.push(" Required: resolving fails while it is unset.".to_owned());
        }
        let deprecated = p.deprecated.as_ref().map(|m| quote!(#[deprecated(note = #m)]));
        let lines = lines.iter().map(|l| doc_text(l));
        quote!(#(#[doc = #lines])* #deprecated pub #name: #ty,)
    });
    let defaults = e.parameters.iter().map(|p| {
        let name = ident(&p.field);
        let value = match &p.default {
            Some(d) => literal(p.kind, d).unwrap_or_else(|| quote!(::std::default::Default::default())),
            None => quote!(#NONE),
        };
        quote!(#name: #value,)
    });
    let names = e.parameters.iter().map(|p| &p.name);
    let copied = |p: &Parameter| plain(p) && p.kind == ParameterKind::Boolean;
    let clones = e.parameters.iter().map(|p| {
        let name = ident(&p.field);
        if copied(p) {
            quote!(#name: self.#name,)
        } else {
            quote!(#name: self.#name.clone(),)
        }
    });
    let clones_from = e.parameters.iter().map(|p| {
        let name = ident(&p.field);
        if copied(p) {
            quote!(self.#name = source.#name;)
        } else {
            quote!(self.#name.clone_from(&source.#name);)
        }
    });
    let values = e.parameters.iter().map(|p| {
        let name = ident(&p.field);
        if plain(p) && p.kind == ParameterKind::Boolean {
            quote!(#SOME(#RUNTIME::endpoint::Value::from(self.#name)))
        } else if plain(p) {
            quote!(#SOME(#RUNTIME::endpoint::Value::from(self.#name.clone())))
        } else {
            quote!(self.#name.clone().map(#RUNTIME::endpoint::Value::from))
        }
    });
    let rule_set = &e.rule_set;
    let partitions = match &e.partitions {
        Some(text) => quote!(#SOME(#text)),
        None => quote!(#NONE),
    };
    let doc = doc_text(&format!(
        " Endpoint resolution for `{service}`: its rule set's parameters as [`Params`], and [`resolve`]."
    ));
    let has_deprecated = e.parameters.iter().any(|p| p.deprecated.is_some());
    let allow = has_deprecated.then(|| quote!(#[allow(deprecated)]));
    quote! {
        #![doc = #doc]
        #![doc = ""]
        #![doc = " A client fills in the built-ins (region, FIPS and dual-stack flags, a custom"]
        #![doc = " endpoint); operations whose input binds parameters have `endpoint_params`,"]
        #![doc = " which sets those on a copy. [`Endpoint::apply`] then sends a request there."]
        pub use #RUNTIME::endpoint::{Endpoint, ResolveError};

        /// The parameters of the service's endpoint rule set.
        #[derive(Debug, PartialEq)]
        pub struct Params {
            #(#fields)*
        }

        #allow
        impl ::std::clone::Clone for Params {
            fn clone(&self) -> Self {
                Self { #(#clones)* }
            }

            /// Into `self`'s buffers: resolving keeps the last parameters this way.
            fn clone_from(&mut self, source: &Self) {
                #(#clones_from)*
            }
        }

        #allow
        impl ::std::default::Default for Params {
            /// Every parameter unset, or at the rule set's default.
            fn default() -> Self {
                Self { #(#defaults)* }
            }
        }

        impl Params {
            /// The endpoint these parameters lead to, or the rule set's error
            /// (the thread's last answer when the parameters are the same).
            pub fn resolve(&self) -> ::std::result::Result<Endpoint, ResolveError> {
                ::std::thread_local! {
                    static LAST: #RUNTIME::endpoint::LastResolved<Params> =
                        const { #RUNTIME::endpoint::LastResolved::new() };
                }
                LAST.with(|last| last.get_or_resolve(self, || self.evaluate()))
            }

            /// Walks the rule set with these parameters.
            #allow
            fn evaluate(&self) -> ::std::result::Result<Endpoint, ResolveError> {
                rule_set()?.resolve([#(#values),*])
            }
        }

        /// The endpoint `params` lead to, or the rule set's error.
        pub fn resolve(params: &Params) -> ::std::result::Result<Endpoint, ResolveError> {
            params.resolve()
        }

        /// The service's `smithy.rules#endpointRuleSet`, as JSON.
        const RULE_SET: &str = #rule_set;

        /// The partitions `aws.partition` reads, as JSON (embedded when the model was generated).
        const PARTITIONS: ::std::option::Option<&str> = #partitions;

        /// The rule set, compiled at first use; [`Params`]' fields in order.
        fn rule_set() -> ::std::result::Result<&'static #RUNTIME::endpoint::RuleSet, ResolveError> {
            static RULES: ::std::sync::OnceLock<::std::result::Result<#RUNTIME::endpoint::RuleSet, #STRING>> =
                ::std::sync::OnceLock::new();
            RULES
                .get_or_init(|| #RUNTIME::endpoint::RuleSet::load(RULE_SET, PARTITIONS, &[#(#names),*]))
                .as_ref()
                .map_err(|e| ResolveError::Invalid(e.clone()))
        }

        #[cfg(test)]
        mod tests {
            /// The embedded rule set and partitions compile.
            #[test]
            fn the_rule_set_loads() {
                ::std::assert!(super::rule_set().is_ok(), "{:?}", super::rule_set().err());
            }
        }
    }
}

/// Structures and unions by their Rust path.
struct Lookup<'a> {
    structures: BTreeMap<&'a RustPath, &'a StructureDef>,
    unions: BTreeMap<&'a RustPath, &'a UnionDef>,
}

impl<'a> Lookup<'a> {
    fn new(ir: &'a CrateIr) -> Self {
        Lookup {
            structures: ir.structures.iter().map(|s| (&s.path, s)).collect(),
            unions: ir.unions.iter().map(|u| (&u.path, u)).collect(),
        }
    }
}

/// `endpoint_params` of an operation whose input binds parameters.
pub fn operation_params(op: &OperationDef, ir: &CrateIr) -> TokenStream {
    let Some(e) = &ir.endpoints else {
        return TokenStream::new();
    };
    let Some(bindings) = e.bindings.get(&op.id) else {
        return TokenStream::new();
    };
    let shapes = Lookup::new(ir);
    let input = path(&op.input);
    let sets = bindings.iter().filter_map(|b| binding(b, e, op, &shapes));
    quote! {
        /// The endpoint parameters of a call with `input`: `client`'s, with
        /// those this operation binds (`@staticContextParams`,
        /// `@contextParam`, `@operationContextParams`) set from it.
        #[allow(unused_variables)]
        pub fn endpoint_params(input: &#input, client: &#ROOT::endpoint::Params) -> #ROOT::endpoint::Params {
            let mut params = client.clone();
            #(#sets)*
            params
        }
    }
}

fn binding(b: &Binding, e: &Endpoints, op: &OperationDef, shapes: &Lookup) -> Option<TokenStream> {
    let p = e.parameters.iter().find(|p| p.name == b.parameter)?;
    let field = ident(&p.field);
    match &b.source {
        Source::Static(value) => Some(set(p, literal(p.kind, value)?)),
        Source::Input(steps) => {
            let collect = walk_structure(quote!(input), &op.input, steps, p.kind, shapes)?;
            let found = match p.kind {
                ParameterKind::StringArray => quote!(#SOME(found)),
                _ => quote!(found.into_iter().next()),
            };
            let assign = if plain(p) {
                quote!(if let #SOME(value) = #found { params.#field = value; })
            } else {
                quote!(params.#field = #found;)
            };
            let item = match p.kind {
                ParameterKind::Boolean => quote!(bool),
                _ => quote!(#STRING),
            };
            Some(quote! {
                {
                    let mut found: #VEC<#item> = #VEC::new();
                    #collect
                    #assign
                }
            })
        }
    }
}

/// Code that pushes every value `steps` reach from `at` (a reference to a
/// value of type `ty`) onto `found`; `None` when a step does not fit the type.
fn walk(at: TokenStream, ty: &ValueType, steps: &[Step], kind: ParameterKind, shapes: &Lookup) -> Option<TokenStream> {
    let Some((step, rest)) = steps.split_first() else {
        return Some(match (&ty.kind, kind) {
            (ValueKind::Boolean, ParameterKind::Boolean) => quote!(found.push(*#at);),
            (ValueKind::String, ParameterKind::String | ParameterKind::StringArray) => {
                quote!(found.push(#at.to_string());)
            }
            (ValueKind::Enum { .. }, ParameterKind::String | ParameterKind::StringArray) => {
                quote!(found.push(#at.as_str().to_owned());)
            }
            _ => return None,
        });
    };
    match (step, &ty.kind) {
        (Step::Member(_), ValueKind::Structure { path: p }) => walk_structure(at, p, steps, kind, shapes),
        (Step::Each, ValueKind::List { element, sparse }) => {
            let next = format_ident!("v{}", steps.len());
            let inner = walk(quote!(#next), element, rest, kind, shapes)?;
            Some(if *sparse {
                quote!(for #next in #at.iter().flatten() { #inner })
            } else {
                quote!(for #next in #at.iter() { #inner })
            })
        }
        (Step::Member(name), ValueKind::Union { path: p }) => {
            let u = shapes.unions.get(p)?;
            let v = u.variants.iter().find(|v| &v.member == name)?;
            let variant = ident(&v.rust_name);
            let union = path(p);
            let next = format_ident!("v{}", steps.len());
            let inner = walk(quote!(#next), v.value.as_ref()?, rest, kind, shapes)?;
            Some(quote!(if let #union::#variant(#next) = #at { #inner }))
        }
        (Step::Select(paths), _) => {
            let each = paths
                .iter()
                .map(|p| {
                    let steps: Vec<Step> = p.iter().chain(rest).cloned().collect();
                    walk(at.clone(), ty, &steps, kind, shapes)
                })
                .collect::<Option<Vec<_>>>()?;
            Some(quote!(#(#each)*))
        }
        (Step::Keys, ValueKind::Map { key, .. }) => {
            let next = format_ident!("v{}", steps.len());
            let inner = walk(quote!(#next), key, rest, kind, shapes)?;
            Some(quote!(for #next in #at.keys() { #inner }))
        }
        _ => None,
    }
}

/// [`walk`] from a structure at `at`, whose first step must be one of its members.
fn walk_structure(
    at: TokenStream,
    structure: &RustPath,
    steps: &[Step],
    kind: ParameterKind,
    shapes: &Lookup,
) -> Option<TokenStream> {
    let (Step::Member(name), rest) = steps.split_first()? else {
        return None;
    };
    let s = shapes.structures.get(structure)?;
    let f = s.fields.iter().find(|f| &f.member == name)?;
    let member = ident(&f.rust_name);
    let next = format_ident!("v{}", steps.len());
    let inner = walk(quote!(#next), &f.value, rest, kind, shapes)?;
    Some(if f.is_optional() {
        quote!(if let #SOME(#next) = &#at.#member { #inner })
    } else {
        quote!({ let #next = &#at.#member; #inner })
    })
}

/// `endpoint_tests.rs`: one test per `@endpointTests` case.
pub fn tests(ir: &CrateIr, shapes: &super::protocol_tests::Shapes, failures: &[crate::ExpectedFailure]) -> TokenStream {
    let Some(e) = &ir.endpoints else {
        return TokenStream::new();
    };
    let functions = e.tests.iter().enumerate().map(|(i, case)| {
        let expected =
            super::protocol_tests::expected_failure(failures, crate::CaseKind::Endpoint, &(i + 1).to_string());
        test(i, case, e, ir, shapes, expected)
    });
    quote! {
        #![doc = " The model's `smithy.rules#endpointTests` cases, one test each."]
        #![allow(clippy::all, clippy::pedantic, deprecated, unused_mut, unused_variables, unused_imports)]
        use #ROOT::endpoint::Params;
        #(#functions)*
    }
}

/// `Params` with `values` set (by parameter name).
fn params(values: &BTreeMap<String, Value>, e: &Endpoints, base: TokenStream) -> Result<TokenStream, String> {
    let mut sets = Vec::new();
    for (name, value) in values {
        let p = e
            .parameters
            .iter()
            .find(|p| &p.name == name)
            .ok_or_else(|| format!("`{name}` is not a parameter"))?;
        let v = literal(p.kind, value).ok_or_else(|| format!("`{name}` is not a {:?}", p.kind))?;
        sets.push(set(p, v));
    }
    Ok(quote! {
        let mut params = #base;
        #(#sets)*
    })
}

fn test(
    i: usize,
    case: &TestCase,
    e: &Endpoints,
    ir: &CrateIr,
    shapes: &super::protocol_tests::Shapes,
    expected: Option<TokenStream>,
) -> TokenStream {
    let name = format_ident!("endpoint_case_{}", i + 1);
    let doc = doc_text(&format!(
        " Case {}: {}",
        i + 1,
        case.documentation
            .as_deref()
            .unwrap_or("(no documentation)")
            .replace('\n', " ")
    ));
    let check = match &case.expect {
        Expect::Endpoint {
            url,
            headers,
            properties,
        } => {
            let headers = headers.iter().map(|(k, v)| quote!((#k, &[#(#v),*][..])));
            let properties = properties.to_string();
            quote! {
                let endpoint = resolved.expect("an endpoint");
                #RUNTIME::endpoint::check::endpoint(&endpoint, #url, &[#(#headers),*], #properties);
            }
        }
        Expect::Error(message) => quote! {
            #RUNTIME::endpoint::check::error(resolved, #message);
        },
    };
    let direct = match params(&case.params, e, quote!(Params::default())) {
        Ok(set) => quote! {
            #set
            let resolved = params.resolve();
            #check
        },
        Err(problem) => {
            let message = format!("case {}: {problem}", i + 1);
            quote!(::std::panic!(#message);)
        }
    };
    let calls = case.operation_inputs.iter().map(|call| {
        let Some(op) = ir.operations.iter().find(|o| o.id == call.operation) else {
            return quote!();
        };
        // The client's configuration: the case's parameters that are not
        // built-ins (client context parameters), then the call's built-ins
        // and client parameters; the operation binds the rest from its input.
        let mut client: BTreeMap<String, Value> = case
            .params
            .iter()
            .filter(|(name, _)| e.parameters.iter().any(|p| &p.name == *name && p.built_in.is_none()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (built_in, value) in &call.built_in_params {
            if let Some(p) = e.parameters.iter().find(|p| p.built_in.as_deref() == Some(built_in)) {
                client.insert(p.name.clone(), value.clone());
            }
        }
        client.extend(call.client_params.clone());
        let set = match params(&client, e, quote!(Params::default())) {
            Ok(set) => set,
            Err(problem) => {
                let message = format!("case {}: {problem}", i + 1);
                return quote!(::std::panic!(#message););
            }
        };
        let marker = path(&RustPath {
            module: Module::Operation(op.module.clone()),
            name: op.name.clone(),
        });
        let input = match shapes.input(op, &call.params) {
            Ok(input) => input,
            Err(problem) => {
                let message = format!("case {}: the input of `{}` cannot be built: {problem}", i + 1, op.name);
                return quote!(::std::panic!(#message););
            }
        };
        let bound = if e.bindings.contains_key(&op.id) {
            quote!(#marker::endpoint_params(&input, &params))
        } else {
            quote!(params)
        };
        let on_the_wire = !matches!(
            ir.protocol,
            crate::ir::rust::Protocol::Other(_) | crate::ir::rust::Protocol::None
        );
        let send = on_the_wire.then(|| {
            quote! {
                if let ::std::result::Result::Ok(endpoint) = &resolved {
                    let request = #marker::request(&input).expect("the request builds");
                    let request = endpoint.apply(request).expect("the endpoint applies");
                    #RUNTIME::endpoint::check::sent_to(&request, endpoint);
                }
            }
        });
        quote! {
            {
                #set
                let input = #input;
                let params = #bound;
                let resolved = params.resolve();
                #send
                #check
            }
        }
    });
    quote! {
        #[doc = #doc]
        #expected
        #[test]
        fn #name() {
            {
                #direct
            }
            #(#calls)*
        }
    }
}
