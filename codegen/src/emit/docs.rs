//! Doc attributes: one `#[doc]` per line so prettyplease prints `///` comments.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// `#[doc = " line"]` attributes for each line.
pub fn doc_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        let text = doc_text(&text);
        quote!(#[doc = #text])
    });
    quote!(#(#attrs)*)
}

/// A doc line as a raw string literal (`r"..."`, with as many `#` as it
/// needs): the same `///` comment once printed, but neither escaped here nor
/// unescaped by the formatter, character by character, as a quoted literal
/// is. Text a raw literal cannot hold (a carriage return) stays quoted.
pub fn doc_text(text: &str) -> Literal {
    let mut hashes = 0;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{text}\"{fence}")
        .parse()
        .unwrap_or_else(|_| Literal::string(text))
}

/// Model docs, or a neutral fallback naming the shape so every item is documented.
pub fn or_fallback(lines: &[String], fallback: String) -> Vec<String> {
    if lines.is_empty() {
        vec![fallback]
    } else {
        lines.to_vec()
    }
}

/// The first paragraph of `lines` (or `fallback`): where the same member is
/// documented in full elsewhere (its field or getter), its builder setter
/// and the other accessors say what it is in a line and no more.
pub fn summary(lines: &[String], fallback: String) -> Vec<String> {
    let first: Vec<String> = lines.iter().take_while(|l| !l.trim().is_empty()).cloned().collect();
    if first.is_empty() {
        vec![fallback]
    } else {
        first
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A file with one documented item, printed.
    fn printed(doc: &Literal) -> String {
        let file: syn::File = syn::parse2(quote!(#[doc = #doc] struct S;)).expect("parses");
        prettyplease::unparse(&file)
    }

    #[test]
    fn raw_doc_lines_print_as_quoted_ones_do() {
        for text in [
            "",
            " plain",
            " a \"quoted\" word",
            " fences r\"#x\"# and \"## inside",
            " back\\slash and \\n as text",
            " tab\there, ünïcødé ✓",
        ] {
            let raw = doc_text(text);
            assert!(raw.to_string().starts_with('r'), "{text:?} -> {raw}");
            assert_eq!(printed(&raw), printed(&Literal::string(text)), "{text:?}");
        }
        // A raw literal cannot hold a lone carriage return.
        let quoted = doc_text(" a\rb");
        assert!(quoted.to_string().starts_with('"'), "{quoted}");
    }
}
