//! The checked-in generated code must equal what the generator produces from spec/,
//! byte for byte, and the generator must be deterministic.

use smithy_codegen::disk::{sync, Ownership, SyncMode};
use xtask::{generate_goldens, generate_models, generate_protocol_crates, GENERATED_DIR, GOLDEN_DIR, PROTOCOL_DIR};

#[test]
fn generated_code_is_fresh() {
    let root = tests::workspace_root();
    let files = generate_models(&root).expect("spec/ generates");
    let report = sync(&root.join(GENERATED_DIR), &files, SyncMode::Check, Ownership::Careful).expect("comparison runs");
    assert!(
        report.is_clean(),
        "generated code is stale:\n{}\nrun `cargo xtask regenerate` and commit the result",
        report.describe()
    );
}

#[test]
fn golden_crates_are_fresh() {
    let root = tests::workspace_root();
    let files = generate_goldens(&root).expect("fixtures generate");
    let report = sync(&root.join(GOLDEN_DIR), &files, SyncMode::Check, Ownership::Careful).expect("comparison runs");
    assert!(
        report.is_clean(),
        "golden crates are stale:\n{}\nrun `cargo xtask regenerate` and commit the result",
        report.describe()
    );
}

/// The protocol-suite crates, generated from `../shared/smithy`.
#[test]
fn protocol_crates_are_fresh() {
    let root = tests::workspace_root();
    if tests::shared_path("smithy/protocol-tests", "protocol_crates_are_fresh").is_none() {
        return;
    }
    let files = generate_protocol_crates(&root)
        .expect("the suites generate")
        .expect("../shared/smithy holds the traits and the suites");
    let report = sync(&root.join(PROTOCOL_DIR), &files, SyncMode::Check, Ownership::Careful).expect("comparison runs");
    assert!(
        report.is_clean(),
        "protocol-suite crates are stale:\n{}\nrun `cargo xtask regenerate` and commit the result",
        report.describe()
    );
}

#[test]
fn generation_is_deterministic() {
    let root = tests::workspace_root();
    let first = generate_models(&root).expect("spec/ generates");
    let second = generate_models(&root).expect("spec/ generates");
    assert_eq!(first, second);
}

#[test]
fn every_generated_file_is_marked_generated() {
    let files = generate_models(&tests::workspace_root()).expect("spec/ generates");
    assert!(files.len() > 20);
    for f in &files {
        assert!(f.contents.starts_with("// @generated"), "{} lacks the header", f.path);
        assert!(
            f.contents.contains("cargo xtask regenerate"),
            "{} does not say how to regenerate",
            f.path
        );
    }
}
