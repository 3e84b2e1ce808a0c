//! Library half of `cargo xtask`: generating `models/` and comparing it with what
//! is on disk. Tests call these too, so the freshness check has one definition.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use codegen::{GeneratedFile, Operations};

pub mod standalone;

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

/// Whether to write files or only compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncMode {
    Write,
    Check,
}

/// What differs between generated files and the directory.
#[derive(Debug, Default)]
pub struct SyncReport {
    pub stale: Vec<PathBuf>,
    pub missing: Vec<PathBuf>,
    pub extra: Vec<PathBuf>,
}

impl SyncReport {
    pub fn is_clean(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty() && self.extra.is_empty()
    }

    pub fn changed(&self) -> usize {
        self.stale.len() + self.missing.len() + self.extra.len()
    }

    /// One line per file: `stale: path`, `missing: path`, `not generated: path`.
    pub fn describe(&self) -> String {
        let lines = self
            .stale
            .iter()
            .map(|p| format!("  stale: {}", p.display()))
            .chain(self.missing.iter().map(|p| format!("  missing: {}", p.display())))
            .chain(
                self.extra
                    .iter()
                    .map(|p| format!("  not generated (would be deleted): {}", p.display())),
            );
        lines.collect::<Vec<_>>().join("\n")
    }
}

/// Makes `dir` hold exactly `files` (mode `Write`), or reports how it differs
/// (mode `Check`). Line endings are normalised before comparing.
pub fn sync(dir: &Path, files: &[GeneratedFile], mode: SyncMode) -> Result<SyncReport, String> {
    let mut report = SyncReport::default();
    let wanted: BTreeSet<PathBuf> = files.iter().map(|f| PathBuf::from(&f.path)).collect();
    for file in files {
        let path = dir.join(&file.path);
        match fs::read_to_string(&path) {
            Ok(existing) if existing.replace("\r\n", "\n") == file.contents => continue,
            Ok(_) => report.stale.push(path.clone()),
            Err(_) => report.missing.push(path.clone()),
        }
        if mode == SyncMode::Write {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
            }
            fs::write(&path, &file.contents).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    for existing in list_files(dir)? {
        let relative = existing.strip_prefix(dir).map_err(|e| e.to_string())?;
        if !wanted.contains(relative) {
            if mode == SyncMode::Write {
                fs::remove_file(&existing).map_err(|e| format!("cannot remove {}: {e}", existing.display()))?;
            }
            report.extra.push(existing);
        }
    }
    if mode == SyncMode::Write {
        remove_empty_dirs(dir);
    }
    Ok(report)
}

fn list_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(out);
    };
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            out.extend(list_files(&path)?);
        } else {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

fn remove_empty_dirs(dir: &Path) {
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                remove_empty_dirs(&path);
                // Fails (and is meant to) when the directory still has files.
                let _ = fs::remove_dir(&path);
            }
        }
    }
}
