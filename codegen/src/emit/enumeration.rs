//! String enums: a variant per known value plus `Unknown`, so values added to the
//! service later survive a round trip unchanged.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, or_fallback, with_paragraph};
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
        quote!(#value => ::std::option::Option::Some(Self::#variant),)
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
    let expecting = format!("a string naming a value of `{}`", e.path.name);
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash, ::std::cmp::PartialOrd, ::std::cmp::Ord)]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know.
            Unknown(crate::runtime::UnknownVariantValue),
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

            /// Whether the value is one the model defines.
            pub fn is_known(&self) -> bool {
                !::std::matches!(self, Self::Unknown(_))
            }

            /// Checks that the value is one the model defines (values outside the set
            /// parse, but a service would reject them).
            pub fn validate(&self) -> ::std::result::Result<(), crate::runtime::ValidationError> {
                let mut out = crate::runtime::validate::Violations::default();
                crate::runtime::validate::Validate::validate_at(self, &crate::runtime::validate::Path::ROOT, &mut out);
                out.into_result()
            }

            fn known(value: &str) -> ::std::option::Option<Self> {
                match value {
                    #(#from_str)*
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                Self::known(value).unwrap_or_else(|| Self::Unknown(crate::runtime::UnknownVariantValue::new(value)))
            }
        }

        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                match Self::known(&value) {
                    ::std::option::Option::Some(known) => known,
                    ::std::option::Option::None => Self::Unknown(crate::runtime::UnknownVariantValue::new(value)),
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl crate::runtime::validate::Validate for #name {
            fn validate_at(&self, path: &crate::runtime::validate::Path<'_>, out: &mut crate::runtime::validate::Violations) {
                out.enum_value(path, self.is_known(), #rule);
            }
        }

        impl crate::runtime::ErrorCorrection for #name {
            fn corrected() -> Self {
                Self::Unknown(crate::runtime::UnknownVariantValue::new(""))
            }
        }

        impl crate::runtime::wire::HasCodec for #name {
            type Codec = crate::runtime::wire::Plain;
        }

        impl ::serde::Serialize for #name {
            fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: ::serde::Serializer,
            {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: ::serde::Deserializer<'de>,
            {
                crate::runtime::wire::deserialize_enum(deserializer, #expecting)
            }
        }
    }
}
