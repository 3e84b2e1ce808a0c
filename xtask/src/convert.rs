//! `cargo xtask ast` and `cargo xtask idl`: a model's files (IDL and JSON AST,
//! merged) printed as one JSON AST, or written back as IDL, one file per
//! namespace. Neither needs a JVM; both take what `regenerate --model` takes.

use std::io::Write as _;
use std::path::PathBuf;

use codegen::ast::{assemble, Model};
use codegen::GeneratedFile;

use crate::sources::read_sources;
use crate::{sync, Ownership, SyncMode, SyncReport};

/// Loads and merges the model in `paths`.
pub fn load(paths: &[PathBuf]) -> Result<Model, String> {
    let sources = read_sources(paths)?;
    assemble::assemble(&sources).map_err(|e| e.to_string())
}

/// `cargo xtask ast`: the merged model as JSON AST on standard output.
pub fn print_ast(paths: &[PathBuf]) -> Result<(), String> {
    let model = load(paths)?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{}", model.to_json()).map_err(|e| format!("cannot write the model: {e}"))
}

/// The IDL files of `model`: `<namespace>.smithy` each (`metadata.smithy` for a
/// model of metadata alone).
pub fn idl_files(model: &Model) -> Result<Vec<GeneratedFile>, String> {
    let files = codegen::idl::write::write(model).map_err(|e| e.to_string())?;
    Ok(files
        .into_iter()
        .map(|f| GeneratedFile {
            path: if f.namespace.is_empty() {
                "metadata.smithy".to_owned()
            } else {
                format!("{}.smithy", f.namespace)
            },
            contents: f.text,
        })
        .collect())
}

/// `cargo xtask idl --out DIR`: writes the model as IDL into `out`, touching only
/// files it wrote (the folder's manifest says which).
/// Returns how many files the model makes and what changed on disk.
pub fn write_idl(
    paths: &[PathBuf],
    out: &std::path::Path,
    ownership: Ownership,
) -> Result<(usize, SyncReport), String> {
    let model = load(paths)?;
    let files = idl_files(&model)?;
    let report = sync(out, &files, SyncMode::Write, ownership)?;
    Ok((files.len(), report))
}
