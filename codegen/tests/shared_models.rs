//! Every official model in `../shared/aws-models/` parses and resolves, and every
//! documentation string converts to Markdown. Skips with a clear line when the
//! shared reference data is absent (a fresh clone elsewhere), fails under CI.

use std::path::PathBuf;

use smithy_codegen::ir::docs::to_markdown;
use smithy_codegen::ir::traits::DOCUMENTATION;
use smithy_codegen::ir::{Model, ShapeKind};

#[path = "../../xtask/src/shared.rs"]
mod shared;

fn shared_models(test: &str) -> Vec<PathBuf> {
    let Some(dir) = shared::path("aws-models", test) else {
        return Vec::new();
    };
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut models: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    models.sort();
    assert!(!models.is_empty(), "{}: no model in the folder", dir.display());
    models
}

#[test]
fn every_shared_model_parses_and_resolves() {
    for path in shared_models("every_shared_model_parses_and_resolves") {
        let text = std::fs::read_to_string(&path).expect("readable");
        let model = Model::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(model.services().count() >= 1, "{} has a service", path.display());
        let structures = model
            .shapes
            .values()
            .filter(|s| matches!(s.kind, ShapeKind::Structure(_)))
            .count();
        assert!(structures > 1, "{}", path.display());
    }
}

#[test]
fn every_documentation_string_converts() {
    for path in shared_models("every_documentation_string_converts") {
        let text = std::fs::read_to_string(&path).expect("readable");
        let model = Model::from_json(&text).expect("resolves");
        let mut converted = 0;
        for shape in model.shapes.values() {
            let member_traits = shape.kind.members().into_iter().map(|m| &m.traits);
            for traits in std::iter::once(&shape.traits).chain(member_traits) {
                let Some(doc) = traits.get(DOCUMENTATION).and_then(|d| d.as_str()) else {
                    continue;
                };
                let md = to_markdown(doc);
                converted += 1;
                for line in &md {
                    assert!(!line.contains("<p>") && !line.contains("</p>"), "{}: {line}", shape.id);
                    // Brackets in prose are escaped; only our own link syntax may remain.
                    // Code spans are literal in Markdown, so drop them first.
                    let prose: String = line.split('`').step_by(2).collect();
                    let unescaped = prose.replace("\\[", "").replace("\\]", "");
                    assert!(
                        !unescaped.contains('[') || unescaped.contains("]("),
                        "{}: unescaped bracket in {line:?}",
                        shape.id
                    );
                }
            }
        }
        assert!(converted > 0, "{} has documentation", path.display());
    }
}

#[test]
fn iot_describe_job_template_generates_from_the_official_model() {
    let models = shared_models("iot_describe_job_template_generates_from_the_official_model");
    let Some(iot) = models.iter().find(|p| p.ends_with("iot-2015-05-28.json")) else {
        return;
    };
    let text = std::fs::read_to_string(iot).expect("readable");
    let files = smithy_codegen::generate(
        &text,
        &smithy_codegen::Operations::Named(vec!["DescribeJobTemplate".into()]),
    )
    .expect("the official model generates");
    let output = files
        .iter()
        .find(|f| f.path == "operation/describe_job_template/output.rs")
        .expect("output file");
    assert!(output.contents.contains("pub struct DescribeJobTemplateOutput"));
}
