//! `patterns::rules`: one `runtime::validate::Rules` static per distinct set
//! of constraint traits, named after the first shape that has it, so that a
//! member's check is a single call and shared shapes share one definition.
//! It sits in the patterns file, which every generated crate already reaches
//! as `crate::patterns`, so no crate root needs a new line.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::symbols::{self, RUNTIME};
use super::validate::rules_expr;
use super::Context;
use crate::ir::rust::ValueType;

pub fn emit(ctx: &Context) -> TokenStream {
    let statics = ctx.rule_defs().map(|(name, v, _)| {
        let ident = format_ident!("{}", name);
        // Inside the inline `rules` module, which the file's imports do not
        // reach: whole paths; siblings by name.
        let expr = symbols::full_paths(false, || {
            let child = |item: &ValueType| match ctx.rules(item) {
                Some(name) => quote!(&#name),
                None => quote!(&Rules::NONE),
            };
            rules_expr(v, &|regex| ctx.pattern_const(regex), &child).unwrap_or_default()
        });
        let doc = match v.constraints.describe() {
            Some(text) => format!(" `{}`: {text}.", v.shape.name()),
            None => format!(" `{}`.", v.shape.name()),
        };
        quote! {
            #[doc = #doc]
            pub(crate) static #ident: Rules = #expr;
        }
    });
    let statics: Vec<TokenStream> = statics.collect();
    if statics.is_empty() && !ctx.uses_none() {
        return TokenStream::new();
    }
    let none = ctx.uses_none().then(|| {
        quote! {
            /// No constraint: a position whose value only checks itself.
            pub(crate) static NONE: Rules = Rules::NONE;
        }
    });
    let rules_type = symbols::full_paths(false, || quote!(#RUNTIME::validate::Rules));
    quote! {
        /// The model's constraint traits, one static per distinct set; values are
        /// checked against them by the runtime.
        pub(crate) mod rules {
            use #rules_type;

            #none
            #(#statics)*
        }
    }
}
