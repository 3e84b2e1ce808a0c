//! Stage 1 for `.smithy` files: the Smithy IDL 2.0 (and 1.0) front end, without a JVM.
//!
//! [`lexer`] turns text into tokens that remember the whitespace before them,
//! [`parser`] turns tokens into a [`syntax::File`] (names as written),
//! [`lower`] resolves names against every source of the model and produces the
//! same [`crate::ast`] shapes the JSON AST path reads, and [`write`](mod@write) renders a
//! model back as IDL. Multi-file assembly lives in [`crate::ast::assemble`].

pub mod lexer;
pub mod lower;
pub mod parser;
pub mod prelude;
pub mod syntax;
pub mod text;
pub mod write;

use std::fmt;

/// A 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// An error at a position of the file being read; the file name is added by the
/// caller, which knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub at: Position,
    pub message: String,
}

impl Located {
    pub fn new(at: Position, message: impl Into<String>) -> Self {
        Self {
            at,
            message: message.into(),
        }
    }

    /// As a [`crate::CodegenError`] naming `file`.
    pub fn in_file(self, file: &str) -> crate::CodegenError {
        crate::CodegenError::Syntax {
            file: file.to_owned(),
            line: self.at.line,
            column: self.at.column,
            message: self.message,
        }
    }
}

/// Parses one IDL file (no name resolution yet).
pub fn parse(text: &str) -> Result<syntax::File, Located> {
    parser::parse(lexer::tokenize(text))
}
