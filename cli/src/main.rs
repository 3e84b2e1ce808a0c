//! `smithy-codegen`: Rust crates from Smithy models, for any repository.
//!
//! `smithy-codegen generate` writes a crate for a model (IDL and JSON AST
//! files and folders, merged); `--check` writes nothing and fails when the
//! crate is stale. `smithy-codegen ast` prints a model as JSON AST and
//! `smithy-codegen idl` writes it as IDL. Exit codes: 0 done, 1 failed or
//! stale, 2 a usage error.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod generate;

/// See the note on `mimalloc` in `Cargo.toml`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(
    name = "smithy-codegen",
    about = "Rust crates from Smithy models: typed, validated, with a sans-IO wire layer",
    version,
    after_help = "Exit codes: 0 done, 1 failed or stale (--check), 2 usage error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate a Rust crate from a Smithy model (or check that it is fresh).
    Generate(Box<generate::Args>),
    /// Print a model as one JSON AST document (a `smithy ast` without the JVM).
    #[command(after_help = "Example:\n  smithy-codegen ast model/ traits.smithy > model.json")]
    Ast {
        /// `.smithy` and `.json` files, and folders of them, merged into one model.
        #[arg(value_name = "FILE|DIR", required = true)]
        paths: Vec<PathBuf>,
    },
    /// Write a model as Smithy IDL, one `<namespace>.smithy` file per namespace.
    #[command(after_help = "Example:\n  smithy-codegen idl model.json --out idl/")]
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
        /// Write nothing; fail, naming each file, when the folder is stale.
        #[arg(long)]
        check: bool,
    },
}

/// How a command failed: its exit code follows.
pub enum Failure {
    /// The command line asks for something impossible (exit 2).
    Usage(String),
    /// The work failed, or `--check` found stale files (exit 1).
    Failed(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Self::Failed(message)
    }
}

fn main() -> ExitCode {
    // clap prints help and version to stdout with exit code 0, usage errors
    // to stderr with exit code 2.
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Generate(args) => generate::run(&args),
        Command::Ast { paths } => ast(&paths),
        Command::Idl {
            paths,
            out,
            force,
            check,
        } => idl(&paths, &out, force, check),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}\n\nFor more information, try '--help'.");
            ExitCode::from(2)
        }
        Err(Failure::Failed(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn ast(paths: &[PathBuf]) -> Result<(), Failure> {
    use std::io::Write as _;
    let model = smithy_codegen::disk::load_model(paths)?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{}", model.to_json()).map_err(|e| Failure::Failed(format!("cannot write the model: {e}")))
}

fn idl(paths: &[PathBuf], out: &std::path::Path, force: bool, check: bool) -> Result<(), Failure> {
    use smithy_codegen::disk::{sync, Ownership, SyncMode};
    let model = smithy_codegen::disk::load_model(paths)?;
    let files = smithy_codegen::idl::write::files(&model).map_err(|e| e.to_string())?;
    let mode = if check { SyncMode::Check } else { SyncMode::Write };
    let ownership = if force { Ownership::Force } else { Ownership::Careful };
    let report = sync(out, &files, mode, ownership)?;
    if check {
        return if report.is_clean() {
            eprintln!("{}: {} IDL file(s), fresh", out.display(), files.len());
            Ok(())
        } else {
            Err(Failure::Failed(format!(
                "{} is stale:\n{}",
                out.display(),
                report.describe()
            )))
        };
    }
    eprintln!(
        "{}: {} IDL file(s), {} changed",
        out.display(),
        files.len(),
        report.changed()
    );
    generate::warn_kept(&report);
    Ok(())
}
