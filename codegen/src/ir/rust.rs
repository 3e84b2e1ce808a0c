//! The Rust-facing IR: which types exist, where they live, what their fields are,
//! how each value is encoded and what it must satisfy. Built from the closure of the
//! requested operations; the emitter turns it into tokens without looking at Smithy.

use std::collections::{BTreeMap, BTreeSet};

use super::closure::closure;
use super::constraints::Constraints;
use super::traits::{
    ErrorFault, Http, TimestampFormat, CLIENT_OPTIONAL, HTTP_HEADER, HTTP_LABEL, HTTP_PAYLOAD, HTTP_QUERY,
    HTTP_RESPONSE_CODE, INPUT, REQUIRED, REST_JSON1, RETRYABLE, SPARSE,
};
use super::{docs, names, prelude, Member, Model, Shape, ShapeId, ShapeKind};
use crate::error::{CodegenError, Result};

/// Where a generated type lives.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Module {
    /// `crate::types`
    Types,
    /// `crate::types::error`
    Errors,
    /// `crate::operation::<name>`
    Operation(String),
}

/// A generated type's location and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RustPath {
    pub module: Module,
    pub name: String,
}

impl RustPath {
    /// Path segments after `crate`.
    pub fn segments(&self) -> Vec<String> {
        let mut segments = match &self.module {
            Module::Types => vec!["types".to_owned()],
            Module::Errors => vec!["types".to_owned(), "error".to_owned()],
            Module::Operation(op) => vec!["operation".to_owned(), op.clone()],
        };
        segments.push(self.name.clone());
        segments
    }
}

/// The wire protocol of the service, which decides serde details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Protocol {
    RestJson1,
    /// No service shape, or a protocol the JSON form does not model exactly.
    Other(String),
}

/// Everything the emitter needs for one crate.
#[derive(Debug, Clone, PartialEq)]
pub struct CrateIr {
    pub protocol: Protocol,
    pub structures: Vec<StructureDef>,
    pub enums: Vec<EnumDef>,
    pub operations: Vec<OperationDef>,
    /// Distinct patterns, keyed by the Rust regex, with a constant name each.
    pub patterns: Vec<PatternDef>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternDef {
    pub const_name: String,
    pub source: String,
    pub regex: String,
    /// The regex without its outer anchors, for generating matching strings
    /// (proptest cannot generate from `^`/`$`; anchored patterns match whole strings).
    pub generator: String,
}

/// What a structure is for; decides optionality and extra impls.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    Plain,
    /// An operation input: every member is optional for a client.
    Input,
    Output,
    Error(ErrorInfo),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ErrorInfo {
    /// The error code on the wire: the shape name.
    pub code: String,
    pub fault: ErrorFault,
    pub http_status: Option<u16>,
    pub retryable: bool,
    pub throttling: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StructureDef {
    pub id: ShapeId,
    pub path: RustPath,
    /// File stem inside the module's directory.
    pub file: String,
    pub docs: Vec<String>,
    pub role: Role,
    pub fields: Vec<FieldDef>,
    /// No float is reachable, so `Eq` and `Hash` can be derived.
    pub eq_hash: bool,
}

/// HTTP binding of an operation input or output member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpBinding {
    Label,
    Query(String),
    Header(String),
    Payload,
    ResponseCode,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldDef {
    /// The Smithy member name.
    pub member: String,
    /// The JSON key.
    pub wire_name: String,
    /// The Rust field name (possibly `r#`-escaped).
    pub rust_name: String,
    pub docs: Vec<String>,
    pub value: ValueType,
    /// `@required` in the model.
    pub required: bool,
    /// Held as `Option<T>` in Rust.
    pub optional: bool,
    /// Held behind a `Box` to break a recursive cycle.
    pub boxed: bool,
    pub http: Option<HttpBinding>,
}

/// A value position: its Rust/wire kind and the constraints it must meet.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueType {
    pub shape: ShapeId,
    pub kind: ValueKind,
    pub constraints: Constraints,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind {
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    Timestamp(TimestampFormat),
    Enum { path: RustPath, values: Vec<String> },
    Structure { path: RustPath },
    List { element: Box<ValueType>, sparse: bool },
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumDef {
    pub id: ShapeId,
    pub path: RustPath,
    pub file: String,
    pub docs: Vec<String>,
    pub variants: Vec<VariantDef>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VariantDef {
    pub rust_name: String,
    pub value: String,
    pub docs: Vec<String>,
    /// `@internal` values are omitted from validation messages.
    pub internal: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OperationDef {
    pub id: ShapeId,
    /// The operation name, e.g. `DescribeJobTemplate`.
    pub name: String,
    /// Module name, e.g. `describe_job_template`.
    pub module: String,
    pub docs: Vec<String>,
    pub input: RustPath,
    pub output: RustPath,
    pub errors: Vec<ErrorRef>,
    pub http: Option<Http>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ErrorRef {
    pub variant: String,
    pub path: RustPath,
    pub code: String,
}

/// The hidden field of generated structures that records client error correction.
pub const CORRECTIONS_FIELD: &str = "client_corrections";

/// Builds the IR for the given operations (by name or absolute id).
pub fn build(model: &Model, operation_names: &[&str]) -> Result<CrateIr> {
    let mut op_ids = Vec::new();
    for name in operation_names {
        op_ids.push(model.find_operation(name)?.id.clone());
    }
    let protocol = protocol(model);
    let shapes = closure(model, &op_ids)?;
    let mut builder = Builder {
        model,
        protocol: protocol.clone(),
        paths: BTreeMap::new(),
        patterns: BTreeMap::new(),
    };
    let mut roles: BTreeMap<ShapeId, Role> = BTreeMap::new();
    let mut operations = Vec::new();
    for op_id in &op_ids {
        operations.push(builder.operation(op_id, &mut roles)?);
    }
    for id in &shapes {
        let shape = model.get(id)?;
        if prelude::is_prelude(id) {
            continue;
        }
        match &shape.kind {
            ShapeKind::Structure(_) if !builder.paths.contains_key(id) => {
                let module = if shape.traits.error(&id.to_string())?.is_some() {
                    Module::Errors
                } else {
                    Module::Types
                };
                builder.paths.insert(
                    id.clone(),
                    RustPath {
                        module,
                        name: names::type_name(id.name()),
                    },
                );
            }
            ShapeKind::Enum(_) => {
                builder.paths.insert(
                    id.clone(),
                    RustPath {
                        module: Module::Types,
                        name: names::type_name(id.name()),
                    },
                );
            }
            ShapeKind::Union(_) | ShapeKind::IntEnum(_) | ShapeKind::Map { .. } => {
                return Err(CodegenError::Unsupported {
                    id: id.to_string(),
                    message: format!("{} shapes are not generated yet", shape.kind.type_name()),
                })
            }
            _ => {}
        }
    }
    check_collisions(&builder.paths)?;
    let mut structures = Vec::new();
    let mut enums = Vec::new();
    for id in &shapes {
        let shape = model.get(id)?;
        match &shape.kind {
            ShapeKind::Structure(members) if !prelude::is_prelude(id) => {
                let role = match roles.get(id) {
                    Some(role) => role.clone(),
                    None => builder.error_role(shape)?.unwrap_or(Role::Plain),
                };
                structures.push(builder.structure(shape, members, role)?);
            }
            ShapeKind::Enum(members) => enums.push(builder.enumeration(shape, members)?),
            _ => {}
        }
    }
    let eq_hash = eq_hash_map(&structures);
    for s in &mut structures {
        s.eq_hash = eq_hash.get(&s.id).copied().unwrap_or(false);
    }
    mark_boxed(&mut structures);
    let mut patterns: Vec<PatternDef> = builder.patterns.into_values().collect();
    patterns.sort_by(|a, b| a.const_name.cmp(&b.const_name));
    Ok(CrateIr {
        protocol,
        structures,
        enums,
        operations,
        patterns,
    })
}

fn protocol(model: &Model) -> Protocol {
    let Some(service) = model.services().next() else {
        return Protocol::Other("none".into());
    };
    if service.traits.has(REST_JSON1) {
        Protocol::RestJson1
    } else {
        let name = service
            .traits
            .0
            .keys()
            .find(|k| k.starts_with("aws.protocols#"))
            .cloned()
            .unwrap_or_else(|| "none".into());
        Protocol::Other(name)
    }
}

fn check_collisions(paths: &BTreeMap<ShapeId, RustPath>) -> Result<()> {
    let mut seen: BTreeMap<&RustPath, &ShapeId> = BTreeMap::new();
    for (id, path) in paths {
        if let Some(other) = seen.insert(path, id) {
            return Err(CodegenError::NameCollision {
                id: id.to_string(),
                message: format!("`{other}` and `{id}` both become `{}`", path.segments().join("::")),
            });
        }
    }
    Ok(())
}

struct Builder<'m> {
    model: &'m Model,
    protocol: Protocol,
    paths: BTreeMap<ShapeId, RustPath>,
    /// Rust regex -> definition, so shapes sharing a pattern share one `LazyLock`.
    patterns: BTreeMap<String, PatternDef>,
}

impl Builder<'_> {
    fn operation(&mut self, op_id: &ShapeId, roles: &mut BTreeMap<ShapeId, Role>) -> Result<OperationDef> {
        let shape = self.model.get(op_id)?;
        let ShapeKind::Operation(op) = &shape.kind else {
            return Err(CodegenError::UnknownOperation {
                name: op_id.to_string(),
            });
        };
        let owner = op_id.to_string();
        let name = names::type_name(op_id.name());
        let module = names::module_name(op_id.name());
        let mut io = |target: &Option<ShapeId>, suffix: &str, role: Role| -> Result<RustPath> {
            let path = RustPath {
                module: Module::Operation(module.clone()),
                name: format!("{name}{suffix}"),
            };
            match target {
                Some(id) if *id != prelude::unit() => {
                    let target = self.model.get(id)?;
                    if !matches!(target.kind, ShapeKind::Structure(_)) {
                        return Err(CodegenError::MalformedShape {
                            id: owner.clone(),
                            message: format!(
                                "{} `{id}` is a {}, not a structure",
                                suffix.to_lowercase(),
                                target.kind.type_name()
                            ),
                        });
                    }
                    if let Some(previous) = self.paths.insert(id.clone(), path.clone()) {
                        if previous != path {
                            return Err(CodegenError::Unsupported {
                                id: id.to_string(),
                                message: "a structure used as input or output of several operations".into(),
                            });
                        }
                    }
                    roles.insert(id.clone(), role);
                    Ok(path)
                }
                _ => Err(CodegenError::Unsupported {
                    id: owner.clone(),
                    message: format!(
                        "operations without an {} structure are not generated yet",
                        suffix.to_lowercase()
                    ),
                }),
            }
        };
        let input = io(&op.input, "Input", Role::Input)?;
        let output = io(&op.output, "Output", Role::Output)?;
        let mut errors = Vec::new();
        for error_id in &op.errors {
            let error_shape = self.model.get(error_id)?;
            if error_shape.traits.error(&error_id.to_string())?.is_none() {
                return Err(CodegenError::MalformedShape {
                    id: owner.clone(),
                    message: format!("`{error_id}` is listed as an error but has no `smithy.api#error` trait"),
                });
            }
            errors.push(ErrorRef {
                variant: names::type_name(error_id.name()),
                path: RustPath {
                    module: Module::Errors,
                    name: names::type_name(error_id.name()),
                },
                code: error_id.name().to_owned(),
            });
        }
        Ok(OperationDef {
            id: op_id.clone(),
            name,
            module,
            docs: self.docs(&shape.traits, &owner)?,
            input,
            output,
            errors,
            http: shape.traits.http(&owner)?,
        })
    }

    fn error_role(&self, shape: &Shape) -> Result<Option<Role>> {
        let owner = shape.id.to_string();
        let Some(fault) = shape.traits.error(&owner)? else {
            return Ok(None);
        };
        let name = shape.id.name();
        Ok(Some(Role::Error(ErrorInfo {
            code: name.to_owned(),
            fault,
            http_status: shape.traits.http_error(&owner)?,
            retryable: shape.traits.has(RETRYABLE),
            throttling: name.contains("Throttling")
                || name.contains("Throttled")
                || shape
                    .traits
                    .get(RETRYABLE)
                    .and_then(|v| v.get("throttling"))
                    .and_then(|v| v.as_bool())
                    .unwrap_or(false),
        })))
    }

    fn docs(&self, traits: &super::Traits, owner: &str) -> Result<Vec<String>> {
        Ok(traits.documentation(owner)?.map(docs::to_markdown).unwrap_or_default())
    }

    fn structure(&mut self, shape: &Shape, members: &[Member], role: Role) -> Result<StructureDef> {
        let owner = shape.id.to_string();
        let path = self
            .paths
            .get(&shape.id)
            .cloned()
            .ok_or_else(|| CodegenError::DanglingTarget {
                from: owner.clone(),
                to: owner.clone(),
            })?;
        let is_input = matches!(role, Role::Input) || shape.traits.has(INPUT);
        let mut fields = Vec::new();
        let mut rust_names: BTreeMap<String, String> = BTreeMap::new();
        for member in members {
            let member_id = shape.id.member(&member.name);
            let rust_name = names::field_name(&member.name);
            if rust_name == CORRECTIONS_FIELD {
                return Err(CodegenError::NameCollision {
                    id: member_id,
                    message: format!("field `{CORRECTIONS_FIELD}` is reserved for client error correction"),
                });
            }
            if let Some(other) = rust_names.insert(rust_name.clone(), member.name.clone()) {
                return Err(CodegenError::NameCollision {
                    id: member_id,
                    message: format!(
                        "members `{other}` and `{}` both become field `{rust_name}`",
                        member.name
                    ),
                });
            }
            let target = self.model.get(&member.target)?;
            let value = self.value_type(&member_id, member)?;
            let required = member.traits.has(REQUIRED);
            let optional = !required || is_input || member.traits.has(CLIENT_OPTIONAL);
            let mut docs = self.docs(&member.traits, &member_id)?;
            if docs.is_empty() {
                docs = self.docs(&target.traits, &member_id)?;
            }
            let wire_name = match self.protocol {
                Protocol::RestJson1 => member.traits.json_name(&member_id)?.unwrap_or(&member.name).to_owned(),
                Protocol::Other(_) => member.name.clone(),
            };
            fields.push(FieldDef {
                member: member.name.clone(),
                wire_name,
                rust_name,
                docs,
                value,
                required,
                optional,
                boxed: false,
                http: http_binding(member),
            });
        }
        Ok(StructureDef {
            id: shape.id.clone(),
            path,
            file: names::module_name(shape.id.name()),
            docs: self.docs(&shape.traits, &owner)?,
            role,
            fields,
            eq_hash: false,
        })
    }

    fn enumeration(&self, shape: &Shape, members: &[Member]) -> Result<EnumDef> {
        let owner = shape.id.to_string();
        let path = self
            .paths
            .get(&shape.id)
            .cloned()
            .ok_or_else(|| CodegenError::DanglingTarget {
                from: owner.clone(),
                to: owner.clone(),
            })?;
        let mut variants = Vec::new();
        let mut seen_names = BTreeSet::new();
        let mut seen_values = BTreeSet::new();
        for member in members {
            let member_id = shape.id.member(&member.name);
            let value = match member.traits.enum_value(&member_id)? {
                Some(super::traits::EnumValue::String(v)) => v,
                Some(super::traits::EnumValue::Int(_)) => {
                    return Err(CodegenError::InvalidTrait {
                        id: member_id,
                        trait_id: super::traits::ENUM_VALUE.into(),
                        message: "a string enum value must be a string".into(),
                    })
                }
                None => member.name.clone(),
            };
            let rust_name = names::variant_name(&member.name);
            if !seen_names.insert(rust_name.clone()) {
                return Err(CodegenError::NameCollision {
                    id: member_id,
                    message: format!("two enum members become variant `{rust_name}`"),
                });
            }
            if !seen_values.insert(value.clone()) {
                return Err(CodegenError::InvalidTrait {
                    id: member_id,
                    trait_id: super::traits::ENUM_VALUE.into(),
                    message: format!("the value \"{value}\" is used twice"),
                });
            }
            variants.push(VariantDef {
                rust_name,
                value,
                docs: self.docs(&member.traits, &member_id)?,
                internal: member.traits.has("smithy.api#internal"),
            });
        }
        Ok(EnumDef {
            id: shape.id.clone(),
            path,
            file: names::module_name(shape.id.name()),
            docs: self.docs(&shape.traits, &owner)?,
            variants,
        })
    }

    /// The value type of a member: its target's kind with constraints and the
    /// member's overrides applied.
    fn value_type(&mut self, member_id: &str, member: &Member) -> Result<ValueType> {
        let target = self.model.get(&member.target)?;
        let traits = target.traits.overlaid_by(&member.traits);
        let constraints = Constraints::from_traits(member_id, &traits, &target.kind)?;
        if let Some(pattern) = &constraints.pattern {
            let defined_on = if member.traits.has(super::traits::PATTERN) {
                format!("{}_{}", target.id.name(), member.name)
            } else {
                target.id.name().to_owned()
            };
            self.patterns
                .entry(pattern.regex.clone())
                .or_insert_with(|| PatternDef {
                    const_name: names::const_name(&defined_on),
                    source: pattern.source.clone(),
                    regex: pattern.regex.clone(),
                    generator: super::pattern::generator(&pattern.regex),
                });
        }
        let unsupported = |what: &str| CodegenError::Unsupported {
            id: member_id.to_owned(),
            message: format!("{what} (targeted from `{}`) is not generated yet", target.id),
        };
        let kind = match &target.kind {
            ShapeKind::Boolean => ValueKind::Boolean,
            ShapeKind::String => {
                if target.traits.has("smithy.api#enum") {
                    return Err(unsupported("a string with the legacy `smithy.api#enum` trait"));
                }
                ValueKind::String
            }
            ShapeKind::Byte => ValueKind::Byte,
            ShapeKind::Short => ValueKind::Short,
            ShapeKind::Integer => ValueKind::Integer,
            ShapeKind::Long => ValueKind::Long,
            ShapeKind::Float => ValueKind::Float,
            ShapeKind::Double => ValueKind::Double,
            ShapeKind::Timestamp => ValueKind::Timestamp(
                traits
                    .timestamp_format(member_id)?
                    .unwrap_or(TimestampFormat::EpochSeconds),
            ),
            ShapeKind::Enum(members) => ValueKind::Enum {
                path: self.path_of(&target.id)?,
                values: members
                    .iter()
                    .filter(|m| !m.traits.has("smithy.api#internal"))
                    .map(|m| match m.traits.enum_value(member_id) {
                        Ok(Some(super::traits::EnumValue::String(v))) => v,
                        _ => m.name.clone(),
                    })
                    .collect(),
            },
            ShapeKind::Structure(_) => ValueKind::Structure {
                path: self.path_of(&target.id)?,
            },
            ShapeKind::List { member: element, .. } => {
                let element_id = target.id.member("member");
                ValueKind::List {
                    element: Box::new(self.value_type(&element_id, element)?),
                    sparse: target.traits.has(SPARSE),
                }
            }
            other => return Err(unsupported(&format!("a {} shape", other.type_name()))),
        };
        Ok(ValueType {
            shape: target.id.clone(),
            kind,
            constraints,
        })
    }

    fn path_of(&self, id: &ShapeId) -> Result<RustPath> {
        if *id == prelude::unit() {
            return Err(CodegenError::Unsupported {
                id: id.to_string(),
                message: "members targeting `smithy.api#Unit` are only allowed in unions".into(),
            });
        }
        self.paths.get(id).cloned().ok_or_else(|| CodegenError::DanglingTarget {
            from: "(rust path)".into(),
            to: id.to_string(),
        })
    }
}

fn http_binding(member: &Member) -> Option<HttpBinding> {
    let text = |trait_id: &str| member.traits.get(trait_id).and_then(|v| v.as_str()).map(str::to_owned);
    if member.traits.has(HTTP_LABEL) {
        Some(HttpBinding::Label)
    } else if let Some(name) = text(HTTP_QUERY) {
        Some(HttpBinding::Query(name))
    } else if let Some(name) = text(HTTP_HEADER) {
        Some(HttpBinding::Header(name))
    } else if member.traits.has(HTTP_PAYLOAD) {
        Some(HttpBinding::Payload)
    } else if member.traits.has(HTTP_RESPONSE_CODE) {
        Some(HttpBinding::ResponseCode)
    } else {
        None
    }
}

/// Which structures reach no float (and so may derive `Eq` and `Hash`).
fn eq_hash_map(structures: &[StructureDef]) -> BTreeMap<ShapeId, bool> {
    let by_path: BTreeMap<&RustPath, &StructureDef> = structures.iter().map(|s| (&s.path, s)).collect();
    fn has_float(v: &ValueType, by_path: &BTreeMap<&RustPath, &StructureDef>, seen: &mut BTreeSet<RustPath>) -> bool {
        match &v.kind {
            ValueKind::Float | ValueKind::Double => true,
            ValueKind::List { element, .. } => has_float(element, by_path, seen),
            ValueKind::Structure { path } => {
                if !seen.insert(path.clone()) {
                    return false;
                }
                by_path
                    .get(path)
                    .is_some_and(|s| s.fields.iter().any(|f| has_float(&f.value, by_path, seen)))
            }
            _ => false,
        }
    }
    structures
        .iter()
        .map(|s| {
            let mut seen = BTreeSet::from([s.path.clone()]);
            let floats = s.fields.iter().any(|f| has_float(&f.value, &by_path, &mut seen));
            (s.id.clone(), !floats)
        })
        .collect()
}

/// Boxes structure fields that lead back to their own structure without passing
/// through a list (which already allocates), so recursive shapes have a finite size.
fn mark_boxed(structures: &mut [StructureDef]) {
    let direct: BTreeMap<RustPath, Vec<RustPath>> = structures
        .iter()
        .map(|s| {
            let targets = s
                .fields
                .iter()
                .filter_map(|f| match &f.value.kind {
                    ValueKind::Structure { path } => Some(path.clone()),
                    _ => None,
                })
                .collect();
            (s.path.clone(), targets)
        })
        .collect();
    fn reaches(
        from: &RustPath,
        to: &RustPath,
        direct: &BTreeMap<RustPath, Vec<RustPath>>,
        seen: &mut BTreeSet<RustPath>,
    ) -> bool {
        if from == to {
            return true;
        }
        if !seen.insert(from.clone()) {
            return false;
        }
        direct
            .get(from)
            .is_some_and(|next| next.iter().any(|n| reaches(n, to, direct, seen)))
    }
    for s in structures.iter_mut() {
        for f in &mut s.fields {
            if let ValueKind::Structure { path } = &f.value.kind {
                f.boxed = reaches(path, &s.path, &direct, &mut BTreeSet::new());
            }
        }
    }
}
