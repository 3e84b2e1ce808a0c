//! Model inputs on disk: files and folders, IDL and JSON AST mixed, read in a
//! stable order so the merged model (and any conflict message) is deterministic.

use std::fs;
use std::path::{Path, PathBuf};

use crate::ast::assemble::{assemble, Source};
use crate::ast::Model;

/// The model files `paths` name: each file as given (`.smithy` or `.json`), each
/// folder searched recursively for `.smithy` and `.json` files, in path order.
pub fn read_sources(paths: &[PathBuf]) -> Result<Vec<Source>, String> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = files.len();
            collect(path, &mut files)?;
            if files.len() == before {
                return Err(format!("{} holds no `.smithy` or `.json` model file", path.display()));
            }
        } else if path.is_file() {
            if !is_model_file(path) {
                return Err(format!(
                    "{} is not a model file: expected a `.smithy` (IDL) or `.json` (JSON AST) file",
                    path.display()
                ));
            }
            files.push(path.clone());
        } else {
            return Err(format!("{} does not exist", path.display()));
        }
    }
    let mut sources = Vec::with_capacity(files.len());
    for file in files {
        if sources.iter().any(|s: &Source| Path::new(&s.name) == file) {
            continue;
        }
        let text = fs::read_to_string(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        sources.push(Source::new(file.display().to_string(), text));
    }
    Ok(sources)
}

/// Loads and merges the model in `paths` (see [`read_sources`]).
pub fn load_model(paths: &[PathBuf]) -> Result<Model, String> {
    let sources = read_sources(paths)?;
    assemble(&sources).map_err(|e| e.to_string())
}

fn is_model_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "smithy" || e == "json")
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for entry in entries {
        let hidden = entry.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if entry.is_dir() {
            collect(&entry, out)?;
        } else if is_model_file(&entry) {
            out.push(entry);
        }
    }
    Ok(())
}
