//! Structures: the type, its getters, `Debug`, validation and error correction.
//! Serde impls and the builder live in their own modules.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::Context;
use super::docs::{doc_attrs, or_fallback, summary, with_paragraph};
use super::prelude::{CLONE, DEBUG, DEFAULT, EQ, HASH, NONE, OPTION, PARTIAL_EQ, SOME};
use super::symbols::{FMT, RUNTIME};
use super::types::{field_inner_type, field_type, ident, is_copy};
use super::validate::member_checked;
use super::{builder, serde_impls};
use crate::ir::rust::ErrorFault;
use crate::ir::rust::{FieldDef, HttpBinding, Role, StructureDef, ValueKind};

/// The whole file for one structure.
pub fn emit(s: &StructureDef, ctx: &Context) -> TokenStream {
    let name = ident(&s.path.name);
    let docs = doc_attrs(&struct_docs(s));
    // Without required members every field has a value to start from: absent,
    // or the model's `@default` (then `Default` goes through the builder).
    let derives_default = !s.tracks_corrections() && s.fields.iter().all(|f| f.default().is_none());
    let default = derives_default.then(|| quote!(#DEFAULT,));
    // `Debug` is derived unless something must stay out of it: a redacted
    // value, or the record of filled-in members (not part of what users see).
    let derives_debug = !s.sensitive && !s.tracks_corrections() && s.fields.iter().all(|f| !f.value.redacted());
    let debug = derives_debug.then(|| quote!(#DEBUG,));
    let derives = if s.eq_hash {
        quote!(#[derive(#CLONE, #debug #default #PARTIAL_EQ, #EQ, #HASH)])
    } else {
        quote!(#[derive(#CLONE, #debug #default #PARTIAL_EQ)])
    };
    let extras = super::types::extras(&s.extras);
    let fields = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let ty = field_type(f);
        let docs = doc_attrs(&field_docs(f));
        if f.correctable() {
            quote!(#docs pub(crate) #field: #ty,)
        } else {
            quote!(#docs pub #field: #ty,)
        }
    });
    let corrections_field = s.tracks_corrections().then(|| {
        quote! {
            /// Required members that were absent on the wire and filled in.
            pub(crate) client_corrections: #RUNTIME::ClientCorrections,
        }
    });
    let getters = s.fields.iter().map(getter);
    let setters = s.fields.iter().filter(|f| f.correctable()).map(setter);
    let accessors = (!s.fields.is_empty()).then(|| {
        quote! {
            impl #name {
                #(#getters)*

                #(#setters)*
            }
        }
    });
    let builder_name = ident(&s.builder_name());
    let type_name = &s.path.name;
    let validate_impl = validate_impl(s, ctx);
    let debug_fields = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let label = crate::ir::rust::bare_name(&f.rust_name);
        if f.value.redacted() {
            quote!(.field(#label, &#RUNTIME::REDACTED))
        } else {
            quote!(.field(#label, &self.#field))
        }
    });
    let debug_body = if s.sensitive {
        quote!(f.debug_struct(#type_name).finish_non_exhaustive())
    } else {
        quote!(f.debug_struct(#type_name) #(#debug_fields)* .finish())
    };
    let debug_impl = (!derives_debug).then(|| {
        quote! {
            impl #FMT::Debug for #name {
                fn fmt(&self, f: &mut #FMT::Formatter<'_>) -> #FMT::Result {
                    #debug_body
                }
            }
        }
    });
    let default_impl = (!s.tracks_corrections() && !derives_default).then(|| {
        quote! {
            impl #DEFAULT for #name {
                fn default() -> Self {
                    #builder_name::default().build_unchecked()
                }
            }
        }
    });
    let serde = serde_impls::emit(s);
    let builder = builder::emit(s);
    let error_impls = error_impls(s, ctx);
    quote! {
        #docs
        #[non_exhaustive]
        #derives
        #extras
        pub struct #name {
            #(#fields)*
            #corrections_field
        }

        #accessors

        #debug_impl

        #validate_impl

        #default_impl
        #error_impls
        #serde
        #builder
    }
}

fn struct_docs(s: &StructureDef) -> Vec<String> {
    let lines = or_fallback(&s.docs, format!("The `{}` structure.", s.id.name()));
    let lines = with_paragraph(lines, format!("Smithy shape: `{}`.", s.id));
    match s.role {
        Role::Input => with_paragraph(
            lines,
            "Every member is optional here, as Smithy asks of clients; `build()` and `validate()` still enforce `@required`.".into(),
        ),
        _ if s.tracks_corrections() => with_paragraph(
            lines,
            "When a response omits a required member, deserialization fills in a zero value (Smithy's client error correction) instead of failing; `validate()` still reports it as missing, serialization leaves it out again, and the value differs from one where the member was present. Required members are written through their `set_` methods, which make them present.".into(),
        ),
        _ => lines,
    }
}

fn field_docs(f: &FieldDef) -> Vec<String> {
    let mut lines = or_fallback(&f.docs, format!("The `{}` member.", f.member));
    let mut facts = Vec::new();
    if f.is_required() {
        facts.push("Required".to_owned());
    }
    if let Some(c) = f.value.constraints.describe() {
        facts.push(c);
    }
    if let ValueKind::List { element, .. } = &f.value.kind {
        if let Some(c) = element.constraints.describe() {
            facts.push(format!("each item: {c}"));
        }
    }
    if let Some(binding) = &f.http {
        facts.push(match binding {
            HttpBinding::Label => format!("sent in the URI as the `{{{}}}` label", f.member),
            HttpBinding::Query(name) => format!("sent as the `{name}` query parameter"),
            HttpBinding::Header(name) => format!("carried in the `{name}` HTTP header"),
            HttpBinding::QueryParams => "sent as query parameters, one per map entry".to_owned(),
            HttpBinding::PrefixHeaders(prefix) => format!("carried in HTTP headers prefixed `{prefix}`"),
            HttpBinding::Payload => "the HTTP payload".to_owned(),
            HttpBinding::ResponseCode => "the HTTP status code".to_owned(),
        });
    }
    if let Some(default) = f.default() {
        facts.push(format!(
            "defaults to `{}` when absent",
            default.to_string().replace('`', "'")
        ));
    }
    if f.idempotency_token {
        facts.push(
            "an idempotency token: `request()` fills in a fresh UUID when unset; set it to retry one logical request"
                .to_owned(),
        );
    }
    if f.streaming {
        facts.push("streamed on the wire; held in memory here".to_owned());
    }
    if let Some(message) = &f.deprecated {
        facts.push(if message.is_empty() {
            "deprecated".to_owned()
        } else {
            format!("deprecated: {message}")
        });
    }
    if !facts.is_empty() {
        let text = facts.join("; ");
        let mut chars = text.chars();
        let capitalised: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        lines = with_paragraph(lines, format!("{capitalised}."));
    }
    lines
}

fn getter(f: &FieldDef) -> TokenStream {
    let field = ident(&f.rust_name);
    // A field kept `pub(crate)` (a required member) is documented publicly
    // only here, so the getter says all the field would: its constraints too.
    let docs = if f.correctable() {
        doc_attrs(&field_docs(f))
    } else {
        doc_attrs(&summary(&f.docs, format!("The `{}` member.", f.member)))
    };
    let inner = field_inner_type(f);
    let (ty, body) = match (&f.value.kind, f.is_optional()) {
        (ValueKind::String, true) => (quote!(#OPTION<&str>), quote!(self.#field.as_deref())),
        (ValueKind::String, false) => (quote!(&str), quote!(&self.#field)),
        // As the AWS SDK for Rust: an absent list reads as empty (whether it was
        // sent is still in the field).
        (ValueKind::List { .. }, true) => {
            let item = list_item_type(f);
            (quote!(&[#item]), quote!(self.#field.as_deref().unwrap_or_default()))
        }
        (ValueKind::List { .. }, false) => {
            let item = list_item_type(f);
            (quote!(&[#item]), quote!(&self.#field))
        }
        (_, true) if is_copy(&f.value) => (quote!(#OPTION<#inner>), quote!(self.#field)),
        (_, false) if is_copy(&f.value) => (quote!(#inner), quote!(self.#field)),
        (_, true) if f.boxed => {
            let t = super::types::value_type(&f.value);
            (quote!(#OPTION<&#t>), quote!(self.#field.as_deref()))
        }
        (_, false) if f.boxed => {
            let t = super::types::value_type(&f.value);
            (quote!(&#t), quote!(&self.#field))
        }
        (_, true) => (quote!(#OPTION<&#inner>), quote!(self.#field.as_ref())),
        (_, false) => (quote!(&#inner), quote!(&self.#field)),
    };
    quote! {
        #docs
        pub fn #field(&self) -> #ty {
            #body
        }
    }
}

/// `set_x(value)` for a required member: the value is now set, not filled in.
fn setter(f: &FieldDef) -> TokenStream {
    let field = ident(&f.rust_name);
    let set = super::types::prefixed("set", &f.rust_name);
    let ty = field_inner_type(f);
    let member = &f.member;
    let wire = &f.wire_name;
    let doc =
        format!(" Sets the required `{member}` member (from then on it counts as present, whatever the wire said).");
    quote! {
        #[doc = #doc]
        pub fn #set(&mut self, value: #ty) -> &mut Self {
            self.#field = value;
            self.client_corrections.remove(#wire);
            self
        }
    }
}

fn list_item_type(f: &FieldDef) -> TokenStream {
    match &f.value.kind {
        ValueKind::List { element, sparse } => {
            let t = super::types::value_type(element);
            if *sparse {
                quote!(#OPTION<#t>)
            } else {
                t
            }
        }
        _ => quote!(()),
    }
}

/// `Validate::validate_at`: one check per member that needs one (present
/// and required, or holding constrained values), through the runtime's walk.
fn validate_impl(s: &StructureDef, ctx: &Context) -> TokenStream {
    let name = ident(&s.path.name);
    let checks: Vec<TokenStream> = s
        .fields
        .iter()
        .filter(|f| member_checked(f))
        .map(|f| {
            let field = ident(&f.rust_name);
            let wire = &f.wire_name;
            let rules = ctx.rules_ref(&f.value);
            if f.is_optional() && f.is_required() {
                quote!(out.required(path, #wire, &self.#field, #rules);)
            } else if f.is_optional() {
                quote!(out.optional(path, #wire, &self.#field, #rules);)
            } else if f.correctable() {
                quote!(out.corrected(path, #wire, &self.#field, filled, #rules);)
            } else {
                quote!(out.present(path, #wire, &self.#field, #rules);)
            }
        })
        .collect();
    let (path, out) = if checks.is_empty() {
        (quote!(_), quote!(_))
    } else {
        (quote!(path), quote!(out))
    };
    // The members deserialization filled in, which count as missing.
    let filled = s
        .fields
        .iter()
        .any(|f| member_checked(f) && !f.is_optional() && f.correctable())
        .then(|| quote!(let filled = &self.client_corrections;));
    quote! {
        impl #RUNTIME::validate::Validate for #name {
            fn validate_at(&self, #path: &#RUNTIME::validate::Path<'_>, #out: &mut #RUNTIME::validate::Violations) {
                #filled
                #(#checks)*
            }
        }
    }
}

fn error_impls(s: &StructureDef, ctx: &Context) -> TokenStream {
    let Role::Error(info) = &s.role else {
        return TokenStream::new();
    };
    let name = ident(&s.path.name);
    let code = &info.code;
    let fault = match info.fault {
        ErrorFault::Client => quote!(#RUNTIME::ErrorFault::Client),
        ErrorFault::Server => quote!(#RUNTIME::ErrorFault::Server),
    };
    let status = match info.http_status {
        Some(code) => {
            let code = proc_macro2::Literal::u16_unsuffixed(code);
            quote!(#SOME(#code))
        }
        None => quote!(#NONE),
    };
    let retryable = info.retryable;
    let throttling_value = if info.throttling {
        quote!(true)
    } else {
        quote!(#RUNTIME::error::is_throttling_code(Self::CODE))
    };
    let message_field = s
        .fields
        .iter()
        .find(|f| f.member.eq_ignore_ascii_case("message") && matches!(f.value.kind, ValueKind::String));
    // Members bound to headers (the REST protocols), read beside the body.
    let headers: TokenStream = s
        .fields
        .iter()
        .filter(|f| ctx.protocol.is_rest() && f.is_optional() && !f.boxed)
        .filter_map(|f| match &f.http {
            Some(HttpBinding::Header(name)) if !matches!(f.value.kind, ValueKind::List { .. }) => {
                let field = ident(&f.rust_name);
                let parsed = super::http::parse_text(&f.value, quote!(text), super::http::Reader::Client);
                Some(quote! {
                    if let #SOME(text) = response.headers().get(#name).and_then(|v| v.to_str().ok()) {
                        error.#field = #parsed;
                    }
                })
            }
            _ => None,
        })
        .collect();
    // What every error shares is the runtime's; written out here are the
    // facts, and only what differs from the usual message member.
    let shared = match message_field {
        Some(f) if f.is_optional() && headers.is_empty() => {
            let field = ident(&f.rust_name);
            quote!(#RUNTIME::error_impls!(#name, message: #field);)
        }
        None if headers.is_empty() => quote!(#RUNTIME::error_impls!(#name);),
        _ => {
            let message_body = match message_field {
                Some(f) if f.is_optional() => {
                    let field = ident(&f.rust_name);
                    quote!(self.#field.as_deref())
                }
                Some(f) => {
                    let field = ident(&f.rust_name);
                    quote!(#SOME(self.#field.as_str()))
                }
                None => quote!(#NONE),
            };
            let fill_message = message_field.filter(|f| f.is_optional()).map(|f| {
                let field = ident(&f.rust_name);
                quote! {
                    if error.#field.is_none() {
                        error.#field = response.message().map(::std::borrow::ToOwned::to_owned);
                    }
                }
            });
            let read_body = if fill_message.is_none() && headers.is_empty() {
                quote!(response.body(Self::CODE))
            } else {
                quote! {
                    let mut error: Self = response.body(Self::CODE);
                    #fill_message
                    #headers
                    error
                }
            };
            quote! {
                impl #name {
                    /// The human-readable message, if the service sent one.
                    pub fn error_message(&self) -> #OPTION<&str> {
                        #message_body
                    }
                }

                impl #RUNTIME::http::ReadError for #name {
                    fn read_error(response: &#RUNTIME::http::ErrorResponse<'_>) -> Self {
                        #read_body
                    }
                }

                #RUNTIME::error_impls!(#name, custom);
            }
        }
    };
    quote! {
        impl #name {
            /// The error code the service sends for this error.
            pub const CODE: &'static str = #code;
            /// Whose fault the error is (`@error`).
            pub const FAULT: #RUNTIME::ErrorFault = #fault;
            /// The HTTP status the service answers with (`@httpError`).
            pub const HTTP_STATUS: #OPTION<u16> = #status;
            /// Whether the model marks the error `@retryable`.
            pub const RETRYABLE: bool = #retryable;
            /// Whether the error means the caller is being throttled:
            /// `@retryable(throttling: true)`, or one of the AWS throttling codes.
            pub const THROTTLING: bool = #throttling_value;
        }

        #shared
    }
}
