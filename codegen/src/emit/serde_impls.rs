//! `Serialize` and `Deserialize` for structures, written out instead of derived so
//! that the wire rules hold exactly: JSON keys are wire names, `None` is omitted,
//! `null` means absent, unknown keys are skipped, the last duplicate key wins, each
//! member goes through its codec, and missing required members are corrected.
//! The object handling is the runtime's (`runtime::wire::{WriteFields,
//! ReadFields}`); a structure only lists its members, each in one line.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::prelude::{OK, RESULT};
use super::symbols::{FMT, RUNTIME};
use super::types::{field_codec, has_own_codec, ident};
use crate::ir::rust::StructureDef;

pub fn emit(s: &StructureDef) -> TokenStream {
    let name = ident(&s.path.name);
    let builder = ident(&s.builder_name());
    let write = write_fields(s);
    let read = read_fields(s);
    let infallible = (!super::builder::can_fail(s)).then(|| quote!(, infallible));
    quote! {
        #RUNTIME::structure_impls!(#name, #builder #infallible);

        #write
        #read
    }
}

fn write_fields(s: &StructureDef) -> TokenStream {
    let name = ident(&s.path.name);
    let entries = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let wire = &f.wire_name;
        let codec = (!has_own_codec(&f.value)).then(|| field_codec(f));
        let with = |method: &str| match &codec {
            Some(codec) => {
                let method = format_ident!("{method}_with");
                quote!(#method::<#codec, _>)
            }
            None => {
                let method = format_ident!("{method}");
                quote!(#method)
            }
        };
        if f.is_optional() {
            let method = with("optional");
            quote!(w.#method(#wire, &self.#field)?;)
        } else if f.default().is_some() {
            let method = with("entry");
            quote!(w.#method(#wire, &self.#field)?;)
        } else {
            let method = with("required");
            quote!(w.#method(#wire, &self.#field, corrected)?;)
        }
    });
    let w = if s.fields.is_empty() { quote!(_) } else { quote!(w) };
    // Required members are written unless error correction filled them in.
    let corrected = s
        .tracks_corrections()
        .then(|| quote!(let corrected = &self.client_corrections;));
    quote! {
        impl #RUNTIME::wire::WriteFields for #name {
            fn write_fields<W: #RUNTIME::wire::FieldWriter>(&self, #w: &mut W) -> #RESULT<(), W::Error> {
                #corrected
                #(#entries)*
                #OK(())
            }
        }
    }
}

/// `Deserialize` reads the members into the builder (absent, `@default` and
/// corrected members then come out exactly as `build_unchecked` makes them).
fn read_fields(s: &StructureDef) -> TokenStream {
    let builder = ident(&s.builder_name());
    let arms = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let wire = &f.wire_name;
        if has_own_codec(&f.value) {
            quote!(#wire => self.#field = #RUNTIME::wire::read(map)?,)
        } else {
            let codec = field_codec(f);
            quote!(#wire => self.#field = #RUNTIME::wire::next_value::<#codec, _, _>(map)?,)
        }
    });
    let read_body = if s.fields.is_empty() {
        quote! {
            let _ = (key, map);
            #OK(false)
        }
    } else {
        quote! {
            match key {
                #(#arms)*
                _ => return #OK(false),
            }
            #OK(true)
        }
    };
    quote! {
        impl #RUNTIME::wire::ReadFields for #builder {
            fn read_field<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> #RESULT<bool, A::Error> {
                #read_body
            }
        }
    }
}

/// `Deserialize` through a map visitor: the skeleton every object-shaped type
/// shares; `body` is `visit_map`'s body, reading from `map`.
pub fn map_deserialize(
    name: &proc_macro2::Ident,
    visitor: &proc_macro2::Ident,
    expecting: &str,
    body: TokenStream,
) -> TokenStream {
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D>(deserializer: D) -> #RESULT<Self, D::Error>
            where
                D: ::serde::Deserializer<'de>,
            {
                struct #visitor;

                impl<'de> ::serde::de::Visitor<'de> for #visitor {
                    type Value = #name;

                    fn expecting(&self, f: &mut #FMT::Formatter<'_>) -> #FMT::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_map<A>(self, mut map: A) -> #RESULT<#name, A::Error>
                    where
                        A: ::serde::de::MapAccess<'de>,
                    {
                        #body
                    }
                }

                deserializer.deserialize_map(#visitor)
            }
        }
    }
}
