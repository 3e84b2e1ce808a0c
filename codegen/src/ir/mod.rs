//! Stage 2, resolve: the typed intermediate representation.
//!
//! [`Model`] is the resolved shape graph (prelude added, mixins flattened, `apply`
//! merged, every target checked). [`rust::CrateIr`] is what the emitter consumes: the
//! closure of the requested operations with Rust names, constraints and protocol
//! facts attached as plain data.

pub mod closure;
pub mod constraints;
pub mod decimal;
pub mod docs;
pub mod endpoints;
pub mod names;
pub mod pattern;
pub mod prelude;
pub mod protocol_tests;
pub mod resolve;
pub mod rust;
pub mod traits;

use std::collections::BTreeMap;
use std::fmt;

use crate::error::{CodegenError, Result};
pub use traits::Traits;

/// An absolute shape id, `namespace#Name`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId {
    namespace: String,
    name: String,
}

impl ShapeId {
    /// Parses `namespace#Name`; member ids (`...$member`) are rejected here.
    pub fn parse(id: &str) -> Result<Self> {
        let invalid = || CodegenError::InvalidShapeId { id: id.to_owned() };
        let (namespace, name) = id.split_once('#').ok_or_else(invalid)?;
        let is_identifier = |s: &str| {
            let mut chars = s.chars();
            matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        };
        if !namespace.split('.').all(is_identifier) || !is_identifier(name) {
            return Err(invalid());
        }
        Ok(Self {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
        })
    }

    /// The namespace, e.g. `com.amazonaws.iot`.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// The shape name, e.g. `AbortConfig`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The id of one of this shape's members, for error messages.
    pub fn member(&self, member: &str) -> String {
        format!("{self}${member}")
    }

    /// Whether `text` is this id written out (`namespace#Name`), without
    /// writing it.
    pub fn is(&self, text: &str) -> bool {
        text.split_once('#') == Some((&self.namespace, &self.name))
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.namespace, self.name)
    }
}

/// A resolved model: every shape, prelude included, with mixins and `apply` merged.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub shapes: BTreeMap<ShapeId, Shape>,
}

/// One resolved shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub id: ShapeId,
    pub kind: ShapeKind,
    pub traits: Traits,
}

/// A named member of an aggregate, or the `member`/`key`/`value` of a collection.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub name: String,
    pub target: ShapeId,
    pub traits: Traits,
}

/// Shape types with their resolved, type-specific parts.
#[derive(Debug, Clone, PartialEq)]
pub enum ShapeKind {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
    Enum(Vec<Member>),
    IntEnum(Vec<Member>),
    /// `set` is a list with unique items.
    List {
        member: Member,
        set: bool,
    },
    Map {
        key: Member,
        value: Member,
    },
    Structure(Vec<Member>),
    Union(Vec<Member>),
    Operation(Operation),
    Service(Service),
    Resource(Resource),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub input: Option<ShapeId>,
    pub output: Option<ShapeId>,
    pub errors: Vec<ShapeId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    pub version: Option<String>,
    pub operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
    pub errors: Vec<ShapeId>,
    /// Shapes this service calls by another name (to avoid a clash of names
    /// from different namespaces).
    pub rename: BTreeMap<ShapeId, String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// Every operation bound to the resource, lifecycle ones included.
    pub operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
}

impl ShapeKind {
    /// The Smithy type name, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            ShapeKind::Blob => "blob",
            ShapeKind::Boolean => "boolean",
            ShapeKind::String => "string",
            ShapeKind::Byte => "byte",
            ShapeKind::Short => "short",
            ShapeKind::Integer => "integer",
            ShapeKind::Long => "long",
            ShapeKind::Float => "float",
            ShapeKind::Double => "double",
            ShapeKind::BigInteger => "bigInteger",
            ShapeKind::BigDecimal => "bigDecimal",
            ShapeKind::Timestamp => "timestamp",
            ShapeKind::Document => "document",
            ShapeKind::Enum(_) => "enum",
            ShapeKind::IntEnum(_) => "intEnum",
            ShapeKind::List { set: false, .. } => "list",
            ShapeKind::List { set: true, .. } => "set",
            ShapeKind::Map { .. } => "map",
            ShapeKind::Structure(_) => "structure",
            ShapeKind::Union(_) => "union",
            ShapeKind::Operation(_) => "operation",
            ShapeKind::Service(_) => "service",
            ShapeKind::Resource(_) => "resource",
        }
    }

    /// Members that point at other shapes (for closures and target checks).
    pub fn members(&self) -> Vec<&Member> {
        match self {
            ShapeKind::Enum(m) | ShapeKind::IntEnum(m) | ShapeKind::Structure(m) | ShapeKind::Union(m) => {
                m.iter().collect()
            }
            ShapeKind::List { member, .. } => vec![member],
            ShapeKind::Map { key, value } => vec![key, value],
            _ => Vec::new(),
        }
    }
}

impl Model {
    /// Parses and resolves a JSON AST document in one step.
    pub fn from_json(text: &str) -> Result<Self> {
        Self::from_ast(&crate::ast::Model::parse(text)?)
    }

    /// Resolves a loaded model; the generator reads Smithy 2.0 only.
    pub fn from_ast(ast: &crate::ast::Model) -> Result<Self> {
        if !ast.is_version_2() {
            return Err(CodegenError::UnsupportedVersion {
                version: ast.version.clone(),
            });
        }
        resolve::resolve(ast)
    }

    /// Looks a shape up; resolution guarantees every target exists.
    pub fn get(&self, id: &ShapeId) -> Result<&Shape> {
        self.shapes.get(id).ok_or_else(|| CodegenError::DanglingTarget {
            from: "(lookup)".into(),
            to: id.to_string(),
        })
    }

    /// Finds an operation by its shape name (any namespace) or absolute id.
    pub fn find_operation(&self, name: &str) -> Result<&Shape> {
        self.shapes
            .values()
            .find(|s| matches!(s.kind, ShapeKind::Operation(_)) && (s.id.name() == name || s.id.is(name)))
            .ok_or_else(|| CodegenError::UnknownOperation {
                name: name.to_owned(),
                suggestion: self.closest_operation(name),
            })
    }

    /// The operation name nearest to a misspelt `name`: equal ignoring case, or
    /// within an edit distance of a third of its length.
    fn closest_operation(&self, name: &str) -> Option<String> {
        let wanted = name.rsplit('#').next().unwrap_or(name).to_lowercase();
        let limit = wanted.chars().count() / 3;
        self.shapes
            .values()
            .filter(|s| matches!(s.kind, ShapeKind::Operation(_)))
            .map(|s| (strsim::levenshtein(&s.id.name().to_lowercase(), &wanted), s.id.name()))
            .filter(|(distance, _)| *distance <= limit.max(1))
            .min()
            .map(|(_, name)| name.to_owned())
    }

    /// Every operation of `service`, its resources' included.
    pub fn service_operations(&self, service: &Shape) -> std::collections::BTreeSet<ShapeId> {
        let mut ids = std::collections::BTreeSet::new();
        let ShapeKind::Service(s) = &service.kind else {
            return ids;
        };
        ids.extend(s.operations.iter().cloned());
        let mut resources: Vec<ShapeId> = s.resources.clone();
        let mut seen = std::collections::BTreeSet::new();
        while let Some(r) = resources.pop() {
            if !seen.insert(r.clone()) {
                continue;
            }
            if let Some(Shape {
                kind: ShapeKind::Resource(res),
                ..
            }) = self.shapes.get(&r)
            {
                ids.extend(res.operations.iter().cloned());
                resources.extend(res.resources.iter().cloned());
            }
        }
        ids
    }

    /// The service an operation belongs to (the first in id order), if any.
    pub fn service_of(&self, operation: &ShapeId) -> Option<&Shape> {
        self.operation_services().remove(operation)
    }

    /// Every operation of a service with its service (the first in id order),
    /// for callers that ask of many operations: each service's resources are
    /// walked once.
    pub fn operation_services(&self) -> BTreeMap<ShapeId, &Shape> {
        let mut owners = BTreeMap::new();
        for service in self.services() {
            for operation in self.service_operations(service) {
                owners.entry(operation).or_insert(service);
            }
        }
        owners
    }

    /// The service shapes, in id order.
    pub fn services(&self) -> impl Iterator<Item = &Shape> {
        self.shapes.values().filter(|s| matches!(s.kind, ShapeKind::Service(_)))
    }
}
