//! spec/ must carry the official model's facts for the DescribeJobTemplate closure:
//! the same shape ids, types, members, targets and traits; only documentation is
//! ours. Needs `../shared/aws-models` (reference data, never copied into the repo).

use std::collections::BTreeMap;

use serde_json::Value;

const OPERATION: &str = "com.amazonaws.iot#DescribeJobTemplate";
const DOCUMENTATION: &str = "smithy.api#documentation";

/// Shapes reachable from `root` (operation input/output/errors and members).
fn closure(shapes: &serde_json::Map<String, Value>, root: &str) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_owned()];
    while let Some(id) = stack.pop() {
        if id.starts_with("smithy.api#") || out.contains_key(&id) {
            continue;
        }
        let shape = shapes.get(&id).unwrap_or_else(|| panic!("{id} is not defined")).clone();
        for key in ["input", "output", "member", "key", "value"] {
            if let Some(target) = shape.get(key).and_then(|m| m.get("target")).and_then(Value::as_str) {
                stack.push(target.to_owned());
            }
        }
        for list in ["errors"] {
            for e in shape.get(list).and_then(Value::as_array).into_iter().flatten() {
                stack.push(e["target"].as_str().expect("error target").to_owned());
            }
        }
        if let Some(members) = shape.get("members").and_then(Value::as_object) {
            for m in members.values() {
                stack.push(m["target"].as_str().expect("member target").to_owned());
            }
        }
        out.insert(id, shape);
    }
    out
}

/// Drops documentation and empty trait maps, which carry no facts.
fn facts(v: &Value) -> Value {
    match v {
        Value::Object(map) => {
            let mut out = serde_json::Map::new();
            for (k, v) in map {
                if k == DOCUMENTATION {
                    continue;
                }
                let v = facts(v);
                if k == "traits" && v.as_object().is_some_and(|m| m.is_empty()) {
                    continue;
                }
                out.insert(k.clone(), v);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(facts).collect()),
        other => other.clone(),
    }
}

fn load(path: &std::path::Path) -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text).expect("valid JSON");
    doc["shapes"].as_object().expect("shapes object").clone()
}

#[test]
fn spec_matches_the_official_closure_except_documentation() {
    let Some(official_path) = tests::shared_model("iot-2015-05-28.json", "spec_conformance") else {
        return;
    };
    let official = closure(&load(&official_path), OPERATION);
    let ours = closure(&load(&tests::workspace_root().join(xtask::SPEC)), OPERATION);
    assert_eq!(official.len(), 44, "the official closure has 44 shapes");
    let official_ids: Vec<&String> = official.keys().collect();
    let our_ids: Vec<&String> = ours.keys().collect();
    assert_eq!(our_ids, official_ids, "spec/ must define exactly the official closure");
    for (id, shape) in &official {
        assert_eq!(
            facts(&ours[id]),
            facts(shape),
            "shape {id} differs from the official model"
        );
    }
}

#[test]
fn spec_documentation_is_our_own() {
    let Some(official_path) = tests::shared_model("iot-2015-05-28.json", "spec_documentation_is_our_own") else {
        return;
    };
    let official = load(&official_path);
    let ours = load(&tests::workspace_root().join(xtask::SPEC));
    for (id, shape) in &ours {
        let ours_doc = shape["traits"][DOCUMENTATION].as_str();
        assert!(ours_doc.is_some(), "{id} has no documentation");
        let theirs = official.get(id).and_then(|s| s["traits"][DOCUMENTATION].as_str());
        assert_ne!(ours_doc, theirs, "{id} copies the official documentation");
        assert!(
            !ours_doc.unwrap_or_default().contains("<p>"),
            "{id} documentation holds HTML"
        );
    }
}

#[test]
fn spec_has_a_restjson1_service_binding_the_operation() {
    let ours = load(&tests::workspace_root().join(xtask::SPEC));
    let services: Vec<&Value> = ours.values().filter(|s| s["type"] == "service").collect();
    assert_eq!(services.len(), 1);
    let service = services[0];
    assert!(service["traits"].get("aws.protocols#restJson1").is_some());
    assert_eq!(service["operations"][0]["target"], OPERATION);
    let http = &ours[OPERATION]["traits"]["smithy.api#http"];
    assert_eq!(http["method"], "GET");
    assert_eq!(http["uri"], "/job-templates/{jobTemplateId}");
}
