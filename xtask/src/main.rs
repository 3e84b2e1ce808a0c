//! `cargo xtask`: this repository's chores.
//!
//! `cargo xtask regenerate` rewrites the checked-in generated crates
//! (`models/`, `golden/`, and `protocol/` when `../shared` is present) from
//! `spec/`; `--check` writes nothing and fails, naming each stale file. Crates
//! for other models come from the `smithy-codegen` tool (`cli/`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod regenerate;

/// See the note on `mimalloc` in `xtask/Cargo.toml`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(name = "cargo xtask", about = "Chores of the smithy-codegen repository", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Regenerate the checked-in crates from `spec/` (or check them).
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
