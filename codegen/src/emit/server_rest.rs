//! restJson1's service side: a router over the operations' `@http` traits,
//! each operation's input read from the request's labels, query, headers
//! and body (the headers and body as a client reads its response:
//! `http::read_message`), and responses written with the client's request
//! builder (`http::message_calls`) and a status.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::http::{mentions_ident, message_calls, parse_text, read_message, Reader};
use super::prelude::{OPTION, RESULT, SOME, STRING, VEC};
use super::server::{error_enum, error_status, fill_defaults, marker};
use super::symbols::RUNTIME;
use super::types::{ident, path};
use crate::ir::rust::{CrateIr, FieldDef, HttpBinding, OperationDef, StructureDef, ValueKind};

fn structure<'a>(ir: &'a CrateIr, p: &crate::ir::rust::RustPath) -> Option<&'a StructureDef> {
    ir.structures.iter().find(|s| &s.path == p)
}

/// The operations the router knows: those with `@http`, in order.
fn routed(ir: &CrateIr) -> Vec<&OperationDef> {
    ir.operations.iter().filter(|op| op.http.is_some()).collect()
}

/// `ROUTER`, `parse`, `reject` and each operation's impl.
pub(super) fn parts(ir: &CrateIr) -> TokenStream {
    let routed = routed(ir);
    let table = routed.iter().filter_map(|op| {
        let http = op.http.as_ref()?;
        let (method, uri) = (&http.method, &http.uri);
        Some(quote!((#method, #uri)))
    });
    let arms = routed.iter().enumerate().map(|(index, op)| {
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        let name = format_ident!("{}", op.name);
        let marker = marker(op);
        quote!(#index => #marker::parse_routed(request, &labels).map(Request::#name))
    });
    let impls = routed
        .iter()
        .enumerate()
        .map(|(index, op)| operation_impl(op, index, ir));
    quote! {
        /// The operations by their `@http` method and URI pattern, built once.
        static ROUTER: ::std::sync::LazyLock<#RUNTIME::server::rest::Router> = ::std::sync::LazyLock::new(router);

        /// The operations' `@http` methods and URI patterns, in the order `parse` numbers them.
        fn router() -> #RUNTIME::server::rest::Router {
            #RUNTIME::server::rest::Router::new(&[#(#table),*])
        }

        /// The operation `request` calls, with its input read and checked; or why
        /// it reaches none, which [`reject`] turns into the response.
        pub fn parse<B: AsRef<[u8]>>(
            request: &::http::Request<B>,
        ) -> #RESULT<Request, #RUNTIME::server::Rejection> {
            let (index, labels) = ROUTER.route(request)?;
            match index {
                #(#arms,)*
                _ => Err(#RUNTIME::server::Rejection::UnknownOperation),
            }
        }

        /// The response that answers `rejection`, as the protocol says.
        pub fn reject(rejection: &#RUNTIME::server::Rejection) -> ::http::Response<Vec<u8>> {
            #RUNTIME::server::rest::rejection(rejection)
        }

        #(#impls)*
    }
}

fn operation_impl(op: &OperationDef, index: usize, ir: &CrateIr) -> TokenStream {
    let (Some(input), Some(output)) = (structure(ir, &op.input), structure(ir, &op.output)) else {
        return TokenStream::new();
    };
    let index = proc_macro2::Literal::usize_unsuffixed(index);
    let marker = marker(op);
    let input_ty = path(&op.input);
    let output_ty = path(&op.output);
    let error = error_enum(op);
    let read = read_input(op, input, Some(output), ir);
    let labels = if mentions_ident(&read, "labels") {
        quote!(labels)
    } else {
        quote!(_labels)
    };
    let fill = fill_defaults(op, ir);
    let status = output_status(op, output);
    let calls = message_calls(output, ir, Reader::Server);
    let arms = op.errors.iter().map(|e| {
        let (status, shape_id) = error_status(ir, e);
        let name = shape_id
            .rsplit_once('#')
            .map_or(shape_id.as_str(), |(_, n)| n)
            .to_owned();
        let variant = ident(&e.variant);
        let calls = structure(ir, &e.path)
            .map(|s| message_calls(s, ir, Reader::Server))
            .unwrap_or_default();
        let binding = if calls.iter().any(|c| mentions_ident(c, "input")) {
            quote!(input)
        } else {
            quote!(_)
        };
        quote! {
            #error::#variant(#binding) => {
                let message = #RUNTIME::http::RequestBuilder::new("POST", "").path("/") #(#calls)* .build();
                #RUNTIME::server::rest::error(message, #status, #name)
            }
        }
    });
    let input_name = if calls.iter().any(|c| mentions_ident(c, "input")) || status.to_string().contains("input") {
        quote!(input)
    } else {
        quote!(_input)
    };
    let write_output = if op.has_output {
        quote! {
            let #input_name = output;
            let message = #RUNTIME::http::RequestBuilder::new("POST", "").path("/") #(#calls)* .build();
            #RUNTIME::server::rest::response(message, #status)
        }
    } else {
        quote! {
            let _ = output;
            #RUNTIME::server::rest::response(#RUNTIME::http::RequestBuilder::new("POST", "").path("/").build(), #status)
        }
    };
    quote! {
        /// The service side.
        impl #marker {
            /// Reads this operation's input from `request`, fills in the defaults it
            /// leaves out and checks every constraint of the model; a request this
            /// operation's `@http` does not match is refused.
            pub fn parse_request<B: AsRef<[u8]>>(
                request: &::http::Request<B>,
            ) -> #RESULT<#input_ty, #RUNTIME::server::Rejection> {
                match ROUTER.route(request)? {
                    (#index, labels) => Self::parse_routed(request, &labels),
                    _ => Err(#RUNTIME::server::Rejection::UnknownOperation),
                }
            }

            #fill

            #[allow(unused_mut)]
            fn parse_routed<B: AsRef<[u8]>>(
                request: &::http::Request<B>,
                #labels: &#RUNTIME::server::rest::Labels,
            ) -> #RESULT<#input_ty, #RUNTIME::server::Rejection> {
                // Read as a service reads: UTC timestamps, no unknown union members.
                #RUNTIME::wire::as_service(|| { #read })
            }

            /// The response carrying `output`: its bindings, its body, its status
            /// (no body when the model gives the operation no output).
            pub fn output_response(output: &#output_ty) -> ::http::Response<Vec<u8>> {
                #write_output
            }

            /// The response carrying `error`: a modeled error with its status,
            /// bindings and `X-Amzn-Errortype`, anything else as a `500`.
            pub fn error_response(error: &#error) -> ::http::Response<Vec<u8>> {
                match error {
                    #(#arms,)*
                    #error::Unhandled(e) => #RUNTIME::server::rest::unhandled(e.code(), e.message()),
                }
            }
        }
    }
}

/// The output's status: its `@httpResponseCode` member when set, else the
/// operation's `@http` code.
fn output_status(op: &OperationDef, output: &StructureDef) -> TokenStream {
    let code = op.http.as_ref().map_or(200, |h| h.code);
    match output.fields.iter().find(|f| f.http == Some(HttpBinding::ResponseCode)) {
        Some(f) => {
            let field = ident(&f.rust_name);
            let value = if f.is_optional() {
                quote!(input.#field)
            } else {
                quote!(#SOME(input.#field))
            };
            quote!(#value.and_then(|code| u16::try_from(code).ok()).unwrap_or(#code))
        }
        None => quote!(#code),
    }
}

/// The body of `parse_routed`: the body and headers as a client reads its
/// response, then labels and query, then defaults and constraints.
fn read_input(op: &OperationDef, input: &StructureDef, output: Option<&StructureDef>, ir: &CrateIr) -> TokenStream {
    // The client's reading code fills a variable named `output`: here it is
    // the input.
    let (parse_body, header_bindings) = read_message(input, ir, quote!(request.headers()), Reader::Server);
    let (parse_body, header_bindings) = (
        rename(parse_body, "output", "input"),
        rename(header_bindings, "output", "input"),
    );
    let content_type = match body_media_type(input).filter(|_| op.has_input) {
        Some(media_type) => quote!(#RUNTIME::server::rest::content_type(request, #SOME(#media_type))?;),
        None => quote!(#RUNTIME::server::rest::content_type(request, None)?;),
    };
    let accept = output
        .filter(|_| op.has_output)
        .map(|output| body_media_type(output).unwrap_or("application/json"))
        .map(|produced| quote!(#RUNTIME::server::rest::accept(request, #produced)?;));
    let mut uri_bindings = TokenStream::new();
    let uses_query = input
        .fields
        .iter()
        .any(|f| matches!(f.http, Some(HttpBinding::Query(_) | HttpBinding::QueryParams)));
    for f in &input.fields {
        let field = ident(&f.rust_name);
        let assign = |value: TokenStream| {
            if f.is_optional() {
                quote!(input.#field = #SOME(#value);)
            } else {
                quote!(input.#field = #value;)
            }
        };
        match &f.http {
            Some(HttpBinding::Label) => {
                let name = &f.member;
                let parsed = parse_text(&f.value, quote!(text), Reader::Server);
                let missing = format!("the URI has no label `{name}`");
                let invalid = format!("the label `{name}` is not a valid `{}`", f.member);
                let set = assign(quote!(value));
                uri_bindings.extend(quote! {
                    let text = labels.get(#name).ok_or_else(|| malformed(#missing.to_owned()))?;
                    let value = #parsed.ok_or_else(|| malformed(#invalid.to_owned()))?;
                    #set
                });
            }
            Some(HttpBinding::Query(name)) => uri_bindings.extend(query_binding(f, name, &assign)),
            Some(HttpBinding::QueryParams) => uri_bindings.extend(query_params_binding(f, &assign)),
            _ => {}
        }
    }
    let query = uses_query.then(|| quote!(let query = #RUNTIME::server::rest::query_pairs(request);));
    let read = quote! {
        #parse_body
        #header_bindings
        #query
        #uri_bindings
    };
    // What the reading code uses, and only that.
    let status = mentions_ident(&read, "status").then(|| quote!(let status = 0u16;));
    let body = mentions_ident(&read, "body").then(|| quote!(let body: &[u8] = request.body().as_ref();));
    let malformed = mentions_ident(&read, "malformed")
        .then(|| quote!(let malformed = |message: #STRING| #RUNTIME::server::Rejection::Malformed(message);));
    quote! {
        #status
        #body
        #malformed
        #content_type
        #accept
        #read
        Self::fill_defaults(&mut input);
        #RUNTIME::server::checked(input)
    }
}

/// `tokens` with every identifier `from` written `to`.
fn rename(tokens: TokenStream, from: &str, to: &str) -> TokenStream {
    tokens
        .into_iter()
        .map(|tree| match tree {
            proc_macro2::TokenTree::Ident(i) if i == from => {
                proc_macro2::TokenTree::Ident(proc_macro2::Ident::new(to, i.span()))
            }
            proc_macro2::TokenTree::Group(g) => {
                let mut group = proc_macro2::Group::new(g.delimiter(), rename(g.stream(), from, to));
                group.set_span(g.span());
                proc_macro2::TokenTree::Group(group)
            }
            other => other,
        })
        .collect()
}

/// The media type of a message's body: its payload's (a blob's or string's
/// `@mediaType`, else any for a blob and `text/plain` for a string; JSON for
/// the rest), JSON when members are left for the body or the structure has
/// none at all (`{}` is its body), `None` when every member is bound
/// elsewhere.
fn body_media_type(s: &StructureDef) -> Option<&str> {
    if let Some(f) = s.fields.iter().find(|f| f.http == Some(HttpBinding::Payload)) {
        return Some(match &f.value.kind {
            // Bytes of no stated type: any content type, any accept.
            ValueKind::Blob => f.media_type.as_deref().unwrap_or("*/*"),
            ValueKind::String | ValueKind::Enum { .. } => f.media_type.as_deref().unwrap_or("text/plain"),
            _ => "application/json",
        });
    }
    (s.fields.is_empty() || s.fields.iter().any(|f| f.http.is_none())).then_some("application/json")
}

/// A query parameter: the first value for a scalar, every value for a list.
fn query_binding(f: &FieldDef, name: &str, assign: &dyn Fn(TokenStream) -> TokenStream) -> TokenStream {
    let invalid = format!("the query parameter `{name}` is not a valid `{}`", f.member);
    match &f.value.kind {
        ValueKind::List { element, .. } => {
            let item = parse_text(element, quote!(text), Reader::Server);
            let set = assign(quote!(value));
            quote! {
                let items = #RUNTIME::server::rest::query_values(&query, #name);
                if !items.is_empty() {
                    let value = items
                        .iter()
                        .map(|text| { let text = *text; #item })
                        .collect::<#OPTION<#VEC<_>>>()
                        .ok_or_else(|| malformed(#invalid.to_owned()))?;
                    #set
                }
            }
        }
        _ => {
            let parsed = parse_text(&f.value, quote!(text), Reader::Server);
            let set = assign(quote!(value));
            quote! {
                if let #SOME(text) = #RUNTIME::server::rest::query_values(&query, #name).first().copied() {
                    let value = #parsed.ok_or_else(|| malformed(#invalid.to_owned()))?;
                    #set
                }
            }
        }
    }
}

/// `@httpQueryParams`: every parameter, as a map of strings (the first
/// value) or of lists of strings.
fn query_params_binding(f: &FieldDef, assign: &dyn Fn(TokenStream) -> TokenStream) -> TokenStream {
    let ValueKind::Map { value: item, .. } = &f.value.kind else {
        return TokenStream::new();
    };
    let insert = match &item.kind {
        ValueKind::List { .. } => quote!(map.entry(key.clone()).or_insert_with(#VEC::new).push(value.clone());),
        _ => quote!(map.entry(key.clone()).or_insert_with(|| value.clone());),
    };
    let set = assign(quote!(map));
    // Every parameter, those members name too: a service sees them all.
    quote! {
        let mut map = ::std::collections::BTreeMap::new();
        for (key, value) in &query {
            #insert
        }
        if !map.is_empty() {
            #set
        }
    }
}
