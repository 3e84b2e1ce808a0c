//! The `regenerate` command, built on `xtask::sync` so the freshness test in the
//! `tests` crate runs the very same comparison.

use std::path::Path;
use std::time::Instant;

use xtask::{generate_models, sync, SyncMode};

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let mut check = false;
    for arg in args {
        match arg.as_str() {
            "--check" => check = true,
            other => return Err(format!("unknown argument `{other}`\n\n{}", super::usage())),
        }
    }
    let started = Instant::now();
    let files = generate_models(root)?;
    let mode = if check { SyncMode::Check } else { SyncMode::Write };
    let report = sync(&root.join(xtask::GENERATED_DIR), &files, mode)?;
    if check {
        if report.is_clean() {
            eprintln!("generated code is fresh ({} files)", files.len());
            Ok(())
        } else {
            Err(format!(
                "generated code is stale:\n{}\nrun `cargo xtask regenerate` and commit the result",
                report.describe()
            ))
        }
    } else {
        eprintln!(
            "regenerated {} files in {} ({} changed) in {:.0?}",
            files.len(),
            xtask::GENERATED_DIR,
            report.changed(),
            started.elapsed()
        );
        Ok(())
    }
}
