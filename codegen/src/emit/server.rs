//! The service side of a crate (`server.rs`, with `Settings::server`): a
//! `Request` enum of the operations' inputs, `parse` (route, read, check
//! every constraint), `reject` (the protocol's answer to a request that
//! reaches no operation), and on each operation `parse_request`,
//! `output_response` and `error_response`. The protocol's rules live in the
//! runtime (`server::aws_json`, `server::rest`); this file and
//! `server_rest.rs` name the operations.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::defaults;
use super::docs::doc_text;
use super::prelude::{BOX, RESULT, SOME};
use super::symbols::RUNTIME;
use super::types::{ident, path};
use crate::ir::rust::{CrateIr, ErrorRef, Module, OperationDef, Protocol, Role, RustPath};
use crate::ir::traits::ErrorFault;

/// The protocol's routing and `reject`, and the operations' impls: the
/// parts that differ between protocols.
fn protocol_parts(ir: &CrateIr) -> Option<TokenStream> {
    match ir.protocol {
        Protocol::AwsJson1_0 => Some(aws_json(ir, "application/x-amz-json-1.0")),
        Protocol::AwsJson1_1 => Some(aws_json(ir, "application/x-amz-json-1.1")),
        Protocol::RpcV2Cbor { .. } => Some(rpc_v2_cbor(ir)),
        Protocol::RestJson1 => Some(super::server_rest::parts(ir)),
        _ => None,
    }
}

/// The operation's marker type, its error enum and its module's path.
pub(super) fn marker(op: &OperationDef) -> TokenStream {
    path(&RustPath {
        module: Module::Operation(op.module.clone()),
        name: op.name.clone(),
    })
}

pub(super) fn error_enum(op: &OperationDef) -> TokenStream {
    path(&RustPath {
        module: Module::Operation(op.module.clone()),
        name: format!("{}Error", op.name),
    })
}

/// The `server` module, or nothing when the protocol has no service side here.
pub fn emit(ir: &CrateIr) -> TokenStream {
    let Some(parts) = protocol_parts(ir) else {
        return TokenStream::new();
    };
    let service = ir.service_name.as_deref().unwrap_or_default();
    let module_doc = [
        format!(
            " The service side of `{service}` ({}), sans-IO: [`parse`] routes a request to its",
            ir.protocol.name()
        ),
        " operation and reads its input with every constraint of the model checked; each".to_owned(),
        " operation writes its output and errors as responses (`output_response`,".to_owned(),
        " `error_response`); [`reject`] answers a request that reaches no operation.".to_owned(),
    ]
    .map(|line| doc_text(&line));
    let variants = ir.operations.iter().map(|op| {
        let name = format_ident!("{}", op.name);
        let input = path(&op.input);
        let doc = doc_text(&format!(" `{}`.", op.name));
        quote!(#[doc = #doc] #name(#input))
    });
    let names = ir.operations.iter().map(|op| {
        let name = format_ident!("{}", op.name);
        let text = &op.name;
        quote!(Self::#name(_) => #text)
    });
    quote! {
        #(#![doc = #module_doc])*

        /// A request read as one of the service's operations: the operation and its
        /// input, every constraint checked. (Made once per request and matched at
        /// once: its variants are held inline, however their sizes differ.)
        #[non_exhaustive]
        #[derive(Clone, Debug, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum Request {
            #(#variants,)*
        }

        impl Request {
            /// The operation's name.
            pub fn operation_name(&self) -> &'static str {
                match self {
                    #(#names,)*
                }
            }
        }

        #parts
    }
}

/// awsJson1_0 and awsJson1_1: routing by `X-Amz-Target`, the whole input as
/// the body.
fn aws_json(ir: &CrateIr, content_type: &str) -> TokenStream {
    let runtime = quote!(#RUNTIME::server::aws_json);
    let service = ir.service_name.as_deref().unwrap_or_default();
    let rpc = rpc(
        ir,
        &runtime,
        quote!(#runtime::target(request, #service, CONTENT_TYPE)?),
        quote!(, CONTENT_TYPE),
    );
    quote! {
        /// The protocol's content type, on every request and response.
        pub const CONTENT_TYPE: &str = #content_type;

        #rpc
    }
}

/// rpcv2Cbor: routing by the path's service and operation, the input as a
/// CBOR body.
fn rpc_v2_cbor(ir: &CrateIr) -> TokenStream {
    let runtime = quote!(#RUNTIME::server::rpc_v2);
    let service = ir.service_name.as_deref().unwrap_or_default();
    rpc(
        ir,
        &runtime,
        quote!(#runtime::operation(request, #service)?),
        TokenStream::new(),
    )
}

/// `parse`, `reject` and the operations' impls of an RPC protocol: `route`
/// names the operation `request` calls; `extra` is what the protocol's
/// writers take after the value (the content type for awsJson).
fn rpc(ir: &CrateIr, runtime: &TokenStream, route: TokenStream, extra: TokenStream) -> TokenStream {
    let routes = ir.operations.iter().map(|op| {
        let name = format_ident!("{}", op.name);
        let wire = op.id.name();
        let marker = marker(op);
        quote!(#wire => #marker::parse_request(request).map(Request::#name))
    });
    let impls = ir.operations.iter().map(|op| operation_impl(op, ir, runtime, &extra));
    quote! {
        /// The operation `request` calls, with its input read and checked; or why
        /// it reaches none, which [`reject`] turns into the response.
        pub fn parse<B: AsRef<[u8]>>(
            request: &::http::Request<B>,
        ) -> #RESULT<Request, #RUNTIME::server::Rejection> {
            match #route {
                #(#routes,)*
                _ => Err(#RUNTIME::server::Rejection::UnknownOperation),
            }
        }

        /// The response that answers `rejection`, as the protocol says.
        pub fn reject(rejection: &#RUNTIME::server::Rejection) -> ::http::Response<Vec<u8>> {
            #runtime::rejection(rejection #extra)
        }

        #(#impls)*
    }
}

/// `input.x = Some(default)` when unset, for each input member with a
/// `@default` (held as `Option` on a client's input).
fn input_defaults(op: &OperationDef, ir: &CrateIr) -> Vec<TokenStream> {
    let Some(input) = ir.structures.iter().find(|s| s.path == op.input) else {
        return Vec::new();
    };
    input
        .fields
        .iter()
        .filter_map(|f| {
            let value = f.server_default.as_ref()?;
            let field = ident(&f.rust_name);
            let mut expr = defaults::expr(&f.value, value);
            if f.boxed {
                expr = quote!(#BOX::new(#expr));
            }
            Some(quote! {
                if input.#field.is_none() {
                    input.#field = #SOME(#expr);
                }
            })
        })
        .collect()
}

/// `Code;Sender` or `Code;Receiver` for an error with `@awsQueryError`.
fn query_error(ir: &CrateIr, e: &ErrorRef) -> Option<String> {
    let def = ir.structures.iter().find(|s| s.path == e.path)?;
    let Role::Error(info) = &def.role else {
        return None;
    };
    let fault = match info.fault {
        ErrorFault::Client => "Sender",
        ErrorFault::Server => "Receiver",
    };
    info.query_code.as_ref().map(|code| format!("{code};{fault}"))
}

/// An error's status (the modeled one, else its fault's) and shape id.
pub(super) fn error_status(ir: &CrateIr, e: &ErrorRef) -> (u16, String) {
    let def = ir.structures.iter().find(|s| s.path == e.path);
    match def.map(|d| (&d.role, d.id.to_string())) {
        Some((Role::Error(info), id)) => (
            info.http_status.unwrap_or(match info.fault {
                ErrorFault::Client => 400,
                ErrorFault::Server => 500,
            }),
            id,
        ),
        _ => (500, e.code.clone()),
    }
}

/// `fill_defaults`: the `@default`s of the input's members a request left
/// unset, filled in as a service does (clients leave them unset).
pub(super) fn fill_defaults(op: &OperationDef, ir: &CrateIr) -> TokenStream {
    let input_ty = path(&op.input);
    let defaults = input_defaults(op, ir);
    let param = if defaults.is_empty() {
        quote!(_input)
    } else {
        quote!(input)
    };
    quote! {
        /// Fills in the `@default` of each member `input` leaves unset, as a
        /// service does before checking constraints.
        pub fn fill_defaults(#param: &mut #input_ty) {
            #(#defaults)*
        }
    }
}

/// The service side of one operation of an RPC protocol (`runtime` the
/// protocol's module, `extra` the arguments its writers take after the
/// value: the content type for awsJson).
fn operation_impl(op: &OperationDef, ir: &CrateIr, runtime: &TokenStream, extra: &TokenStream) -> TokenStream {
    let marker = marker(op);
    let input = path(&op.input);
    let output = path(&op.output);
    let error = error_enum(op);
    let no_output_args = if extra.is_empty() {
        quote!()
    } else {
        quote!(CONTENT_TYPE)
    };
    let write_output = if op.has_output {
        quote!(#runtime::output(output #extra))
    } else {
        quote! {
            let _ = output;
            #runtime::no_output(#no_output_args)
        }
    };
    let arms = op.errors.iter().map(|e| {
        let (status, shape_id) = error_status(ir, e);
        // awsJson1_0 names an error by its shape id, awsJson1_1 by its name.
        let type_name = match ir.protocol {
            Protocol::AwsJson1_1 => shape_id
                .rsplit_once('#')
                .map_or(shape_id.clone(), |(_, name)| name.to_owned()),
            _ => shape_id,
        };
        let variant = ident(&e.variant);
        // An @awsQueryCompatible service also names the error as awsQuery did.
        let query = query_error(ir, e).filter(|_| ir.query_compatible);
        match query {
            Some(header) => {
                quote!(#error::#variant(e) => #runtime::query_error(#status, #type_name, e, #header #extra))
            }
            None => quote!(#error::#variant(e) => #runtime::error(#status, #type_name, e #extra)),
        }
    });
    let fill = fill_defaults(op, ir);
    quote! {
        /// The service side.
        impl #marker {
            /// Reads this operation's input from `request` (routed here), fills in
            /// the defaults it leaves out and checks every constraint of the model.
            pub fn parse_request<B: AsRef<[u8]>>(
                request: &::http::Request<B>,
            ) -> #RESULT<#input, #RUNTIME::server::Rejection> {
                let mut input: #input = #RUNTIME::wire::as_service(|| #runtime::input(request))?;
                Self::fill_defaults(&mut input);
                #RUNTIME::server::checked(input)
            }

            #fill

            /// The response carrying `output` (an empty body when the model gives the
            /// operation no output).
            pub fn output_response(output: &#output) -> ::http::Response<Vec<u8>> {
                #write_output
            }

            /// The response carrying `error`: a modeled error with its status and
            /// shape id, anything else as a `500`.
            pub fn error_response(error: &#error) -> ::http::Response<Vec<u8>> {
                match error {
                    #(#arms,)*
                    #error::Unhandled(e) => #runtime::unhandled(e.code(), e.message() #extra),
                }
            }
        }
    }
}
