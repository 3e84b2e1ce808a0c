//! Resolution: prelude targets, `apply`, mixins, member trait overrides, and the
//! operation closure.

use serde_json::json;
use smithy_codegen::ir::closure::closure;
use smithy_codegen::ir::{Model, ShapeId, ShapeKind};

fn id(s: &str) -> ShapeId {
    ShapeId::parse(s).expect("valid id")
}

#[test]
fn prelude_targets_resolve() {
    let spec = json!({"smithy": "2.0", "shapes": {"ex#A": {"type": "structure", "members": {
        "s": {"target": "smithy.api#String"},
        "l": {"target": "smithy.api#PrimitiveLong"},
        "u": {"target": "smithy.api#Unit"}
    }}}});
    let model = Model::from_json(&spec.to_string()).expect("resolves");
    let long = model.get(&id("smithy.api#PrimitiveLong")).unwrap();
    assert_eq!(long.kind, ShapeKind::Long);
    assert_eq!(long.traits.get("smithy.api#default"), Some(&json!(0)));
}

#[test]
fn apply_adds_traits_to_shapes_and_members() {
    let spec = json!({"smithy": "2.0", "shapes": {
        "ex#A": {"type": "structure", "members": {"b": {"target": "smithy.api#String"}}},
        "ex#A$b": {"type": "apply", "traits": {"smithy.api#required": {}}},
        "ex#A ": {"type": "apply", "traits": {}}
    }});
    // A key that is not a valid shape id is an error, not a panic.
    assert!(Model::from_json(&spec.to_string()).is_err());

    let spec = json!({"smithy": "2.0", "shapes": {
        "ex#A": {"type": "structure", "members": {"b": {"target": "smithy.api#String"}}},
        "ex#A$b": {"type": "apply", "traits": {"smithy.api#required": {}}}
    }});
    let model = Model::from_json(&spec.to_string()).expect("resolves");
    let ShapeKind::Structure(members) = &model.get(&id("ex#A")).unwrap().kind else {
        panic!("structure")
    };
    assert!(members[0].traits.has("smithy.api#required"));
}

#[test]
fn mixins_are_flattened_in_order_with_local_overrides() {
    let spec = json!({"smithy": "2.0", "shapes": {
        "ex#Base": {"type": "structure", "members": {
            "id": {"target": "smithy.api#String"},
            "name": {"target": "smithy.api#String"}
        }, "traits": {"smithy.api#mixin": {}, "smithy.api#sensitive": {}}},
        "ex#Thing": {"type": "structure", "mixins": [{"target": "ex#Base"}], "members": {
            "name": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
            "extra": {"target": "smithy.api#Integer"}
        }}
    }});
    let model = Model::from_json(&spec.to_string()).expect("resolves");
    let thing = model.get(&id("ex#Thing")).unwrap();
    let ShapeKind::Structure(members) = &thing.kind else {
        panic!("structure")
    };
    let names: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["id", "name", "extra"]);
    assert!(members[1].traits.has("smithy.api#required"));
    assert!(thing.traits.has("smithy.api#sensitive"));
    assert!(!thing.traits.has("smithy.api#mixin"));
}

#[test]
fn member_order_is_declaration_order() {
    let spec = r#"{"smithy":"2.0","shapes":{"ex#E":{"type":"enum","members":{
        "Z":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":"z"}},
        "A":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":"a"}}}}}}"#;
    let model = Model::from_json(spec).expect("resolves");
    let ShapeKind::Enum(members) = &model.get(&id("ex#E")).unwrap().kind else {
        panic!("enum")
    };
    assert_eq!(members[0].name, "Z");
}

#[test]
fn closure_of_describe_job_template_spec() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/describe-job-template.json"
    ))
    .expect("spec readable");
    let model = Model::from_json(&text).expect("spec resolves");
    let op = model.find_operation("DescribeJobTemplate").unwrap().id.clone();
    let shapes = closure(&model, &[op]).unwrap();
    let own: Vec<_> = shapes.iter().filter(|s| s.namespace() == "com.amazonaws.iot").collect();
    assert_eq!(own.len(), 44);
    assert!(shapes.contains(&id("smithy.api#Unit")), "enum members target Unit");
}

#[test]
fn ids_compare_with_their_written_form() {
    let abort = id("com.amazonaws.iot#AbortConfig");
    assert!(abort.is("com.amazonaws.iot#AbortConfig"));
    for other in [
        "AbortConfig",
        "com.amazonaws.iot#AbortConfi",
        "com.amazonaws.io#AbortConfig",
        "com.amazonaws.iot#AbortConfig$x",
        "#",
        "",
    ] {
        assert!(!abort.is(other), "{other}");
    }
}

#[test]
fn operations_are_found_by_name_or_absolute_id() {
    let spec = json!({"smithy": "2.0", "shapes": {
        "ex#Get": {"type": "operation"},
        "other#Get": {"type": "operation"},
        "ex#Put": {"type": "operation"}
    }});
    let model = Model::from_json(&spec.to_string()).expect("resolves");
    let found = |name: &str| model.find_operation(name).map(|s| s.id.to_string()).ok();
    assert_eq!(found("Put").as_deref(), Some("ex#Put"));
    assert_eq!(found("other#Get").as_deref(), Some("other#Get"));
    assert_eq!(found("ex#Get").as_deref(), Some("ex#Get"));
    assert_eq!(found("ex#Delete"), None);
}

#[test]
fn service_operations_include_every_resources_once_even_in_a_cycle() {
    let unit =
        json!({"type": "operation", "input": {"target": "smithy.api#Unit"}, "output": {"target": "smithy.api#Unit"}});
    let spec = json!({"smithy": "2.0", "shapes": {
        "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Top"}],
                   "resources": [{"target": "ex#Outer"}]},
        "ex#Outer": {"type": "resource", "operations": [{"target": "ex#OfOuter"}],
                     "resources": [{"target": "ex#Inner"}]},
        "ex#Inner": {"type": "resource", "operations": [{"target": "ex#OfInner"}],
                     "resources": [{"target": "ex#Outer"}]},
        "ex#Top": unit, "ex#OfOuter": unit, "ex#OfInner": unit,
    }});
    let model = Model::from_json(&spec.to_string()).expect("resolves");
    let service = model.get(&id("ex#Svc")).expect("the service");
    let ids: Vec<String> = model
        .service_operations(service)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(ids, ["ex#OfInner", "ex#OfOuter", "ex#Top"]);
    let not_a_service = model.get(&id("ex#Top")).expect("an operation");
    assert!(model.service_operations(not_a_service).is_empty());
}

#[test]
fn apply_reaches_list_and_map_members_by_their_names_only() {
    let with_apply = |target: &str| {
        json!({"smithy": "2.0", "shapes": {
            "ex#L": {"type": "list", "member": {"target": "smithy.api#String"}},
            "ex#M": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#String"}},
            target: {"type": "apply", "traits": {"smithy.api#length": {"min": 1}}},
        }})
        .to_string()
    };
    for target in ["ex#L$member", "ex#M$key", "ex#M$value"] {
        let model = Model::from_json(&with_apply(target)).unwrap_or_else(|e| panic!("{target}: {e}"));
        let traits = match &model.get(&id(target.split('$').next().unwrap())).unwrap().kind {
            ShapeKind::List { member, .. } => &member.traits,
            ShapeKind::Map { key, value, .. } if target.ends_with("key") => &key.traits,
            ShapeKind::Map { value, .. } => &value.traits,
            other => panic!("{other:?}"),
        };
        assert!(traits.has("smithy.api#length"), "{target}");
    }
    for target in ["ex#L$key", "ex#L$value", "ex#M$member", "ex#M$other"] {
        assert!(
            Model::from_json(&with_apply(target)).is_err(),
            "{target} names no member"
        );
    }
}
