//! One lazily compiled regex per distinct `@pattern`, compiled at first use and
//! never again; a generated test compiles them all.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc_text;
use super::symbols::RUNTIME;
use crate::ir::rust::PatternDef;
use crate::ir::rust::{Engine, Specialised};

pub fn emit(patterns: &[PatternDef]) -> TokenStream {
    let statics = patterns.iter().map(|p| {
        let name = format_ident!("{}", p.const_name);
        let t = &p.translated;
        let regex = &t.regex;
        let doc = doc_text(&format!(" {}", crate::ir::rust::inline_code(&p.source)));
        let backtracking = t.engine == Engine::Backtracking;
        let init = match &t.specialised {
            Some(Specialised::Ascii(a)) => {
                let prefix = &a.prefix;
                let byte = |b: u8| proc_macro2::Literal::byte_character(b);
                let ranges = a.ranges.iter().map(|(lo, hi)| {
                    let (lo, hi) = (byte(*lo), byte(*hi));
                    quote!((#lo, #hi))
                });
                let at_least = a.at_least;
                quote!(#RUNTIME::validate::Pattern::ascii(#prefix, &[#(#ranges),*], #at_least))
            }
            Some(Specialised::Bounded(b)) => {
                let class = format!("^{}*\\z", b.class);
                let (min, max) = (b.min as usize, b.max as usize);
                quote!(#RUNTIME::validate::Pattern::bounded(#class, #min, #max))
            }
            None => quote!(#RUNTIME::validate::Pattern::compile(#regex, #backtracking)),
        };
        // Java's `$`: also match without a final line terminator.
        let init = if t.line_end {
            quote!(#init.allowing_final_line_terminator())
        } else {
            init
        };
        quote! {
            #[doc = #doc]
            pub(crate) static #name: ::std::sync::LazyLock<#RUNTIME::validate::Pattern> =
                ::std::sync::LazyLock::new(|| #init);
        }
    });
    let names = patterns.iter().map(|p| format_ident!("{}", p.const_name));
    quote! {
        #(#statics)*

        #[cfg(test)]
        mod tests {
            #[test]
            fn every_pattern_compiles() {
                #(::std::sync::LazyLock::force(&super::#names);)*
            }
        }
    }
}
