//! Every official model in `../shared/aws-models/` generates, with all operations,
//! a standalone crate that `cargo clippy` passes with warnings denied (proptest feature
//! on, so the generated strategies compile too), and whose rustdoc builds with
//! warnings denied (the models' HTML documentation, as Markdown). Skips with a
//! clear line when the shared reference data is absent.
//!
//! The crates go to `target/shared-model-crates/<model>/` and share one target
//! directory, `target/shared-model-check/`, so dependencies build once.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use smithy_codegen::disk::{sync, Ownership, SyncMode};
use smithy_codegen::package::{self, RuntimeSource};
use smithy_codegen::Operations;

fn check_model(file: &str) {
    let Some(model) = tests::shared_model(file, &format!("shared_models_compile: {file}")) else {
        return;
    };
    let root = tests::workspace_root();
    let stem = model.file_stem().and_then(|s| s.to_str()).unwrap_or(file).to_owned();
    let out = root.join("target/shared-model-crates").join(&stem);
    let started = Instant::now();
    let text = std::fs::read_to_string(&model).expect("model readable");
    let generated = smithy_codegen::generate_with_report(&text, &Operations::All)
        .unwrap_or_else(|e| panic!("{file} does not generate: {e}"));
    let generation = started.elapsed();
    let name = package::default_crate_name(&model);
    let runtime = RuntimeSource::checkout(&root.join("runtime"), &out).expect("the runtime checkout");
    let info = package::CrateInfo {
        runtime_features: generated.report.runtime_features.clone(),
        name: name.clone(),
        version: "0.1.0".into(),
        title: generated.report.title.clone().unwrap_or_else(|| name.clone()),
        description: None,
        license: "Apache-2.0".into(),
        repository: None,
        model: file.to_owned(),
        operations: generated.report.operation_names.clone(),
        strategies: true,
        own_workspace: true,
        dependencies: Vec::new(),
        proptest_forward: Vec::new(),
        command: "smithy-codegen generate".into(),
    };
    let files = package::crate_files(&info, &runtime, &generated.files);
    // A scratch folder of this test: earlier runs may predate the manifest.
    sync(&out, &files, SyncMode::Write, Ownership::Force).expect("crate written");
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).expect("lockfile copied");
    let target = root.join("target/shared-model-check");
    let status = cargo(&out, &target, &["clippy", "--all-features", "--quiet"], "RUSTFLAGS");
    eprintln!(
        "{file}: {} operations, {} shapes, generated in {generation:.1?}, checked in {:.1?}",
        generated.report.operations,
        generated.report.shapes,
        started.elapsed() - generation
    );
    assert!(
        status,
        "cargo clippy of the crate generated from {file} failed or warned (see output above)"
    );
    let documented = cargo(&out, &target, &["doc", "--no-deps", "--quiet"], "RUSTDOCFLAGS");
    assert!(
        documented,
        "rustdoc of the crate generated from {file} warned (see output above)"
    );
}

/// `cargo <args>` in `dir`, with warnings denied through `flags_var`.
fn cargo(dir: &Path, target: &PathBuf, args: &[&str], flags_var: &str) -> bool {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env(flags_var, "-D warnings")
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

#[test]
fn apigatewaymanagementapi() {
    check_model("apigatewaymanagementapi-2018-11-29.json");
}

#[test]
fn bedrock_runtime() {
    check_model("bedrock-runtime-2023-09-30.json");
}

#[test]
fn connectcases() {
    check_model("connectcases-2022-10-03.json");
}

#[test]
fn dynamodb() {
    check_model("dynamodb-2012-08-10.json");
}

#[test]
fn qbusiness() {
    check_model("qbusiness-2023-11-27.json");
}

#[test]
fn iot() {
    check_model("iot-2015-05-28.json");
}
