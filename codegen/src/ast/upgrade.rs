//! Smithy 1.0 shapes in 2.0 terms. In 1.0, byte, short, integer, long, float,
//! double and boolean shapes are non-nullable ("primitive") unless `@box`ed, and
//! so are structure members targeting them; 2.0 says the same with `@default`
//! (zero or `false`). Upgrading adds those defaults and drops `@box`, so a model
//! merged from 1.0 and 2.0 files means one thing. `set` shapes, deprecated in 2.0
//! (and not in its IDL), become what 2.0 says they are: lists with `@uniqueItems`.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::Shape;

const BOX: &str = "smithy.api#box";
const DEFAULT: &str = "smithy.api#default";
const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";

/// The zero a primitive shape of this type defaults to.
fn zero(shape: &Shape) -> Option<Value> {
    match shape {
        Shape::Boolean(_) => Some(Value::Bool(false)),
        Shape::Byte(_) | Shape::Short(_) | Shape::Integer(_) | Shape::Long(_) | Shape::Float(_) | Shape::Double(_) => {
            Some(Value::from(0))
        }
        _ => None,
    }
}

/// The zero of a prelude target, for the `Primitive*` shapes (the others are boxed).
fn prelude_zero(target: &str) -> Option<Value> {
    match target.strip_prefix("smithy.api#")? {
        "PrimitiveBoolean" => Some(Value::Bool(false)),
        "PrimitiveByte" | "PrimitiveShort" | "PrimitiveInteger" | "PrimitiveLong" | "PrimitiveFloat"
        | "PrimitiveDouble" => Some(Value::from(0)),
        _ => None,
    }
}

/// Upgrades the shapes listed in `version_1` in place, and every `set` to a list.
pub fn upgrade(shapes: &mut BTreeMap<String, Shape>, version_1: &BTreeSet<String>) {
    for shape in shapes.values_mut() {
        if let Shape::Set(collection) = shape {
            let mut list = collection.clone();
            list.traits
                .entry(UNIQUE_ITEMS.to_owned())
                .or_insert_with(|| Value::Object(Default::default()));
            *shape = Shape::List(list);
        }
    }
    if version_1.is_empty() {
        return;
    }
    // What a member targeting each shape defaults to: primitive 1.0 shapes, and
    // 2.0 shapes that carry a default of their own.
    let member_default = |target: &str, shapes: &BTreeMap<String, Shape>| -> Option<Value> {
        if let Some(zero) = prelude_zero(target) {
            return Some(zero);
        }
        let shape = shapes.get(target)?;
        if version_1.contains(target) {
            zero(shape).filter(|_| !shape.traits().contains_key(BOX))
        } else {
            shape.traits().get(DEFAULT).cloned()
        }
    };
    let mut member_defaults: Vec<(String, String, Value)> = Vec::new();
    for id in version_1 {
        let Some(Shape::Structure(structure)) = shapes.get(id) else {
            continue;
        };
        for (name, member) in &structure.members.0 {
            if member.traits.contains_key(BOX) || member.traits.contains_key(DEFAULT) {
                continue;
            }
            if let Some(value) = member_default(&member.target, shapes) {
                member_defaults.push((id.clone(), name.clone(), value));
            }
        }
    }
    for (id, name, value) in member_defaults {
        if let Some(member) = shapes.get_mut(&id).and_then(|s| s.member_mut(&name)) {
            member.traits.insert(DEFAULT.to_owned(), value);
        }
    }
    for id in version_1 {
        let Some(shape) = shapes.get_mut(id) else { continue };
        let boxed = shape.traits_mut().remove(BOX).is_some();
        if !boxed {
            if let Some(value) = zero(shape) {
                shape.traits_mut().entry(DEFAULT.to_owned()).or_insert(value);
            }
        }
        if let Shape::Structure(a) | Shape::Union(a) = shape {
            for (_, member) in a.members.0.iter_mut() {
                member.traits.remove(BOX);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::assemble::{assemble, Source};
    use serde_json::json;

    #[test]
    fn primitive_shapes_and_members_get_zero_defaults() {
        let v1 = r#"{"smithy":"1.0","shapes":{
            "a#Count":{"type":"integer"},
            "a#Boxed":{"type":"integer","traits":{"smithy.api#box":{}}},
            "a#S":{"type":"structure","members":{
                "count":{"target":"a#Count"},
                "boxed":{"target":"a#Boxed"},
                "prim":{"target":"smithy.api#PrimitiveBoolean"},
                "nullable":{"target":"smithy.api#Integer"},
                "boxedMember":{"target":"a#Count","traits":{"smithy.api#box":{}}}}}}}"#;
        let model = assemble(&[Source::new("v1.json", v1)]).unwrap();
        assert_eq!(model.version, "2.0");
        let trait_of = |id: &str, member: Option<&str>| {
            let shape = &model.shapes[id];
            let traits = match member {
                Some(m) => &shape.member(m).unwrap().traits,
                None => shape.traits(),
            };
            serde_json::to_value(traits).unwrap()
        };
        assert_eq!(trait_of("a#Count", None), json!({"smithy.api#default": 0}));
        assert_eq!(trait_of("a#Boxed", None), json!({}));
        assert_eq!(trait_of("a#S", Some("count")), json!({"smithy.api#default": 0}));
        assert_eq!(trait_of("a#S", Some("boxed")), json!({}));
        assert_eq!(trait_of("a#S", Some("prim")), json!({"smithy.api#default": false}));
        assert_eq!(trait_of("a#S", Some("nullable")), json!({}));
        assert_eq!(trait_of("a#S", Some("boxedMember")), json!({}));
    }

    #[test]
    fn sets_become_lists_of_unique_items() {
        let v2 = r#"{"smithy":"2.0","shapes":{"a#S":{"type":"set","member":{"target":"smithy.api#String"}}}}"#;
        let model = assemble(&[Source::new("v2.json", v2)]).unwrap();
        let shape = serde_json::to_value(&model.shapes["a#S"]).unwrap();
        assert_eq!(
            shape,
            json!({"type": "list", "member": {"target": "smithy.api#String"}, "traits": {"smithy.api#uniqueItems": {}}})
        );
    }

    #[test]
    fn version_2_shapes_are_left_alone() {
        let v2 = r#"{"smithy":"2.0","shapes":{"a#Count":{"type":"integer"},
            "a#S":{"type":"structure","members":{"count":{"target":"a#Count"}}}}}"#;
        let model = assemble(&[Source::new("v2.json", v2)]).unwrap();
        assert!(model.shapes["a#Count"].traits().is_empty());
        assert!(model.shapes["a#S"].member("count").unwrap().traits.is_empty());
    }
}
