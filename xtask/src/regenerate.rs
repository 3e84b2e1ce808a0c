//! The `regenerate` command: `models/` from `spec/`, the golden crates from
//! `spec/fixtures/`, and the protocol-suite crates from `../shared/smithy`.

use std::path::Path;
use std::time::Instant;

use smithy_codegen::disk::{sync, Ownership, SyncMode, SyncReport};
use xtask::{generate_goldens, generate_models};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  cargo xtask regenerate
  cargo xtask regenerate --check")]
pub struct Args {
    /// Write nothing; fail, naming each file, when generated code is stale.
    #[arg(long)]
    check: bool,
}

pub fn run(root: &Path, args: &Args) -> Result<(), String> {
    let mode = if args.check { SyncMode::Check } else { SyncMode::Write };
    let mut stale = Vec::new();
    let mut outputs = vec![(xtask::GOLDEN_DIR, generate_goldens(root)?)];
    match generate_models(root)? {
        Some(files) => outputs.push((xtask::GENERATED_DIR, files)),
        None if xtask::shared::under_ci() => {
            return Err(format!(
                "{}: {} is absent, and CI=true: the IoT endpoint resolver cannot be generated",
                xtask::GENERATED_DIR,
                xtask::PARTITIONS
            ))
        }
        None => eprintln!(
            "skipped: {}: {} is absent (the IoT rule set calls aws.partition), so models/ is left as it is",
            xtask::GENERATED_DIR,
            xtask::PARTITIONS
        ),
    }
    let protocol = match (
        xtask::generate_protocol_crates(root)?,
        xtask::generate_endpoint_crates(root)?,
    ) {
        (Some(mut suites), Some(endpoints)) => {
            suites.extend(endpoints);
            Some(suites)
        }
        _ => None,
    };
    match protocol {
        Some(files) => outputs.push((xtask::PROTOCOL_DIR, files)),
        // CI must not pass a check it could not make.
        None if xtask::shared::under_ci() => {
            return Err(format!(
                "{}: ../shared/smithy is absent, and CI=true: the protocol-suite crates cannot be generated",
                xtask::PROTOCOL_DIR
            ))
        }
        None => eprintln!(
            "skipped: {}: ../shared/smithy is absent, so the protocol-suite crates are left as they are",
            xtask::PROTOCOL_DIR
        ),
    }
    for (dir, files) in outputs {
        let started = Instant::now();
        let report = sync(&root.join(dir), &files, mode, Ownership::Careful)?;
        if args.check {
            if report.is_clean() {
                eprintln!("{dir}: generated code is fresh ({} files)", files.len());
            } else {
                stale.push(report.describe());
            }
        } else {
            eprintln!(
                "{dir}: regenerated {} files ({} changed) in {:.0?}",
                files.len(),
                report.changed(),
                started.elapsed()
            );
            warn_kept(&report);
        }
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "generated code is stale:\n{}\nrun `cargo xtask regenerate` and commit the result",
            stale.join("\n")
        ))
    }
}

fn warn_kept(report: &SyncReport) {
    for path in &report.kept {
        eprintln!(
            "  warning: kept {}: no longer generated, but changed since it was; remove it yourself if it is not needed",
            path.display()
        );
    }
}
