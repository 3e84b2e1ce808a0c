//! Per operation: `request(&input) -> http::Request<Vec<u8>>` and
//! `response(&http::Response<B>) -> Result<Output, ResponseError<Error>>`, from the
//! `@http` trait and the member binding traits (restJson1), or the awsJson rules
//! (`POST /`, `X-Amz-Target`, the whole input as the body). No I/O happens here.

use proc_macro2::TokenStream;
use quote::quote;

use super::prelude::{AS_REF, BOX, ERR, NONE, OK, OPTION, RESULT, SOME, STRING, VEC};
use super::symbols::RUNTIME;
use super::types::{codec, field_codec, ident, path, value_type};
use crate::ir::rust::TimestampFormat;
use crate::ir::rust::{
    CrateIr, FieldDef, HttpBinding, OperationDef, Protocol, RustPath, StructureDef, ValueKind, ValueType,
};

fn structure<'a>(ir: &'a CrateIr, p: &RustPath) -> Option<&'a StructureDef> {
    ir.structures.iter().find(|s| &s.path == p)
}

/// The request and response functions of one operation, or nothing for protocols
/// without an HTTP binding we implement.
pub fn emit(op: &OperationDef, ir: &CrateIr) -> TokenStream {
    let (Some(input), Some(output)) = (structure(ir, &op.input), structure(ir, &op.output)) else {
        return TokenStream::new();
    };
    let request = match &ir.protocol {
        Protocol::RestJson1 => match &op.http {
            Some(http) => rest_json_request(op, input, &http.method, &http.uri),
            None => return TokenStream::new(),
        },
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => aws_json_request(op, ir),
        _ => return TokenStream::new(),
    };
    let request = match &op.host_prefix {
        Some(prefix) => with_host_prefix(request, prefix, input),
        None => request,
    };
    // Compression comes before the checksum, which covers the bytes sent.
    let mut steps = Vec::new();
    if op.gzip_request {
        steps.push(quote!(let request = #RUNTIME::http::compress_gzip(request)?;));
    }
    if op.checksum_required {
        steps.push(quote!(let request = #RUNTIME::http::with_content_md5(request)?;));
    }
    let request = if steps.is_empty() {
        request
    } else {
        quote! {
            let build = || -> #RESULT<::http::Request<#VEC<u8>>, #RUNTIME::http::RequestError> {
                #request
            };
            let request = build()?;
            #(#steps)*
            #OK(request)
        }
    };
    let response = response(op, output, ir);
    let input_ty = path(&op.input);
    let output_ty = path(&op.output);
    let error_ty = quote::format_ident!("{}Error", op.name);
    let marker = ident(&op.name);
    // An input without members leaves the parameter unread.
    let input_param = if mentions_ident(&request, "input") {
        quote!(input)
    } else {
        quote!(_input)
    };
    quote! {
        impl #marker {
            /// Builds the HTTP request for `input`: method, path and query, headers and
            /// body. Constraint traits are left to the service, as Smithy advises
            /// clients (a service may accept what this crate's model does not know yet);
            /// call `input.validate()` first to check them here. Only what the request
            /// itself needs can fail, such as an empty URI label. The URI is origin-form
            /// (`/path?query`); the caller adds the endpoint, signs the request and sends
            /// it with any HTTP client.
            pub fn request(#input_param: &#input_ty) -> #RESULT<::http::Request<#VEC<u8>>, #RUNTIME::http::RequestError> {
                #request
            }

            /// Reads an HTTP response: a 2xx status yields the output (an empty body is
            /// `{}`); anything else is an error, matched to a modeled error by its code.
            pub fn response<B: #AS_REF<[u8]>>(response: &::http::Response<B>) -> #RESULT<#output_ty, #RUNTIME::http::ResponseError<#error_ty>> {
                #response
            }

            /// [`response`](Self::response), keeping the status and the request id of a
            /// successful response too (an error response's are on its `ServiceError`).
            pub fn response_received<B: #AS_REF<[u8]>>(response: &::http::Response<B>) -> #RESULT<#RUNTIME::http::Received<#output_ty>, #RUNTIME::http::ResponseError<#error_ty>> {
                #RUNTIME::http::received(response, Self::response)
            }
        }
    }
}

/// Wraps the request-building `body` so the request carries the `@endpoint`
/// host prefix, its `{label}`s filled from the input's members.
fn with_host_prefix(body: TokenStream, prefix: &str, input: &StructureDef) -> TokenStream {
    let mut build = quote!(let mut prefix = #STRING::new(););
    let mut rest = prefix;
    while let Some(open) = rest.find('{') {
        let literal = &rest[..open];
        if !literal.is_empty() {
            build.extend(push_text(quote!(prefix), literal));
        }
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
        let label = &rest[open + 1..close];
        if let Some(f) = input.fields.iter().find(|f| f.member == label) {
            let value = field_value(f);
            let t = text(&f.value, quote!(value));
            let name = &f.member;
            build.extend(quote! {
                match #value {
                    #SOME(value) if !#t.is_empty() => prefix.push_str(&#t),
                    _ => return #ERR(#RUNTIME::http::RequestError::EmptyLabel(#name)),
                }
            });
        }
        rest = &rest[(close + 1).min(rest.len())..];
    }
    if !rest.is_empty() {
        build.extend(push_text(quote!(prefix), rest));
    }
    quote! {
        #build
        let build = || -> #RESULT<::http::Request<#VEC<u8>>, #RUNTIME::http::RequestError> {
            #body
        };
        let mut request = build()?;
        request.extensions_mut().insert(#RUNTIME::http::HostPrefix(prefix));
        #OK(request)
    }
}

/// `uri.push('c')` for one character, `uri.push_str("...")` otherwise.
fn push_literal(text: &str) -> TokenStream {
    push_text(quote!(uri), text)
}

/// `target.push('c')` for one character, `target.push_str("...")` otherwise.
fn push_text(target: TokenStream, text: &str) -> TokenStream {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => quote!(#target.push(#c);),
        _ => quote!(#target.push_str(#text);),
    }
}

/// Whether the identifier `name` occurs in `tokens` (string literals that merely
/// contain the word do not count).
fn mentions_ident(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(i) => i == name,
        proc_macro2::TokenTree::Group(g) => mentions_ident(&g.stream(), name),
        _ => false,
    })
}

/// `expr` (a `&T`) as text for a URI or header.
fn text(v: &ValueType, expr: TokenStream) -> TokenStream {
    match &v.kind {
        ValueKind::Enum { .. } => quote!(#expr.as_str().to_owned()),
        ValueKind::IntEnum { .. } => quote!(#expr.value().to_string()),
        ValueKind::Timestamp(TimestampFormat::HttpDate) => quote!(#RUNTIME::http::http_date(#expr)),
        ValueKind::Timestamp(TimestampFormat::EpochSeconds) => quote!(#RUNTIME::http::epoch_seconds(#expr)),
        ValueKind::Timestamp(TimestampFormat::DateTime) => quote!(#RUNTIME::http::date_time(#expr)),
        ValueKind::Blob => quote!(#expr.to_base64()),
        ValueKind::BigInteger | ValueKind::BigDecimal => quote!(#expr.as_str().to_owned()),
        _ => quote!(#RUNTIME::http::HttpText::http_text(#expr)),
    }
}

/// Parses header text into a value of `v`'s type, as an `Option`.
pub(super) fn parse_text(v: &ValueType, text_expr: TokenStream) -> TokenStream {
    match &v.kind {
        ValueKind::Enum { path: p, .. } => {
            let ty = path(p);
            quote!(#SOME(#ty::from(#text_expr.trim())))
        }
        ValueKind::IntEnum { path: p, .. } => {
            let ty = path(p);
            quote!(#text_expr.trim().parse::<i32>().ok().map(#ty::from))
        }
        ValueKind::Blob => quote!(#RUNTIME::Blob::from_base64(#text_expr.trim()).ok()),
        _ => {
            let ty = value_type(v);
            quote!(<#ty as #RUNTIME::http::FromHeader>::from_header(#text_expr))
        }
    }
}

fn body_fields(s: &StructureDef) -> Vec<&FieldDef> {
    s.fields.iter().filter(|f| f.http.is_none()).collect()
}

fn field_value(f: &FieldDef) -> TokenStream {
    let field = ident(&f.rust_name);
    if f.optional {
        quote!(input.#field.as_ref())
    } else {
        quote!(#SOME(&input.#field))
    }
}

fn rest_json_request(op: &OperationDef, input: &StructureDef, method: &str, uri: &str) -> TokenStream {
    let (path_part, literal_query) = uri.split_once('?').unwrap_or((uri, ""));
    let mut path_code = TokenStream::new();
    let mut rest = path_part;
    while let Some(open) = rest.find('{') {
        let literal = &rest[..open];
        if !literal.is_empty() {
            path_code.extend(push_literal(literal));
        }
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
        let label = &rest[open + 1..close];
        let (name, greedy) = match label.strip_suffix('+') {
            Some(n) => (n, true),
            None => (label, false),
        };
        match input
            .fields
            .iter()
            .find(|f| f.member == name && f.http == Some(HttpBinding::Label))
        {
            Some(f) => {
                let value = field_value(f);
                let member = &f.member;
                let as_text = text(&f.value, quote!(value));
                path_code.extend(quote! {
                    {
                        let label = match #value {
                            #SOME(value) => #as_text,
                            #NONE => #STRING::new(),
                        };
                        if label.is_empty() {
                            return #ERR(#RUNTIME::http::RequestError::EmptyLabel(#member));
                        }
                        uri.push_str(&#RUNTIME::http::percent_encode(&label, #greedy));
                    }
                });
            }
            None => {
                let message = format!("the URI label `{name}` of {} has no @httpLabel member", op.name);
                path_code.extend(quote!(return #ERR(#RUNTIME::http::RequestError::Http(#message.to_owned()));));
            }
        }
        rest = &rest[(close + 1).min(rest.len())..];
    }
    if !rest.is_empty() {
        path_code.extend(push_literal(rest));
    }

    // Constant query parameters of the URI pattern go out as written (`hello`
    // stays a bare key); members' parameters follow.
    let mut query_code = TokenStream::new();
    let explicit_keys: Vec<&str> = input
        .fields
        .iter()
        .filter_map(|f| match &f.http {
            Some(HttpBinding::Query(name)) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    let explicit_headers: Vec<&str> = input
        .fields
        .iter()
        .filter_map(|f| match &f.http {
            Some(HttpBinding::Header(name)) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    let mut header_code = TokenStream::new();
    for f in &input.fields {
        let value = field_value(f);
        match &f.http {
            Some(HttpBinding::Query(name)) => {
                let push = match &f.value.kind {
                    ValueKind::List { element, .. } => {
                        let item = text(element, quote!(item));
                        quote!(for item in value.iter() { query.push(#name, #item); })
                    }
                    _ => {
                        let t = text(&f.value, quote!(value));
                        quote!(query.push(#name, #t);)
                    }
                };
                query_code.extend(quote!(if let #SOME(value) = #value { #push }));
            }
            Some(HttpBinding::QueryParams) => {
                if let ValueKind::Map { value: item, .. } = &f.value.kind {
                    let push = match &item.kind {
                        ValueKind::List { element, .. } => {
                            let t = text(element, quote!(v));
                            quote!(for v in item.iter() { query.push(key.clone(), #t); })
                        }
                        _ => {
                            let t = text(item, quote!(item));
                            quote!(query.push(key, #t);)
                        }
                    };
                    query_code.extend(quote! {
                        if let #SOME(value) = #value {
                            for (key, item) in value.iter() {
                                let key: #STRING = key.to_string();
                                // Explicit @httpQuery members win over the map.
                                if [#(#explicit_keys),*].contains(&key.as_str()) {
                                    continue;
                                }
                                #push
                            }
                        }
                    });
                }
            }
            Some(HttpBinding::Header(name)) => {
                let t = match &f.value.kind {
                    // HTTP dates hold a comma, yet go into header lists unquoted.
                    ValueKind::List { element, .. }
                        if matches!(element.kind, ValueKind::Timestamp(TimestampFormat::HttpDate)) =>
                    {
                        quote!(value
                            .iter()
                            .map(#RUNTIME::http::http_date)
                            .collect::<#VEC<_>>()
                            .join(", "))
                    }
                    ValueKind::List { element, .. } => {
                        let item = text(element, quote!(item));
                        quote!(value.iter().map(|item| {
                            let text: #STRING = #item;
                            #RUNTIME::http::header_list_item(&text)
                        }).collect::<#VEC<_>>().join(", "))
                    }
                    // A string with a @mediaType goes into a header as base64.
                    ValueKind::String if f.media_type.is_some() => {
                        quote!(#RUNTIME::Blob::new(value.as_bytes().to_vec()).to_base64())
                    }
                    _ => text(&f.value, quote!(value)),
                };
                header_code.extend(quote! {
                    if let #SOME(value) = #value {
                        let text = #t;
                        headers.push((#name.to_owned(), #RUNTIME::http::header_value(#name, &text)?));
                    }
                });
            }
            Some(HttpBinding::PrefixHeaders(prefix)) => {
                if let ValueKind::Map { value: item, .. } = &f.value.kind {
                    let t = text(item, quote!(item));
                    header_code.extend(quote! {
                        if let #SOME(value) = #value {
                            for (key, item) in value.iter() {
                                let name = ::std::format!("{}{}", #prefix, key);
                                // An @httpHeader member of the same name wins.
                                if [#(#explicit_headers),*].iter().any(|h: &&str| h.eq_ignore_ascii_case(&name)) {
                                    continue;
                                }
                                let text = #t;
                                let header = #RUNTIME::http::header_value(&name, &text)?;
                                headers.push((name, header));
                            }
                        }
                    });
                }
            }
            _ => {}
        }
    }
    let body = request_body(input);
    let literal_query = literal_query.trim_matches('&');
    // Constant parameters go first, as written; members' parameters follow.
    let query_block = if query_code.is_empty() {
        (!literal_query.is_empty())
            .then(|| quote!(#RUNTIME::http::Query::default().write_to(&mut uri, #literal_query);))
    } else {
        Some(quote! {
            let mut query = #RUNTIME::http::Query::default();
            #query_code
            query.write_to(&mut uri, #literal_query);
        })
    };
    // A Content-Type header member replaces the payload's default content type.
    let content_type_guard = input
        .fields
        .iter()
        .find(|f| matches!(&f.http, Some(HttpBinding::Header(name)) if name.eq_ignore_ascii_case("content-type")))
        .map(|f| {
            let value = field_value(f);
            quote! {
                let content_type = if #value.is_some() { #NONE } else { content_type };
            }
        });
    let (headers_block, headers) = if header_code.is_empty() {
        (TokenStream::new(), quote!(#VEC::new()))
    } else {
        (
            quote! {
                let mut headers: #VEC<(#STRING, ::http::HeaderValue)> = #VEC::new();
                #header_code
            },
            quote!(headers),
        )
    };
    quote! {
        let mut uri = #STRING::new();
        #path_code
        #query_block
        #headers_block
        #body
        #content_type_guard
        #RUNTIME::http::build_request(#method, uri, #headers, body, content_type)
    }
}

/// `let (body, content_type) = ...` for restJson1: the payload member, or a JSON
/// object of the members not bound elsewhere (none: an empty body).
fn request_body(input: &StructureDef) -> TokenStream {
    if let Some(f) = input.fields.iter().find(|f| f.http == Some(HttpBinding::Payload)) {
        let value = field_value(f);
        let (bytes, content_type) = payload_bytes(&f.value);
        let content_type = f.media_type.as_deref().unwrap_or(content_type);
        // An unset structure payload is still a JSON object.
        let unset = if matches!(f.value.kind, ValueKind::Structure { .. }) {
            quote!((b"{}".to_vec(), #SOME("application/json")))
        } else {
            quote!((#VEC::new(), #NONE))
        };
        return quote! {
            let (body, content_type): (#VEC<u8>, #OPTION<&str>) = match #value {
                #SOME(value) => (#bytes, #SOME(#content_type)),
                #NONE => #unset,
            };
        };
    }
    let fields = body_fields(input);
    if fields.is_empty() {
        return quote! {
            let (body, content_type): (#VEC<u8>, #OPTION<&str>) = (#VEC::new(), #NONE);
        };
    }
    let entries = fields.iter().map(|f| {
        let value = field_value(f);
        let wire = &f.wire_name;
        let c = field_codec(f);
        quote! {
            if let #SOME(value) = #value {
                #RUNTIME::wire::entry::<#c, _, _>(&mut map, #wire, value).map_err(|e| #RUNTIME::http::RequestError::Body(e.to_string()))?;
            }
        }
    });
    quote! {
        let body = {
            use ::serde::ser::{SerializeMap as _, Serializer as _};
            let mut bytes = #VEC::new();
            let mut serializer = ::serde_json::Serializer::new(&mut bytes);
            let mut map = serializer.serialize_map(#NONE).map_err(|e| #RUNTIME::http::RequestError::Body(e.to_string()))?;
            #(#entries)*
            map.end().map_err(|e| #RUNTIME::http::RequestError::Body(e.to_string()))?;
            bytes
        };
        let content_type = #SOME("application/json");
    }
}

/// The bytes of a payload value (a `&T` named `value`) and its content type.
fn payload_bytes(v: &ValueType) -> (TokenStream, &'static str) {
    match &v.kind {
        ValueKind::Blob => (quote!(value.as_bytes().to_vec()), "application/octet-stream"),
        ValueKind::String => (quote!(value.as_bytes().to_vec()), "text/plain"),
        ValueKind::Enum { .. } => (quote!(value.as_str().as_bytes().to_vec()), "text/plain"),
        _ => {
            let c = codec(v);
            (
                quote!(::serde_json::to_vec(&#RUNTIME::wire::Ser::<#c, _>::new(value)).map_err(|e| #RUNTIME::http::RequestError::Body(e.to_string()))?),
                "application/json",
            )
        }
    }
}

fn aws_json_request(op: &OperationDef, ir: &CrateIr) -> TokenStream {
    let target = format!("{}.{}", ir.service_name.as_deref().unwrap_or_default(), op.id.name());
    let content_type = match ir.protocol {
        Protocol::AwsJson1_0 => "application/x-amz-json-1.0",
        _ => "application/x-amz-json-1.1",
    };
    quote! {
        let body = ::serde_json::to_vec(input).map_err(|e| #RUNTIME::http::RequestError::Body(e.to_string()))?;
        ::http::Request::builder()
            .method("POST")
            .uri("/")
            .header("content-type", #content_type)
            .header("x-amz-target", #target)
            .header("content-length", body.len())
            .body(body)
            .map_err(|e| #RUNTIME::http::RequestError::Http(e.to_string()))
    }
}

fn response(op: &OperationDef, output: &StructureDef, ir: &CrateIr) -> TokenStream {
    let error_ty = quote::format_ident!("{}Error", op.name);
    let output_ty = path(&op.output);
    let rest = matches!(ir.protocol, Protocol::RestJson1);
    let payload = output
        .fields
        .iter()
        .find(|f| rest && f.http == Some(HttpBinding::Payload));
    let parse_body = match payload {
        Some(f) => {
            let field = ident(&f.rust_name);
            let wire = &f.wire_name;
            let value = match &f.value.kind {
                // No bytes is no payload.
                ValueKind::Blob => quote!((!body.is_empty()).then(|| #RUNTIME::Blob::new(body.to_vec()))),
                ValueKind::String => quote!(#SOME(
                    #STRING::from_utf8(body.to_vec()).map_err(|e| malformed(e.to_string()))?
                )),
                ValueKind::Enum { path: p, .. } => {
                    let ty = path(p);
                    quote!(#SOME(#ty::from(#STRING::from_utf8_lossy(body).as_ref())))
                }
                _ => {
                    let c = codec(&f.value);
                    quote! {
                        if body.is_empty() {
                            #NONE
                        } else {
                            let mut de = ::serde_json::Deserializer::from_slice(body);
                            #SOME(<#c as #RUNTIME::wire::Codec<_>>::deserialize(&mut de).map_err(|e| malformed(e.to_string()))?)
                        }
                    }
                }
            };
            // Required members without a default were error-corrected while the
            // empty body was read: setting them clears that record.
            let clear = f
                .correctable()
                .then(|| quote!(output.client_corrections.remove(#wire);));
            let assign = match (f.optional, f.boxed) {
                (true, false) => quote!(output.#field = value;),
                (true, true) => quote!(output.#field = value.map(#BOX::new);),
                (false, boxed) => {
                    let wrap = if boxed { quote!(#BOX::new(v)) } else { quote!(v) };
                    quote! {
                        if let #SOME(v) = value {
                            output.#field = #wrap;
                            #clear
                        }
                    }
                }
            };
            quote! {
                let mut output: #output_ty = ::serde_json::from_slice(b"{}").map_err(|e| malformed(e.to_string()))?;
                let value = #value;
                #assign
            }
        }
        // The bindings below set members of it.
        None => quote! {
            let mut output: #output_ty = #RUNTIME::http::json_output(status, body)?;
        },
    };
    let mut bindings = TokenStream::new();
    for f in output.fields.iter().filter(|_| rest) {
        let field = ident(&f.rust_name);
        let wire = &f.wire_name;
        let set = |value: TokenStream| {
            if f.optional {
                quote!(output.#field = #SOME(#value);)
            } else if f.default.is_some() {
                quote!(output.#field = #value;)
            } else {
                quote! {
                    output.#field = #value;
                    output.client_corrections.remove(#wire);
                }
            }
        };
        match &f.http {
            Some(HttpBinding::Header(name)) => {
                let parsed = match &f.value.kind {
                    ValueKind::List { element, .. } => {
                        let item = parse_text(element, quote!(item.as_str()));
                        let split = if matches!(element.kind, ValueKind::Timestamp(TimestampFormat::HttpDate)) {
                            quote!(#RUNTIME::http::split_http_date_list(text))
                        } else {
                            quote!(#RUNTIME::http::split_header_list(text))
                        };
                        quote!(#split.iter().map(|item| #item).collect::<#OPTION<#VEC<_>>>())
                    }
                    ValueKind::String if f.media_type.is_some() => quote! {
                        #RUNTIME::Blob::from_base64(text.trim())
                            .ok()
                            .and_then(|blob| #STRING::from_utf8(blob.as_bytes().to_vec()).ok())
                    },
                    _ => parse_text(&f.value, quote!(text)),
                };
                let message = format!("header `{name}` is not a valid `{}`", f.member);
                let assign = set(quote!(value));
                bindings.extend(quote! {
                    if let #SOME(text) = response.headers().get(#name).and_then(|v| v.to_str().ok()) {
                        let value = #parsed.ok_or_else(|| malformed(#message.to_owned()))?;
                        #assign
                    }
                });
            }
            Some(HttpBinding::PrefixHeaders(prefix)) => {
                if let ValueKind::Map {
                    key: key_type,
                    value: item,
                    ..
                } = &f.value.kind
                {
                    let parsed = parse_text(item, quote!(text));
                    let lower = prefix.to_ascii_lowercase();
                    let key_value = match &key_type.kind {
                        ValueKind::Enum { path: p, .. } => {
                            let ty = path(p);
                            quote!(#ty::from(key))
                        }
                        _ => quote!(key.to_owned()),
                    };
                    let assign = set(quote!(map));
                    bindings.extend(quote! {
                        let mut map = ::std::collections::BTreeMap::new();
                        for (name, value) in response.headers() {
                            if let (#SOME(key), #OK(text)) = (name.as_str().strip_prefix(#lower), value.to_str()) {
                                if let #SOME(value) = #parsed {
                                    map.insert(#key_value, value);
                                }
                            }
                        }
                        if !map.is_empty() {
                            #assign
                        }
                    });
                }
            }
            Some(HttpBinding::ResponseCode) => {
                let assign = set(quote!(i32::from(status)));
                bindings.extend(assign);
            }
            _ => {}
        }
    }
    // The whole output in the JSON body: the runtime reads it.
    if payload.is_none() && bindings.is_empty() {
        return quote!(#RUNTIME::http::json_response(response, #error_ty::from_response));
    }
    let read = quote!(#parse_body #bindings);
    // A closure for what the payload or a header cannot be read as, if any is.
    let malformed = mentions_ident(&read, "malformed").then(|| {
        quote! {
            let malformed = |message: #STRING| #RUNTIME::http::ResponseError::Malformed {
                status,
                message,
                body: body.to_vec(),
            };
        }
    });
    quote! {
        let status = response.status().as_u16();
        let body: &[u8] = response.body().as_ref();
        #malformed
        if !(200..300).contains(&status) {
            return #ERR(#RUNTIME::http::error_response(response, #error_ty::from_response));
        }
        #read
        #OK(output)
    }
}
