//! What one `.smithy` file says, before any name is resolved: the parser's output
//! and the lowering's input. Names stay as written (with their positions) because
//! resolving them needs every file of the model.

use super::Position;

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub at: Position,
}

/// Smithy IDL version of a file (`$version`, 1.0 when absent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Version {
    V1,
    V2,
}

impl Version {
    /// As the JSON AST writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V1 => "1.0",
            Version::V2 => "2.0",
        }
    }
}

/// A node value as written: unquoted shape ids are kept apart from strings, since
/// they resolve to absolute ids once every file is known.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    /// The number as written.
    Number(Spanned<String>),
    Str(String),
    /// An unquoted shape id.
    Id(Spanned<String>),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

/// `@id` or `@id(value)`.
#[derive(Debug, Clone, PartialEq)]
pub struct TraitApplication {
    pub id: Spanned<String>,
    /// `None` for an annotation (`@id` or `@id()`), coerced once the trait's shape is known.
    pub value: Option<Node>,
}

/// The shape type keywords.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShapeType {
    Simple(&'static str),
    Enum,
    IntEnum,
    List,
    Set,
    Map,
    Structure,
    Union,
    Service,
    Resource,
    Operation,
}

impl ShapeType {
    /// The keyword's shape type, if `word` is one.
    pub fn from_keyword(word: &str) -> Option<Self> {
        const SIMPLE: &[&str] = &[
            "blob",
            "boolean",
            "document",
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
        ];
        if let Some(simple) = SIMPLE.iter().find(|s| **s == word) {
            return Some(ShapeType::Simple(simple));
        }
        Some(match word {
            "enum" => ShapeType::Enum,
            "intEnum" => ShapeType::IntEnum,
            "list" => ShapeType::List,
            "set" => ShapeType::Set,
            "map" => ShapeType::Map,
            "structure" => ShapeType::Structure,
            "union" => ShapeType::Union,
            "service" => ShapeType::Service,
            "resource" => ShapeType::Resource,
            "operation" => ShapeType::Operation,
            _ => return None,
        })
    }

    /// The JSON AST `type`.
    pub fn json_name(self) -> &'static str {
        match self {
            ShapeType::Simple(name) => name,
            ShapeType::Enum => "enum",
            ShapeType::IntEnum => "intEnum",
            ShapeType::List => "list",
            ShapeType::Set => "set",
            ShapeType::Map => "map",
            ShapeType::Structure => "structure",
            ShapeType::Union => "union",
            ShapeType::Service => "service",
            ShapeType::Resource => "resource",
            ShapeType::Operation => "operation",
        }
    }
}

/// One member statement: `name: Target`, `$name` (elided) or an enum's `NAME`.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberDef {
    pub name: Spanned<String>,
    /// `None` when elided (`$name`) or an enum member.
    pub target: Option<Spanned<String>>,
    pub traits: Vec<TraitApplication>,
    pub doc: Option<String>,
    /// `= value`: the default of a member, the value of an enum member.
    pub value: Option<Spanned<Node>>,
}

/// The properties of an operation body.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OperationBody {
    /// The input's shape id (inline inputs are shapes of the file, named by the suffix).
    pub input: Option<Spanned<String>>,
    pub output: Option<Spanned<String>>,
    pub errors: Vec<Spanned<String>>,
}

/// One shape statement.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeDef {
    pub name: Spanned<String>,
    pub shape_type: ShapeType,
    pub traits: Vec<TraitApplication>,
    pub doc: Option<String>,
    pub mixins: Vec<Spanned<String>>,
    /// `for Resource`: where elided members find their targets.
    pub for_resource: Option<Spanned<String>>,
    pub members: Vec<MemberDef>,
    /// The body of a service or resource, as a node object.
    pub properties: Vec<(Spanned<String>, Node)>,
    pub operation: OperationBody,
}

/// `apply Target @trait` or `apply Target { @a @b }`.
#[derive(Debug, Clone, PartialEq)]
pub struct ApplyDef {
    pub target: Spanned<String>,
    pub traits: Vec<TraitApplication>,
}

/// A parsed file.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    pub version: Version,
    pub metadata: Vec<(Spanned<String>, Node)>,
    pub namespace: Option<Spanned<String>>,
    pub uses: Vec<Spanned<String>>,
    pub shapes: Vec<ShapeDef>,
    pub applies: Vec<ApplyDef>,
}
