//! `cargo xtask`: project automation.
//!
//! `cargo xtask regenerate` rewrites `models/src/generated/` and `golden/` from
//! `spec/`; `--check` writes nothing and fails when a file is stale; `--model`
//! writes a standalone crate for any Smithy model.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod regenerate;

#[derive(Debug, Parser)]
#[command(
    name = "cargo xtask",
    about = "Project automation for the Smithy-to-Rust generator",
    version
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Regenerate the checked-in crates from `spec/`, or write a crate for any model.
    Regenerate(regenerate::Args),
}

fn main() -> ExitCode {
    // clap prints help and version to stdout with exit code 0, usage errors to
    // stderr with exit code 2.
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Regenerate(args) => regenerate::run(&workspace_root(), &args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: xtask's manifest directory's parent.
fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}
