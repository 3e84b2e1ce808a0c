//! Smithy's protocol compliance cases as Rust tests of the generated crate
//! (`protocol_tests.rs`, compiled under `cfg(test)`): each request case builds
//! its input from `params` with the builders and checks the request `request`
//! makes; each response case feeds its response to `response` and compares the
//! output (or the modeled error) with one built from `params`. The checks
//! themselves live in the runtime (`protocol_test`), so this file holds data.

use std::collections::BTreeMap;

use heck::ToSnakeCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::docs::doc_text;
use super::prelude::{BOX, ERR, NONE, OK, SOME, STRING};
use super::symbols::{OPERATION, RUNTIME};
use super::types::{ident, path};
use crate::ir::protocol_tests::{RequestCase, ResponseCase};
use crate::ir::rust::{CrateIr, OperationDef, StructureDef, UnionDef, ValueKind, ValueType};

/// Lookups the value builder needs.
pub(super) struct Shapes<'a> {
    pub(super) structures: BTreeMap<String, &'a StructureDef>,
    unions: BTreeMap<String, &'a UnionDef>,
}

impl<'a> Shapes<'a> {
    pub(super) fn new(ir: &'a CrateIr) -> Self {
        Shapes {
            structures: ir.structures.iter().map(|s| (key(&s.path), s)).collect(),
            unions: ir.unions.iter().map(|u| (key(&u.path), u)).collect(),
        }
    }

    /// An expression building `op`'s input from `params` (the model's JSON form).
    pub(super) fn input(&self, op: &OperationDef, params: &Value) -> Built {
        match self.structures.get(&key(&op.input)) {
            Some(s) => structure(s, params, self),
            None => Err(format!("the input of `{}` is not a generated structure", op.name)),
        }
    }
}

pub(super) fn key(p: &crate::ir::rust::RustPath) -> String {
    path(p).to_string()
}

/// Test function names from case ids, unique within one file: the second
/// `foo_request` is `foo_request_2`.
#[derive(Default)]
pub(super) struct TestNames(BTreeMap<String, usize>);

impl TestNames {
    /// The snake-case name of case `id` with `suffix`, numbered if taken.
    pub(super) fn unique(&mut self, id: &str, suffix: &str) -> String {
        let base = format!("{}{suffix}", id.to_snake_case());
        let n = self.0.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            base
        } else {
            format!("{base}_{n}")
        }
    }
}

/// Whether the crate has protocol compliance cases to write as tests.
pub fn has_cases(ir: &CrateIr) -> bool {
    !(ir.protocol_tests.requests.is_empty() && ir.protocol_tests.responses.is_empty())
}

/// The test module, or `None` when the crate has no cases.
pub fn emit(ir: &CrateIr, failures: &[crate::ExpectedFailure]) -> Option<TokenStream> {
    if !has_cases(ir) {
        return None;
    }
    let tests = &ir.protocol_tests;
    let shapes = Shapes::new(ir);
    let mut names = TestNames::default();
    let mut unique = |id: &str, suffix: &str| names.unique(id, suffix);
    let expected = |kind: crate::CaseKind, id: &str| expected_failure(failures, kind, id);
    let mut functions = Vec::new();
    for case in &tests.requests {
        let Some(op) = ir.operations.iter().find(|o| o.id == case.operation) else {
            continue;
        };
        let name = format_ident!("{}", unique(&case.id, "_request"));
        let marker = expected(crate::CaseKind::Request, &case.id);
        functions.push(request_test(&name, case, op, &shapes, marker));
    }
    for case in &tests.responses {
        let Some(op) = ir.operations.iter().find(|o| o.id == case.operation) else {
            continue;
        };
        let name = format_ident!("{}", unique(&case.id, "_response"));
        let marker = expected(crate::CaseKind::Response, &case.id);
        functions.push(response_test(&name, case, op, ir, &shapes, marker));
    }
    Some(quote! {
        #![doc = " The protocol compliance cases of the model (`smithy.test`), one test each."]
        #![allow(clippy::all, clippy::pedantic, unused_mut)]
        use #RUNTIME::protocol_test as check;
        #(#functions)*
    })
}

/// The attributes of a case listed as expected to fail: the reason, and
/// `#[should_panic]`; nothing for other cases.
pub(super) fn expected_failure(
    failures: &[crate::ExpectedFailure],
    kind: crate::CaseKind,
    id: &str,
) -> Option<TokenStream> {
    failures.iter().find(|f| f.kind == kind && f.id == id).map(|f| {
        let reason = doc_text(&format!(" Expected to fail: {}", f.reason));
        quote! {
            #[doc = ""]
            #[doc = #reason]
            #[should_panic]
        }
    })
}

pub(super) fn doc_lines(id: &str, documentation: Option<&String>) -> TokenStream {
    let mut lines = vec![format!(" `{id}`")];
    if let Some(doc) = documentation {
        lines.push(String::new());
        let printable = |l: &str| {
            l.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect::<String>()
        };
        lines.extend(doc.lines().map(|l| format!(" {}", printable(l))));
    }
    quote!(#(#[doc = #lines])*)
}

/// The operation's marker type, whose `request` and `response` the tests call.
fn operation_marker(op: &OperationDef) -> TokenStream {
    path(&crate::ir::rust::RustPath {
        module: crate::ir::rust::Module::Operation(op.module.clone()),
        name: op.name.clone(),
    })
}

pub(super) fn option_str(value: &Option<String>) -> TokenStream {
    match value {
        Some(v) => quote!(#SOME(#v)),
        None => quote!(#NONE),
    }
}

fn request_test(
    name: &proc_macro2::Ident,
    case: &RequestCase,
    op: &OperationDef,
    shapes: &Shapes,
    expected_failure: Option<TokenStream>,
) -> TokenStream {
    let docs = doc_lines(&case.id, case.documentation.as_ref());
    let docs = quote!(#docs #expected_failure);
    let marker = operation_marker(op);
    let input_def = shapes.structures.get(&key(&op.input));
    // The cases expect tokens the client filled in to be all zeros.
    let call = if input_def.is_some_and(|s| s.fields.iter().any(|f| f.idempotency_token)) {
        quote!(#RUNTIME::idempotency::with_zero_tokens(|| #marker::request(&input)))
    } else {
        quote!(#marker::request(&input))
    };
    let input = match input_def {
        Some(s) => structure(s, &case.params, shapes),
        None => Err(format!("the input of `{}` is not a generated structure", op.name)),
    };
    let input = match input {
        Ok(input) => input,
        Err(problem) => return unbuildable(name, &docs, &problem),
    };
    let method = &case.method;
    let uri = &case.uri;
    let list = |items: &[String]| quote!(&[#(#items),*]);
    let query = list(&case.query_params);
    let forbid_query = list(&case.forbid_query_params);
    let require_query = list(&case.require_query_params);
    let header_names = case.headers.keys();
    let header_values = case.headers.values();
    let forbid_headers = list(&case.forbid_headers);
    let require_headers = list(&case.require_headers);
    let body = option_str(&case.body);
    let media_type = option_str(&case.body_media_type);
    let host = option_str(&case.host);
    let resolved_host = option_str(&case.resolved_host);
    // A case with a host is sent to that endpoint (whose path, if any, prefixes the URI).
    let endpoint = case.host.as_ref().map(|host| {
        let endpoint = format!("https://{host}");
        quote! {
            let request = #RUNTIME::http::with_endpoint(request, #endpoint).expect("the endpoint applies");
        }
    });
    quote! {
        #docs
        #[test]
        fn #name() {
            let input = #input;
            let request = #call.expect("the request builds");
            #endpoint
            check::request(&request, &check::ExpectedRequest {
                method: #method,
                uri: #uri,
                host: #host,
                resolved_host: #resolved_host,
                query_params: #query,
                forbid_query_params: #forbid_query,
                require_query_params: #require_query,
                headers: &[#((#header_names, #header_values)),*],
                forbid_headers: #forbid_headers,
                require_headers: #require_headers,
                body: #body,
                body_media_type: #media_type,
            });
        }
    }
}

fn response_test(
    name: &proc_macro2::Ident,
    case: &ResponseCase,
    op: &OperationDef,
    ir: &CrateIr,
    shapes: &Shapes,
    expected_failure: Option<TokenStream>,
) -> TokenStream {
    let docs = doc_lines(&case.id, case.documentation.as_ref());
    let docs = quote!(#docs #expected_failure);
    let marker = operation_marker(op);
    let code = case.code;
    let header_names = case.headers.keys();
    let header_values = case.headers.values();
    let body = case.body.clone().unwrap_or_default();
    let build = if case.body_media_type.as_deref() == Some("application/cbor") {
        quote!(binary_response)
    } else {
        quote!(response)
    };
    let response = quote! {
        let response = check::#build(#code, &[#((#header_names, #header_values)),*], #body);
    };
    match &case.error {
        None => {
            let expected = match shapes.structures.get(&key(&op.output)) {
                Some(s) => structure(s, &case.params, shapes),
                None => Err(format!("the output of `{}` is not a generated structure", op.name)),
            };
            let expected = match expected {
                Ok(e) => e,
                Err(problem) => return unbuildable(name, &docs, &problem),
            };
            quote! {
                #docs
                #[test]
                fn #name() {
                    #response
                    let output = #marker::response(&response).expect("the response parses");
                    let expected = #expected;
                    check::same(&output, &expected);
                }
            }
        }
        Some(error_id) => {
            let Some(error) = ir.structures.iter().find(|s| &s.id == error_id) else {
                return unbuildable(name, &docs, &format!("the error `{error_id}` is not generated"));
            };
            let Some(variant) = op.errors.iter().find(|e| e.path == error.path) else {
                return unbuildable(name, &docs, &format!("`{}` does not bind `{error_id}`", op.name));
            };
            let expected = match structure(error, &case.params, shapes) {
                Ok(e) => e,
                Err(problem) => return unbuildable(name, &docs, &problem),
            };
            let error_enum = format_ident!("{}Error", op.name);
            let module = ident(&op.module);
            let variant = ident(&variant.variant);
            quote! {
                #docs
                #[test]
                fn #name() {
                    #response
                    let error: #OPERATION::#module::#error_enum = match #marker::response(&response) {
                        #OK(output) => panic!("expected an error, got {output:?}"),
                        #ERR(error) => error.into(),
                    };
                    let expected = #expected;
                    match error {
                        #OPERATION::#module::#error_enum::#variant(actual) => check::same(&actual, &expected),
                        other => panic!("expected the `{}` error, got {other:?}", stringify!(#variant)),
                    }
                }
            }
        }
    }
}

/// A test that fails, saying why its value could not be written as Rust.
pub(super) fn unbuildable(name: &proc_macro2::Ident, docs: &TokenStream, problem: &str) -> TokenStream {
    quote! {
        #docs
        #[test]
        fn #name() {
            panic!("the generator cannot build this case's params: {}", #problem);
        }
    }
}

pub(super) type Built = Result<TokenStream, String>;

pub(super) fn structure(s: &StructureDef, params: &Value, shapes: &Shapes) -> Built {
    let ty = path(&s.path);
    let Value::Object(members) = params else {
        return Err(format!("`{}` params must be an object", s.path.name));
    };
    let mut setters = Vec::new();
    for (name, value) in members {
        let field = s
            .fields
            .iter()
            .find(|f| &f.member == name)
            .ok_or_else(|| format!("`{}` has no member `{name}`", s.path.name))?;
        if value.is_null() {
            continue;
        }
        let mut built = self::value(&field.value, value, shapes)?;
        if field.boxed {
            built = quote!(#BOX::new(#built));
        }
        let setter = format_ident!("set_{}", field.rust_name.trim_start_matches("r#"));
        setters.push(quote!(.#setter(#SOME(#built))));
    }
    Ok(quote!(#ty::builder() #(#setters)* .build_unchecked()))
}

fn union(u: &UnionDef, params: &Value, shapes: &Shapes) -> Built {
    let ty = path(&u.path);
    let Some((name, value)) = params.as_object().and_then(|m| m.iter().next()) else {
        return Err(format!("`{}` params must be an object with one member", u.path.name));
    };
    let variant = u
        .variants
        .iter()
        .find(|v| &v.member == name)
        .ok_or_else(|| format!("`{}` has no member `{name}`", u.path.name))?;
    let tag = ident(&variant.rust_name);
    match &variant.value {
        None => Ok(quote!(#ty::#tag)),
        Some(v) => {
            let mut built = self::value(v, value, shapes)?;
            if variant.boxed {
                built = quote!(#BOX::new(#built));
            }
            Ok(quote!(#ty::#tag(#built)))
        }
    }
}

/// A float from a JSON number or one of Smithy's `NaN`/`Infinity`/`-Infinity`.
fn float(value: &Value, wide: bool) -> Built {
    let special = |name: &str| match (name, wide) {
        ("NaN", true) => Some(quote!(f64::NAN)),
        ("Infinity", true) => Some(quote!(f64::INFINITY)),
        ("-Infinity", true) => Some(quote!(f64::NEG_INFINITY)),
        ("NaN", false) => Some(quote!(f32::NAN)),
        ("Infinity", false) => Some(quote!(f32::INFINITY)),
        ("-Infinity", false) => Some(quote!(f32::NEG_INFINITY)),
        _ => None,
    };
    match value {
        Value::Number(n) => {
            let f = n.as_f64().ok_or("not a number")?;
            Ok(if wide {
                quote!(#f)
            } else {
                let f = f as f32;
                quote!(#f)
            })
        }
        Value::String(s) => special(s).ok_or_else(|| format!("`{s}` is not a float")),
        other => Err(format!("{other} is not a float")),
    }
}

fn integer(value: &Value, kind: &ValueKind) -> Built {
    let n = value.as_i64().ok_or_else(|| format!("{value} is not an integer"))?;
    Ok(match kind {
        ValueKind::Byte => {
            let n = i8::try_from(n).map_err(|e| e.to_string())?;
            quote!(#n)
        }
        ValueKind::Short => {
            let n = i16::try_from(n).map_err(|e| e.to_string())?;
            quote!(#n)
        }
        ValueKind::Integer => {
            let n = i32::try_from(n).map_err(|e| e.to_string())?;
            quote!(#n)
        }
        _ => quote!(#n),
    })
}

fn value(v: &ValueType, value: &Value, shapes: &Shapes) -> Built {
    Ok(match (&v.kind, value) {
        (ValueKind::Boolean, Value::Bool(b)) => quote!(#b),
        (ValueKind::String, Value::String(s)) => quote!(#STRING::from(#s)),
        (kind @ (ValueKind::Byte | ValueKind::Short | ValueKind::Integer | ValueKind::Long), n) => integer(n, kind)?,
        (ValueKind::Float, n) => float(n, false)?,
        (ValueKind::Double, n) => float(n, true)?,
        (ValueKind::BigInteger { .. }, n @ (Value::Number(_) | Value::String(_))) => {
            let text = n.as_str().map_or_else(|| n.to_string(), str::to_owned);
            quote!(#RUNTIME::BigInteger::parse(#text).expect("a valid big integer"))
        }
        (ValueKind::BigDecimal { .. }, n @ (Value::Number(_) | Value::String(_))) => {
            let text = n.as_str().map_or_else(|| n.to_string(), str::to_owned);
            quote!(#RUNTIME::BigDecimal::parse(#text).expect("a valid big decimal"))
        }
        // Blob params are the bytes themselves (as text), not base64.
        (ValueKind::Blob, Value::String(s)) => {
            let bytes = proc_macro2::Literal::byte_string(s.as_bytes());
            quote!(#RUNTIME::Blob::new(#bytes.to_vec()))
        }
        (ValueKind::Document, any) => {
            let text = any.to_string();
            quote!(#RUNTIME::Document::from_json(#text).expect("a JSON document"))
        }
        (ValueKind::Timestamp(_), Value::Number(n)) => {
            let seconds = n.as_f64().ok_or("not a number")?;
            let nanos = (seconds * 1e9).round() as i128;
            quote!(::time::OffsetDateTime::from_unix_timestamp_nanos(#nanos).expect("a valid timestamp"))
        }
        (ValueKind::Enum { path: p, .. }, Value::String(s)) => {
            let ty = path(p);
            quote!(#ty::from(#s))
        }
        (ValueKind::IntEnum { path: p, .. }, Value::Number(n)) => {
            let ty = path(p);
            let i = n.as_i64().and_then(|i| i32::try_from(i).ok()).ok_or("not an i32")?;
            quote!(#ty::from(#i))
        }
        (ValueKind::Structure { path: p }, params) => {
            let s = shapes
                .structures
                .get(&key(p))
                .ok_or_else(|| format!("`{}` is not a generated structure", p.name))?;
            structure(s, params, shapes)?
        }
        (ValueKind::Union { path: p }, params) => {
            let u = shapes
                .unions
                .get(&key(p))
                .ok_or_else(|| format!("`{}` is not a generated union", p.name))?;
            union(u, params, shapes)?
        }
        (ValueKind::List { element, sparse }, Value::Array(items)) => {
            let items = items
                .iter()
                .map(|item| match (item, sparse) {
                    (Value::Null, true) => Ok(quote!(#NONE)),
                    (item, true) => self::value(element, item, shapes).map(|v| quote!(#SOME(#v))),
                    (item, false) => self::value(element, item, shapes),
                })
                .collect::<Result<Vec<_>, _>>()?;
            quote!(vec![#(#items),*])
        }
        (
            ValueKind::Map {
                key: k,
                value: val,
                sparse,
            },
            Value::Object(entries),
        ) => {
            let entries = entries
                .iter()
                .map(|(name, item)| {
                    let name = self::value(k, &Value::String(name.clone()), shapes)?;
                    let item = match (item, sparse) {
                        (Value::Null, true) => quote!(#NONE),
                        (item, true) => {
                            let v = self::value(val, item, shapes)?;
                            quote!(#SOME(#v))
                        }
                        (item, false) => self::value(val, item, shapes)?,
                    };
                    Ok(quote!((#name, #item)))
                })
                .collect::<Result<Vec<_>, String>>()?;
            quote!(::std::collections::BTreeMap::from([#(#entries),*]))
        }
        (kind, value) => return Err(format!("{value} does not fit a {kind:?}")),
    })
}
