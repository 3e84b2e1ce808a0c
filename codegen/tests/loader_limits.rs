//! The model loaders (IDL and JSON AST, through `ast::assemble` and the
//! resolve stage) on hostile models: each gives a model or an error, never a
//! panic or a stack overflow, within memory a small multiple of the text (a
//! counting allocator measures the peak, not the clock).

use smithy_codegen::ast::assemble::{assemble, Source};
use smithy_codegen::ir::Model;

#[path = "../../runtime/tests/support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::peak_during;

/// Loads `text` as the file `name` and resolves it; the outcome (the error's
/// text, if any) and this thread's peak allocation while loading (the
/// source's own copy of the text is the caller's, made before).
fn load(name: &str, text: &str) -> (Result<(), String>, usize) {
    let sources = [Source::new(name, text)];
    peak_during(|| {
        let ast = assemble(&sources).map_err(|e| e.to_string())?;
        Model::from_ast(&ast).map(|_| ()).map_err(|e| e.to_string())
    })
}

fn idl(body: &str) -> String {
    format!("$version: \"2.0\"\nnamespace example.limits\n\n{body}\n")
}

fn json(shapes: &str) -> String {
    format!("{{\"smithy\": \"2.0\", \"shapes\": {{{shapes}}}}}")
}

const HUNDRED_MB: usize = 100 * 1024 * 1024;

#[test]
fn a_100_mb_documentation_string_costs_a_small_multiple_of_itself() {
    let text = "x".repeat(HUNDRED_MB);
    let idl_text = idl(&format!("@documentation(\"{text}\")\nstring Big"));
    let (outcome, peak) = load("big.smithy", &idl_text);
    assert_eq!(outcome, Ok(()));
    assert!(
        peak <= 4 * idl_text.len(),
        "IDL: {peak} bytes for {} bytes",
        idl_text.len()
    );
    assert!(
        peak >= idl_text.len(),
        "IDL: {peak} bytes: the allocator is not counting"
    );
    drop(idl_text);
    let json_text = json(&format!(
        "\"example.limits#Big\": {{\"type\": \"string\", \"traits\": {{\"smithy.api#documentation\": \"{text}\"}}}}"
    ));
    let (outcome, peak) = load("big.json", &json_text);
    assert_eq!(outcome, Ok(()));
    assert!(
        peak <= 4 * json_text.len(),
        "JSON AST: {peak} bytes for {} bytes",
        json_text.len()
    );
}

#[test]
fn nesting_100_000_deep_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let idl_text = idl(&format!("@tags({deep})\nstring Deep"));
    let (outcome, peak) = load("deep.smithy", &idl_text);
    let error = outcome.expect_err("100,000 levels of nesting are refused");
    assert!(error.contains("nest"), "IDL error names the nesting: {error}");
    assert!(
        peak <= 64 * idl_text.len(),
        "IDL: {peak} bytes for {} bytes",
        idl_text.len()
    );
    let json_text = json(&format!(
        "\"example.limits#Deep\": {{\"type\": \"string\", \"traits\": {{\"smithy.api#tags\": {deep}}}}}"
    ));
    let (outcome, peak) = load("deep.json", &json_text);
    assert!(outcome.is_err(), "JSON AST: 100,000 levels of nesting are refused");
    assert!(
        peak <= 64 * json_text.len(),
        "JSON AST: {peak} bytes for {} bytes",
        json_text.len()
    );
}

#[test]
fn a_million_element_list_costs_a_small_multiple_of_its_bytes() {
    let items = vec!["\"tag\""; 1_000_000].join(", ");
    let idl_text = idl(&format!("@tags([{items}])\nstring Tagged"));
    let (outcome, peak) = load("tags.smithy", &idl_text);
    assert_eq!(outcome, Ok(()));
    assert!(
        peak <= 64 * idl_text.len(),
        "IDL: {peak} bytes for {} bytes",
        idl_text.len()
    );
    let json_text = json(&format!(
        "\"example.limits#Tagged\": {{\"type\": \"string\", \"traits\": {{\"smithy.api#tags\": [{items}]}}}}"
    ));
    let (outcome, peak) = load("tags.json", &json_text);
    assert_eq!(outcome, Ok(()));
    assert!(
        peak <= 64 * json_text.len(),
        "JSON AST: {peak} bytes for {} bytes",
        json_text.len()
    );
}

#[test]
fn a_number_of_100_000_digits_gives_a_value_or_an_error() {
    let digits = "9".repeat(100_000);
    let idl_text = idl(&format!("@range(max: {digits})\ninteger Huge"));
    let (_, peak) = load("huge.smithy", &idl_text);
    assert!(
        peak <= 64 * idl_text.len(),
        "IDL: {peak} bytes for {} bytes",
        idl_text.len()
    );
    let json_text = json(&format!(
        "\"example.limits#Huge\": {{\"type\": \"integer\", \"traits\": {{\"smithy.api#range\": {{\"max\": {digits}}}}}}}"
    ));
    let (_, peak) = load("huge.json", &json_text);
    assert!(
        peak <= 64 * json_text.len(),
        "JSON AST: {peak} bytes for {} bytes",
        json_text.len()
    );
}

#[test]
fn a_length_of_2_to_the_60_is_a_number_not_an_allocation() {
    let idl_text = idl("@length(min: 1152921504606846976)\nstring Long");
    let (outcome, peak) = load("long.smithy", &idl_text);
    assert_eq!(outcome, Ok(()));
    assert!(peak <= 1 << 20, "IDL: {peak} bytes");
}

#[test]
fn mixins_in_a_cycle_are_an_error_naming_them() {
    let idl_text = idl("@mixin\nstructure A with [B] {}\n\n@mixin\nstructure B with [A] {}");
    let (outcome, _) = load("cycle.smithy", &idl_text);
    let error = outcome.expect_err("a mixin cycle is refused");
    assert!(
        error.contains("example.limits#A") || error.contains("example.limits#B"),
        "{error}"
    );
    let json_text = json(
        "\"example.limits#A\": {\"type\": \"structure\", \"mixins\": [{\"target\": \"example.limits#B\"}], \"members\": {}, \"traits\": {\"smithy.api#mixin\": {}}},
         \"example.limits#B\": {\"type\": \"structure\", \"mixins\": [{\"target\": \"example.limits#A\"}], \"members\": {}, \"traits\": {\"smithy.api#mixin\": {}}}",
    );
    let (outcome, _) = load("cycle.json", &json_text);
    let error = outcome.expect_err("a mixin cycle is refused");
    assert!(
        error.contains("example.limits#A") || error.contains("example.limits#B"),
        "{error}"
    );
}

#[test]
fn an_apply_onto_its_own_mixin_chain_is_resolved_once() {
    // `apply` adds traits; it cannot add a mixin, so the cycle an `apply`
    // could make is one of traits applied to a shape and to the mixin it
    // copies members from: each is applied once.
    let idl_text = idl(
        "@mixin\nstructure Base { id: String }\n\nstructure Thing with [Base] {}\n\napply Base$id @documentation(\"base\")\napply Thing$id @documentation(\"thing\")",
    );
    let (outcome, _) = load("apply.smithy", &idl_text);
    assert_eq!(outcome, Ok(()));
}
