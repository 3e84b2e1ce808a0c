//! `Serialize` and `Deserialize` for structures, written out instead of derived so
//! that the wire rules hold exactly: JSON keys are wire names, `None` is omitted,
//! `null` means absent, unknown keys are skipped, the last duplicate key wins, each
//! member goes through its codec, and missing required members are corrected.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{field_codec, ident};
use crate::ir::rust::StructureDef;

pub fn emit(s: &StructureDef) -> TokenStream {
    let serialize = serialize(s);
    let deserialize = deserialize(s);
    quote! {
        #serialize
        #deserialize
    }
}

fn serialize(s: &StructureDef) -> TokenStream {
    let name = ident(&s.path.name);
    let entries = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let wire = &f.wire_name;
        let member = &f.member;
        let codec = field_codec(f);
        if f.optional {
            quote! {
                if let ::std::option::Option::Some(value) = &self.#field {
                    crate::runtime::wire::entry::<#codec, _, _>(&mut map, #wire, value)?;
                }
            }
        } else if f.default.is_some() {
            quote! {
                crate::runtime::wire::entry::<#codec, _, _>(&mut map, #wire, &self.#field)?;
            }
        } else {
            quote! {
                if !self.client_corrections.contains(#member) {
                    crate::runtime::wire::entry::<#codec, _, _>(&mut map, #wire, &self.#field)?;
                }
            }
        }
    });
    // The exact number of entries, so formats that write a map's length first
    // (CBOR, MessagePack, bincode-like ones) work too.
    let counts = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let member = &f.member;
        if f.optional {
            quote!(usize::from(self.#field.is_some()))
        } else if f.default.is_some() {
            quote!(1)
        } else {
            quote!(usize::from(!self.client_corrections.contains(#member)))
        }
    });
    let map_binding = if s.fields.is_empty() {
        quote!(let map = serializer.serialize_map(::std::option::Option::Some(0))?;)
    } else {
        let counts: Vec<TokenStream> = counts.collect();
        quote! {
            let len = #(#counts)+*;
            let mut map = serializer.serialize_map(::std::option::Option::Some(len))?;
        }
    };
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: ::serde::Serializer,
            {
                use ::serde::ser::SerializeMap as _;
                #map_binding
                #(#entries)*
                map.end()
            }
        }
    }
}

fn deserialize(s: &StructureDef) -> TokenStream {
    let name = ident(&s.path.name);
    let expecting = format!("a JSON object ({})", s.path.name);
    // Locals are prefixed so members named `map` or `key` cannot shadow the visitor's own.
    let local =
        |f: &crate::ir::rust::FieldDef| quote::format_ident!("member_{}", crate::ir::rust::bare_name(&f.rust_name));
    let locals = s.fields.iter().map(|f| {
        let local = local(f);
        quote!(let mut #local = ::std::option::Option::None;)
    });
    let arms = s.fields.iter().map(|f| {
        let local = local(f);
        let wire = &f.wire_name;
        let codec = field_codec(f);
        quote!(#wire => #local = crate::runtime::wire::next_value::<#codec, _, _>(&mut map)?,)
    });
    let inits = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let local = local(f);
        let member = &f.member;
        if f.optional {
            quote!(#field: #local,)
        } else if let Some(default) = &f.default {
            let value = super::defaults::unwrap_or_default(quote!(#local), &f.value, default);
            quote!(#field: #value,)
        } else {
            quote!(#field: client_corrections.fill(#local, #member),)
        }
    });
    let (corrections_init, corrections_field) = if s.tracks_corrections() {
        (
            quote!(let mut client_corrections = crate::runtime::ClientCorrections::default();),
            quote!(client_corrections,),
        )
    } else {
        (TokenStream::new(), TokenStream::new())
    };
    let loop_body = if s.fields.is_empty() {
        quote! {
            while map.next_key::<::serde::de::IgnoredAny>()?.is_some() {
                map.next_value::<::serde::de::IgnoredAny>()?;
            }
        }
    } else {
        quote! {
            while let ::std::option::Option::Some(key) = map.next_key::<crate::runtime::wire::Key<'de>>()? {
                match key.as_str() {
                    #(#arms)*
                    _ => {
                        map.next_value::<::serde::de::IgnoredAny>()?;
                    }
                }
            }
        }
    };
    let body = quote! {
                        #(#locals)*
                        #loop_body
                        #corrections_init
                        ::std::result::Result::Ok(#name {
                            #(#inits)*
                            #corrections_field
                        })
    };
    map_deserialize(&name, &quote::format_ident!("FieldsVisitor"), &expecting, body)
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
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: ::serde::Deserializer<'de>,
            {
                struct #visitor;

                impl<'de> ::serde::de::Visitor<'de> for #visitor {
                    type Value = #name;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_map<A>(self, mut map: A) -> ::std::result::Result<#name, A::Error>
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
