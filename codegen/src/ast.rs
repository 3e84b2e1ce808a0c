//! Stage 1, parse: a serde mirror of the Smithy 2.0 JSON AST, nothing resolved yet.
//!
//! Shapes are first read as raw JSON values so that a problem in one shape is reported
//! with that shape's id (serde alone would only say "somewhere in `shapes`").

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::error::{CodegenError, Result};

/// Trait id -> trait value (annotation traits are `{}`).
pub type Traits = BTreeMap<String, Value>;

/// A whole model file.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The `smithy` version string.
    pub version: String,
    /// Free-form `metadata`.
    pub metadata: BTreeMap<String, Value>,
    /// Absolute shape id -> shape, in id order.
    pub shapes: BTreeMap<String, Shape>,
}

/// `{"target": ..., "traits": ...}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub target: String,
    #[serde(default)]
    pub traits: Traits,
}

/// `{"target": ...}` as used by operations, services, resources and mixins.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub target: String,
}

/// One top-level shape, tagged by its `type`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Shape {
    Blob(Simple),
    Boolean(Simple),
    String(Simple),
    Byte(Simple),
    Short(Simple),
    Integer(Simple),
    Long(Simple),
    Float(Simple),
    Double(Simple),
    BigInteger(Simple),
    BigDecimal(Simple),
    Timestamp(Simple),
    Document(Simple),
    Enum(Aggregate),
    IntEnum(Aggregate),
    List(Collection),
    /// Smithy 1.0 `set`, still accepted by 2.0 as a list with `@uniqueItems`.
    Set(Collection),
    Map(MapShape),
    Structure(Aggregate),
    Union(Aggregate),
    Service(Service),
    Operation(Operation),
    Resource(Resource),
    /// `{"type":"apply"}` adds traits to a shape or member defined elsewhere.
    Apply(Apply),
}

/// The shape types this mirror accepts, as they appear in `"type"`.
pub const SHAPE_TYPES: &[&str] = &[
    "blob",
    "boolean",
    "string",
    "byte",
    "short",
    "integer",
    "long",
    "float",
    "double",
    "bigInteger",
    "bigDecimal",
    "timestamp",
    "document",
    "enum",
    "intEnum",
    "list",
    "set",
    "map",
    "structure",
    "union",
    "service",
    "operation",
    "resource",
    "apply",
];

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Simple {
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub mixins: Vec<Reference>,
}

/// `structure`, `union`, `enum` and `intEnum`: named members.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aggregate {
    #[serde(default)]
    pub members: ordered::OrderedMembers,
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub mixins: Vec<Reference>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collection {
    pub member: Member,
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub mixins: Vec<Reference>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapShape {
    pub key: Member,
    pub value: Member,
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub mixins: Vec<Reference>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub operations: Vec<Reference>,
    #[serde(default)]
    pub resources: Vec<Reference>,
    #[serde(default)]
    pub errors: Vec<Reference>,
    #[serde(default)]
    pub rename: BTreeMap<String, String>,
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub mixins: Vec<Reference>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    #[serde(default)]
    pub input: Option<Reference>,
    #[serde(default)]
    pub output: Option<Reference>,
    #[serde(default)]
    pub errors: Vec<Reference>,
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub mixins: Vec<Reference>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Resource {
    #[serde(default)]
    pub identifiers: BTreeMap<String, Reference>,
    #[serde(default)]
    pub properties: BTreeMap<String, Reference>,
    #[serde(default)]
    pub create: Option<Reference>,
    #[serde(default)]
    pub put: Option<Reference>,
    #[serde(default)]
    pub read: Option<Reference>,
    #[serde(default)]
    pub update: Option<Reference>,
    #[serde(default)]
    pub delete: Option<Reference>,
    #[serde(default)]
    pub list: Option<Reference>,
    #[serde(default)]
    pub operations: Vec<Reference>,
    #[serde(default)]
    pub collection_operations: Vec<Reference>,
    #[serde(default)]
    pub resources: Vec<Reference>,
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub mixins: Vec<Reference>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Apply {
    #[serde(default)]
    pub traits: Traits,
}

/// Member maps keep their declaration order (it is the order of enum values and of
/// generated fields), which `BTreeMap` would lose.
pub mod ordered {
    use std::fmt;

    use serde::de::{MapAccess, Visitor};
    use serde::{Deserialize, Deserializer};

    use super::Member;

    /// Members in the order the spec declares them.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct OrderedMembers(pub Vec<(String, Member)>);

    impl<'de> Deserialize<'de> for OrderedMembers {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct MembersVisitor;
            impl<'de> Visitor<'de> for MembersVisitor {
                type Value = OrderedMembers;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("an object of members")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                    let mut members: Vec<(String, Member)> = Vec::new();
                    while let Some((name, member)) = map.next_entry::<String, Member>()? {
                        if members.iter().any(|(existing, _)| *existing == name) {
                            return Err(serde::de::Error::custom(format!("member `{name}` is declared twice")));
                        }
                        members.push((name, member));
                    }
                    Ok(OrderedMembers(members))
                }
            }
            deserializer.deserialize_map(MembersVisitor)
        }
    }
}

impl Model {
    /// Parses a JSON AST document. Syntax errors carry line and column; structural
    /// errors name the shape. Shapes are kept as raw text until their own parse, so
    /// member order (which is declaration order) survives.
    pub fn parse(text: &str) -> Result<Self> {
        let root: BTreeMap<String, Box<RawValue>> = serde_json::from_str(text).map_err(|e| {
            if e.is_syntax() || e.is_eof() {
                CodegenError::Json {
                    line: e.line(),
                    column: e.column(),
                    message: e.to_string(),
                }
            } else {
                CodegenError::Document {
                    message: format!("the top level must be a JSON object: {e}"),
                }
            }
        })?;
        let mut version = None;
        let mut metadata = BTreeMap::new();
        let mut raw_shapes: BTreeMap<String, Box<RawValue>> = BTreeMap::new();
        for (key, raw) in root {
            match key.as_str() {
                "smithy" => match serde_json::from_str::<Value>(raw.get()) {
                    Ok(Value::String(v)) => version = Some(v),
                    _ => {
                        return Err(CodegenError::Document {
                            message: format!("`smithy` must be a version string, found {}", raw.get()),
                        })
                    }
                },
                "metadata" => {
                    metadata = serde_json::from_str(raw.get()).map_err(|e| CodegenError::Document {
                        message: format!("`metadata` must be a JSON object: {e}"),
                    })?
                }
                "shapes" => {
                    raw_shapes = serde_json::from_str(raw.get()).map_err(|e| CodegenError::Document {
                        message: format!("`shapes` must be a JSON object keyed by shape id: {e}"),
                    })?
                }
                other => {
                    return Err(CodegenError::Document {
                        message: format!("unknown top-level key `{other}`"),
                    })
                }
            }
        }
        let version = version.ok_or_else(|| CodegenError::Document {
            message: "the `smithy` version key is missing".into(),
        })?;
        if !matches!(version.as_str(), "2" | "2.0") {
            return Err(CodegenError::UnsupportedVersion { version });
        }
        let mut shapes = BTreeMap::new();
        for (id, raw) in raw_shapes {
            let shape = parse_shape(&id, raw.get())?;
            shapes.insert(id, shape);
        }
        Ok(Model {
            version,
            metadata,
            shapes,
        })
    }
}

/// Just the `type` key, read before the full parse so an unknown type gets its own error.
#[derive(Deserialize)]
struct TypeTag {
    #[serde(rename = "type")]
    type_name: Option<Value>,
}

fn parse_shape(id: &str, raw: &str) -> Result<Shape> {
    let malformed = |message: String| CodegenError::MalformedShape {
        id: id.to_owned(),
        message,
    };
    let tag: TypeTag =
        serde_json::from_str(raw).map_err(|e| malformed(format!("a shape must be a JSON object: {e}")))?;
    let type_name = match tag.type_name {
        Some(Value::String(t)) => t,
        Some(other) => return Err(malformed(format!("`type` must be a string, found {other}"))),
        None => return Err(malformed("the `type` key is missing".into())),
    };
    if !SHAPE_TYPES.contains(&type_name.as_str()) {
        return Err(CodegenError::UnknownShapeType {
            id: id.to_owned(),
            type_name,
        });
    }
    serde_json::from_str::<Shape>(raw).map_err(|e| malformed(format!("{type_name}: {e}")))
}

impl Shape {
    /// The `traits` declared directly on this shape.
    pub fn traits(&self) -> &Traits {
        self.common().0
    }

    /// The mixins this shape names, in order.
    pub fn mixins(&self) -> &[Reference] {
        self.common().1
    }

    /// The parts every shape type has: traits and mixins (`apply` has no mixins).
    fn common(&self) -> (&Traits, &[Reference]) {
        match self {
            Shape::Blob(s)
            | Shape::Boolean(s)
            | Shape::String(s)
            | Shape::Byte(s)
            | Shape::Short(s)
            | Shape::Integer(s)
            | Shape::Long(s)
            | Shape::Float(s)
            | Shape::Double(s)
            | Shape::BigInteger(s)
            | Shape::BigDecimal(s)
            | Shape::Timestamp(s)
            | Shape::Document(s) => (&s.traits, &s.mixins),
            Shape::Enum(a) | Shape::IntEnum(a) | Shape::Structure(a) | Shape::Union(a) => (&a.traits, &a.mixins),
            Shape::List(c) | Shape::Set(c) => (&c.traits, &c.mixins),
            Shape::Map(m) => (&m.traits, &m.mixins),
            Shape::Service(s) => (&s.traits, &s.mixins),
            Shape::Operation(o) => (&o.traits, &o.mixins),
            Shape::Resource(r) => (&r.traits, &r.mixins),
            Shape::Apply(a) => (&a.traits, &[]),
        }
    }
}
