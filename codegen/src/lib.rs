//! A Smithy 2.0 JSON AST -> Rust model generator, in four stages:
//!
//! 1. [`ast`] parses the JSON AST (serde mirror, errors name the shape);
//! 2. [`ir`] resolves it (prelude, mixins, `apply`, targets) and builds the Rust
//!    IR for the closure of the requested operations;
//! 3. [`emit`] turns the IR into token streams, one module per shape kind;
//! 4. [`format`] pretty-prints them deterministically.
//!
//! [`generate`] runs all four. No stage panics on input: every problem is a
//! [`CodegenError`] naming the shape and the trait or field at fault.

pub mod ast;
pub mod emit;
pub mod error;
pub mod format;
pub mod ir;

pub use error::{CodegenError, Result};

/// Which operations to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operations {
    /// Every operation of every service in the model (and of its resources).
    All,
    /// These operations, by shape name or absolute id.
    Named(Vec<String>),
}

/// A generated source file, relative to the generated module's directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// Generates the module tree for `operations` of the model in `spec_json`.
pub fn generate(spec_json: &str, operations: &Operations) -> Result<Vec<GeneratedFile>> {
    generate_with_report(spec_json, operations).map(|g| g.files)
}

/// What a generation produced, for the command line's summary.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// The service's `@title`, if any.
    pub title: Option<String>,
    pub operations: usize,
    /// Shapes in the closure of the operations (prelude excluded).
    pub shapes: usize,
    pub structures: usize,
    pub enums: usize,
    pub unions: usize,
    /// Things to know about the output (streaming members, non-JSON protocols, ...).
    pub notes: Vec<String>,
}

/// Generated files and their summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    pub files: Vec<GeneratedFile>,
    pub report: Report,
}

/// Choices a caller can make about the generated code.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    /// How to read `@pattern`s; `None` decides by the model (Java for models of
    /// AWS services, ECMA-262 otherwise).
    pub pattern_dialect: Option<ir::pattern::Dialect>,
}

/// [`generate`], plus a summary of what was generated.
pub fn generate_with_report(spec_json: &str, operations: &Operations) -> Result<Generated> {
    generate_with_settings(spec_json, operations, &Settings::default())
}

/// [`generate_with_report`] with explicit [`Settings`].
pub fn generate_with_settings(spec_json: &str, operations: &Operations, settings: &Settings) -> Result<Generated> {
    let model = ir::Model::from_json(spec_json)?;
    let names = operation_names(&model, operations)?;
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let dialect = settings
        .pattern_dialect
        .unwrap_or_else(|| ir::rust::pattern_dialect(&model));
    let crate_ir = ir::rust::build(&model, &names, dialect)?;
    let mut op_ids = Vec::new();
    for name in &names {
        op_ids.push(model.find_operation(name)?.id.clone());
    }
    let closure = ir::closure::closure(&model, &op_ids)?;
    let report = Report {
        title: model
            .services()
            .next()
            .and_then(|s| s.traits.get("smithy.api#title"))
            .and_then(|t| t.as_str())
            .map(str::to_owned),
        operations: crate_ir.operations.len(),
        shapes: closure.iter().filter(|id| !ir::prelude::is_prelude(id)).count(),
        structures: crate_ir.structures.len(),
        enums: crate_ir.enums.len() + crate_ir.int_enums.len(),
        unions: crate_ir.unions.len(),
        notes: crate_ir.notes.clone(),
    };
    let files = emit::emit(&crate_ir)
        .into_iter()
        .map(|file| {
            let contents = format::format_file(&file.path, file.tokens)?;
            Ok(GeneratedFile {
                path: file.path,
                contents,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Generated { files, report })
}

/// Resolves the operation selection to absolute ids, in id order.
pub(crate) fn operation_names(model: &ir::Model, operations: &Operations) -> Result<Vec<String>> {
    match operations {
        Operations::Named(names) => Ok(names.clone()),
        Operations::All => {
            let mut ids = std::collections::BTreeSet::new();
            let mut resources: Vec<ir::ShapeId> = Vec::new();
            for service in model.services() {
                if let ir::ShapeKind::Service(s) = &service.kind {
                    ids.extend(s.operations.iter().cloned());
                    resources.extend(s.resources.iter().cloned());
                }
            }
            let mut seen = std::collections::BTreeSet::new();
            while let Some(r) = resources.pop() {
                if !seen.insert(r.clone()) {
                    continue;
                }
                if let ir::ShapeKind::Resource(res) = &model.get(&r)?.kind {
                    ids.extend(res.operations.iter().cloned());
                    resources.extend(res.resources.iter().cloned());
                }
            }
            if ids.is_empty() {
                return Err(CodegenError::Document {
                    message: "the model has no service with operations to generate".into(),
                });
            }
            Ok(ids.iter().map(ToString::to_string).collect())
        }
    }
}
