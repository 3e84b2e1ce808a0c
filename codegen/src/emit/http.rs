//! Per operation: `request(&input) -> http::Request<Vec<u8>>` and
//! `response(&http::Response<B>) -> Result<Output, ResponseError<Error>>`, from the
//! `@http` trait and the member binding traits (restJson1, restXml), the
//! awsJson rules (`POST /`, `X-Amz-Target`, the whole input as the body), or
//! the query rules (`POST /`, a form body, an XML answer). The body's format
//! is the protocol's ([`Format`]); the bindings are the same for both REST
//! protocols. No I/O happens here.

use proc_macro2::TokenStream;
use quote::quote;

use super::prelude::{AS_REF, BOX, ERR, NONE, OK, OPTION, RESULT, SOME, STRING, VEC};
use super::schemas;
use super::symbols::RUNTIME;
use super::types::{codec, ident, path, value_type};
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
        Protocol::RestJson1 | Protocol::RestXml { .. } => match &op.http {
            Some(http) => rest_request(op, input, ir, &http.method, &http.uri),
            None => return TokenStream::new(),
        },
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => aws_json_request(op, ir),
        Protocol::AwsQuery | Protocol::Ec2Query => query_request(op, input, ir),
        Protocol::RpcV2Json { .. } | Protocol::RpcV2Cbor { .. } => rpc_v2_request(op, ir),
        Protocol::Other(_) | Protocol::None => return TokenStream::new(),
    };
    let request = match &op.host_prefix {
        Some(prefix) => with_host_prefix(request, prefix, input),
        None => request,
    };
    let request = with_idempotency_tokens(request, input);
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
    // An input without members leaves the parameter unread.
    let input_param = if mentions_ident(&request, "input") {
        quote!(input)
    } else {
        quote!(_input)
    };
    quote! {
        /// The HTTP request for `input`, to send to an endpoint ([more](runtime::http#requests)).
        pub fn request(#input_param: &#input_ty) -> #RESULT<::http::Request<#VEC<u8>>, #RUNTIME::http::RequestError> {
            #request
        }

        /// The output of a 2xx response, or the error it says ([more](runtime::http#responses)).
        pub fn response<B: #AS_REF<[u8]>>(response: &::http::Response<B>) -> #RESULT<#output_ty, #RUNTIME::http::ResponseError<#error_ty>> {
            #response
        }

        /// [`response`](Self::response), keeping a success's status and request id.
        pub fn response_received<B: #AS_REF<[u8]>>(response: &::http::Response<B>) -> #RESULT<#RUNTIME::http::Received<#output_ty>, #RUNTIME::http::ResponseError<#error_ty>> {
            #RUNTIME::http::received(response, Self::response)
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

/// Prefixes the request-building `body` with filling in the input's unset
/// `@idempotencyToken` members (on a copy), as Smithy asks of clients.
fn with_idempotency_tokens(body: TokenStream, input: &StructureDef) -> TokenStream {
    let tokens: Vec<_> = input
        .fields
        .iter()
        .filter(|f| f.idempotency_token && f.is_optional() && matches!(f.value.kind, ValueKind::String))
        .map(|f| ident(&f.rust_name))
        .collect();
    if tokens.is_empty() {
        return body;
    }
    let fills = tokens
        .iter()
        .map(|field| quote!(copy.#field.get_or_insert_with(#RUNTIME::idempotency::token);));
    quote! {
        // Unset idempotency tokens get fresh ones.
        let filled;
        let input = if #(input.#tokens.is_none())||* {
            let mut copy = input.clone();
            #(#fills)*
            filled = copy;
            &filled
        } else {
            input
        };
        #body
    }
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
pub(super) fn mentions_ident(tokens: &TokenStream, name: &str) -> bool {
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
        ValueKind::BigInteger { .. } | ValueKind::BigDecimal { .. } => quote!(#expr.as_str().to_owned()),
        _ => quote!(#RUNTIME::http::HttpText::http_text(#expr)),
    }
}

/// Parses header text into a value of `v`'s type, as an `Option`. A client
/// reads a timestamp in any form it recognises; a service only in the
/// binding's format.
pub(super) fn parse_text(v: &ValueType, text_expr: TokenStream, reader: Reader) -> TokenStream {
    match &v.kind {
        ValueKind::Timestamp(format) if reader == Reader::Server => {
            let format = match format {
                TimestampFormat::DateTime => quote!(DateTime),
                TimestampFormat::HttpDate => quote!(HttpDate),
                TimestampFormat::EpochSeconds => quote!(EpochSeconds),
            };
            quote!(#RUNTIME::server::rest::timestamp(#text_expr, #RUNTIME::server::rest::TimeFormat::#format))
        }
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

fn field_value(f: &FieldDef) -> TokenStream {
    let field = ident(&f.rust_name);
    if f.is_optional() {
        quote!(input.#field.as_ref())
    } else {
        quote!(#SOME(&input.#field))
    }
}

/// A member's value for a binding: `Option<&T>`, turned into binding text
/// by its timestamp format where it has one; a list's items one by one.
fn binding_value(f: &FieldDef) -> TokenStream {
    let field = ident(&f.rust_name);
    let wrap = |v: &ValueType| match &v.kind {
        ValueKind::Timestamp(TimestampFormat::HttpDate) => Some(quote!(#RUNTIME::http::HttpDate)),
        ValueKind::Timestamp(TimestampFormat::EpochSeconds) => Some(quote!(#RUNTIME::http::EpochSeconds)),
        _ => None,
    };
    let (access, deref) = if f.is_optional() {
        (quote!(input.#field.as_ref()), quote!(input.#field.as_deref()))
    } else {
        (quote!(#SOME(&input.#field)), quote!(#SOME(input.#field.as_slice())))
    };
    match &f.value.kind {
        ValueKind::List { element, .. } => match wrap(element) {
            Some(w) => quote!(#deref.map(|items| #RUNTIME::http::EachAs::new(items, #w))),
            None => quote!(#deref.map(#RUNTIME::http::Each)),
        },
        // A string with a @mediaType goes into a header as base64.
        ValueKind::String if f.media_type.is_some() && matches!(f.http, Some(HttpBinding::Header(_))) => {
            quote!(#access.map(|text| #RUNTIME::http::Base64Text(text)))
        }
        _ => match wrap(&f.value) {
            Some(w) => quote!(#access.map(#w)),
            None => access,
        },
    }
}

/// How a body is written and read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Xml,
}

impl Format {
    fn of(protocol: &Protocol) -> Self {
        if protocol.is_xml() {
            Format::Xml
        } else {
            Format::Json
        }
    }
}

/// Where the protocol's error responses keep the `<Error>` element.
fn error_wrapping(protocol: &Protocol) -> TokenStream {
    let variant = match protocol {
        Protocol::RestXml {
            no_error_wrapping: true,
        } => quote!(Bare),
        Protocol::Ec2Query => quote!(Errors),
        _ => quote!(ErrorResponse),
    };
    quote!(#RUNTIME::xml::protocol::ErrorWrapping::#variant)
}

/// The REST protocols' request: one builder call per binding, in the
/// members' order (labels in the URI pattern's), then the payload or the
/// body of the members left.
fn rest_request(op: &OperationDef, input: &StructureDef, ir: &CrateIr, method: &str, uri: &str) -> TokenStream {
    let (path_part, literal_query) = uri.split_once('?').unwrap_or((uri, ""));
    let literal_query = literal_query.trim_matches('&');
    let mut calls = Vec::new();
    let mut rest = path_part;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            let literal = &rest[..open];
            calls.push(quote!(.path(#literal)));
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
                let value = binding_value(f);
                let member = &f.member;
                calls.push(quote!(.label(#member, #value, #greedy)));
            }
            None => {
                let message = format!("the URI label `{name}` of {} has no @httpLabel member", op.name);
                calls.push(quote!(.unbound_label(#message)));
            }
        }
        rest = &rest[(close + 1).min(rest.len())..];
    }
    if !rest.is_empty() {
        calls.push(quote!(.path(#rest)));
    }
    calls.extend(message_calls(input, ir, Reader::Client));
    quote! {
        #RUNTIME::http::RequestBuilder::new(#method, #literal_query)
            #(#calls)*
            .build()
    }
}

/// The builder calls of a message's query, header and prefix-header
/// bindings and its body (the payload, or the members left), for the
/// structure held in `input`: a client's request, or (with the same
/// builder) a service's response (`writer`: `Reader::Server`). A client
/// sends an unset structure payload as `{}`; a service sends no body, and
/// always a JSON object when the members bound elsewhere leave none.
pub(super) fn message_calls(input: &StructureDef, ir: &CrateIr, writer: Reader) -> Vec<TokenStream> {
    let mut calls = Vec::new();
    let explicit = |pick: fn(&HttpBinding) -> Option<&str>| -> Vec<&str> {
        input
            .fields
            .iter()
            .filter_map(|f| f.http.as_ref().and_then(pick))
            .collect()
    };
    let query_keys = explicit(|b| match b {
        HttpBinding::Query(name) => Some(name),
        _ => None,
    });
    let header_names = explicit(|b| match b {
        HttpBinding::Header(name) => Some(name),
        _ => None,
    });
    for f in &input.fields {
        let field = ident(&f.rust_name);
        let map = if f.is_optional() {
            quote!(input.#field.as_ref())
        } else {
            quote!(#SOME(&input.#field))
        };
        match &f.http {
            // A response has no query: such members travel in its body.
            Some(HttpBinding::Query(_) | HttpBinding::QueryParams) if writer == Reader::Server => {}
            Some(HttpBinding::Query(name)) => {
                let value = binding_value(f);
                calls.push(quote!(.query(#name, #value)));
            }
            Some(HttpBinding::QueryParams) => calls.push(quote!(.query_params(#map, &[#(#query_keys),*]))),
            Some(HttpBinding::Header(name)) => {
                let value = binding_value(f);
                calls.push(quote!(.header(#name, #value)));
            }
            Some(HttpBinding::PrefixHeaders(prefix)) => {
                calls.push(quote!(.prefix_headers(#prefix, #map, &[#(#header_names),*])));
            }
            _ => {}
        }
    }
    calls.extend(request_body(input, ir, writer));
    // A Content-Type header member replaces the payload's default content type.
    if let Some(f) = input
        .fields
        .iter()
        .find(|f| matches!(&f.http, Some(HttpBinding::Header(name)) if name.eq_ignore_ascii_case("content-type")))
    {
        let field = ident(&f.rust_name);
        let set = if f.is_optional() {
            quote!(input.#field.is_some())
        } else {
            quote!(true)
        };
        calls.push(quote!(.content_type_from_member(#set)));
    }
    calls
}

/// The payload member, or a document (JSON object, XML element) of the
/// members not bound elsewhere (none: no body), as builder calls.
fn request_body(input: &StructureDef, ir: &CrateIr, writer: Reader) -> Option<TokenStream> {
    let format = Format::of(&ir.protocol);
    if let Some(f) = input.fields.iter().find(|f| f.http == Some(HttpBinding::Payload)) {
        let field = ident(&f.rust_name);
        let access = if f.is_optional() {
            quote!(input.#field.as_ref())
        } else {
            quote!(#SOME(&input.#field))
        };
        return Some(match &f.value.kind {
            ValueKind::Blob | ValueKind::String | ValueKind::Enum { .. } => {
                let default = match f.value.kind {
                    ValueKind::Blob => "application/octet-stream",
                    _ => "text/plain",
                };
                let content_type = f.media_type.as_deref().unwrap_or(default);
                let bytes = match f.value.kind {
                    ValueKind::Blob => quote!(|value| value.as_bytes()),
                    ValueKind::String => quote!(|value| value.as_bytes()),
                    _ => quote!(|value| value.as_str().as_bytes()),
                };
                quote!(.payload_bytes(#access.map(#bytes), #content_type))
            }
            ValueKind::Structure { path: p } | ValueKind::Union { path: p } if format == Format::Xml => {
                let root = payload_root(ir, f, p);
                let schema = schemas::schema_ref(ir, p);
                quote!(.payload_xml(#access, #root, #RUNTIME::xml::Value::Structure(#schema)))
            }
            _ => {
                let c = codec(&f.value);
                // A client's unset structure payload is still a JSON object.
                let object = writer == Reader::Client && matches!(f.value.kind, ValueKind::Structure { .. });
                quote!(.payload_json::<#c, _>(#access, #object))
            }
        });
    }
    // What a message carries outside its body: all bindings in a request; in
    // a response, where labels and query parameters mean nothing, the
    // headers and the status.
    let outside = |f: &&FieldDef| match writer {
        Reader::Client => f.http.is_some(),
        Reader::Server => !matches!(
            f.http,
            None | Some(HttpBinding::Label | HttpBinding::Query(_) | HttpBinding::QueryParams)
        ),
    };
    let in_body = input.fields.iter().filter(|f| !outside(f)).count();
    if in_body == 0 && (writer == Reader::Client || format == Format::Xml) {
        return None;
    }
    let bound: Vec<&str> = input
        .fields
        .iter()
        .filter(outside)
        .map(|f| f.wire_name.as_str())
        .collect();
    Some(match format {
        Format::Json => quote!(.json_members(input, &[#(#bound),*])),
        Format::Xml => {
            let root = schemas::name_tokens(&input.xml.name, input.xml.namespace.as_ref());
            let schema = schemas::schema_ref(ir, &input.path);
            quote!(.xml_members(input, #root, #schema, &[#(#bound),*]))
        }
    })
}

/// The root element of a structure or union payload: the member's
/// `@xmlName`, else the target's name; the target's namespace.
fn payload_root(ir: &CrateIr, f: &FieldDef, target: &RustPath) -> TokenStream {
    let shape = ir
        .structures
        .iter()
        .find(|s| &s.path == target)
        .map(|s| &s.xml)
        .or_else(|| ir.unions.iter().find(|u| &u.path == target).map(|u| &u.xml));
    let local = f
        .value
        .xml
        .name
        .clone()
        .or_else(|| shape.map(|x| x.name.clone()))
        .unwrap_or_else(|| target.name.clone());
    let namespace = f
        .value
        .xml
        .namespace
        .as_ref()
        .or_else(|| shape.and_then(|x| x.namespace.as_ref()));
    schemas::name_tokens(&local, namespace)
}

/// An awsQuery or ec2Query request: the form body of the whole input.
fn query_request(op: &OperationDef, input: &StructureDef, ir: &CrateIr) -> TokenStream {
    let action = op.id.name();
    let version = ir.service_version.as_deref().unwrap_or_default();
    let schema = schemas::schema_ref(ir, &input.path);
    let style = match ir.protocol {
        Protocol::Ec2Query => quote!(Ec2Query),
        _ => quote!(AwsQuery),
    };
    quote!(#RUNTIME::http::query_request(input, #action, #version, #schema, #RUNTIME::xml::query::Style::#style))
}

/// An RPC v2 request: `POST /service/{Service}/operation/{Op}`, the whole
/// input as the body, or no body for an operation without input.
fn rpc_v2_request(op: &OperationDef, ir: &CrateIr) -> TokenStream {
    let path = format!(
        "/service/{}/operation/{}",
        ir.service_name.as_deref().unwrap_or_default(),
        op.id.name()
    );
    let input = if op.has_input {
        quote!(#SOME(input))
    } else {
        quote!(#NONE::<&()>)
    };
    match ir.protocol {
        Protocol::RpcV2Cbor { query_compatible } => {
            quote!(#RUNTIME::cbor::protocol::request(#input, #path, #query_compatible))
        }
        _ => quote!(#RUNTIME::http::rpc_v2_json_request(#input, #path)),
    }
}

fn aws_json_request(op: &OperationDef, ir: &CrateIr) -> TokenStream {
    let target = format!("{}.{}", ir.service_name.as_deref().unwrap_or_default(), op.id.name());
    let content_type = match ir.protocol {
        Protocol::AwsJson1_0 => "application/x-amz-json-1.0",
        _ => "application/x-amz-json-1.1",
    };
    if ir.query_compatible {
        // An @awsQueryCompatible service is told the client reads its errors so.
        return quote! {
            let mut request = #RUNTIME::http::aws_json_request(input, #content_type, #target)?;
            request.headers_mut().insert("x-amzn-query-mode", ::http::HeaderValue::from_static("true"));
            #OK(request)
        };
    }
    quote!(#RUNTIME::http::aws_json_request(input, #content_type, #target))
}

/// Which side reads a message: a client its response, a service its request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reader {
    Client,
    Server,
}

/// Reads a REST message's body (the payload member, or the document of the
/// members left) into `let mut output: #ty`, then its header and prefix-header
/// bindings (and, for a client, the status code binding) from `#headers`.
/// Expects `body: &[u8]`, `status: u16` and `malformed: |String| -> E` in scope.
pub(super) fn read_message(
    s: &StructureDef,
    ir: &CrateIr,
    headers: TokenStream,
    reader: Reader,
) -> (TokenStream, TokenStream) {
    let output = s;
    let output_ty = path(&s.path);
    let rest = ir.protocol.is_rest();
    let format = Format::of(&ir.protocol);
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
                ValueKind::Structure { path: p } | ValueKind::Union { path: p } if format == Format::Xml => {
                    let schema = schemas::schema_ref(ir, p);
                    quote!(#RUNTIME::xml::protocol::rest_payload(status, body, #RUNTIME::xml::Value::Structure(#schema))?)
                }
                _ => {
                    let c = codec(&f.value);
                    // A client sends an unset structure payload as `{}`: a
                    // service reads it back as unset.
                    let absent = if reader == Reader::Server && matches!(f.value.kind, ValueKind::Structure { .. }) {
                        quote!(#RUNTIME::server::rest::no_structure(body))
                    } else {
                        quote!(body.is_empty())
                    };
                    quote! {
                        if #absent {
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
            let assign = match (f.is_optional(), f.boxed) {
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
            let empty = match format {
                Format::Json => quote!(::serde_json::from_slice(b"{}").map_err(|e| malformed(e.to_string()))?),
                Format::Xml => {
                    let schema = schemas::schema_ref(ir, &s.path);
                    quote!(#RUNTIME::xml::protocol::rest_output(status, &[], #schema)?)
                }
            };
            quote! {
                let mut output: #output_ty = #empty;
                let value = #value;
                #assign
            }
        }
        // The bindings below set members of it.
        None => match format {
            // A service reads a body only where members are left for it.
            Format::Json if reader == Reader::Server && output.fields.iter().all(|f| f.http.is_some()) => quote! {
                let mut output: #output_ty = #RUNTIME::server::rest::json_body(&[])?;
            },
            Format::Json if reader == Reader::Server => quote! {
                let mut output: #output_ty = #RUNTIME::server::rest::json_body(body)?;
            },
            Format::Json => quote! {
                let mut output: #output_ty = #RUNTIME::http::json_output(status, body)?;
            },
            Format::Xml => {
                let schema = schemas::schema_ref(ir, &s.path);
                quote! {
                    let mut output: #output_ty = #RUNTIME::xml::protocol::rest_output(status, body, #schema)?;
                }
            }
        },
    };
    let mut bindings = TokenStream::new();
    for f in output.fields.iter().filter(|_| rest) {
        let field = ident(&f.rust_name);
        let wire = &f.wire_name;
        let set = |value: TokenStream| {
            if f.is_optional() {
                quote!(output.#field = #SOME(#value);)
            } else if f.default().is_some() {
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
                        let item = parse_text(element, quote!(item.as_str()), reader);
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
                    _ => parse_text(&f.value, quote!(text), reader),
                };
                let message = format!("header `{name}` is not a valid `{}`", f.member);
                let assign = set(quote!(value));
                bindings.extend(quote! {
                    if let #SOME(text) = #RUNTIME::http::header_text(#headers, #name).map_err(malformed)? {
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
                    let parsed = parse_text(item, quote!(text), reader);
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
                        for (name, value) in #headers {
                            if let (#SOME(key), #OK(text)) = (name.as_str().strip_prefix(#lower), ::std::str::from_utf8(value.as_bytes())) {
                                if let #SOME(value) = #parsed {
                                    map.insert(#key_value, value);
                                }
                            }
                        }
                        // No such header is an empty map, as the suites read it.
                        #assign
                    });
                }
            }
            Some(HttpBinding::ResponseCode) if reader == Reader::Client => {
                let assign = set(quote!(i32::from(status)));
                bindings.extend(assign);
            }
            _ => {}
        }
    }
    (parse_body, bindings)
}

fn response(op: &OperationDef, output: &StructureDef, ir: &CrateIr) -> TokenStream {
    let error_ty = quote::format_ident!("{}Error", op.name);
    let format = Format::of(&ir.protocol);
    let xml_errors = (format == Format::Xml).then(|| {
        let wrapping = error_wrapping(&ir.protocol);
        let errors = schemas::errors_ref(op);
        (wrapping, errors)
    });
    let (parse_body, bindings) = read_message(output, ir, quote!(response.headers()), Reader::Client);
    let payload = output
        .fields
        .iter()
        .find(|f| ir.protocol.is_rest() && f.http == Some(HttpBinding::Payload));
    // The whole output in the body's document, nothing bound elsewhere: the
    // runtime reads it.
    if payload.is_none() && bindings.is_empty() {
        return match &xml_errors {
            Some((wrapping, errors)) => {
                let at = match ir.protocol {
                    Protocol::AwsQuery => {
                        let name = format!("{}Result", op.id.name());
                        quote!(Child(#name))
                    }
                    _ if op.unwrapped_xml_output => quote!(RootIsMember),
                    _ => quote!(Root),
                };
                let schema = schemas::schema_ref(ir, &op.output);
                quote!(#RUNTIME::xml::protocol::document_response(
                    response,
                    #RUNTIME::xml::protocol::OutputAt::#at,
                    #schema,
                    #wrapping,
                    #errors,
                    #error_ty::from_response,
                ))
            }
            None if matches!(ir.protocol, Protocol::RpcV2Cbor { .. }) => {
                quote!(#RUNTIME::cbor::protocol::response(response, #error_ty::from_response))
            }
            None => quote!(#RUNTIME::http::json_response(response, #error_ty::from_response)),
        };
    }
    let read = quote!(#parse_body #bindings);
    let error_response = match &xml_errors {
        Some((wrapping, errors)) => {
            quote!(#RUNTIME::xml::protocol::error_response(response, #wrapping, #errors, #error_ty::from_response))
        }
        None => quote!(#RUNTIME::http::error_response(response, #error_ty::from_response)),
    };
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
            return #ERR(#error_response);
        }
        #read
        #OK(output)
    }
}
