//! Rust names for Smithy names: heck for the case conversion, then escaping so that
//! keywords, leading digits and the generator's own reserved names never break the
//! output (`type` -> `r#type`, `self` -> `self_`, `Self` -> `SelfValue`). Which name a scope
//! gives way to is decided in `ir::rust` (naming), by the rule the README states.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Strict and reserved keywords of Rust 2021 that `r#` can escape.
const RAW_ESCAPABLE: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn", "else", "enum",
    "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move",
    "mut", "override", "priv", "pub", "ref", "return", "static", "struct", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A struct field or function-style name: `jobTemplateId` -> `job_template_id`.
pub fn field_name(smithy: &str) -> String {
    let snake = prefix_digit(smithy.to_snake_case(), "_");
    escape_value_name(snake)
}

/// A module or file stem: like a field name, but never `r#` (file names cannot carry it).
pub fn module_name(smithy: &str) -> String {
    let snake = prefix_digit(smithy.to_snake_case(), "_");
    if RAW_ESCAPABLE.contains(&snake.as_str()) || NOT_RAW.contains(&snake.as_str()) {
        format!("{snake}_")
    } else {
        snake
    }
}

/// A type name: `abortConfig` -> `AbortConfig`; `Self` -> `SelfValue`.
pub fn type_name(smithy: &str) -> String {
    let camel = prefix_digit(smithy.to_upper_camel_case(), "Shape");
    if camel == "Self" {
        "SelfValue".to_owned()
    } else {
        camel
    }
}

/// An enum variant: `TIMED_OUT` -> `TimedOut`. (`Unknown`, the
/// forward-compatibility variant's name, is reserved in the IR's variant scope.)
pub fn variant_name(smithy: &str) -> String {
    let camel = prefix_digit(smithy.to_upper_camel_case(), "Value");
    match camel.as_str() {
        "Self" => "SelfValue".to_owned(),
        "" => "EmptyValue".to_owned(),
        _ => camel,
    }
}

/// A screaming-snake constant name.
pub fn const_name(smithy: &str) -> String {
    prefix_digit(smithy.to_snake_case().to_uppercase(), "_")
}

fn escape_value_name(snake: String) -> String {
    if NOT_RAW.contains(&snake.as_str()) {
        format!("{snake}_")
    } else if RAW_ESCAPABLE.contains(&snake.as_str()) {
        format!("r#{snake}")
    } else if snake.is_empty() {
        "value".to_owned()
    } else {
        snake
    }
}

fn prefix_digit(name: String, prefix: &str) -> String {
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{prefix}{name}")
    } else {
        name
    }
}

/// The name without a leading `r#`, for derived identifiers (`set_type`, `get_type`).
pub fn bare(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_case() {
        assert_eq!(field_name("jobTemplateId"), "job_template_id");
        assert_eq!(type_name("abortConfig"), "AbortConfig");
        assert_eq!(variant_name("TIMED_OUT"), "TimedOut");
        assert_eq!(module_name("DescribeJobTemplate"), "describe_job_template");
        assert_eq!(const_name("JobTemplateArn"), "JOB_TEMPLATE_ARN");
    }

    #[test]
    fn escapes_keywords_and_reserved_names() {
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("Self"), "self_");
        assert_eq!(module_name("type"), "type_");
        assert_eq!(type_name("Self"), "SelfValue");
        assert_eq!(field_name("3dModel"), "_3d_model");
        assert_eq!(variant_name("1080p"), "Value1080p");
        assert_eq!(bare("r#type"), "type");
    }
}
