//! Library half of `cargo xtask`: generating this repository's checked-in
//! crates (`models/`, `golden/`, `protocol/`). Tests call these too, so the
//! freshness check has one definition; writing and comparing them is
//! `smithy_codegen::disk`'s, as for any generated crate.

use std::fs;
use std::path::{Path, PathBuf};

use smithy_codegen::package::{features, lib_rs};
use smithy_codegen::{GeneratedFile, Operations};

pub mod shared;

/// The spec the models crate is generated from, relative to the workspace root.
pub const SPEC: &str = "spec/describe-job-template.json";
/// Where generated code goes, relative to the workspace root.
pub const GENERATED_DIR: &str = "models/src/generated";

/// Feature fixtures: small specs, one per generator feature.
pub const FIXTURES_DIR: &str = "spec/fixtures";
/// Their generated crates, checked in as golden files and built by the workspace.
pub const GOLDEN_DIR: &str = "golden";

/// Generates every golden crate from `spec/fixtures/*.json`, as files relative to
/// `golden/` (`<name>/Cargo.toml`, `<name>/src/...`).
pub fn generate_goldens(root: &Path) -> Result<Vec<GeneratedFile>, String> {
    let dir = root.join(FIXTURES_DIR);
    let mut specs: Vec<PathBuf> = fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    specs.sort();
    let mut files = Vec::new();
    for spec in specs {
        let name = spec.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        let text = fs::read_to_string(&spec).map_err(|e| format!("cannot read {}: {e}", spec.display()))?;
        let generated = smithy_codegen::generate(&text, &Operations::All)
            .map_err(|e| format!("{FIXTURES_DIR}/{name}.json: {e}"))?;
        for f in golden_crate_files(&name, &generated) {
            files.push(GeneratedFile {
                path: format!("{name}/{}", f.path),
                contents: f.contents,
            });
        }
    }
    Ok(files)
}

/// The protocol-suite crates, relative to the workspace root.
pub const PROTOCOL_DIR: &str = "protocol";

/// The suites: crate folder, service shape.
pub const PROTOCOL_SUITES: &[(&str, &str)] = &[
    ("restjson", "aws.protocoltests.restjson#RestJson"),
    ("json10", "aws.protocoltests.json10#JsonRpc10"),
    ("json11", "aws.protocoltests.json#JsonProtocol"),
    ("restxml", "aws.protocoltests.restxml#RestXml"),
    ("query", "aws.protocoltests.query#AwsQuery"),
    ("ec2", "aws.protocoltests.ec2#AwsEc2"),
    ("s3", "com.amazonaws.s3#AmazonS3"),
    ("rpcv2json", "smithy.protocoltests.rpcv2Json#RpcV2JsonProtocol"),
    ("rpcv2cbor", "smithy.protocoltests.rpcv2Cbor#RpcV2Protocol"),
    (
        "querycompat",
        "aws.protocoltests.rpcv2cbor#QueryCompatibleRpcV2Protocol",
    ),
    (
        "nonquerycompat",
        "aws.protocoltests.rpcv2cbor#NonQueryCompatibleRpcV2Protocol",
    ),
];

/// The protocol cases known to fail, relative to the workspace root: one per
/// line, `<suite> <request|response> <CaseId>: <reason>` (`#` starts a comment).
pub const EXPECTED_FAILURES: &str = "spec/protocol-expected-failures.txt";

/// Reads [`EXPECTED_FAILURES`]: suite -> its expected failures.
pub fn expected_failures(
    root: &Path,
) -> Result<std::collections::BTreeMap<String, Vec<smithy_codegen::ExpectedFailure>>, String> {
    let path = root.join(EXPECTED_FAILURES);
    let text = fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut out: std::collections::BTreeMap<String, Vec<smithy_codegen::ExpectedFailure>> = Default::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = || {
            format!(
                "{EXPECTED_FAILURES}:{}: expected `<suite> <request|response> <CaseId>: <reason>`",
                n + 1
            )
        };
        let (head, reason) = line.split_once(':').ok_or_else(bad)?;
        let parts: Vec<&str> = head.split_whitespace().collect();
        let [suite, kind, id] = parts[..] else {
            return Err(bad());
        };
        let Some(kind) = smithy_codegen::CaseKind::parse(kind) else {
            return Err(bad());
        };
        if !PROTOCOL_SUITES.iter().any(|(dir, _)| *dir == suite) {
            return Err(bad());
        }
        if reason.trim().is_empty() {
            return Err(format!("{EXPECTED_FAILURES}:{}: say why the case fails", n + 1));
        }
        out.entry(suite.to_owned())
            .or_default()
            .push(smithy_codegen::ExpectedFailure {
                kind,
                id: id.to_owned(),
                reason: reason.trim().to_owned(),
            });
    }
    Ok(out)
}

/// Generates the protocol-suite crates from `../shared/smithy` (trait
/// definitions and the suites' IDL), as files relative to `protocol/`; `None`
/// when the shared folder is absent.
pub fn generate_protocol_crates(root: &Path) -> Result<Option<Vec<GeneratedFile>>, String> {
    let shared = root.join("../shared/smithy");
    let (traits, suites) = (shared.join("traits"), shared.join("protocol-tests"));
    if !traits.is_dir() || !suites.is_dir() {
        return Ok(None);
    }
    let model = smithy_codegen::disk::load_model(&[traits, suites])?;
    let mut failures = expected_failures(root)?;
    let mut files = Vec::new();
    for (dir, service) in PROTOCOL_SUITES {
        let settings = smithy_codegen::Settings {
            expected_failures: failures.remove(*dir).unwrap_or_default(),
            header: format!(
                "// @generated by smithy-codegen from ../shared/smithy/protocol-tests ({service}). Do not edit by hand:\n// run `cargo xtask regenerate`.\n\n"
            ),
            strategies: false,
            protocol_tests: true,
            ..smithy_codegen::Settings::default()
        };
        let generated = smithy_codegen::generate_model(&model, &Operations::Service((*service).to_owned()), &settings)
            .map_err(|e| format!("{service}: {e}"))?;
        for f in protocol_crate_files(dir, service, &generated.report.runtime_features, &generated.files) {
            files.push(GeneratedFile {
                path: format!("{dir}/{}", f.path),
                contents: f.contents,
            });
        }
    }
    Ok(Some(files))
}

/// Generates the `models` module tree from `spec/`.
pub fn generate_models(root: &Path) -> Result<Vec<GeneratedFile>, String> {
    let spec_path = root.join(SPEC);
    let spec = fs::read_to_string(&spec_path).map_err(|e| format!("cannot read {}: {e}", spec_path.display()))?;
    smithy_codegen::generate(&spec, &Operations::All).map_err(|e| format!("{SPEC}: {e}"))
}

/// A golden crate: a workspace member that takes the runtime and its
/// dependencies from the workspace.
pub fn golden_crate_files(name: &str, generated: &[GeneratedFile]) -> Vec<GeneratedFile> {
    let header =
        format!("// @generated by `cargo xtask regenerate` from spec/fixtures/{name}.json. Do not edit by hand.");
    let features = features(true, &[]);
    let mut files = vec![
        GeneratedFile {
            path: "Cargo.toml".into(),
            contents: format!(
                "# @generated by `cargo xtask regenerate` from spec/fixtures/{name}.json. Do not edit by hand.\n[package]\nname = \"golden-{name}\"\nversion = \"0.1.0\"\nedition.workspace = true\nrust-version.workspace = true\nlicense.workspace = true\npublish.workspace = true\n\n[dependencies]\nsmithy-codegen-runtime.workspace = true\nserde.workspace = true\nserde_json = {{ workspace = true, features = [\"raw_value\"] }}\ntime.workspace = true\nhttp.workspace = true\nproptest = {{ workspace = true, optional = true }}\n\n{features}"
            ),
        },
        GeneratedFile {
            path: "src/lib.rs".into(),
            contents: lib_rs(
                &header,
                &format!(
                    "//! Golden output of the generator for the `{name}` feature fixture: checked in,\n//! compiled with the workspace, and exercised by the `tests` crate."
                ),
                true,
                &[],
            ),
        },
    ];
    files.extend(generated.iter().map(|f| GeneratedFile {
        path: format!("src/generated/{}", f.path),
        contents: f.contents.clone(),
    }));
    files
}

/// The files of one protocol-suite crate (`protocol/<dir>/`), relative to its
/// root: a workspace crate whose tests are the suite's client cases.
pub fn protocol_crate_files(
    dir: &str,
    service: &str,
    runtime_features: &[String],
    generated: &[GeneratedFile],
) -> Vec<GeneratedFile> {
    let runtime = if runtime_features.is_empty() {
        "smithy-codegen-runtime.workspace = true".to_owned()
    } else {
        let quoted: Vec<String> = runtime_features.iter().map(|f| format!("\"{f}\"")).collect();
        format!(
            "smithy-codegen-runtime = {{ workspace = true, features = [{}] }}",
            quoted.join(", ")
        )
    };
    let header = format!(
        "// @generated by `cargo xtask regenerate` from ../shared/smithy/protocol-tests ({service}). Do not edit by hand."
    );
    let mut files = vec![
        GeneratedFile {
            path: "Cargo.toml".into(),
            contents: format!(
                "# @generated by `cargo xtask regenerate` from ../shared/smithy/protocol-tests ({service}). Do not edit by hand.\n[package]\nname = \"protocol-{dir}\"\nversion = \"0.1.0\"\nedition.workspace = true\nrust-version.workspace = true\nlicense.workspace = true\npublish.workspace = true\n\n[dependencies]\n{runtime}\nserde.workspace = true\nserde_json = {{ workspace = true, features = [\"raw_value\"] }}\ntime.workspace = true\nhttp.workspace = true\n\n[dev-dependencies]\n# The checks the generated protocol tests call.\nsmithy-codegen-runtime = {{ workspace = true, features = [\"protocol-test\"] }}\n"
            ),
        },
        GeneratedFile {
            path: "src/lib.rs".into(),
            contents: lib_rs(
                &header,
                &format!(
                    "//! The crate generated for AWS's protocol compliance service `{service}`: its\n//! tests are the suite's client-side request and response cases."
                ),
                false,
                runtime_features,
            ),
        },
    ];
    files.extend(generated.iter().map(|f| GeneratedFile {
        path: format!("src/generated/{}", f.path),
        contents: f.contents.clone(),
    }));
    files
}

#[cfg(test)]
mod tests {
    #[test]
    fn runtime_features_reach_the_protocol_crates() {
        let features = vec!["checksum".to_owned(), "compression".to_owned()];
        let files = super::protocol_crate_files("x", "a#S", &features, &[]);
        assert!(files[0].contents.contains("features = [\"checksum\", \"compression\"]"));
    }
}
