//! The service-side protocol compliance cases as tests (`server_tests.rs`,
//! under `cfg(test)`): a request case builds the case's HTTP request, parses
//! it with `server::parse` and compares the input with one built from
//! `params`; a response case builds the output (or the error) from `params`,
//! writes it with `output_response` (`error_response`) and checks status,
//! headers and body against the case.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::protocol_tests::{doc_lines, expected_failure, key, option_str, structure, unbuildable, Shapes, TestNames};
use super::server::{error_enum, marker};
use super::symbols::{ROOT, RUNTIME};
use super::types::ident;
use crate::ir::protocol_tests::{MalformedCase, RequestCase, ResponseCase};
use crate::ir::rust::{CrateIr, OperationDef, Protocol};
use crate::CaseKind;

/// Whether the crate has service-side cases to write as tests.
pub fn has_cases(ir: &CrateIr) -> bool {
    let tests = &ir.protocol_tests;
    ir.server && !(tests.server_requests.is_empty() && tests.server_responses.is_empty() && tests.malformed.is_empty())
}

/// The test module.
pub fn emit(ir: &CrateIr, failures: &[crate::ExpectedFailure]) -> TokenStream {
    let tests = &ir.protocol_tests;
    let shapes = Shapes::new(ir);
    let mut names = TestNames::default();
    let mut unique = |id: &str, suffix: &str| names.unique(id, suffix);
    let operation = |id: &crate::ir::ShapeId| ir.operations.iter().find(|o| &o.id == id);
    let mut functions = Vec::new();
    for case in &tests.server_requests {
        let Some(op) = operation(&case.operation) else {
            continue;
        };
        let name = format_ident!("{}", unique(&case.id, "_server_request"));
        let marker = expected_failure(failures, CaseKind::ServerRequest, &case.id);
        functions.push(request_test(&name, case, op, ir, &shapes, marker));
    }
    for case in &tests.server_responses {
        let Some(op) = operation(&case.operation) else {
            continue;
        };
        let name = format_ident!("{}", unique(&case.id, "_server_response"));
        let marker = expected_failure(failures, CaseKind::ServerResponse, &case.id);
        functions.push(response_test(&name, case, op, ir, &shapes, marker));
    }
    for case in &tests.malformed {
        if operation(&case.operation).is_none() {
            continue;
        }
        let name = format_ident!("{}", unique(&case.id, "_malformed"));
        let marker = expected_failure(failures, CaseKind::Malformed, &case.id);
        functions.push(malformed_test(&name, case, marker));
    }
    quote! {
        #![doc = " The service-side protocol compliance cases of the model (`smithy.test`), one test each."]
        #![allow(clippy::all, clippy::pedantic, unused_mut)]
        use #RUNTIME::protocol_test as check;
        #(#functions)*
    }
}

fn request_test(
    name: &proc_macro2::Ident,
    case: &RequestCase,
    op: &OperationDef,
    ir: &CrateIr,
    shapes: &Shapes,
    expected_failure: Option<TokenStream>,
) -> TokenStream {
    let docs = doc_lines(&case.id, case.documentation.as_ref());
    let docs = quote!(#docs #expected_failure);
    let expected = match shapes.structures.get(&key(&op.input)) {
        Some(s) => structure(s, &case.params, shapes),
        None => Err(format!("the input of `{}` is not a generated structure", op.name)),
    };
    let expected = match expected {
        Ok(e) => e,
        Err(problem) => return unbuildable(name, &docs, &problem),
    };
    let method = &case.method;
    let uri = &case.uri;
    let query = &case.query_params;
    let header_names = case.headers.keys();
    let header_values = case.headers.values();
    let body = case.body.clone().unwrap_or_default();
    let variant = format_ident!("{}", op.name);
    let marker = marker(op);
    // RPC v2 CBOR cases give their bodies as base64.
    let build = if matches!(ir.protocol, Protocol::RpcV2Cbor { .. }) {
        quote!(binary_server_request)
    } else {
        quote!(server_request)
    };
    let request = quote! {
        let request = check::#build(
            #method,
            #uri,
            &[#(#query),*],
            &[#((#header_names, #header_values)),*],
            #body,
        );
    };
    if !routable(case, ir) {
        // The case leaves out what routing reads (some awsJson cases were
        // written for clients and carry no `X-Amz-Target`): only the
        // operation's parsing is judged.
        return quote! {
            #docs
            #[doc = ""]
            #[doc = " The case's request names no operation: it is parsed as the case's operation."]
            #[test]
            fn #name() {
                #request
                let input = match #marker::parse_request(&request) {
                    Ok(input) => input,
                    Err(rejection) => panic!("the request is refused: {rejection}"),
                };
                let mut expected = #expected;
                #marker::fill_defaults(&mut expected);
                check::same(&input, &expected);
            }
        };
    }
    quote! {
        #docs
        #[test]
        fn #name() {
            #request
            let parsed = match #ROOT::server::parse(&request) {
                Ok(parsed) => parsed,
                Err(rejection) => panic!("the request is refused: {rejection}"),
            };
            // The params are the input as the service sees it: defaults filled in.
            let mut expected = #expected;
            #marker::fill_defaults(&mut expected);
            match parsed {
                #ROOT::server::Request::#variant(input) => check::same(&input, &expected),
                // (No other operation, in a service of one.)
                #[allow(unreachable_patterns)]
                other => panic!("routed to `{}`, expected `{}`", other.operation_name(), stringify!(#variant)),
            }
        }
    }
}

/// A request the service must refuse: `parse` gives a rejection, and
/// `reject` answers with the case's status and headers.
fn malformed_test(
    name: &proc_macro2::Ident,
    case: &MalformedCase,
    expected_failure: Option<TokenStream>,
) -> TokenStream {
    let docs = doc_lines(&case.id, case.documentation.as_ref());
    let method = &case.method;
    let uri = &case.uri;
    let query = &case.query_params;
    let header_names = case.headers.keys();
    let header_values = case.headers.values();
    let body = case.body.clone().unwrap_or_default();
    let code = case.code;
    let expected_names = case.response_headers.keys();
    let expected_values = case.response_headers.values();
    quote! {
        #docs
        #expected_failure
        #[test]
        fn #name() {
            let request = check::server_request(
                #method,
                #uri,
                &[#(#query),*],
                &[#((#header_names, #header_values)),*],
                #body,
            );
            let rejection = match #ROOT::server::parse(&request) {
                Ok(parsed) => panic!("the request is accepted as {parsed:?}"),
                Err(rejection) => rejection,
            };
            check::server_response(&#ROOT::server::reject(&rejection), &check::ExpectedResponse {
                code: #code,
                headers: &[#((#expected_names, #expected_values)),*],
                body: None,
                body_media_type: None,
            });
        }
    }
}

/// Whether the case's request carries what the protocol routes by.
fn routable(case: &RequestCase, ir: &CrateIr) -> bool {
    match ir.protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => case
            .headers
            .keys()
            .any(|name| name.eq_ignore_ascii_case("x-amz-target")),
        _ => true,
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
    let marker = marker(op);
    let write = match &case.error {
        None => {
            let built = match shapes.structures.get(&key(&op.output)) {
                Some(s) => structure(s, &case.params, shapes),
                None => Err(format!("the output of `{}` is not a generated structure", op.name)),
            };
            match built {
                Ok(output) => quote! {
                    let output = #output;
                    let response = #marker::output_response(&output);
                },
                Err(problem) => return unbuildable(name, &docs, &problem),
            }
        }
        Some(error_id) => {
            let Some(error) = ir.structures.iter().find(|s| &s.id == error_id) else {
                return unbuildable(name, &docs, &format!("the error `{error_id}` is not generated"));
            };
            let Some(variant) = op.errors.iter().find(|e| e.path == error.path) else {
                return unbuildable(name, &docs, &format!("`{}` does not bind `{error_id}`", op.name));
            };
            let built = match structure(error, &case.params, shapes) {
                Ok(built) => built,
                Err(problem) => return unbuildable(name, &docs, &problem),
            };
            let error_enum = error_enum(op);
            let variant = ident(&variant.variant);
            quote! {
                let error = #error_enum::#variant(#built);
                let response = #marker::error_response(&error);
            }
        }
    };
    let code = case.code;
    let header_names = case.headers.keys();
    let header_values = case.headers.values();
    let body = option_str(&case.body);
    let media_type = option_str(&case.body_media_type);
    quote! {
        #docs
        #[test]
        fn #name() {
            #write
            check::server_response(&response, &check::ExpectedResponse {
                code: #code,
                headers: &[#((#header_names, #header_values)),*],
                body: #body,
                body_media_type: #media_type,
            });
        }
    }
}
