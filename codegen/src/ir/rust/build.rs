//! Smithy model + operation names -> [`CrateIr`].

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use super::analysis::{mark_boxed, mark_eq_hash};
use super::*;
use crate::error::{CodegenError, Result};
use crate::ir::closure::closure;
use crate::ir::pattern::{translate as translate_pattern, Dialect, Translated};
use crate::ir::traits::{
    EnumValue, TimestampFormat, CLIENT_OPTIONAL, DEFAULT, ENUM_VALUE, HTTP_HEADER, HTTP_LABEL, HTTP_PAYLOAD,
    HTTP_QUERY, HTTP_RESPONSE_CODE, INPUT, PATTERN, RANGE, REQUIRED, REST_JSON1, RETRYABLE, SENSITIVE, SPARSE,
};
use crate::ir::{docs, names, prelude, Member, Model, Shape, ShapeKind, Traits};

/// The hidden field of generated structures that records client error correction.
pub const CORRECTIONS_FIELD: &str = "client_corrections";

/// Methods every generated structure or builder has: a member named like one
/// gets a `_value` suffix (`builder` -> `builder_value()`), so its getter does not
/// collide with the method.
const METHOD_NAMES: &[&str] = &["builder", "validate", "from_json_strict", "build"];

const LEGACY_ENUM: &str = "smithy.api#enum";
const INTERNAL: &str = "smithy.api#internal";
const DEPRECATED: &str = "smithy.api#deprecated";
const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
const STREAMING: &str = "smithy.api#streaming";
const HTTP_QUERY_PARAMS: &str = "smithy.api#httpQueryParams";
const HTTP_PREFIX_HEADERS: &str = "smithy.api#httpPrefixHeaders";

/// Builds the IR for every operation of the model's services (see [`crate::Operations::All`]).
pub fn build_all(model: &Model) -> Result<CrateIr> {
    let names = crate::operation_names(model, &crate::Operations::All)?;
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    build(model, &names, pattern_dialect(model))
}

/// How a model's `@pattern`s are meant: models of AWS services (a service with
/// `aws.api#service`) in Java's dialect, which the services validate with; any
/// other model in ECMA-262's, as the Smithy specification says.
pub fn pattern_dialect(model: &Model) -> Dialect {
    if model.services().any(|s| s.traits.has("aws.api#service")) {
        Dialect::Java
    } else {
        Dialect::Ecma
    }
}

/// Builds the IR for the given operations (by name or absolute id), reading
/// patterns in `dialect`.
pub fn build(model: &Model, operation_names: &[&str], dialect: Dialect) -> Result<CrateIr> {
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
        translations: HashMap::new(),
        dialect,
        legacy_enums: legacy_enums(model, &shapes)?,
        notes: BTreeSet::new(),
    };
    if let Protocol::Other(name) = &protocol {
        builder.notes.insert(format!(
            "protocol {name} does not put JSON on the wire: types and validation are exact, serde gives their JSON form"
        ));
    }
    let mut roles: BTreeMap<ShapeId, Role> = BTreeMap::new();
    let mut synthesized: Vec<StructureDef> = Vec::new();
    let shared = shared_io(model, &op_ids)?;
    for (id, role) in &shared {
        builder.paths.insert(
            id.clone(),
            RustPath {
                module: Module::Types,
                name: names::type_name(id.name()),
            },
        );
        roles.insert(id.clone(), role.clone());
    }
    let mut operations = Vec::new();
    for op_id in &op_ids {
        operations.push(builder.operation(op_id, &mut roles, &mut synthesized, &shared)?);
    }
    for id in &shapes {
        if prelude::is_prelude(id) || builder.paths.contains_key(id) {
            continue;
        }
        let shape = model.get(id)?;
        let module = match &shape.kind {
            ShapeKind::Structure(_) if shape.traits.error(&id.to_string())?.is_some() => Module::Errors,
            ShapeKind::Structure(_) | ShapeKind::Enum(_) | ShapeKind::IntEnum(_) | ShapeKind::Union(_) => Module::Types,
            ShapeKind::String if builder.legacy_enums.contains_key(id) => Module::Types,
            _ => continue,
        };
        builder.paths.insert(
            id.clone(),
            RustPath {
                module,
                name: names::type_name(id.name()),
            },
        );
    }
    check_collisions(&builder.paths)?;
    let service_name = model.services().next().map(|s| s.id.name().to_owned());
    let mut ir = CrateIr {
        service_name,
        protocol,
        structures: synthesized,
        enums: Vec::new(),
        int_enums: Vec::new(),
        unions: Vec::new(),
        operations,
        patterns: Vec::new(),
        notes: Vec::new(),
        closure_size: shapes.iter().filter(|id| !prelude::is_prelude(id)).count(),
    };
    for id in &shapes {
        if prelude::is_prelude(id) {
            continue;
        }
        let shape = model.get(id)?;
        match &shape.kind {
            ShapeKind::Structure(members) => {
                let role = match roles.get(id) {
                    Some(role) => role.clone(),
                    None => builder.error_role(shape)?.unwrap_or(Role::Plain),
                };
                ir.structures.push(builder.structure(shape, members, role)?);
            }
            ShapeKind::Enum(members) => ir.enums.push(builder.enumeration(shape, members)?),
            ShapeKind::String if builder.legacy_enums.contains_key(id) => {
                ir.enums.push(builder.legacy_enumeration(shape)?)
            }
            ShapeKind::IntEnum(members) => ir.int_enums.push(builder.int_enumeration(shape, members)?),
            ShapeKind::Union(members) => ir.unions.push(builder.union(shape, members)?),
            _ => {}
        }
    }
    ir.structures.sort_by(|a, b| a.path.cmp(&b.path));
    mark_eq_hash(&mut ir);
    mark_boxed(&mut ir);
    ir.patterns = builder.patterns.into_values().collect();
    ir.patterns.sort_by(|a, b| a.const_name.cmp(&b.const_name));
    ir.notes = builder.notes.into_iter().collect();
    Ok(ir)
}

/// Structures that are the input or output of more than one operation: generated
/// once in `types` (an input if any operation sends them), and aliased per operation.
fn shared_io(model: &Model, op_ids: &[ShapeId]) -> Result<BTreeMap<ShapeId, Role>> {
    let mut uses: BTreeMap<ShapeId, (usize, bool)> = BTreeMap::new();
    for op_id in op_ids {
        if let ShapeKind::Operation(op) = &model.get(op_id)?.kind {
            for (target, is_input) in [(&op.input, true), (&op.output, false)] {
                if let Some(id) = target.as_ref().filter(|id| **id != prelude::unit()) {
                    let entry = uses.entry(id.clone()).or_default();
                    entry.0 += 1;
                    entry.1 |= is_input;
                }
            }
        }
    }
    Ok(uses
        .into_iter()
        .filter(|(_, (count, _))| *count > 1)
        .map(|(id, (_, input))| (id, if input { Role::Input } else { Role::Output }))
        .collect())
}

fn protocol(model: &Model) -> Protocol {
    let Some(service) = model.services().next() else {
        return Protocol::None;
    };
    let traits = &service.traits;
    if traits.has(REST_JSON1) {
        Protocol::RestJson1
    } else if traits.has("aws.protocols#awsJson1_0") {
        Protocol::AwsJson1_0
    } else if traits.has("aws.protocols#awsJson1_1") {
        Protocol::AwsJson1_1
    } else {
        match traits.0.keys().find(|k| k.starts_with("aws.protocols#")) {
            Some(name) => Protocol::Other(name.clone()),
            None => Protocol::None,
        }
    }
}

fn check_collisions(paths: &BTreeMap<ShapeId, RustPath>) -> Result<()> {
    let mut seen: BTreeMap<(&Module, String), &ShapeId> = BTreeMap::new();
    for (id, path) in paths {
        // Files are named in snake case, so `FooBar` and `Foobar`-style pairs collide too.
        let key = (&path.module, names::module_name(&path.name));
        if let Some(other) = seen.insert(key, id) {
            return Err(CodegenError::NameCollision {
                id: id.to_string(),
                message: format!(
                    "`{other}` and `{id}` both become `{}` (or its file)",
                    path.segments().join("::")
                ),
            });
        }
    }
    Ok(())
}

/// Gives each name a unique spelling by suffixing repeats (`name`, `name_2`, ...).
struct UniqueNames {
    taken: BTreeSet<String>,
    separator: &'static str,
}

impl UniqueNames {
    fn new(reserved: &[&str], separator: &'static str) -> Self {
        Self {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
            separator,
        }
    }

    fn claim(&mut self, wanted: String) -> String {
        if self.taken.insert(wanted.clone()) {
            return wanted;
        }
        // `r#type` repeated becomes `type_2`, which needs no escaping.
        let base = wanted.strip_prefix("r#").unwrap_or(&wanted).to_owned();
        (2..)
            .map(|n| format!("{base}{}{n}", self.separator))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or(wanted)
    }
}

struct Builder<'m> {
    model: &'m Model,
    protocol: Protocol,
    paths: BTreeMap<ShapeId, RustPath>,
    /// Rust regex -> definition, so shapes sharing a pattern share one `LazyLock`.
    patterns: BTreeMap<String, PatternDef>,
    /// Translated patterns by source text: each is translated (and compiled) once.
    translations: HashMap<String, Translated>,
    dialect: Dialect,
    /// Strings with the Smithy 1.0 `@enum` trait in the closure, their entries
    /// read once.
    legacy_enums: BTreeMap<ShapeId, Vec<LegacyEntry>>,
    notes: BTreeSet<String>,
}

impl Builder<'_> {
    fn operation(
        &mut self,
        op_id: &ShapeId,
        roles: &mut BTreeMap<ShapeId, Role>,
        synthesized: &mut Vec<StructureDef>,
        shared: &BTreeMap<ShapeId, Role>,
    ) -> Result<OperationDef> {
        let shape = self.model.get(op_id)?;
        let ShapeKind::Operation(op) = &shape.kind else {
            return Err(CodegenError::UnknownOperation {
                name: op_id.to_string(),
                suggestion: None,
            });
        };
        let owner = op_id.to_string();
        let name = names::type_name(op_id.name());
        let module = names::module_name(op_id.name());
        let mut aliases = Vec::new();
        let mut io = |target: &Option<ShapeId>, suffix: &str, role: Role| -> Result<RustPath> {
            let path = RustPath {
                module: Module::Operation(module.clone()),
                name: format!("{name}{suffix}"),
            };
            if let Some(id) = target.as_ref().filter(|id| shared.contains_key(*id)) {
                let shared_path = self.path(id)?;
                aliases.push((path.name.clone(), shared_path.clone()));
                return Ok(shared_path);
            }
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
                                message: format!(
                                    "the structure is the input or output of two operations ({} and {})",
                                    previous.segments().join("::"),
                                    path.segments().join("::")
                                ),
                            });
                        }
                    }
                    roles.insert(id.clone(), role);
                }
                _ => {
                    // `Unit` or absent: an empty structure, so every operation has both types.
                    let id = ShapeId::parse(&format!("{}#{name}{suffix}", op_id.namespace()))?;
                    synthesized.push(StructureDef {
                        id,
                        path: path.clone(),
                        file: suffix.to_lowercase(),
                        docs: vec![format!("`{name}` takes no {} members.", suffix.to_lowercase())],
                        role,
                        fields: Vec::new(),
                        eq_hash: true,
                        sensitive: false,
                    });
                }
            }
            Ok(path)
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
            aliases,
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
            throttling: shape
                .traits
                .get(RETRYABLE)
                .and_then(|v| v.get("throttling"))
                .and_then(Value::as_bool)
                .unwrap_or(false),
        })))
    }

    fn docs(&self, traits: &Traits, owner: &str) -> Result<Vec<String>> {
        Ok(traits.documentation(owner)?.map(docs::to_markdown).unwrap_or_default())
    }

    /// A member's docs, falling back to its target's.
    fn member_docs(&self, member: &Member, target: &Shape, member_id: &str) -> Result<Vec<String>> {
        let docs = self.docs(&member.traits, member_id)?;
        if docs.is_empty() {
            self.docs(&target.traits, member_id)
        } else {
            Ok(docs)
        }
    }

    /// The JSON key of a member: `@jsonName` where the protocol honours it.
    fn wire_name(&self, member: &Member, member_id: &str) -> Result<String> {
        Ok(if self.protocol.honours_json_name() {
            member.traits.json_name(member_id)?.unwrap_or(&member.name).to_owned()
        } else {
            member.name.clone()
        })
    }

    fn path(&self, id: &ShapeId) -> Result<RustPath> {
        self.paths.get(id).cloned().ok_or_else(|| CodegenError::DanglingTarget {
            from: "(rust path)".into(),
            to: id.to_string(),
        })
    }

    fn structure(&mut self, shape: &Shape, members: &[Member], role: Role) -> Result<StructureDef> {
        let owner = shape.id.to_string();
        let path = self.path(&shape.id)?;
        let is_input = matches!(role, Role::Input) || shape.traits.has(INPUT);
        let mut fields = Vec::new();
        let mut rust_names = UniqueNames::new(&[CORRECTIONS_FIELD], "_");
        for member in members {
            let member_id = shape.id.member(&member.name);
            let wanted = names::field_name(&member.name);
            let wanted = if METHOD_NAMES.contains(&wanted.as_str()) {
                format!("{wanted}_value")
            } else {
                wanted
            };
            let rust_name = rust_names.claim(wanted);
            let target = self.model.get(&member.target)?;
            if member.target == prelude::unit() {
                return Err(CodegenError::Unsupported {
                    id: member_id,
                    message: "structure members cannot target `smithy.api#Unit`".into(),
                });
            }
            let mut value = self.value_type(&member_id, member)?;
            let http = http_binding(member);
            apply_binding_timestamp_default(&mut value, http.as_ref(), &member.traits, &target.traits);
            let required = member.traits.has(REQUIRED);
            let default = member
                .traits
                .get(DEFAULT)
                .or_else(|| target.traits.get(DEFAULT))
                .filter(|v| !v.is_null())
                .cloned();
            let client_optional = is_input || member.traits.has(CLIENT_OPTIONAL);
            let optional = client_optional || (!required && default.is_none());
            let docs = self.member_docs(member, target, &member_id)?;
            let wire_name = self.wire_name(member, &member_id)?;
            let deprecated = member
                .traits
                .get(DEPRECATED)
                .or_else(|| target.traits.get(DEPRECATED))
                .map(|d| d.get("message").and_then(Value::as_str).unwrap_or_default().to_owned());
            let streaming = target.traits.has(STREAMING);
            if streaming {
                self.notes.insert(format!(
                    "`{member_id}` is a @streaming {}: generated as an in-memory value",
                    target.kind.type_name()
                ));
            }
            if let Some(value_default) = &default {
                if !super::defaults::fits(&value, value_default) {
                    return Err(CodegenError::InvalidTrait {
                        id: member_id,
                        trait_id: DEFAULT.into(),
                        message: format!(
                            "{value_default} is not a valid default for a {}",
                            target.kind.type_name()
                        ),
                    });
                }
            }
            fields.push(FieldDef {
                member: member.name.clone(),
                wire_name,
                rust_name,
                docs,
                value,
                required,
                optional,
                boxed: false,
                http,
                default: if optional { None } else { default },
                deprecated,
                idempotency_token: member.traits.has(IDEMPOTENCY_TOKEN),
                streaming,
            });
        }
        Ok(StructureDef {
            id: shape.id.clone(),
            file: names::module_name(&path.name),
            path,
            docs: self.docs(&shape.traits, &owner)?,
            role,
            fields,
            eq_hash: false,
            sensitive: shape.traits.has(SENSITIVE),
        })
    }

    fn enumeration(&self, shape: &Shape, members: &[Member]) -> Result<EnumDef> {
        let mut variants = Vec::new();
        for member in members {
            let member_id = shape.id.member(&member.name);
            let value = match member.traits.enum_value(&member_id)? {
                Some(EnumValue::String(v)) => v,
                Some(EnumValue::Int(_)) => {
                    return Err(CodegenError::InvalidTrait {
                        id: member_id,
                        trait_id: ENUM_VALUE.into(),
                        message: "a string enum value must be a string".into(),
                    })
                }
                None => member.name.clone(),
            };
            variants.push((
                member.name.clone(),
                value,
                self.docs(&member.traits, &member_id)?,
                member.traits.has(INTERNAL),
            ));
        }
        self.enum_def(shape, variants)
    }

    /// A `string` with the Smithy 1.0 `@enum` trait becomes an enum like any other.
    fn legacy_enumeration(&self, shape: &Shape) -> Result<EnumDef> {
        let variants = self.legacy_enums[&shape.id]
            .iter()
            .map(|e| (e.name.clone(), e.value.clone(), e.docs.clone(), e.internal))
            .collect();
        self.enum_def(shape, variants)
    }

    fn enum_def(&self, shape: &Shape, variants: Vec<(String, String, Vec<String>, bool)>) -> Result<EnumDef> {
        let owner = shape.id.to_string();
        let path = self.path(&shape.id)?;
        let mut rust_names = UniqueNames::new(&["Unknown"], "");
        let mut seen_values = BTreeSet::new();
        let mut out = Vec::new();
        for (name, value, docs, internal) in variants {
            if !seen_values.insert(value.clone()) {
                return Err(CodegenError::InvalidTrait {
                    id: shape.id.member(&name),
                    trait_id: ENUM_VALUE.into(),
                    message: format!("the value \"{value}\" is used twice"),
                });
            }
            out.push(VariantDef {
                rust_name: rust_names.claim(names::variant_name(&name)),
                value,
                docs,
                internal,
            });
        }
        Ok(EnumDef {
            id: shape.id.clone(),
            file: names::module_name(&path.name),
            path,
            docs: self.docs(&shape.traits, &owner)?,
            variants: out,
        })
    }

    fn int_enumeration(&self, shape: &Shape, members: &[Member]) -> Result<IntEnumDef> {
        let owner = shape.id.to_string();
        let path = self.path(&shape.id)?;
        let mut rust_names = UniqueNames::new(&["Unknown"], "");
        let mut seen = BTreeSet::new();
        let mut variants = Vec::new();
        for member in members {
            let member_id = shape.id.member(&member.name);
            let value = match member.traits.enum_value(&member_id)? {
                Some(EnumValue::Int(v)) => i32::try_from(v).map_err(|_| CodegenError::InvalidTrait {
                    id: member_id.clone(),
                    trait_id: ENUM_VALUE.into(),
                    message: format!("{v} does not fit an intEnum (32-bit integer)"),
                })?,
                _ => {
                    return Err(CodegenError::InvalidTrait {
                        id: member_id,
                        trait_id: ENUM_VALUE.into(),
                        message: "intEnum members need an integer `enumValue`".into(),
                    })
                }
            };
            if !seen.insert(value) {
                return Err(CodegenError::InvalidTrait {
                    id: member_id,
                    trait_id: ENUM_VALUE.into(),
                    message: format!("the value {value} is used twice"),
                });
            }
            variants.push(IntVariantDef {
                rust_name: rust_names.claim(names::variant_name(&member.name)),
                value,
                docs: self.docs(&member.traits, &member_id)?,
            });
        }
        Ok(IntEnumDef {
            id: shape.id.clone(),
            file: names::module_name(&path.name),
            path,
            docs: self.docs(&shape.traits, &owner)?,
            variants,
        })
    }

    fn union(&mut self, shape: &Shape, members: &[Member]) -> Result<UnionDef> {
        let owner = shape.id.to_string();
        let path = self.path(&shape.id)?;
        let mut rust_names = UniqueNames::new(&["Unknown"], "");
        let mut variants = Vec::new();
        for member in members {
            let member_id = shape.id.member(&member.name);
            let value = if member.target == prelude::unit() {
                None
            } else {
                Some(self.value_type(&member_id, member)?)
            };
            let target = self.model.get(&member.target)?;
            let docs = self.member_docs(member, target, &member_id)?;
            let wire_name = self.wire_name(member, &member_id)?;
            variants.push(UnionVariant {
                member: member.name.clone(),
                wire_name,
                rust_name: rust_names.claim(names::variant_name(&member.name)),
                docs,
                value,
                boxed: false,
            });
        }
        let event_stream = shape.traits.has(STREAMING);
        if event_stream {
            self.notes.insert(format!(
                "`{owner}` is an event stream (@streaming union): generated as a plain union of its events; framing is not modelled"
            ));
        }
        Ok(UnionDef {
            id: shape.id.clone(),
            file: names::module_name(&path.name),
            path,
            docs: self.docs(&shape.traits, &owner)?,
            variants,
            eq_hash: false,
            sensitive: shape.traits.has(SENSITIVE),
            event_stream,
        })
    }

    /// The value type of a member: its target's kind with constraints and the
    /// member's overrides applied.
    fn value_type(&mut self, member_id: &str, member: &Member) -> Result<ValueType> {
        let target = self.model.get(&member.target)?;
        let traits = target.traits.overlaid_by(&member.traits);
        let (translations, dialect) = (&mut self.translations, self.dialect);
        let mut translate = |owner: &str, source: &str| -> Result<Translated> {
            if let Some(done) = translations.get(source) {
                return Ok(done.clone());
            }
            let done = translate_pattern(owner, source, dialect)?;
            translations.insert(source.to_owned(), done.clone());
            Ok(done)
        };
        let constraints = Constraints::from_traits(member_id, &traits, &target.kind, &mut translate)?;
        if let Some(pattern) = &constraints.pattern {
            let defined_on = if member.traits.has(PATTERN) {
                format!("{}_{}", target.id.name(), member.name)
            } else {
                target.id.name().to_owned()
            };
            self.patterns
                .entry(pattern.translated.regex.clone())
                .or_insert_with(|| PatternDef {
                    const_name: names::const_name(&defined_on),
                    source: pattern.source.clone(),
                    translated: pattern.translated.clone(),
                });
        }
        let kind = match &target.kind {
            ShapeKind::Boolean => ValueKind::Boolean,
            ShapeKind::String if self.legacy_enums.contains_key(&target.id) => ValueKind::Enum {
                path: self.path(&target.id)?,
                values: self.legacy_enums[&target.id]
                    .iter()
                    .filter(|e| !e.internal)
                    .map(|e| e.value.clone())
                    .collect(),
            },
            ShapeKind::String => ValueKind::String,
            ShapeKind::Byte => ValueKind::Byte,
            ShapeKind::Short => ValueKind::Short,
            ShapeKind::Integer => ValueKind::Integer,
            ShapeKind::Long => ValueKind::Long,
            ShapeKind::Float => ValueKind::Float,
            ShapeKind::Double => ValueKind::Double,
            ShapeKind::BigInteger | ShapeKind::BigDecimal => {
                if constraints.range.is_some() {
                    return Err(CodegenError::Unsupported {
                        id: member_id.to_owned(),
                        message: format!(
                            "`{RANGE}` on a {} is not checked by this generator yet",
                            target.kind.type_name()
                        ),
                    });
                }
                if matches!(target.kind, ShapeKind::BigInteger) {
                    ValueKind::BigInteger
                } else {
                    ValueKind::BigDecimal
                }
            }
            ShapeKind::Blob => ValueKind::Blob,
            ShapeKind::Document => ValueKind::Document,
            ShapeKind::Timestamp => ValueKind::Timestamp(
                traits
                    .timestamp_format(member_id)?
                    .unwrap_or(TimestampFormat::EpochSeconds),
            ),
            ShapeKind::Enum(members) => ValueKind::Enum {
                path: self.path(&target.id)?,
                values: members
                    .iter()
                    .filter(|m| !m.traits.has(INTERNAL))
                    .map(|m| match m.traits.enum_value(member_id) {
                        Ok(Some(EnumValue::String(v))) => v,
                        _ => m.name.clone(),
                    })
                    .collect(),
            },
            ShapeKind::IntEnum(members) => ValueKind::IntEnum {
                path: self.path(&target.id)?,
                values: members
                    .iter()
                    .filter_map(|m| match m.traits.enum_value(member_id) {
                        Ok(Some(EnumValue::Int(v))) => Some(v),
                        _ => None,
                    })
                    .collect(),
            },
            ShapeKind::Structure(_) => ValueKind::Structure {
                path: self.path(&target.id)?,
            },
            ShapeKind::Union(_) => ValueKind::Union {
                path: self.path(&target.id)?,
            },
            ShapeKind::List { member: element, .. } => {
                let element_id = target.id.member("member");
                ValueKind::List {
                    element: Box::new(self.value_type(&element_id, element)?),
                    sparse: target.traits.has(SPARSE),
                }
            }
            ShapeKind::Map { key, value } => ValueKind::Map {
                key: Box::new(self.value_type(&target.id.member("key"), key)?),
                value: Box::new(self.value_type(&target.id.member("value"), value)?),
                sparse: target.traits.has(SPARSE),
            },
            other @ (ShapeKind::Operation(_) | ShapeKind::Service(_) | ShapeKind::Resource(_)) => {
                return Err(CodegenError::MalformedShape {
                    id: member_id.to_owned(),
                    message: format!("a member cannot target a {} (`{}`)", other.type_name(), target.id),
                })
            }
        };
        Ok(ValueType {
            shape: target.id.clone(),
            kind,
            constraints,
            sensitive: target.traits.has(SENSITIVE),
        })
    }
}

/// Timestamps bound to headers default to `http-date`, and those in URIs to
/// `date-time` (Smithy's binding defaults); the body default is `epoch-seconds`.
fn apply_binding_timestamp_default(
    value: &mut ValueType,
    binding: Option<&HttpBinding>,
    member_traits: &Traits,
    target_traits: &Traits,
) {
    let explicit = member_traits.has(crate::ir::traits::TIMESTAMP_FORMAT)
        || target_traits.has(crate::ir::traits::TIMESTAMP_FORMAT);
    let default = match binding {
        Some(HttpBinding::Header(_) | HttpBinding::PrefixHeaders(_)) => TimestampFormat::HttpDate,
        Some(HttpBinding::Label | HttpBinding::Query(_) | HttpBinding::QueryParams) => TimestampFormat::DateTime,
        _ => return,
    };
    let slot = match &mut value.kind {
        ValueKind::Timestamp(format) => Some(format),
        // A list's items carry their own traits; an explicit format on them is kept
        // only when it differs from the body default (a rare, documented limit).
        ValueKind::List { element, .. } => match &mut element.kind {
            ValueKind::Timestamp(format) if *format == TimestampFormat::EpochSeconds => Some(format),
            _ => None,
        },
        _ => None,
    };
    if let Some(format) = slot {
        if !explicit {
            *format = default;
        }
    }
}

/// One entry of a Smithy 1.0 `@enum` trait.
#[derive(Debug, Clone)]
struct LegacyEntry {
    name: String,
    value: String,
    docs: Vec<String>,
    /// Tagged `internal`: not offered as a known value.
    internal: bool,
}

/// Reads every `@enum` string of the closure once, reporting a malformed trait
/// by shape.
fn legacy_enums(model: &Model, shapes: &BTreeSet<ShapeId>) -> Result<BTreeMap<ShapeId, Vec<LegacyEntry>>> {
    let mut out = BTreeMap::new();
    for id in shapes {
        let shape = model.get(id)?;
        if !matches!(shape.kind, ShapeKind::String) || !shape.traits.has(LEGACY_ENUM) {
            continue;
        }
        let owner = id.to_string();
        let invalid = |message: String| CodegenError::InvalidTrait {
            id: owner.clone(),
            trait_id: LEGACY_ENUM.into(),
            message,
        };
        let entries = shape
            .traits
            .get(LEGACY_ENUM)
            .and_then(Value::as_array)
            .ok_or_else(|| invalid("expected a list of enum definitions".into()))?;
        let mut read = Vec::new();
        for entry in entries {
            let value = entry
                .get("value")
                .and_then(Value::as_str)
                .ok_or_else(|| invalid(format!("an entry has no string `value`: {entry}")))?;
            read.push(LegacyEntry {
                name: entry.get("name").and_then(Value::as_str).unwrap_or(value).to_owned(),
                value: value.to_owned(),
                docs: entry
                    .get("documentation")
                    .and_then(Value::as_str)
                    .map(docs::to_markdown)
                    .unwrap_or_default(),
                internal: entry
                    .get("tags")
                    .and_then(Value::as_array)
                    .is_some_and(|tags| tags.iter().any(|t| t == "internal")),
            });
        }
        out.insert(id.clone(), read);
    }
    Ok(out)
}

fn http_binding(member: &Member) -> Option<HttpBinding> {
    let text = |trait_id: &str| member.traits.get(trait_id).and_then(Value::as_str).map(str::to_owned);
    if member.traits.has(HTTP_LABEL) {
        Some(HttpBinding::Label)
    } else if let Some(name) = text(HTTP_QUERY) {
        Some(HttpBinding::Query(name))
    } else if member.traits.has(HTTP_QUERY_PARAMS) {
        Some(HttpBinding::QueryParams)
    } else if let Some(name) = text(HTTP_HEADER) {
        Some(HttpBinding::Header(name))
    } else if let Some(prefix) = text(HTTP_PREFIX_HEADERS) {
        Some(HttpBinding::PrefixHeaders(prefix))
    } else if member.traits.has(HTTP_PAYLOAD) {
        Some(HttpBinding::Payload)
    } else if member.traits.has(HTTP_RESPONSE_CODE) {
        Some(HttpBinding::ResponseCode)
    } else {
        None
    }
}
