//! The `regenerate` command. Without `--model` it rewrites `models/` and `golden/`
//! from `spec/`; with `--model` it writes a standalone crate for any Smithy model:
//! IDL (`.smithy`) and JSON AST (`.json`) files and folders, merged.

use std::path::{Path, PathBuf};

use std::time::Instant;

use codegen::ir::pattern::Dialect;
use codegen::Operations;
use xtask::{generate_goldens, generate_models, standalone, sync, Ownership, SyncMode};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  cargo xtask regenerate
  cargo xtask regenerate --check
  cargo xtask regenerate --model ../shared/aws-models/dynamodb-2012-08-10.json \\
      --operation GetItem --operation PutItem --out /tmp/items --crate-name items-models
  cargo xtask regenerate --model model/ --model shared/traits.smithy --all-operations --out /tmp/svc")]
pub struct Args {
    /// Write nothing; fail, naming each file, when generated code is stale.
    #[arg(long)]
    check: bool,
    /// A Smithy 2.0 model to generate a standalone crate from: a `.smithy` (IDL)
    /// or `.json` (JSON AST) file, or a folder of them (repeatable; all merge
    /// into one model).
    #[arg(long = "model", value_name = "FILE|DIR", requires = "out")]
    models: Vec<PathBuf>,
    /// An operation to generate, by shape name or absolute shape id (repeatable).
    #[arg(
        long = "operation",
        value_name = "NAME",
        requires = "models",
        conflicts_with = "all_operations"
    )]
    operations: Vec<String>,
    /// Generate every operation of every service in the model.
    #[arg(long, requires = "models", conflicts_with = "service")]
    all_operations: bool,
    /// Generate every operation of this service (shape name or absolute id), for
    /// models that hold several services.
    #[arg(long, value_name = "SERVICE", requires = "models", conflicts_with = "operations")]
    service: Option<String>,
    /// The folder of the standalone crate.
    #[arg(long, value_name = "DIR", requires = "models")]
    out: Option<PathBuf>,
    /// The standalone crate's name (default: from the model's file name).
    #[arg(long, value_name = "NAME", requires = "models")]
    crate_name: Option<String>,
    /// The standalone crate's version.
    #[arg(long, value_name = "VERSION", default_value = "0.1.0", requires = "models")]
    crate_version: String,
    /// The standalone crate's license (an SPDX expression). The default follows
    /// the AWS models, which are Apache-2.0.
    #[arg(long, value_name = "SPDX", default_value = "Apache-2.0", requires = "models")]
    license: String,
    /// The standalone crate's repository URL, for its manifest.
    #[arg(long, value_name = "URL", requires = "models")]
    repository: Option<String>,
    /// The standalone crate's description (default: from the model's title).
    #[arg(long, value_name = "TEXT", requires = "models")]
    description: Option<String>,
    /// How to read `@pattern`s: `java` (java.util.regex, what AWS services validate
    /// with) or `ecma` (ECMA-262, as Smithy specifies). Default: `java` for models
    /// of AWS services (`aws.api#service`), `ecma` otherwise.
    #[arg(long, value_enum, value_name = "DIALECT", requires = "models")]
    pattern_dialect: Option<PatternDialect>,
    /// Depend on the runtime crate at this path (absolute, or relative to the
    /// generated crate) instead of the published `smithy-codegen-runtime`.
    #[arg(long, value_name = "DIR", requires = "models")]
    runtime_path: Option<PathBuf>,
    /// Leave out the generated proptest strategies (and the `proptest` feature).
    #[arg(long, requires = "models")]
    no_strategies: bool,
    /// Generate the model's `smithy.test` protocol compliance cases as tests of
    /// the crate (they need the runtime's `protocol-test` feature in
    /// `[dev-dependencies]`).
    #[arg(long, requires = "models")]
    protocol_tests: bool,
    /// Write into a folder the generator did not create, overwriting files at
    /// generated paths. Files the generator does not produce are never removed.
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum PatternDialect {
    Java,
    Ecma,
}

pub fn run(root: &Path, args: &Args) -> Result<(), String> {
    let ownership = if args.force {
        Ownership::Force
    } else {
        Ownership::Careful
    };
    if args.models.is_empty() {
        models(root, args.check, ownership)
    } else {
        standalone_crate(&args.models, args, ownership)
    }
}

/// `models/` from `spec/`, and the golden crates from `spec/fixtures/`.
fn models(root: &Path, check: bool, ownership: Ownership) -> Result<(), String> {
    let mode = if check { SyncMode::Check } else { SyncMode::Write };
    let mut stale = Vec::new();
    let mut outputs = vec![
        (xtask::GENERATED_DIR, generate_models(root)?),
        (xtask::GOLDEN_DIR, generate_goldens(root)?),
    ];
    match xtask::generate_protocol_crates(root)? {
        Some(files) => outputs.push((xtask::PROTOCOL_DIR, files)),
        None => eprintln!(
            "skipped: {}: ../shared/smithy is absent, so the protocol-suite crates are left as they are",
            xtask::PROTOCOL_DIR
        ),
    }
    for (dir, files) in outputs {
        let started = Instant::now();
        let report = sync(&root.join(dir), &files, mode, ownership)?;
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

fn standalone_crate(model_paths: &[PathBuf], args: &Args, ownership: Ownership) -> Result<(), String> {
    let out = args.out.as_ref().ok_or("--model needs --out <DIR>")?;
    let operations =
        match (&args.service, args.all_operations, args.operations.is_empty()) {
            (Some(service), _, _) => Operations::Service(service.clone()),
            (None, true, _) => Operations::All,
            (None, false, false) => Operations::Named(args.operations.clone()),
            (None, false, true) => return Err(
                "name operations with --operation <NAME>, a service with --service <SERVICE>, or pass --all-operations"
                    .into(),
            ),
        };
    let first = model_paths.first().ok_or("--model needs a file or folder")?;
    let crate_name = args
        .crate_name
        .clone()
        .unwrap_or_else(|| standalone::default_crate_name(first));
    let started = Instant::now();
    let sources = xtask::sources::read_sources(model_paths)?;
    eprintln!(
        "reading {} ({} file{})",
        model_paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        sources.len(),
        if sources.len() == 1 { "" } else { "s" }
    );
    let model = codegen::ast::assemble::assemble(&sources).map_err(|e| e.to_string())?;
    let read = started.elapsed();
    eprintln!("generating {crate_name}");
    let model_names: Vec<String> = model_paths
        .iter()
        .map(|p| {
            p.file_name()
                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
        })
        .collect();
    let model_name = model_names.join(", ");
    let settings = codegen::Settings {
        pattern_dialect: args.pattern_dialect.map(|d| match d {
            PatternDialect::Java => Dialect::Java,
            PatternDialect::Ecma => Dialect::Ecma,
        }),
        header: codegen::Settings::header_for_models(&model_names),
        strategies: !args.no_strategies,
        protocol_tests: args.protocol_tests,
        expected_failures: Vec::new(),
    };
    let generated =
        codegen::generate_model(&model, &operations, &settings).map_err(|e| format!("{model_name}: {e}"))?;
    let generate = started.elapsed() - read;
    let info = standalone::CrateInfo {
        runtime_features: generated.report.runtime_features.clone(),
        name: crate_name.clone(),
        version: args.crate_version.clone(),
        title: generated.report.title.clone().unwrap_or_else(|| crate_name.clone()),
        description: args.description.clone(),
        license: args.license.clone(),
        repository: args.repository.clone(),
        model: model_name.clone(),
        operations: generated.report.operation_names.clone(),
        strategies: !args.no_strategies,
    };
    let runtime = args
        .runtime_path
        .clone()
        .map(standalone::RuntimeSource::Path)
        .unwrap_or_default();
    let files = standalone::crate_files(&info, &runtime, &generated.files);
    let mode = if args.check { SyncMode::Check } else { SyncMode::Write };
    let report = sync(out, &files, mode, ownership)?;
    if mode == SyncMode::Write {
        xtask::sync::write_once(out, "README.md", &info.readme())?;
    }
    let r = &generated.report;
    eprintln!(
        "{crate_name}: {}, {} in the closure -> {}, {}, {}; {} in {} ({} changed)",
        count(r.operations, "operation"),
        count(r.shapes, "shape"),
        count(r.structures, "structure"),
        count(r.enums, "enum"),
        count(r.unions, "union"),
        count(files.len(), "file"),
        out.display(),
        report.changed()
    );
    for note in &r.notes {
        eprintln!("  note: {note}");
    }
    warn_kept(&report);
    eprintln!(
        "  time: read {read:.1?}, generate {generate:.1?}, total {:.1?}",
        started.elapsed()
    );
    if args.check && !report.is_clean() {
        return Err(format!("{} is stale:\n{}", out.display(), report.describe()));
    }
    Ok(())
}

fn warn_kept(report: &xtask::SyncReport) {
    for path in &report.kept {
        eprintln!(
            "  warning: kept {}: no longer generated, but changed since it was; remove it yourself if it is not needed",
            path.display()
        );
    }
}

/// `1 operation`, `3 operations`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
