//! The XML reader on hostile bodies: each gives a value or an error, never a
//! panic, within memory a small multiple of the body (a counting allocator
//! measures the peak, not the clock).

use smithy_codegen_runtime::xml::dom::{Document, MAX_DEPTH};

#[path = "support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::peak_during;

#[test]
fn nesting_100_000_deep_is_an_error_at_the_limit() {
    let body = "<a>".repeat(100_000);
    let (result, peak) = peak_during(|| Document::parse(body.as_bytes()).map(|_| ()));
    let error = result.expect_err("too deep");
    assert!(error.message.contains(&MAX_DEPTH.to_string()), "{error}");
    assert!(peak <= 2 * body.len(), "{peak} bytes for a {}-byte body", body.len());
}

#[test]
fn a_100_mb_text_is_read_without_copies() {
    let mut body = String::with_capacity(100 * 1024 * 1024 + 16);
    body.push_str("<a>");
    body.extend(std::iter::repeat_n('x', 100 * 1024 * 1024));
    body.push_str("</a>");
    let (result, peak) = peak_during(|| Document::parse(body.as_bytes()).map(|d| d.text(0).len()));
    assert_eq!(result.ok(), Some(100 * 1024 * 1024));
    // The text is borrowed from the body: the tree costs next to nothing.
    assert!(peak < 1024 * 1024, "{peak} bytes allocated for a 100 MB text");
}

#[test]
fn a_million_elements_cost_a_small_multiple_of_their_bytes() {
    let mut body = String::from("<list>");
    for _ in 0..1_000_000 {
        body.push_str("<m>1</m>");
    }
    body.push_str("</list>");
    let (result, peak) = peak_during(|| Document::parse(body.as_bytes()).map(|d| d.children(0).count()));
    assert_eq!(result.ok(), Some(1_000_000));
    // An element is 88 bytes of tree; `<m>1</m>` is 8 bytes of body, and the
    // tree's vector doubles as it grows: the worst case is about 22x.
    assert!(peak <= 24 * body.len(), "{peak} bytes for a {}-byte body", body.len());
}

#[test]
fn an_unknown_entity_and_a_truncated_body_are_located_errors() {
    for body in ["<a>&nope;</a>", "<a><b>", "<a></b>", "<a x=\"1></a>"] {
        let error = Document::parse(body.as_bytes()).expect_err(body);
        assert!(
            error.position.is_some_and(|at| at <= body.len() as u64),
            "{body}: {error}"
        );
    }
}
