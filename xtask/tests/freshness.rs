//! The checked-in generated code must equal what the generator produces from spec/,
//! byte for byte, and the generator must be deterministic. Beside `regenerate`,
//! so that checking the generator's output builds only the generator.

use smithy_codegen::disk::{sync, Ownership, SyncMode};
use std::path::PathBuf;

use xtask::shared;
use xtask::{
    generate_endpoint_crates, generate_goldens, generate_protocol_crates, GENERATED_DIR, GOLDEN_DIR, PROTOCOL_DIR,
};

/// The workspace, which holds this crate.
fn workspace_root() -> PathBuf {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// `models/`' files, or `None` (with a `skipped:` line) when the partitions
/// data its endpoint resolver embeds is absent.
fn generate_models(root: &std::path::Path, test: &str) -> Option<Vec<smithy_codegen::GeneratedFile>> {
    shared::path("smithy/rules-engine/partitions.json", test)?;
    Some(
        xtask::generate_models(root)
            .expect("spec/ generates")
            .expect("the partitions data is there"),
    )
}

/// Fails with `what` unless `dir` holds exactly `files`.
fn assert_fresh(dir: &std::path::Path, files: &[smithy_codegen::GeneratedFile], what: &str) {
    let report = sync(dir, files, SyncMode::Check, Ownership::Careful).expect("comparison runs");
    assert!(
        report.is_clean(),
        "{what}:\n{}\nrun `cargo xtask regenerate` and commit the result",
        report.describe()
    );
}

#[test]
fn generated_code_is_fresh() {
    let root = workspace_root();
    let Some(files) = generate_models(&root, "generated_code_is_fresh") else {
        return;
    };
    assert_fresh(&root.join(GENERATED_DIR), &files, "generated code is stale");
}

#[test]
fn golden_crates_are_fresh() {
    let root = workspace_root();
    let files = generate_goldens(&root).expect("fixtures generate");
    assert_fresh(&root.join(GOLDEN_DIR), &files, "golden crates are stale");
}

/// The protocol-suite crates, generated from `../shared/smithy`.
#[test]
fn protocol_crates_are_fresh() {
    let root = workspace_root();
    if shared::path("smithy/protocol-tests", "protocol_crates_are_fresh").is_none() {
        return;
    }
    let mut files = generate_protocol_crates(&root)
        .expect("the suites generate")
        .expect("../shared/smithy holds the traits and the suites");
    files.extend(
        generate_endpoint_crates(&root)
            .expect("the endpoint suites generate")
            .expect("../shared holds the rules-engine tests and the AWS models"),
    );
    assert_fresh(&root.join(PROTOCOL_DIR), &files, "protocol-suite crates are stale");
}

#[test]
fn generation_is_deterministic() {
    let root = workspace_root();
    let (Some(first), Some(second)) = (
        generate_models(&root, "generation_is_deterministic"),
        generate_models(&root, "generation_is_deterministic"),
    ) else {
        return;
    };
    assert_eq!(first, second);
}

#[test]
fn every_generated_file_is_marked_generated() {
    let Some(files) = generate_models(&workspace_root(), "every_generated_file_is_marked_generated") else {
        return;
    };
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
