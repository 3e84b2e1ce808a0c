//! Doc attributes: one `#[doc]` per line so prettyplease prints `///` comments.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = " line"]` attributes for each line.
pub fn doc_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #text])
    });
    quote!(#(#attrs)*)
}

/// Model docs, or a neutral fallback naming the shape so every item is documented.
pub fn or_fallback(lines: &[String], fallback: String) -> Vec<String> {
    if lines.is_empty() {
        vec![fallback]
    } else {
        lines.to_vec()
    }
}

/// Appends a paragraph.
pub fn with_paragraph(mut lines: Vec<String>, paragraph: String) -> Vec<String> {
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(paragraph);
    lines
}
