//! intEnums: a variant per known value plus `Unknown(i32)`; a JSON integer on the wire.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, or_fallback, with_paragraph};
use super::prelude::{CLONE, COPY, DEBUG, EQ, FROM, HASH, PARTIAL_EQ};
use super::symbols::RUNTIME;
use super::types::ident;
use crate::ir::rust::IntEnumDef;

pub fn emit(e: &IntEnumDef) -> TokenStream {
    let name = ident(&e.path.name);
    let mut docs = or_fallback(&e.docs, format!("The `{}` intEnum.", e.id.name()));
    docs = with_paragraph(
        docs,
        format!(
            "Smithy shape: `{}`. Values outside the known set are kept in `Unknown`.",
            e.id
        ),
    );
    let docs = doc_attrs(&docs);
    let variants = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let docs = doc_attrs(&or_fallback(&v.docs, format!("`{}`", v.value)));
        quote!(#docs #variant,)
    });
    let to_int = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = v.value;
        quote!(Self::#variant => #value,)
    });
    let from_int = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = v.value;
        quote!(#value => Self::#variant,)
    });
    let values: Vec<i32> = e.variants.iter().map(|v| v.value).collect();
    let rule = format!(
        "Member must satisfy enum value set: [{}]",
        values.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
    );
    let extras = super::types::extras(&e.extras);
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(#CLONE, #COPY, #DEBUG, #PARTIAL_EQ, #EQ, #HASH, ::std::cmp::PartialOrd, ::std::cmp::Ord)]
        #extras
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know.
            Unknown(i32),
        }

        impl #name {
            /// Every value the model defines, in declaration order.
            pub const fn values() -> &'static [i32] {
                &[#(#values),*]
            }

            /// The value as it appears on the wire.
            pub fn value(&self) -> i32 {
                match self {
                    #(#to_int)*
                    Self::Unknown(value) => *value,
                }
            }

        }

        impl #FROM<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #(#from_int)*
                    other => Self::Unknown(other),
                }
            }
        }

        #RUNTIME::int_enum_impls!(#name, #rule);
    }
}
