//! The `regenerate` command. Without arguments it rewrites `models/` from `spec/`;
//! with `--model` it writes a standalone crate for any Smithy JSON AST model.

use std::path::{Path, PathBuf};
use std::time::Instant;

use codegen::Operations;
use xtask::{generate_goldens, generate_models, standalone, sync, SyncMode};

struct Args {
    check: bool,
    model: Option<PathBuf>,
    operations: Vec<String>,
    all_operations: bool,
    out: Option<PathBuf>,
    crate_name: Option<String>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        check: false,
        model: None,
        operations: Vec::new(),
        all_operations: false,
        out: None,
        crate_name: None,
    };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| iter.next().cloned().ok_or_else(|| format!("{flag} needs a value"));
        match arg.as_str() {
            "--check" => parsed.check = true,
            "--model" => parsed.model = Some(PathBuf::from(value("--model")?)),
            "--operation" => parsed.operations.push(value("--operation")?),
            "--all-operations" => parsed.all_operations = true,
            "--out" => parsed.out = Some(PathBuf::from(value("--out")?)),
            "--crate-name" => parsed.crate_name = Some(value("--crate-name")?),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(parsed)
}

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let args = parse(args).map_err(|e| format!("{e}\n\n{}", super::usage()))?;
    match &args.model {
        None => {
            if !args.operations.is_empty() || args.all_operations || args.out.is_some() || args.crate_name.is_some() {
                return Err(format!(
                    "--operation, --all-operations, --out and --crate-name need --model\n\n{}",
                    super::usage()
                ));
            }
            models(root, args.check)
        }
        Some(model) => standalone_crate(root, model, &args),
    }
}

/// `models/` from `spec/`, and the golden crates from `spec/fixtures/`.
fn models(root: &Path, check: bool) -> Result<(), String> {
    let mode = if check { SyncMode::Check } else { SyncMode::Write };
    let mut stale = Vec::new();
    for (dir, files) in [
        (xtask::GENERATED_DIR, generate_models(root)?),
        (xtask::GOLDEN_DIR, generate_goldens(root)?),
    ] {
        let started = Instant::now();
        let report = sync(&root.join(dir), &files, mode)?;
        if check {
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

fn standalone_crate(root: &Path, model: &Path, args: &Args) -> Result<(), String> {
    let out = args.out.as_ref().ok_or("--model needs --out <dir>")?;
    let operations = match (args.all_operations, args.operations.is_empty()) {
        (true, true) => Operations::All,
        (false, false) => Operations::Named(args.operations.clone()),
        (true, false) => return Err("give either --operation ... or --all-operations, not both".into()),
        (false, true) => return Err("name operations with --operation <Name>, or pass --all-operations".into()),
    };
    let crate_name = args
        .crate_name
        .clone()
        .unwrap_or_else(|| standalone::default_crate_name(model));
    let started = Instant::now();
    eprintln!("reading {}", model.display());
    let text = std::fs::read_to_string(model).map_err(|e| format!("cannot read {}: {e}", model.display()))?;
    let read = started.elapsed();
    let generated =
        codegen::generate_with_report(&text, &operations).map_err(|e| format!("{}: {e}", model.display()))?;
    let generate = started.elapsed() - read;
    let title = generated.report.title.clone().unwrap_or_else(|| crate_name.clone());
    let files = standalone::crate_files(root, &crate_name, &title, &generated.files)?;
    let mode = if args.check { SyncMode::Check } else { SyncMode::Write };
    let report = sync(out, &files, mode)?;
    let r = &generated.report;
    eprintln!(
        "{crate_name}: {} operations, {} shapes in the closure -> {} structures, {} enums, {} unions; {} files in {} ({} changed)",
        r.operations,
        r.shapes,
        r.structures,
        r.enums,
        r.unions,
        files.len(),
        out.display(),
        report.changed()
    );
    for note in &r.notes {
        eprintln!("  note: {note}");
    }
    eprintln!(
        "  time: read {read:.1?}, generate {generate:.1?}, total {:.1?}",
        started.elapsed()
    );
    if args.check && !report.is_clean() {
        return Err(format!("{} is stale:\n{}", out.display(), report.describe()));
    }
    Ok(())
}
