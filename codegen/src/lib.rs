//! A Smithy 2.0 JSON AST -> Rust model generator, in four stages:
//!
//! 1. [`ast`] parses the JSON AST (serde mirror, errors name the shape); [`idl`]
//!    reads Smithy IDL into the same types, and [`ast::assemble`] merges files;
//! 2. [`ir`] resolves it (prelude, mixins, `apply`, targets) and builds the Rust
//!    IR for the closure of the requested operations;
//! 3. [`emit`] turns the IR into token streams, one module per shape kind;
//! 4. [`format`](mod@format) pretty-prints them deterministically.
//!
//! [`generate`] runs all four. No stage panics on input: every problem is a
//! [`CodegenError`] naming the shape and the trait or field at fault.
//!
//! Around the stages: [`disk`] reads model files and writes generated ones
//! (never outside the folder it is given, never over what it did not
//! write), [`package`] lays out a crate around the generated modules, and
//! [`build`] is the entry point for build scripts.

pub mod ast;
pub mod build;
pub mod disk;
pub mod emit;
pub mod error;
pub mod format;
pub mod idl;
pub mod ir;
pub mod package;
mod pipeline;

pub use error::{CodegenError, Result};
pub use ir::rust::TypeOptions;

/// Which operations to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operations {
    /// Every operation of every service in the model (and of its resources).
    All,
    /// These operations, by shape name or absolute id.
    Named(Vec<String>),
    /// Every operation of one service (and of its resources), by shape name or
    /// absolute id: for models that hold several services.
    Service(String),
}

/// A generated source file, relative to the generated module's directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// Generates the module tree for `operations` of the model in `spec_json`.
pub fn generate(spec_json: &str, operations: &Operations) -> Result<Vec<GeneratedFile>> {
    generate_with_report(spec_json, operations).map(|g| g.files)
}

/// What a generation produced, for the command line's summary.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// The service's `@title`, if any.
    pub title: Option<String>,
    pub operations: usize,
    /// The generated operations' names, in id order.
    pub operation_names: Vec<String>,
    /// Shapes in the closure of the operations (prelude excluded).
    pub shapes: usize,
    pub structures: usize,
    pub enums: usize,
    pub unions: usize,
    /// Things to know about the output (streaming members, non-JSON protocols, ...).
    pub notes: Vec<String>,
    /// What the model's check let through (traits it cannot see the
    /// definitions of, unknown traits when allowed).
    pub warnings: Vec<String>,
    /// Features of `smithy-codegen-runtime` the generated code needs
    /// (`compression`, `checksum`), in name order.
    pub runtime_features: Vec<String>,
}

/// Generated files and their summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    pub files: Vec<GeneratedFile>,
    pub report: Report,
}

/// Choices a caller can make about the generated code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// How to read `@pattern`s; `None` decides by the model (Java for models of
    /// AWS services, ECMA-262 otherwise).
    pub pattern_dialect: Option<ir::pattern::Dialect>,
    /// The comment every generated file starts with: it must say `@generated`
    /// and how to regenerate.
    pub header: String,
    /// Whether to emit the proptest strategies (`strategies.rs`, behind the
    /// crate's `proptest` feature); a quarter of the code, which crates that do
    /// not offer property testing can leave out.
    pub strategies: bool,
    /// Whether to emit the model's `smithy.test` protocol compliance cases as
    /// tests of the generated crate (`protocol_tests.rs`, under `cfg(test)`).
    pub protocol_tests: bool,
    /// Protocol cases known to fail, with the reason: their tests expect the
    /// failure (`#[should_panic]`), so one that starts passing fails until it is
    /// taken off the list. Every entry must name a generated case.
    pub expected_failures: Vec<ExpectedFailure>,
    /// Where generated code finds the runtime and its own modules.
    pub mount: Mount,
    /// Derives and attributes on chosen types, and extern types.
    pub types: TypeOptions,
    /// Whether a trait no shape defines is a warning rather than an error.
    pub allow_unknown_traits: bool,
    /// AWS's partitions data (`partitions.json`), which `aws.partition` in an
    /// endpoint rule set reads: the crate embeds what it needs. Without it, a
    /// rule set that calls `aws.partition` gets no resolver, and a note says so.
    pub partitions: Option<String>,
    /// Whether to generate the service side beside the client (`server.rs`):
    /// routing, input parsing with every constraint checked, and responses.
    /// Protocols without a service side yet get a note instead.
    pub server: bool,
}

/// Where generated code finds the runtime crate and its own modules: every
/// path it writes starts from one of these (`emit::symbols`), so no module
/// depends on what its parent happens to re-export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    /// The runtime crate's path (`::smithy_codegen_runtime`).
    pub runtime: String,
    /// The path of the module whose children are the generated `types`,
    /// `operation` and `patterns` modules: `crate` for a generated crate,
    /// `crate::weather` for a tree a build script's user includes there.
    pub root: String,
}

impl Default for Mount {
    fn default() -> Self {
        Self {
            runtime: "::smithy_codegen_runtime".to_owned(),
            root: "crate".to_owned(),
        }
    }
}

/// A protocol compliance case expected to fail, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedFailure {
    /// Which of the operation's cases it is.
    pub kind: CaseKind,
    /// The case's `id`.
    pub id: String,
    pub reason: String,
}

/// A protocol compliance case's side: a request the client builds, or a
/// response it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseKind {
    Request,
    Response,
    /// A request case on the service side: the request parsed into the input.
    ServerRequest,
    /// A response case on the service side: the output or error written.
    ServerResponse,
    /// An `@httpMalformedRequestTests` case: a request the service refuses.
    Malformed,
    /// An `@endpointTests` case, by its number (from 1, in the model's order).
    Endpoint,
}

impl CaseKind {
    /// `request`, `response`, `server-request`, `server-response`, `malformed` or
    /// `endpoint`, as the expected-failure list writes it.
    pub fn parse(word: &str) -> Option<Self> {
        match word {
            "request" => Some(Self::Request),
            "response" => Some(Self::Response),
            "server-request" => Some(Self::ServerRequest),
            "server-response" => Some(Self::ServerResponse),
            "malformed" => Some(Self::Malformed),
            "endpoint" => Some(Self::Endpoint),
            _ => None,
        }
    }
}

impl std::fmt::Display for CaseKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Request => "request",
            Self::Response => "response",
            Self::ServerRequest => "server-request",
            Self::ServerResponse => "server-response",
            Self::Malformed => "malformed",
            Self::Endpoint => "endpoint",
        })
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            pattern_dialect: None,
            header: format::HEADER.to_owned(),
            strategies: true,
            protocol_tests: false,
            expected_failures: Vec::new(),
            mount: Mount::default(),
            types: TypeOptions::default(),
            allow_unknown_traits: false,
            partitions: None,
            server: false,
        }
    }
}

impl Settings {
    /// The header for files of a standalone crate generated from `model` (the
    /// model file's name).
    pub fn header_for(model: &str) -> String {
        Self::header_for_models(&[model.to_owned()])
    }

    /// The header for files of a crate generated from several model files or folders.
    pub fn header_for_models(models: &[String]) -> String {
        let flags: Vec<String> = models.iter().map(|m| format!("--model {m}")).collect();
        format!(
            "// @generated by smithy-codegen from {}. Do not edit by hand: change the model,\n\
             // then run `smithy-codegen generate {} ...` again with the same options.\n\n",
            models.join(", "),
            flags.join(" ")
        )
    }
}

/// [`generate`], plus a summary of what was generated.
pub fn generate_with_report(spec_json: &str, operations: &Operations) -> Result<Generated> {
    generate_with_settings(spec_json, operations, &Settings::default())
}

/// [`generate_with_report`] with explicit [`Settings`].
pub fn generate_with_settings(spec_json: &str, operations: &Operations, settings: &Settings) -> Result<Generated> {
    generate_model(&ast::Model::parse(spec_json)?, operations, settings)
}

/// Generates from an already loaded model (for instance one [`ast::assemble`]d
/// from IDL and JSON files).
pub fn generate_model(model: &ast::Model, operations: &Operations, settings: &Settings) -> Result<Generated> {
    let warnings = ast::check::check(model, settings.allow_unknown_traits, settings.pattern_dialect)?;
    let model = ir::Model::from_ast(model)?;
    let names = operation_names(&model, operations)?;
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let dialect = settings
        .pattern_dialect
        .unwrap_or_else(|| ir::rust::pattern_dialect(&model));
    let mut crate_ir = ir::rust::build_with(&model, &names, dialect, &settings.types)?;
    if let Some(endpoints) = crate_ir.endpoints.as_mut().filter(|e| e.uses_partitions) {
        match &settings.partitions {
            Some(text) => endpoints.partitions = Some(ir::endpoints::embedded_partitions(text)?),
            None => {
                crate_ir.notes.push(
                    "the endpoint rule set calls `aws.partition`: pass AWS's partitions data (`--partitions FILE`) to generate endpoint resolution".to_owned(),
                );
                crate_ir.endpoints = None;
            }
        }
    }
    if settings.server {
        if crate_ir.protocol.has_server() {
            crate_ir.server = true;
        } else {
            crate_ir.notes.push(format!(
                "--server: the service side of {} is not generated yet; the crate has the client side only",
                crate_ir.protocol.name()
            ));
        }
    }
    let report = Report {
        title: model
            .services()
            .next()
            .and_then(|s| s.traits.get("smithy.api#title"))
            .and_then(|t| t.as_str())
            .map(str::to_owned),
        operations: crate_ir.operations.len(),
        operation_names: crate_ir.operations.iter().map(|o| o.name.clone()).collect(),
        shapes: crate_ir.closure_size,
        structures: crate_ir.structures.len(),
        enums: crate_ir.enums.len() + crate_ir.int_enums.len(),
        unions: crate_ir.unions.len(),
        notes: crate_ir.notes.clone(),
        warnings,
        runtime_features: {
            let mut features = Vec::new();
            if crate_ir.operations.iter().any(|o| o.checksum_required) {
                features.push("checksum".to_owned());
            }
            if crate_ir.operations.iter().any(|o| o.gzip_request) {
                features.push("compression".to_owned());
            }
            if crate_ir.protocol.is_xml() {
                features.push("xml".to_owned());
            }
            if matches!(crate_ir.protocol, ir::rust::Protocol::RpcV2Cbor { .. }) {
                features.push("cbor".to_owned());
            }
            features
        },
    };
    let mut report = report;
    if settings.protocol_tests
        && crate_ir.protocol_tests.requests.is_empty()
        && crate_ir.protocol_tests.responses.is_empty()
    {
        report.notes.push(match crate_ir.protocol.trait_id() {
            Some(protocol) => format!(
                "--protocol-tests: the generated operations have no client-side `smithy.test` cases for {protocol}, so no tests were written"
            ),
            None => format!(
                "--protocol-tests: no tests were written: the service's protocol ({}) is not one this generator puts on the wire",
                crate_ir.protocol.name()
            ),
        });
    }
    if settings.protocol_tests {
        let cases = &crate_ir.protocol_tests;
        for failure in &settings.expected_failures {
            let known = match failure.kind {
                CaseKind::Request => cases.requests.iter().any(|c| c.id == failure.id),
                CaseKind::Response => cases.responses.iter().any(|c| c.id == failure.id),
                CaseKind::ServerRequest => crate_ir.server && cases.server_requests.iter().any(|c| c.id == failure.id),
                CaseKind::ServerResponse => {
                    crate_ir.server && cases.server_responses.iter().any(|c| c.id == failure.id)
                }
                CaseKind::Malformed => crate_ir.server && cases.malformed.iter().any(|c| c.id == failure.id),
                CaseKind::Endpoint => crate_ir.endpoints.as_ref().is_some_and(|e| {
                    failure
                        .id
                        .parse::<usize>()
                        .is_ok_and(|n| (1..=e.tests.len()).contains(&n))
                }),
            };
            if !known {
                return Err(CodegenError::UnknownCase {
                    kind: failure.kind,
                    id: failure.id.clone(),
                });
            }
        }
    }
    let files = pipeline::emit_and_format(&crate_ir, settings)?;
    Ok(Generated { files, report })
}

/// Resolves the operation selection to absolute ids, in id order.
pub(crate) fn operation_names(model: &ir::Model, operations: &Operations) -> Result<Vec<String>> {
    match operations {
        Operations::Named(names) => Ok(names.clone()),
        Operations::All | Operations::Service(_) => {
            let wanted = |service: &ir::Shape| match operations {
                Operations::Service(name) => service.id.name() == name || service.id.to_string() == *name,
                _ => true,
            };
            if let Operations::Service(name) = operations {
                if !model.services().any(wanted) {
                    return Err(CodegenError::UnknownService {
                        name: name.clone(),
                        known: model.services().map(|s| s.id.to_string()).collect(),
                    });
                }
            }
            let ids: std::collections::BTreeSet<ir::ShapeId> = model
                .services()
                .filter(|s| wanted(s))
                .flat_map(|s| model.service_operations(s))
                .collect();
            // A named service without operations still has its endpoint rules.
            if ids.is_empty() && !matches!(operations, Operations::Service(_)) {
                return Err(CodegenError::NoOperations);
            }
            Ok(ids.iter().map(ToString::to_string).collect())
        }
    }
}
