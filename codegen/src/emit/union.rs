//! Unions: a Rust enum with one variant per member (unit variants for members
//! targeting `Unit`) plus `Unknown`, which keeps a member this crate does not know.
//! On the wire: a JSON object with exactly one non-null member; `__type` is ignored.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::context::Context;
use super::docs::{doc_attrs, doc_text, or_fallback, with_paragraph};
use super::prelude::{BOX, CLONE, DEFAULT, EQ, ERR, HASH, NONE, OPTION, PARTIAL_EQ, RESULT, SOME};
use super::serde_impls;
use super::symbols::{FMT, RUNTIME};
use super::types::{codec, ident, value_type};
use super::validate::has_checks;
use crate::ir::rust::names;
use crate::ir::rust::{UnionDef, UnionVariant, ValueType};

/// The wire codec of a variant's value, boxed like the value when recursive.
fn variant_codec(v: &UnionVariant, value: &ValueType) -> TokenStream {
    let c = codec(value);
    if v.boxed {
        quote!(#RUNTIME::wire::Boxed<#c>)
    } else {
        c
    }
}

pub fn emit(u: &UnionDef, ctx: &Context) -> TokenStream {
    let name = ident(&u.path.name);
    let type_name = &u.path.name;
    let mut docs = or_fallback(&u.docs, format!("The `{}` union.", u.id.name()));
    docs = with_paragraph(docs, format!("Smithy shape: `{}`. Exactly one member is set.", u.id));
    if u.event_stream {
        docs = with_paragraph(
            docs,
            "An event stream on the wire; here each value is one event, and stream framing is not modelled.".into(),
        );
    }
    let docs = doc_attrs(&docs);
    let derives = if u.eq_hash {
        quote!(#[derive(#CLONE, #PARTIAL_EQ, #EQ, #HASH)])
    } else {
        quote!(#[derive(#CLONE, #PARTIAL_EQ)])
    };
    let extras = super::types::extras(&u.extras);
    // Members hold their values as they are, so callers build and match them
    // directly; where one is far larger than the rest, boxing it would change
    // how it is built, so the lint is silenced there.
    let large = u.large_variant.then(|| quote!(#[allow(clippy::large_enum_variant)]));
    let payload = |v: &crate::ir::rust::UnionVariant| {
        v.value.as_ref().map(|value| {
            let t = value_type(value);
            if v.boxed {
                quote!(#BOX<#t>)
            } else {
                t
            }
        })
    };
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let docs = doc_attrs(&or_fallback(&v.docs, format!("The `{}` member.", v.member)));
        match payload(v) {
            Some(t) => quote!(#docs #variant(#t),),
            None => quote!(#docs #variant,),
        }
    });
    let accessors = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let snake = names::field_name(&v.member);
        let is_fn = format_ident!("is_{}", crate::ir::rust::bare_name(&snake));
        let is_doc = doc_text(&format!(" Whether the `{}` member is set.", v.member));
        let is_fn_tokens = quote! {
            #[doc = #is_doc]
            pub fn #is_fn(&self) -> bool {
                ::std::matches!(self, Self::#variant { .. })
            }
        };
        match (&v.value, payload(v)) {
            (Some(value), Some(_)) => {
                let as_fn = format_ident!("as_{}", crate::ir::rust::bare_name(&snake));
                let t = value_type(value);
                let doc = doc_text(&format!(" The `{}` member, if it is the one set.", v.member));
                quote! {
                    #[doc = #doc]
                    pub fn #as_fn(&self) -> #OPTION<&#t> {
                        match self {
                            Self::#variant(value) => #SOME(value),
                            _ => #NONE,
                        }
                    }

                    #is_fn_tokens
                }
            }
            _ => is_fn_tokens,
        }
    });
    let member_name_arms = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire_name;
        quote!(Self::#variant { .. } => #wire,)
    });
    let debug_arms = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let label = &v.rust_name;
        match &v.value {
            _ if u.sensitive => quote!(Self::#variant { .. } => f.write_str(#RUNTIME::REDACTED),),
            Some(value) if value.redacted() => {
                quote!(Self::#variant(_) => f.debug_tuple(#label).field(&#RUNTIME::REDACTED).finish(),)
            }
            Some(_) => quote!(Self::#variant(value) => f.debug_tuple(#label).field(value).finish(),),
            None => quote!(Self::#variant => f.write_str(#label),),
        }
    });
    let serialize_arms = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire_name;
        match &v.value {
            Some(value) => {
                let c = variant_codec(v, value);
                quote!(Self::#variant(value) => #RUNTIME::wire::entry::<#c, _, _>(&mut map, #wire, value)?,)
            }
            None => quote!(Self::#variant => map.serialize_entry(#wire, &#RUNTIME::wire::Empty)?,),
        }
    });
    let deserialize_arms = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire_name;
        match &v.value {
            Some(value) => {
                let c = variant_codec(v, value);
                quote! {
                    #wire => #RUNTIME::wire::next_value::<#c, _, _>(&mut map)?.map(#name::#variant),
                }
            }
            None => quote! {
                #wire => map
                    .next_value::<#OPTION<::serde::de::IgnoredAny>>()?
                    .map(|_| #name::#variant),
            },
        }
    });
    // One check per variant whose value needs one; a single one is an `if let`.
    let validate_arms: Vec<(Ident, &str, TokenStream)> = u
        .variants
        .iter()
        .filter_map(|v| {
            let value = v.value.as_ref().filter(|value| has_checks(value))?;
            Some((ident(&v.rust_name), v.wire_name.as_str(), ctx.rules_ref(value)))
        })
        .collect();
    let validate_impl = match &validate_arms[..] {
        [] => quote! {
            fn validate_at(&self, _: &#RUNTIME::validate::Path<'_>, _: &mut #RUNTIME::validate::Violations) {}
        },
        [(variant, wire, rules)] => quote! {
            fn validate_at(&self, path: &#RUNTIME::validate::Path<'_>, out: &mut #RUNTIME::validate::Violations) {
                if let Self::#variant(value) = self {
                    #RUNTIME::validate::Check::check(value, &path.field(#wire), #rules, out);
                }
            }
        },
        arms => {
            let arms = arms.iter().map(|(variant, wire, rules)| {
                quote!(Self::#variant(value) => #RUNTIME::validate::Check::check(value, &path.field(#wire), #rules, out),)
            });
            quote! {
                fn validate_at(&self, path: &#RUNTIME::validate::Path<'_>, out: &mut #RUNTIME::validate::Violations) {
                    match self {
                        #(#arms)*
                        _ => {}
                    }
                }
            }
        }
    };
    let expecting = format!("a JSON object with exactly one member ({type_name})");
    let too_many = format!("more than one member of union {type_name} is set");
    let none = format!("no member of union {type_name} is set");
    let deserialize = serde_impls::map_deserialize(
        &name,
        &quote::format_ident!("MemberVisitor"),
        &expecting,
        quote! {
                            let mut found: #OPTION<#name> = #NONE;
                            while let #SOME(key) = map.next_key::<#RUNTIME::wire::Key<'de>>()? {
                                let value: #OPTION<#name> = match key.as_str() {
                                    "__type" => {
                                        map.next_value::<::serde::de::IgnoredAny>()?;
                                        #NONE
                                    }
                                    #(#deserialize_arms)*
                                    other => #RUNTIME::wire::unknown_member(other, &mut map)?.map(#name::Unknown),
                                };
                                if let #SOME(value) = value {
                                    if found.is_some() {
                                        return #ERR(<A::Error as ::serde::de::Error>::custom(#too_many));
                                    }
                                    found = #SOME(value);
                                }
                            }
                            found.ok_or_else(|| <A::Error as ::serde::de::Error>::custom(#none))
        },
    );
    quote! {
        #docs
        #[non_exhaustive]
        #derives
        #large
        #extras
        pub enum #name {
            #(#variants)*
            /// A member this version of the crate does not know, kept as received.
            Unknown(#RUNTIME::UnknownMember),
        }

        impl #name {
            #(#accessors)*

            /// The wire name of the member that is set.
            pub fn member_name(&self) -> &str {
                match self {
                    #(#member_name_arms)*
                    Self::Unknown(unknown) => unknown.name(),
                }
            }

            /// Checks every constraint of the member that is set.
            pub fn validate(&self) -> #RESULT<(), #RUNTIME::ValidationError> {
                let mut out = #RUNTIME::validate::Violations::default();
                #RUNTIME::validate::Validate::validate_at(self, &#RUNTIME::validate::Path::ROOT, &mut out);
                out.into_result()
            }
        }

        impl #FMT::Debug for #name {
            fn fmt(&self, f: &mut #FMT::Formatter<'_>) -> #FMT::Result {
                match self {
                    #(#debug_arms)*
                    Self::Unknown(unknown) => f.debug_tuple("Unknown").field(unknown).finish(),
                }
            }
        }

        impl #RUNTIME::validate::Validate for #name {
            #validate_impl
        }

        impl #RUNTIME::validate::Check for #name {
            fn check(&self, path: &#RUNTIME::validate::Path<'_>, _: &#RUNTIME::validate::Rules, out: &mut #RUNTIME::validate::Violations) {
                #RUNTIME::validate::Validate::validate_at(self, path, out);
            }
        }

        impl #RUNTIME::ErrorCorrection for #name {
            fn corrected() -> Self {
                Self::Unknown(#DEFAULT::default())
            }
        }

        impl #RUNTIME::wire::HasCodec for #name {
            type Codec = #RUNTIME::wire::Plain;
        }

        impl ::serde::Serialize for #name {
            fn serialize<S>(&self, serializer: S) -> #RESULT<S::Ok, S::Error>
            where
                S: ::serde::Serializer,
            {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(#SOME(1))?;
                match self {
                    #(#serialize_arms)*
                    Self::Unknown(unknown) => map.serialize_entry(unknown.name(), unknown.value())?,
                }
                map.end()
            }
        }

        #deserialize
    }
}
