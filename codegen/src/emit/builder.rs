//! Builders: fluent setters, `set_`/`get_` accessors and a `build()` that refuses
//! any value `validate()` would reject, missing required members included.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, doc_text, summary};
use super::prelude::{BOX, CLONE, DEBUG, DEFAULT, EQ, INTO, OPTION, PARTIAL_EQ, SOME, VEC};
use super::symbols::RUNTIME;
use super::types::{field_inner_type, ident, prefixed, value_type};
use super::validate::has_checks;
use crate::ir::rust::{FieldDef, StructureDef, ValueKind};

pub fn emit(s: &StructureDef) -> TokenStream {
    let name = ident(&s.path.name);
    let builder = ident(&s.builder_name());
    // `struct@`: a structure may be named like a derive macro (`Hash`).
    let doc = doc_text(&format!(
        " Builds a [`{0}`](struct@{0}); `build()` checks required members and every constraint.",
        s.path.name
    ));
    let fields = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let ty = field_inner_type(f);
        quote!(#field: #OPTION<#ty>,)
    });
    let methods = s.fields.iter().map(setters);
    let inits = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        // Corrections are keyed by wire name, the member's JSON key and path segment.
        let wire = &f.wire_name;
        if f.is_optional() {
            quote!(#field: self.#field,)
        } else if let Some(default) = f.default() {
            let value = super::defaults::unwrap_or_default(quote!(self.#field), &f.value, default);
            quote!(#field: #value,)
        } else {
            quote!(#field: client_corrections.fill(self.#field, #wire),)
        }
    });
    let (corrections_init, corrections_field) = if s.tracks_corrections() {
        (
            quote!(let mut client_corrections = #RUNTIME::ClientCorrections::default();),
            quote!(client_corrections,),
        )
    } else {
        (TokenStream::new(), TokenStream::new())
    };
    let derives = if s.eq_hash {
        quote!(#[derive(#CLONE, #DEFAULT, #DEBUG, #PARTIAL_EQ, #EQ)])
    } else {
        quote!(#[derive(#CLONE, #DEFAULT, #DEBUG, #PARTIAL_EQ)])
    };
    quote! {
        #[doc = #doc]
        #[non_exhaustive]
        #derives
        pub struct #builder {
            #(#fields)*
        }

        impl #builder {
            #(#methods)*

            /// Builds the value without checking the model's constraints, for what a
            /// service accepts before this crate's model knows it: an enum value added
            /// since (`Unknown`), a longer id. A required member left unset counts as
            /// missing, as in a response that lacked it: `validate()` reports it and
            /// serialization leaves it out. Call `validate()` to check the rest.
            pub fn build_unchecked(self) -> #name {
                #corrections_init
                #name {
                    #(#inits)*
                    #corrections_field
                }
            }
        }
    }
}

fn setters(f: &FieldDef) -> TokenStream {
    let field = ident(&f.rust_name);
    let set = prefixed("set", &f.rust_name);
    let ty = field_inner_type(f);
    let docs = doc_attrs(&summary(&f.docs, format!("The `{}` member.", f.member)));
    let set_doc = doc_text(&format!(" Sets or clears `{}`.", f.member));
    let fluent = match &f.value.kind {
        ValueKind::List { element, sparse } => {
            let item = value_type(element);
            let item = if *sparse { quote!(#OPTION<#item>) } else { item };
            let doc = doc_text(&format!(
                " Appends one item to `{}` (use `{}` to replace the list).",
                f.member, set
            ));
            quote! {
                #docs
                #[doc = ""]
                #[doc = #doc]
                pub fn #field(mut self, item: impl #INTO<#item>) -> Self {
                    self.#field.get_or_insert_with(#VEC::new).push(item.into());
                    self
                }
            }
        }
        ValueKind::Map { key, value, sparse } => {
            let k = value_type(key);
            let v = value_type(value);
            let v = if *sparse { quote!(#OPTION<#v>) } else { v };
            let doc = doc_text(&format!(
                " Inserts one entry into `{}` (use `{}` to replace the map).",
                f.member, set
            ));
            quote! {
                #docs
                #[doc = ""]
                #[doc = #doc]
                pub fn #field(mut self, key: impl #INTO<#k>, value: impl #INTO<#v>) -> Self {
                    self.#field.get_or_insert_with(::std::collections::BTreeMap::new).insert(key.into(), value.into());
                    self
                }
            }
        }
        _ if f.boxed => {
            let inner = value_type(&f.value);
            quote! {
                #docs
                pub fn #field(mut self, input: impl #INTO<#inner>) -> Self {
                    self.#field = #SOME(#BOX::new(input.into()));
                    self
                }
            }
        }
        _ => quote! {
            #docs
            pub fn #field(mut self, input: impl #INTO<#ty>) -> Self {
                self.#field = #SOME(input.into());
                self
            }
        },
    };
    quote! {
        #fluent

        #[doc = #set_doc]
        pub fn #set(mut self, input: #OPTION<#ty>) -> Self {
            self.#field = input;
            self
        }
    }
}

/// Whether `build()` can refuse a value: not when there is nothing to check
/// (no required member, no constraint, nothing nested that has any).
pub fn can_fail(s: &StructureDef) -> bool {
    s.tracks_corrections() || s.fields.iter().any(|f| has_checks(&f.value))
}
