//! The one error type of the generator: every variant names the shape (or JSON position)
//! and says what is wrong, so a maintainer can fix the spec without reading generator code.

use std::fmt;

/// Everything that can go wrong between reading a spec and writing Rust.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CodegenError {
    /// The spec is not valid JSON.
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    /// The top-level document is not a Smithy JSON AST (wrong structure, not a shape map, ...).
    Document { message: String },
    /// The `smithy` version is not one this generator understands.
    UnsupportedVersion { version: String },
    /// A shape id is not of the form `namespace#Name` (or `namespace#Name$member`).
    InvalidShapeId { id: String },
    /// A shape's `type` is not a Smithy 2.0 shape type.
    UnknownShapeType { id: String, type_name: String },
    /// A shape's JSON does not have the structure its type requires.
    MalformedShape { id: String, message: String },
    /// A member, mixin, operation or `apply` refers to a shape that does not exist.
    DanglingTarget { from: String, to: String },
    /// A trait value is malformed or contradicts itself (`min > max`, wrong JSON type, ...).
    InvalidTrait {
        id: String,
        trait_id: String,
        message: String,
    },
    /// A shape uses a feature the generator cannot translate.
    Unsupported { id: String, message: String },
    /// A `@pattern` cannot be compiled to a Rust regex.
    InvalidPattern {
        id: String,
        pattern: String,
        message: String,
    },
    /// Two shapes or members map to the same Rust name.
    NameCollision { id: String, message: String },
    /// The operation asked for does not exist in the model; `suggestion` is the
    /// closest operation name, when one is close.
    UnknownOperation { name: String, suggestion: Option<String> },
    /// Mixins refer to each other in a cycle.
    MixinCycle { id: String },
    /// The generated tokens could not be parsed back as Rust (a generator bug).
    Format { file: String, message: String },
}

impl fmt::Display for CodegenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Json { line, column, message } => {
                write!(f, "spec is not valid JSON at line {line}, column {column}: {message}")
            }
            Self::Document { message } => write!(f, "spec is not a Smithy JSON AST: {message}"),
            Self::UnsupportedVersion { version } => write!(
                f,
                "unsupported Smithy version \"{version}\": this generator reads Smithy 2.0 JSON AST"
            ),
            Self::InvalidShapeId { id } => {
                write!(f, "invalid shape id `{id}`: expected `namespace#Name`")
            }
            Self::UnknownShapeType { id, type_name } => {
                write!(f, "shape `{id}` has unknown type \"{type_name}\"")
            }
            Self::MalformedShape { id, message } => write!(f, "shape `{id}` is malformed: {message}"),
            Self::DanglingTarget { from, to } => {
                write!(f, "`{from}` targets `{to}`, which is not defined in the model")
            }
            Self::InvalidTrait { id, trait_id, message } => {
                write!(f, "shape `{id}` has an invalid `{trait_id}` trait: {message}")
            }
            Self::Unsupported { id, message } => write!(f, "shape `{id}` is not supported: {message}"),
            Self::InvalidPattern { id, pattern, message } => write!(
                f,
                "shape `{id}` has a `smithy.api#pattern` that cannot be compiled (`{pattern}`): {message}"
            ),
            Self::NameCollision { id, message } => write!(f, "name collision at `{id}`: {message}"),
            Self::UnknownOperation { name, suggestion } => {
                write!(f, "the model has no operation named `{name}`")?;
                match suggestion {
                    Some(close) => write!(f, "; did you mean `{close}`?"),
                    None => Ok(()),
                }
            }
            Self::MixinCycle { id } => write!(f, "shape `{id}` is part of a mixin cycle"),
            Self::Format { file, message } => write!(
                f,
                "generated code for `{file}` is not valid Rust (generator bug): {message}"
            ),
        }
    }
}

impl std::error::Error for CodegenError {}

/// Shorthand used throughout the generator.
pub type Result<T, E = CodegenError> = std::result::Result<T, E>;
