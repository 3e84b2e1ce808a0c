//! Library half of `cargo xtask`: generating `models/` and comparing it with what
//! is on disk. Tests call these too, so the freshness check has one definition.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::{GeneratedFile, Operations};

pub mod convert;
pub mod sources;
pub mod standalone;
pub mod sync;

pub use sync::{sync, Ownership, SyncMode, SyncReport, MANIFEST};

/// The spec the models crate is generated from, relative to the workspace root.
pub const SPEC: &str = "spec/describe-job-template.json";
/// Where generated code goes, relative to the workspace root.
pub const GENERATED_DIR: &str = "models/src/generated";

/// Feature fixtures: small specs, one per generator feature.
pub const FIXTURES_DIR: &str = "spec/fixtures";
/// Their generated crates, checked in as golden files and built by the workspace.
pub const GOLDEN_DIR: &str = "golden";

/// Generates every golden crate from `spec/fixtures/*.json`, as files relative to
/// `golden/` (`<name>/Cargo.toml`, `<name>/src/...`).
pub fn generate_goldens(root: &Path) -> Result<Vec<GeneratedFile>, String> {
    let dir = root.join(FIXTURES_DIR);
    let mut specs: Vec<PathBuf> = fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    specs.sort();
    let mut files = Vec::new();
    for spec in specs {
        let name = spec.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        let text = fs::read_to_string(&spec).map_err(|e| format!("cannot read {}: {e}", spec.display()))?;
        let generated =
            codegen::generate(&text, &Operations::All).map_err(|e| format!("{FIXTURES_DIR}/{name}.json: {e}"))?;
        for f in standalone::golden_crate_files(&name, &generated) {
            files.push(GeneratedFile {
                path: format!("{name}/{}", f.path),
                contents: f.contents,
            });
        }
    }
    Ok(files)
}

/// Generates the `models` module tree from `spec/`.
pub fn generate_models(root: &Path) -> Result<Vec<GeneratedFile>, String> {
    let spec_path = root.join(SPEC);
    let spec = fs::read_to_string(&spec_path).map_err(|e| format!("cannot read {}: {e}", spec_path.display()))?;
    codegen::generate(&spec, &Operations::All).map_err(|e| format!("{SPEC}: {e}"))
}
