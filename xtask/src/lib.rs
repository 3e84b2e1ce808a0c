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
    ("json10querycompat", "aws.protocoltests.json10#QueryCompatibleJsonRpc10"),
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

/// Crate (or suite) -> its expected failures.
pub type ExpectedFailures = std::collections::BTreeMap<String, Vec<smithy_codegen::ExpectedFailure>>;

/// Reads [`EXPECTED_FAILURES`]: suite -> its expected failures.
pub fn expected_failures(root: &Path) -> Result<ExpectedFailures, String> {
    read_failures(
        root,
        EXPECTED_FAILURES,
        "<suite> <request|response> <CaseId>",
        |suite, kind, _| {
            kind != smithy_codegen::CaseKind::Endpoint && PROTOCOL_SUITES.iter().any(|(dir, _)| *dir == suite)
        },
    )
}

/// Reads a list of expected failures, one per line: `<owner> <kind> <id>:
/// <reason>` (`#` starts a comment); `accepts` says which owner, kind and
/// id the list may name.
fn read_failures(
    root: &Path,
    file: &str,
    form: &str,
    accepts: impl Fn(&str, smithy_codegen::CaseKind, &str) -> bool,
) -> Result<ExpectedFailures, String> {
    let path = root.join(file);
    let text = fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut out = ExpectedFailures::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = || format!("{file}:{}: expected `{form}: <reason>`", n + 1);
        let (head, reason) = line.split_once(':').ok_or_else(bad)?;
        let [owner, kind, id] = head.split_whitespace().collect::<Vec<_>>()[..] else {
            return Err(bad());
        };
        let kind = smithy_codegen::CaseKind::parse(kind).ok_or_else(bad)?;
        if !accepts(owner, kind, id) {
            return Err(bad());
        }
        if reason.trim().is_empty() {
            return Err(format!("{file}:{}: say why the case fails", n + 1));
        }
        out.entry(owner.to_owned())
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
            // Suites whose protocol has a service side get it, judged by the
            // suite's server cases; the others get a note.
            server: true,
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

/// The endpoint cases known to fail: `<crate> endpoint <number>: <reason>`,
/// where the crate is `models` or an endpoint-suite crate (`endpoints-iot`).
pub const ENDPOINT_EXPECTED_FAILURES: &str = "spec/endpoint-expected-failures.txt";

/// Reads [`ENDPOINT_EXPECTED_FAILURES`]: crate -> its expected failures.
pub fn endpoint_expected_failures(root: &Path) -> Result<ExpectedFailures, String> {
    read_failures(
        root,
        ENDPOINT_EXPECTED_FAILURES,
        "<crate> endpoint <number>",
        |_, kind, id| kind == smithy_codegen::CaseKind::Endpoint && id.parse::<usize>().is_ok(),
    )
}

/// AWS's partitions data beside the checkout, which the endpoint rule sets'
/// `aws.partition` reads (embedded in the generated crates).
pub const PARTITIONS: &str = "../shared/smithy/rules-engine/partitions.json";

/// The partitions data, or `None` when `../shared` is absent.
pub fn partitions(root: &Path) -> Result<Option<String>, String> {
    let path = root.join(PARTITIONS);
    if !path.is_file() {
        return Ok(None);
    }
    fs::read_to_string(&path)
        .map(Some)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Generates the `models` module tree from `spec/`, with its endpoint
/// resolver and endpoint tests; `None` when the partitions data its rule set
/// needs is absent.
pub fn generate_models(root: &Path) -> Result<Option<Vec<GeneratedFile>>, String> {
    let Some(partitions) = partitions(root)? else {
        return Ok(None);
    };
    let spec_path = root.join(SPEC);
    let spec = fs::read_to_string(&spec_path).map_err(|e| format!("cannot read {}: {e}", spec_path.display()))?;
    let settings = smithy_codegen::Settings {
        header: smithy_codegen::format::HEADER.to_owned(),
        protocol_tests: true,
        expected_failures: endpoint_expected_failures(root)?.remove("models").unwrap_or_default(),
        partitions: Some(partitions),
        server: true,
        ..smithy_codegen::Settings::default()
    };
    smithy_codegen::generate_with_settings(&spec, &Operations::All, &settings)
        .map(|g| Some(g.files))
        .map_err(|e| format!("{SPEC}: {e}"))
}

/// The endpoint-suite crates (`protocol/endpoints-*`): one per service of
/// Smithy's rules-engine tests, one per AWS model beside the checkout, each
/// with its `@endpointTests` as tests (and only the operations they call).
pub fn generate_endpoint_crates(root: &Path) -> Result<Option<Vec<GeneratedFile>>, String> {
    let shared = root.join("../shared");
    let (traits, tests, models) = (
        shared.join("smithy/traits"),
        shared.join("smithy/rules-engine/tests"),
        shared.join("aws-models"),
    );
    let Some(partitions) = partitions(root)? else {
        return Ok(None);
    };
    if !traits.is_dir() || !tests.is_dir() || !models.is_dir() {
        return Ok(None);
    }
    let mut failures = endpoint_expected_failures(root)?;
    // `models` is `generate_models`' entry.
    failures.remove("models");
    let mut settings = |source: &str, dir: &str| smithy_codegen::Settings {
        expected_failures: failures.remove(dir).unwrap_or_default(),
        header: format!(
            "// @generated by smithy-codegen from {source}. Do not edit by hand:\n// run `cargo xtask regenerate`.\n\n"
        ),
        strategies: false,
        protocol_tests: true,
        partitions: Some(partitions.clone()),
        ..smithy_codegen::Settings::default()
    };
    let mut files = Vec::new();
    let mut add = |dir: String, source: &str, generated: smithy_codegen::Generated| {
        for f in endpoint_crate_files(&dir, source, &generated.report.runtime_features, &generated.files) {
            files.push(GeneratedFile {
                path: format!("{dir}/{}", f.path),
                contents: f.contents,
            });
        }
    };
    for (file, service) in ENDPOINT_TEST_SERVICES {
        let source = format!("../shared/smithy/rules-engine/tests/{file}.smithy");
        // One file at a time: each holds one service.
        let model = smithy_codegen::disk::load_model(&[traits.clone(), tests.join(format!("{file}.smithy"))])?;
        let generated = smithy_codegen::generate_model(
            &model,
            &Operations::Service(format!("smithy.rules.tests#{service}")),
            &settings(&source, &format!("endpoints-{file}")),
        )
        .map_err(|e| format!("{source}: {e}"))?;
        add(format!("endpoints-{file}"), &source, generated);
    }
    let mut entries: Vec<_> = fs::read_dir(&models)
        .map_err(|e| format!("cannot read {}: {e}", models.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let source = format!("../shared/aws-models/{name}");
        let text = fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let model = smithy_codegen::ast::Model::parse(&text).map_err(|e| format!("{source}: {e}"))?;
        let operations = endpoint_test_operations(&text);
        let stem = name
            .split('-')
            .take_while(|p| !p.starts_with("20"))
            .collect::<Vec<_>>()
            .join("-");
        let generated = smithy_codegen::generate_model(
            &model,
            &Operations::Named(operations),
            &settings(&source, &format!("endpoints-{stem}")),
        )
        .map_err(|e| format!("{source}: {e}"))?;
        add(format!("endpoints-{stem}"), &source, generated);
    }
    if let Some(unknown) = failures.keys().next() {
        return Err(format!(
            "{ENDPOINT_EXPECTED_FAILURES}: `{unknown}` is not an endpoint-suite crate"
        ));
    }
    Ok(Some(files))
}

/// The rules-engine test files and their services.
pub const ENDPOINT_TEST_SERVICES: &[(&str, &str)] = &[
    ("coalesce", "CoalesceTest"),
    ("default-values", "DefaultValuesService"),
    ("endpoint-bindings", "EndpointBindingService"),
    ("endpoints-string-array", "EndpointStringArrayService"),
    ("get-attr", "GetAttrService"),
    ("headers", "HeadersService"),
    ("ite", "IteTest"),
    ("parse-url", "ParseUrlService"),
    ("split", "SplitTest"),
    ("substring", "SubstringService"),
    ("url-encode", "UrlEncodeService"),
    ("valid-hostlabel", "ValidHostLabelService"),
];

/// The operations a model's `@endpointTests` call (`operationInputs`), in name order.
fn endpoint_test_operations(model: &str) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(model).unwrap_or_default();
    let mut names = std::collections::BTreeSet::new();
    for shape in json["shapes"].as_object().into_iter().flatten().map(|(_, s)| s) {
        for case in shape["traits"]["smithy.rules#endpointTests"]["testCases"]
            .as_array()
            .into_iter()
            .flatten()
        {
            for call in case["operationInputs"].as_array().into_iter().flatten() {
                if let Some(name) = call["operationName"].as_str() {
                    names.insert(name.to_owned());
                }
            }
        }
    }
    names.into_iter().collect()
}

/// The files of one endpoint-suite crate, relative to its root.
pub fn endpoint_crate_files(
    dir: &str,
    source: &str,
    runtime_features: &[String],
    generated: &[GeneratedFile],
) -> Vec<GeneratedFile> {
    suite_crate_files(
        dir,
        source,
        &format!(
            "//! The crate generated from `{source}` for its endpoint rules:\n//! its tests are the model's `@endpointTests` cases."
        ),
        runtime_features,
        generated,
    )
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
                generated,
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
/// root: a workspace crate whose tests are the suite's cases.
pub fn protocol_crate_files(
    dir: &str,
    service: &str,
    runtime_features: &[String],
    generated: &[GeneratedFile],
) -> Vec<GeneratedFile> {
    suite_crate_files(
        dir,
        &format!("../shared/smithy/protocol-tests ({service})"),
        &format!(
            "//! The crate generated for AWS's protocol compliance service `{service}`: its\n//! tests are the suite's request and response cases, client side and, where the\n//! crate has one, service side."
        ),
        runtime_features,
        generated,
    )
}

/// The files of one test-suite crate under `protocol/`: generated from
/// `source`, described by `doc` (the lib's `//!` lines).
fn suite_crate_files(
    dir: &str,
    source: &str,
    doc: &str,
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
    let header = format!("// @generated by `cargo xtask regenerate` from {source}. Do not edit by hand.");
    let mut files = vec![
        GeneratedFile {
            path: "Cargo.toml".into(),
            contents: format!(
                "# @generated by `cargo xtask regenerate` from {source}. Do not edit by hand.\n[package]\nname = \"protocol-{dir}\"\nversion = \"0.1.0\"\nedition.workspace = true\nrust-version.workspace = true\nlicense.workspace = true\npublish.workspace = true\n\n[dependencies]\n{runtime}\nserde.workspace = true\nserde_json = {{ workspace = true, features = [\"raw_value\"] }}\ntime.workspace = true\nhttp.workspace = true\n\n[dev-dependencies]\n# The checks the generated protocol tests call.\nsmithy-codegen-runtime = {{ workspace = true, features = [\"protocol-test\"] }}\n"
            ),
        },
        GeneratedFile {
            path: "src/lib.rs".into(),
            contents: lib_rs(
                &header,
                doc,
                false,
                runtime_features,
                generated,
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
