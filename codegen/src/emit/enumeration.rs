//! String enums: a variant per known value plus `Unknown`, so values added to the
//! service later survive a round trip unchanged.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, or_fallback, with_paragraph};
use super::prelude::{CLONE, DEBUG, EQ, HASH, NONE, OPTION, PARTIAL_EQ, SOME};
use super::symbols::RUNTIME;
use super::types::ident;
use crate::ir::rust::EnumDef;

pub fn emit(e: &EnumDef) -> TokenStream {
    let name = ident(&e.path.name);
    let mut docs = or_fallback(&e.docs, format!("The `{}` enum.", e.id.name()));
    docs = with_paragraph(docs, format!("Smithy shape: `{}`.", e.id));
    docs = with_paragraph(
        docs,
        "The set of values is open: a value this crate does not know is kept in `Unknown` and written back unchanged. Match with a wildcard arm, and compare with `as_str()` rather than matching on `Unknown`.".into(),
    );
    let docs = doc_attrs(&docs);
    let variants = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let docs = doc_attrs(&or_fallback(&v.docs, format!("`{}`", v.value)));
        quote!(#docs #variant,)
    });
    let as_str = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = &v.value;
        quote!(Self::#variant => #value,)
    });
    let from_str = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = &v.value;
        quote!(#value => #SOME(Self::#variant),)
    });
    let values = e.variants.iter().map(|v| &v.value);
    let rule = format!(
        "Member must satisfy enum value set: [{}]",
        e.variants
            .iter()
            .filter(|v| !v.internal)
            .map(|v| v.value.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let extras = super::types::extras(&e.extras);
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(#CLONE, #DEBUG, #PARTIAL_EQ, #EQ, #HASH, ::std::cmp::PartialOrd, ::std::cmp::Ord)]
        #extras
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know.
            Unknown(#RUNTIME::UnknownVariantValue),
        }

        impl #name {
            /// Every value the model defines, in declaration order.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }

            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str)*
                    Self::Unknown(value) => value.as_str(),
                }
            }

            fn known(value: &str) -> #OPTION<Self> {
                match value {
                    #(#from_str)*
                    _ => #NONE,
                }
            }
        }

        #RUNTIME::enum_impls!(#name, #rule);
    }
}
