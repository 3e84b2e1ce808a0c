//! `cargo xtask`: project automation.
//!
//! `cargo xtask regenerate` rewrites `models/src/generated/` and `golden/` from
//! `spec/`; `--check` writes nothing and fails when a file is stale; `--model`
//! writes a standalone crate for any Smithy model. `cargo xtask ast` prints a
//! model (IDL and JSON AST files merged) as JSON AST; `cargo xtask idl` writes it
//! as IDL.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use xtask::Ownership;

mod regenerate;

/// See the note on `mimalloc` in `xtask/Cargo.toml`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Print a model as one JSON AST document (a `smithy ast` without the JVM).
    #[command(
        after_help = "Example:\n  cargo xtask ast ../shared/smithy/traits ../shared/smithy/protocol-tests > model.json"
    )]
    Ast {
        /// `.smithy` and `.json` files, and folders of them, merged into one model.
        #[arg(value_name = "FILE|DIR", required = true)]
        paths: Vec<PathBuf>,
    },
    /// Write a model as Smithy IDL, one `<namespace>.smithy` file per namespace.
    #[command(after_help = "Example:\n  cargo xtask idl ../shared/aws-models/iot-2015-05-28.json --out /tmp/iot-idl")]
    Idl {
        /// `.smithy` and `.json` files, and folders of them, merged into one model.
        #[arg(value_name = "FILE|DIR", required = true)]
        paths: Vec<PathBuf>,
        /// The folder to write into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Write into a folder the command did not create, overwriting files at
        /// the paths it writes. Other files are never removed.
        #[arg(long)]
        force: bool,
    },
}

fn main() -> ExitCode {
    // clap prints help and version to stdout with exit code 0, usage errors to
    // stderr with exit code 2.
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Regenerate(args) => regenerate::run(&workspace_root(), &args),
        Command::Ast { paths } => xtask::convert::print_ast(&paths),
        Command::Idl { paths, out, force } => {
            let ownership = if force { Ownership::Force } else { Ownership::Careful };
            xtask::convert::write_idl(&paths, &out, ownership).map(|(files, report)| {
                eprintln!("{}: {files} IDL file(s), {} changed", out.display(), report.changed());
                for path in &report.kept {
                    eprintln!(
                        "  warning: kept {}: no longer written, but changed since it was",
                        path.display()
                    );
                }
            })
        }
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
