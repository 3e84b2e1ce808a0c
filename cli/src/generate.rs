//! `smithy-codegen generate`: a crate for a model, written into a folder the
//! generator owns (or checked against it).

use std::path::{Path, PathBuf};
use std::time::Instant;

use smithy_codegen::disk::{self, Ownership, SyncMode, SyncReport};
use smithy_codegen::ir::pattern::Dialect;
use smithy_codegen::package::{self, RuntimeSource};
use smithy_codegen::Operations;

use crate::Failure;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  smithy-codegen generate --model dynamodb-2012-08-10.json --all-operations --out dynamodb-models
  smithy-codegen generate --model model/ --model traits.smithy --operation GetForecast --out weather
  smithy-codegen generate --model model/ --all-operations --out weather --check")]
pub struct Args {
    /// A Smithy model: a `.smithy` (IDL) or `.json` (JSON AST) file, or a
    /// folder of them (repeatable; all merge into one model).
    #[arg(long = "model", value_name = "FILE|DIR", required = true)]
    models: Vec<PathBuf>,
    /// The crate's folder (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// An operation to generate, by shape name or absolute shape id (repeatable).
    #[arg(long = "operation", value_name = "NAME", conflicts_with_all = ["all_operations", "service"])]
    operations: Vec<String>,
    /// Generate every operation of every service in the model.
    #[arg(long, conflicts_with = "service")]
    all_operations: bool,
    /// Generate every operation of this service (shape name or absolute id),
    /// for models that hold several services.
    #[arg(long, value_name = "SERVICE")]
    service: Option<String>,
    /// Write nothing; fail, naming each file, when the crate is stale.
    #[arg(long)]
    check: bool,
    /// The crate's name (default: from the first model's file name).
    #[arg(long, value_name = "NAME")]
    crate_name: Option<String>,
    /// The crate's version.
    #[arg(long, value_name = "VERSION", default_value = "0.1.0")]
    crate_version: String,
    /// The crate's license (an SPDX expression). The default follows the AWS
    /// models, which are Apache-2.0.
    #[arg(long, value_name = "SPDX", default_value = "Apache-2.0")]
    license: String,
    /// The crate's repository URL, for its manifest.
    #[arg(long, value_name = "URL")]
    repository: Option<String>,
    /// The crate's description (default: from the model's title).
    #[arg(long, value_name = "TEXT")]
    description: Option<String>,
    /// Depend on the runtime crate in this folder (relative to the current
    /// folder), written relative to the crate. Default: the runtime this tool
    /// was built from.
    #[arg(long, value_name = "DIR", conflicts_with = "runtime_version")]
    runtime_path: Option<PathBuf>,
    /// Depend on the published `smithy-codegen-runtime` at this version
    /// requirement instead of a checkout.
    #[arg(long, value_name = "VERSION")]
    runtime_version: Option<String>,
    /// How to read `@pattern`s: `java` (java.util.regex, what AWS services
    /// validate with) or `ecma` (ECMA-262, as Smithy specifies). Default: `java`
    /// for models of AWS services (`aws.api#service`), `ecma` otherwise.
    #[arg(long, value_enum, value_name = "DIALECT")]
    pattern_dialect: Option<PatternDialect>,
    /// Leave out the generated proptest strategies (and the `proptest` feature).
    #[arg(long)]
    no_strategies: bool,
    /// Generate the model's `smithy.test` protocol compliance cases as tests
    /// of the crate (they need the runtime's `protocol-test` feature in
    /// `[dev-dependencies]`).
    ///
    /// Also writes the service's `@endpointTests` cases as tests.
    #[arg(long)]
    protocol_tests: bool,
    /// Also generate the service side (`server` module): route requests to
    /// operations, read inputs with every constraint checked, write outputs
    /// and errors as responses. awsJson1_0 and awsJson1_1 for now; other
    /// protocols get a note and the client side only.
    #[arg(long)]
    server: bool,
    /// AWS's partitions data (`partitions.json`), which an endpoint rule set's
    /// `aws.partition` reads: the crate embeds what it needs. Without it, a
    /// rule set calling `aws.partition` gets no resolver (the summary says so).
    #[arg(long, value_name = "FILE")]
    partitions: Option<std::path::PathBuf>,
    /// Derive a trait on the type of a shape (`SHAPE=PATH`; `*` for every
    /// type), such as `--derive '*=PartialOrd'` (repeatable).
    #[arg(long = "derive", value_name = "SHAPE=PATH")]
    derives: Vec<String>,
    /// Put an attribute on the type of a shape (`SHAPE=#[...]`; `*` for every
    /// type) (repeatable).
    #[arg(long = "attribute", value_name = "SHAPE=ATTRIBUTE")]
    attributes: Vec<String>,
    /// Let a type of another generated crate stand for a shape
    /// (`SHAPE=PATH`, such as `ex.common#Money=common_models::types::Money`):
    /// the shape is not generated (repeatable; add the crate with --dependency).
    #[arg(long = "extern-type", value_name = "SHAPE=PATH")]
    extern_types: Vec<String>,
    /// A line to add to the crate's `[dependencies]`, such as
    /// `common-models = { path = "../common" }` (repeatable).
    #[arg(long = "dependency", value_name = "TOML")]
    dependencies: Vec<String>,
    /// Let traits that no shape of the model defines through, each with a
    /// warning, instead of failing (Smithy's own loaders can be told the same).
    #[arg(long)]
    allow_unknown_traits: bool,
    /// Write into a folder the generator did not create, overwriting files at
    /// generated paths (and replacing symbolic links there). Files the
    /// generator does not produce are never removed.
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum PatternDialect {
    Java,
    Ecma,
}

pub fn run(args: &Args) -> Result<(), Failure> {
    let operations =
        match (&args.service, args.all_operations, args.operations.is_empty()) {
            (Some(service), _, _) => Operations::Service(service.clone()),
            (None, true, _) => Operations::All,
            (None, false, false) => Operations::Named(args.operations.clone()),
            (None, false, true) => return Err(Failure::Usage(
                "name operations with --operation <NAME>, a service with --service <SERVICE>, or pass --all-operations"
                    .into(),
            )),
        };
    let runtime = runtime_source(args)?;
    let first = args
        .models
        .first()
        .ok_or_else(|| Failure::Usage("--model needs a file or folder".into()))?;
    let crate_name = args
        .crate_name
        .clone()
        .unwrap_or_else(|| package::default_crate_name(first));
    let started = Instant::now();
    let sources = disk::read_sources(&args.models)?;
    eprintln!(
        "reading {} ({} file{})",
        args.models
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        sources.len(),
        if sources.len() == 1 { "" } else { "s" }
    );
    let model = smithy_codegen::ast::assemble::assemble(&sources).map_err(|e| e.to_string())?;
    let read = started.elapsed();
    eprintln!("generating {crate_name}");
    let model_names: Vec<String> = args
        .models
        .iter()
        .map(|p| {
            p.file_name()
                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
        })
        .collect();
    let model_name = model_names.join(", ");
    let settings = smithy_codegen::Settings {
        pattern_dialect: args.pattern_dialect.map(|d| match d {
            PatternDialect::Java => Dialect::Java,
            PatternDialect::Ecma => Dialect::Ecma,
        }),
        header: smithy_codegen::Settings::header_for_models(&model_names),
        strategies: !args.no_strategies,
        protocol_tests: args.protocol_tests,
        server: args.server,
        types: type_options(args)?,
        allow_unknown_traits: args.allow_unknown_traits,
        partitions: match &args.partitions {
            Some(path) => {
                Some(std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?)
            }
            None => None,
        },
        ..smithy_codegen::Settings::default()
    };
    let generated =
        smithy_codegen::generate_model(&model, &operations, &settings).map_err(|e| format!("{model_name}: {e}"))?;
    let generate = started.elapsed() - read;
    let workspace = package::enclosing_workspace(&args.out);
    let info = package::CrateInfo {
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
        own_workspace: workspace.is_none(),
        dependencies: args.dependencies.clone(),
        proptest_forward: package::extern_crates(
            &args.dependencies,
            &settings.types.extern_types.values().cloned().collect::<Vec<_>>(),
        ),
        command: format!(
            "smithy-codegen generate {}",
            model_names
                .iter()
                .map(|m| format!("--model {m}"))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    };
    let files = package::crate_files(&info, &runtime, &generated.files);
    let mode = if args.check { SyncMode::Check } else { SyncMode::Write };
    let ownership = if args.force {
        Ownership::Force
    } else {
        Ownership::Careful
    };
    let out = &args.out;
    let report = disk::sync(out, &files, mode, ownership)?;
    if mode == SyncMode::Write {
        disk::write_once(out, "README.md", &info.readme())?;
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
    for warning in &r.warnings {
        eprintln!("  warning: {warning}");
    }
    for note in &r.notes {
        eprintln!("  note: {note}");
    }
    if let Some(workspace) = workspace {
        eprintln!(
            "  note: {} lies inside the workspace at {}: add it to that workspace's `members` (or `exclude` it and build it on its own)",
            out.display(),
            workspace.display()
        );
    }
    warn_kept(&report);
    eprintln!(
        "  time: read {read:.1?}, generate {generate:.1?}, total {:.1?}",
        started.elapsed()
    );
    if args.check && !report.is_clean() {
        return Err(Failure::Failed(format!(
            "{} is stale:\n{}",
            out.display(),
            report.describe()
        )));
    }
    Ok(())
}

/// `--derive`, `--attribute` and `--extern-type`, each `SHAPE=VALUE`.
fn type_options(args: &Args) -> Result<smithy_codegen::TypeOptions, Failure> {
    let pairs = |flag: &str, values: &[String]| -> Result<Vec<(String, String)>, Failure> {
        values
            .iter()
            .map(|value| {
                value
                    .split_once('=')
                    .map(|(shape, rest)| (shape.trim().to_owned(), rest.trim().to_owned()))
                    .filter(|(shape, rest)| !shape.is_empty() && !rest.is_empty())
                    .ok_or_else(|| Failure::Usage(format!("{flag} `{value}`: expected SHAPE=VALUE")))
            })
            .collect()
    };
    Ok(smithy_codegen::TypeOptions {
        derives: pairs("--derive", &args.derives)?,
        attributes: pairs("--attribute", &args.attributes)?,
        extern_types: pairs("--extern-type", &args.extern_types)?.into_iter().collect(),
    })
}

/// The runtime the crate depends on: a published version, a checkout the
/// user names, or the one this tool was built from.
fn runtime_source(args: &Args) -> Result<RuntimeSource, Failure> {
    if let Some(version) = &args.runtime_version {
        return Ok(RuntimeSource::Version(version.clone()));
    }
    let dir: PathBuf = match &args.runtime_path {
        Some(path) => path.clone(),
        None => RuntimeSource::built_with().ok_or_else(|| {
            Failure::Usage(format!(
                "the runtime this tool was built from ({}) is no longer there: pass --runtime-path <DIR> (a checkout of smithy-codegen-runtime) or --runtime-version <VERSION> (a published one)",
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime").display()
            ))
        })?,
    };
    RuntimeSource::checkout(&dir, &args.out).map_err(Failure::Usage)
}

pub fn warn_kept(report: &SyncReport) {
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
