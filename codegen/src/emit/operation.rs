//! Per operation: a marker type carrying the protocol facts (name, HTTP binding)
//! and the error enum with one variant per modeled error plus `Unhandled`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, doc_text, or_fallback, with_paragraph};
use super::prelude::{CLONE, COPY, DEBUG, DEFAULT, EQ, PARTIAL_EQ};
use super::symbols::RUNTIME;
use super::types::{doc_link, ident, path};
use crate::ir::rust::OperationDef;

/// The marker type with its protocol facts and `functions` (the wire
/// layer's `request`/`response`, if any) in one `impl`, and the error enum.
pub fn emit(op: &OperationDef, functions: TokenStream) -> TokenStream {
    let marker = ident(&op.name);
    let name = &op.name;
    let docs = doc_attrs(&with_paragraph(
        or_fallback(&op.docs, format!("The `{}` operation.", op.name)),
        format!(
            "Smithy shape: `{}`. The associated constants are its protocol facts.",
            op.id
        ),
    ));
    let http = op.http.as_ref().map(|h| {
        let method = &h.method;
        let uri = &h.uri;
        let code = proc_macro2::Literal::u16_unsuffixed(h.code);
        quote! {
            /// HTTP method (`@http`).
            pub const HTTP_METHOD: &'static str = #method;
            /// URI pattern with `{label}` placeholders (`@http`).
            pub const HTTP_URI: &'static str = #uri;
            /// Status code of a successful response (`@http`).
            pub const HTTP_SUCCESS_CODE: u16 = #code;
        }
    });
    let error = ident(&format!("{}Error", op.name));
    let error_doc = doc_text(&format!(" Every error `{}` can return.", op.name));
    let variants = op.errors.iter().map(|e| {
        let variant = ident(&e.variant);
        let ty = path(&e.path);
        let doc = doc_text(&format!(" See [`{}`]({}).", e.path.name, doc_link(&e.path)));
        quote!(#[doc = #doc] #variant(#ty),)
    });
    let impl_variants = op.errors.iter().map(|e| {
        let variant = ident(&e.variant);
        let ty = path(&e.path);
        quote!(#variant(#ty))
    });
    let aliases = op.aliases.iter().map(|(alias, target)| {
        let alias_ident = ident(alias);
        let ty = path(target);
        let doc = doc_text(&format!(
            " This operation's side of [`{}`]({}), which other operations share.",
            target.name,
            doc_link(target)
        ));
        quote!(#[doc = #doc] pub type #alias_ident = #ty;)
    });
    // A variant holds the modeled error as it is, so callers match on it
    // directly; for the few operations where one is far larger than the rest,
    // boxing it would change how it is matched, so the lint is silenced there.
    let large = op.large_variant.then(|| quote!(#[allow(clippy::large_enum_variant)]));
    quote! {
        #(#aliases)*

        #docs
        #[non_exhaustive]
        #[derive(#CLONE, #COPY, #DEBUG, #DEFAULT, #PARTIAL_EQ, #EQ)]
        pub struct #marker;

        impl #marker {
            /// The operation name.
            pub const NAME: &'static str = #name;
            #http

            #functions
        }

        #[doc = #error_doc]
        #[non_exhaustive]
        #[derive(#CLONE, #DEBUG, #PARTIAL_EQ)]
        #large
        pub enum #error {
            #(#variants)*
            /// An error the model does not describe; keeps code, message and status.
            Unhandled(#RUNTIME::Unhandled),
        }

        #RUNTIME::operation_error_impls!(#error { #(#impl_variants),* });
    }
}
