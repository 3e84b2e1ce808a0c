//! Shared helpers for the workspace tests in `tests/tests/`.

use std::path::{Path, PathBuf};

pub mod fuzz;
pub mod patterns;
pub mod properties;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// `../shared/aws-models/<file>` beside the checkout, or `None` (with a clear
/// "skipped" line on stderr) when this is a clone without the shared reference data.
pub fn shared_model(file: &str, test: &str) -> Option<PathBuf> {
    let path = workspace_root().join("../shared/aws-models").join(file);
    if path.is_file() {
        Some(path)
    } else {
        eprintln!(
            "skipped: {test}: reference model {} not found (../shared is absent in this checkout)",
            path.display()
        );
        None
    }
}

/// Reads a fixture from `tests/fixtures/`.
pub fn fixture(name: &str) -> String {
    let path = workspace_root().join("tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()))
}

/// `../shared/<relative>` beside the checkout, or `None` (with a "skipped" line
/// naming `test`) when the shared reference data is absent.
pub fn shared_path(relative: &str, test: &str) -> Option<PathBuf> {
    let path = workspace_root().join("../shared").join(relative);
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "skipped: {test}: {} not found (../shared is absent in this checkout)",
            path.display()
        );
        None
    }
}
