//! Stage 1, parse: a serde mirror of the Smithy JSON AST, nothing resolved yet.
//!
//! Shapes are first read as raw JSON values so that a problem in one shape is reported
//! with that shape's id (serde alone would only say "somewhere in `shapes`"). The
//! IDL front end ([`crate::idl`]) produces the same types, [`assemble`] merges
//! several sources into one model, and serializing a [`Model`] gives JSON AST back.

pub mod assemble;
pub mod check;
pub mod known_traits;
pub mod upgrade;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
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
    /// Where its shapes and traits were written, for messages.
    pub locations: Locations,
}

/// Where a model's shapes and traits were written: `file:line:col` for IDL,
/// the file for JSON AST. Messages point there; it is never part of what a
/// model is (two models that differ only here are equal).
#[derive(Debug, Clone, Default)]
pub struct Locations {
    /// Shape id -> where it is defined.
    pub shapes: BTreeMap<String, String>,
    /// (shape or member id, trait id) -> where the trait is applied.
    pub traits: BTreeMap<(String, String), String>,
}

impl PartialEq for Locations {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Locations {
    /// Where `trait_id` is applied to `owner`, else where `owner`'s shape is.
    pub fn of_trait(&self, owner: &str, trait_id: &str) -> Option<&str> {
        self.traits
            .get(&(owner.to_owned(), trait_id.to_owned()))
            .or_else(|| self.of_shape(owner))
            .map(String::as_str)
    }

    /// Where the shape of `owner` (a shape or member id) is defined.
    pub fn of_shape(&self, owner: &str) -> Option<&String> {
        self.shapes.get(owner.split('$').next().unwrap_or(owner))
    }
}

/// `{"target": ..., "traits": ...}`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub target: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub traits: Traits,
}

/// `{"target": ...}` as used by operations, services, resources and mixins.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub target: String,
}

/// One top-level shape, tagged by its `type`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
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

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Simple {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub traits: Traits,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mixins: Vec<Reference>,
}

/// `structure`, `union`, `enum` and `intEnum`: named members.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Aggregate {
    #[serde(default, skip_serializing_if = "ordered::OrderedMembers::is_empty")]
    pub members: ordered::OrderedMembers,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub traits: Traits,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mixins: Vec<Reference>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Collection {
    /// Absent when a mixin provides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<Member>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub traits: Traits,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mixins: Vec<Reference>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MapShape {
    /// `key` and `value` are absent when a mixin provides them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<Member>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Member>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub traits: Traits,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mixins: Vec<Reference>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<Reference>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Reference>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Reference>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rename: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub traits: Traits,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mixins: Vec<Reference>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<Reference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<Reference>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Reference>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub traits: Traits,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mixins: Vec<Reference>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Resource {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub identifiers: BTreeMap<String, Reference>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub properties: BTreeMap<String, Reference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create: Option<Reference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub put: Option<Reference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read: Option<Reference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update: Option<Reference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete: Option<Reference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<Reference>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<Reference>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collection_operations: Vec<Reference>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Reference>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub traits: Traits,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mixins: Vec<Reference>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Apply {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub traits: Traits,
}

/// Member maps keep their declaration order (it is the order of enum values and of
/// generated fields), which `BTreeMap` would lose.
pub mod ordered {
    use std::fmt;

    use serde::de::{MapAccess, Visitor};
    use serde::ser::SerializeMap;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Member;

    /// Members in the order the spec declares them.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct OrderedMembers(pub Vec<(String, Member)>);

    impl OrderedMembers {
        pub fn is_empty(&self) -> bool {
            self.0.is_empty()
        }
    }

    impl Serialize for OrderedMembers {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(Some(self.0.len()))?;
            for (name, member) in &self.0 {
                map.serialize_entry(name, member)?;
            }
            map.end()
        }
    }

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
        if !matches!(version.as_str(), "1" | "1.0" | "2" | "2.0") {
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
            locations: Locations::default(),
        })
    }
}

/// Just the `type` key, read before the full parse so an unknown type gets its own error.
#[derive(Deserialize)]
struct TypeTag {
    #[serde(rename = "type")]
    type_name: Option<Value>,
}

pub(crate) fn parse_shape(id: &str, raw: &str) -> Result<Shape> {
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

impl Model {
    /// The model as JSON AST text (pretty-printed, shapes in id order).
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Document<'a> {
            smithy: &'a str,
            #[serde(skip_serializing_if = "BTreeMap::is_empty")]
            metadata: &'a BTreeMap<String, Value>,
            shapes: &'a BTreeMap<String, Shape>,
        }
        let document = Document {
            smithy: &self.version,
            metadata: &self.metadata,
            shapes: &self.shapes,
        };
        // Serializing string-keyed maps of plain data cannot fail.
        serde_json::to_string_pretty(&document).unwrap_or_default()
    }

    /// Whether this is a Smithy 2.0 model (the generator reads no other).
    pub fn is_version_2(&self) -> bool {
        matches!(self.version.as_str(), "2" | "2.0")
    }
}

impl Shape {
    /// The JSON AST `type` of the shape.
    pub fn type_name(&self) -> &'static str {
        match self {
            Shape::Blob(_) => "blob",
            Shape::Boolean(_) => "boolean",
            Shape::String(_) => "string",
            Shape::Byte(_) => "byte",
            Shape::Short(_) => "short",
            Shape::Integer(_) => "integer",
            Shape::Long(_) => "long",
            Shape::Float(_) => "float",
            Shape::Double(_) => "double",
            Shape::BigInteger(_) => "bigInteger",
            Shape::BigDecimal(_) => "bigDecimal",
            Shape::Timestamp(_) => "timestamp",
            Shape::Document(_) => "document",
            Shape::Enum(_) => "enum",
            Shape::IntEnum(_) => "intEnum",
            Shape::List(_) => "list",
            Shape::Set(_) => "set",
            Shape::Map(_) => "map",
            Shape::Structure(_) => "structure",
            Shape::Union(_) => "union",
            Shape::Service(_) => "service",
            Shape::Operation(_) => "operation",
            Shape::Resource(_) => "resource",
            Shape::Apply(_) => "apply",
        }
    }

    /// The names of the members declared on this shape (inherited ones excluded).
    pub fn member_names(&self) -> Vec<String> {
        match self {
            Shape::Enum(a) | Shape::IntEnum(a) | Shape::Structure(a) | Shape::Union(a) => {
                a.members.0.iter().map(|(n, _)| n.clone()).collect()
            }
            Shape::List(c) | Shape::Set(c) => c.member.iter().map(|_| "member".to_owned()).collect(),
            Shape::Map(m) => [("key", &m.key), ("value", &m.value)]
                .into_iter()
                .filter(|(_, m)| m.is_some())
                .map(|(n, _)| n.to_owned())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The traits declared directly on this shape, mutably.
    pub fn traits_mut(&mut self) -> &mut Traits {
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
            | Shape::Document(s) => &mut s.traits,
            Shape::Enum(a) | Shape::IntEnum(a) | Shape::Structure(a) | Shape::Union(a) => &mut a.traits,
            Shape::List(c) | Shape::Set(c) => &mut c.traits,
            Shape::Map(m) => &mut m.traits,
            Shape::Service(s) => &mut s.traits,
            Shape::Operation(o) => &mut o.traits,
            Shape::Resource(r) => &mut r.traits,
            Shape::Apply(a) => &mut a.traits,
        }
    }

    /// A member declared on this shape, mutably.
    pub fn member_mut(&mut self, name: &str) -> Option<&mut Member> {
        match self {
            Shape::Enum(a) | Shape::IntEnum(a) | Shape::Structure(a) | Shape::Union(a) => {
                a.members.0.iter_mut().find(|(n, _)| n == name).map(|(_, m)| m)
            }
            Shape::List(c) | Shape::Set(c) => c.member.as_mut().filter(|_| name == "member"),
            Shape::Map(m) => match name {
                "key" => m.key.as_mut(),
                "value" => m.value.as_mut(),
                _ => None,
            },
            _ => None,
        }
    }

    /// A member declared on this shape.
    pub fn member(&self, name: &str) -> Option<&Member> {
        match self {
            Shape::Enum(a) | Shape::IntEnum(a) | Shape::Structure(a) | Shape::Union(a) => {
                a.members.0.iter().find(|(n, _)| n == name).map(|(_, m)| m)
            }
            Shape::List(c) | Shape::Set(c) => c.member.as_ref().filter(|_| name == "member"),
            Shape::Map(m) => match name {
                "key" => m.key.as_ref(),
                "value" => m.value.as_ref(),
                _ => None,
            },
            _ => None,
        }
    }

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
