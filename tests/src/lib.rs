//! Shared helpers for the workspace tests in `tests/tests/`.

use std::path::{Path, PathBuf};

pub mod fuzz;
pub mod hostile;
pub mod patterns;
pub mod properties;
pub use xtask::shared;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// `../shared/aws-models/<file>`, or `None` with a `skipped:` line (a failure
/// under CI; see [`shared`]).
pub fn shared_model(file: &str, test: &str) -> Option<PathBuf> {
    shared::path(&format!("aws-models/{file}"), test)
}

/// Reads a fixture from `tests/fixtures/`.
pub fn fixture(name: &str) -> String {
    let path = workspace_root().join("tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()))
}

/// `../shared/<relative>`, or `None` with a `skipped:` line (a failure under
/// CI; see [`shared`]).
pub fn shared_path(relative: &str, test: &str) -> Option<PathBuf> {
    shared::path(relative, test)
}
