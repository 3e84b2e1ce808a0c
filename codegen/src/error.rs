//! The one error type of the generator: every variant names the shape (or JSON position)
//! and says what is wrong, so a maintainer can fix the spec without reading generator code.
//! The messages live beside the variants (`thiserror`), so each reads with its fields.

/// Everything that can go wrong between reading a spec and writing Rust.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CodegenError {
    /// The spec is not valid JSON.
    #[error("spec is not valid JSON at line {line}, column {column}: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    /// A `.smithy` file breaks the IDL grammar, or names something it cannot.
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// An error in one of several model files.
    #[error("{file}: {error}")]
    InFile { file: String, error: Box<CodegenError> },
    /// Two sources of one model disagree (a shape, trait or metadata entry).
    #[error("conflicting model sources: {message}")]
    Conflict { message: String },
    /// The top-level document is not a Smithy JSON AST (wrong structure, not a shape map, ...).
    #[error("spec is not a Smithy JSON AST: {message}")]
    Document { message: String },
    /// The `smithy` version is not one this generator understands.
    #[error("unsupported Smithy version \"{version}\": this generator reads Smithy 2.0 JSON AST")]
    UnsupportedVersion { version: String },
    /// A shape id is not of the form `namespace#Name` (or `namespace#Name$member`).
    #[error("invalid shape id `{id}`: expected `namespace#Name`")]
    InvalidShapeId { id: String },
    /// A shape's `type` is not a Smithy 2.0 shape type.
    #[error("shape `{id}` has unknown type \"{type_name}\"")]
    UnknownShapeType { id: String, type_name: String },
    /// A shape's JSON does not have the structure its type requires.
    #[error("shape `{id}` is malformed: {message}")]
    MalformedShape { id: String, message: String },
    /// A member, mixin, operation or `apply` refers to a shape that does not exist.
    #[error("`{from}` targets `{to}`, which is not defined in the model")]
    DanglingTarget { from: String, to: String },
    /// A trait value is malformed or contradicts itself (`min > max`, wrong JSON type, ...).
    #[error("shape `{id}` has an invalid `{trait_id}` trait: {message}")]
    InvalidTrait {
        id: String,
        trait_id: String,
        message: String,
    },
    /// A shape uses a feature the generator cannot translate.
    #[error("shape `{id}` is not supported: {message}")]
    Unsupported { id: String, message: String },
    /// A `@pattern` cannot be compiled to a Rust regex.
    #[error("shape `{id}` has a `smithy.api#pattern` that cannot be compiled (`{pattern}`): {message}")]
    InvalidPattern {
        id: String,
        pattern: String,
        message: String,
    },
    /// The operation asked for does not exist in the model; `suggestion` is the
    /// closest operation name, when one is close.
    #[error("the model has no operation named `{name}`{}", suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
    UnknownOperation { name: String, suggestion: Option<String> },
    /// The service asked for does not exist in the model.
    #[error("the model has no service named `{name}` (its services: {})", if known.is_empty() { "none".to_owned() } else { known.join(", ") })]
    UnknownService { name: String, known: Vec<String> },
    /// No service of the model has an operation to generate.
    #[error("the model has no service with operations to generate")]
    NoOperations,
    /// An expected protocol-test failure names no generated case.
    #[error("the expected failure `{kind} {id}` names no {kind} case of the generated operations")]
    UnknownCase { kind: crate::CaseKind, id: String },
    /// Mixins refer to each other in a cycle.
    #[error("shape `{id}` is part of a mixin cycle")]
    MixinCycle { id: String },
    /// The model breaks Smithy's rules: every problem, one per line, each
    /// where it was written.
    #[error("{} in the model:\n{}", if problems.len() == 1 { "1 problem".to_owned() } else { format!("{} problems", problems.len()) }, problems.join("\n"))]
    Check { problems: Vec<String> },
    /// A setting of the generator is not usable (a path that is not a Rust path, ...).
    #[error("invalid setting: {message}")]
    Settings { message: String },
    /// The generated tokens could not be parsed back as Rust (a generator bug).
    #[error("generated code for `{file}` is not valid Rust (generator bug): {message}")]
    Format { file: String, message: String },
}

/// Shorthand used throughout the generator.
pub type Result<T, E = CodegenError> = std::result::Result<T, E>;
