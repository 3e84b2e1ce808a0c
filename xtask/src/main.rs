//! `cargo xtask`: project automation.
//!
//! `cargo xtask regenerate` rewrites `models/src/generated/` from `spec/`;
//! `cargo xtask regenerate --check` writes nothing and fails when a file is stale.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod regenerate;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("regenerate") => regenerate::run(&workspace_root(), &args[1..]),
        _ => Err(usage()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> String {
    "usage:
  cargo xtask regenerate [--check]
      rewrite models/src/generated/ from spec/ (--check: change nothing, fail if stale)
  cargo xtask regenerate --model <file.json> (--operation <Name>)... | --all-operations
                         --out <dir> [--crate-name <name>] [--check]
      write a standalone crate (Cargo.toml + src/) for any Smithy 2.0 JSON AST model"
        .to_owned()
}

/// The workspace root: xtask's manifest directory's parent.
fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}
