//! Smithy model + operation names -> [`CrateIr`], by job: this module drives the
//! build and holds the shared state; `naming` places shapes and keeps names
//! unique, `lowering` turns each shape into its Rust definition, `values` works
//! out the value type of each member.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use super::analysis::{mark_boxed, mark_eq_hash, mark_large_variants};
use super::*;
use crate::error::{CodegenError, Result};
use crate::ir::closure::closure_stopping_at;
use crate::ir::pattern::{translate as translate_pattern, Dialect, Translated};
use crate::ir::traits::{
    EnumValue, TimestampFormat, CLIENT_OPTIONAL, DEFAULT, ENUM_VALUE, HTTP_HEADER, HTTP_LABEL, HTTP_PAYLOAD,
    HTTP_QUERY, HTTP_RESPONSE_CODE, INPUT, PATTERN, RANGE, REQUIRED, REST_JSON1, RETRYABLE, SENSITIVE, SPARSE,
};
use crate::ir::{docs, names, prelude, Member, Model, Shape, ShapeKind, Traits};

mod extras;
mod lowering;
mod naming;
mod values;
mod xml;

use values::{apply_binding_timestamp_default, http_binding, legacy_enums, LegacyEntry};

/// The hidden field of generated structures that records client error correction.
pub const CORRECTIONS_FIELD: &str = "client_corrections";

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
    build_with(model, operation_names, dialect, &TypeOptions::default())
}

/// [`build`], with the user's derives, attributes and extern types.
pub fn build_with(model: &Model, operation_names: &[&str], dialect: Dialect, options: &TypeOptions) -> Result<CrateIr> {
    let mut op_ids = Vec::new();
    for name in operation_names {
        op_ids.push(model.find_operation(name)?.id.clone());
    }
    // The service the operations belong to: its protocol, name and renames apply.
    let service = op_ids
        .first()
        .and_then(|op| model.service_of(op))
        .or_else(|| model.services().next());
    let renames = match service.map(|s| &s.kind) {
        Some(ShapeKind::Service(s)) => s.rename.clone(),
        _ => BTreeMap::new(),
    };
    let protocol = protocol(model, service);
    let externs = extras::extern_types(model, options)?;
    let stop: BTreeSet<ShapeId> = externs.keys().cloned().collect();
    let shapes = closure_stopping_at(model, &op_ids, &stop)?;
    let mut builder = Builder {
        model,
        protocol: protocol.clone(),
        paths: BTreeMap::new(),
        files: BTreeMap::new(),
        roles: BTreeMap::new(),
        patterns: BTreeMap::new(),
        translations: HashMap::new(),
        dialect,
        legacy_enums: legacy_enums(model, &shapes)?,
        notes: BTreeSet::new(),
    };
    if let Protocol::Other(name) = &protocol {
        builder.notes.insert(format!(
            "the service's protocol, {name}, is not one this generator puts on the wire yet: operations have no `request`/`response`; types and validation are exact, and serde gives their JSON form"
        ));
    }
    // Placement first: every shape gets its module and name, then the names
    // are settled (naming), and only then are definitions lowered.
    let shared = shared_io(model, &op_ids)?;
    for (id, role) in &shared {
        builder.paths.insert(
            id.clone(),
            RustPath {
                module: Module::Types,
                name: names::type_name(renames.get(id).map_or(id.name(), String::as_str)),
            },
        );
        builder.roles.insert(id.clone(), role.clone());
    }
    let op_modules = naming::operation_modules(&op_ids);
    for (op_id, module) in op_ids.iter().zip(&op_modules) {
        extras::check_not_operation_shapes(model, op_id, &externs)?;
        builder.place_io(op_id, module, &shared)?;
    }
    builder.paths.extend(externs.clone());
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
                name: names::type_name(renames.get(id).map_or(id.name(), String::as_str)),
            },
        );
    }
    naming::settle_type_names(&mut builder.paths, &mut builder.notes);
    builder.files.extend(naming::file_stems(&builder.paths));
    let mut synthesized: Vec<StructureDef> = Vec::new();
    let mut operations = Vec::new();
    for (op_id, module) in op_ids.iter().zip(&op_modules) {
        operations.push(builder.operation(op_id, module, &mut synthesized, &shared)?);
    }
    let service_name = service.map(|s| s.id.name().to_owned());
    let service_version = service.and_then(|s| match &s.kind {
        ShapeKind::Service(service) => service.version.clone(),
        _ => None,
    });
    let xml_namespace = match service {
        Some(s) => xml::namespace(&s.traits, &s.id.to_string())?,
        None => None,
    };
    let protocol_tests = match protocol.trait_id() {
        Some(trait_id) => crate::ir::protocol_tests::collect(model, &op_ids, trait_id)?,
        None => Default::default(),
    };
    let mut endpoint_notes = Vec::new();
    let endpoints = match service {
        Some(s) => crate::ir::endpoints::collect(model, s, &op_ids, &mut endpoint_notes)?,
        None => None,
    };
    builder.notes.extend(endpoint_notes);
    let query_compatible = service.is_some_and(|s| s.traits.has("aws.protocols#awsQueryCompatible"));
    let mut ir = CrateIr {
        query_compatible,
        service_name,
        service_version,
        xml_namespace,
        protocol,
        structures: synthesized,
        enums: Vec::new(),
        int_enums: Vec::new(),
        unions: Vec::new(),
        operations,
        patterns: Vec::new(),
        notes: Vec::new(),
        closure_size: shapes
            .iter()
            .filter(|id| !prelude::is_prelude(id) && !externs.contains_key(*id))
            .count(),
        protocol_tests,
        server: false,
        endpoints,
        strategy_fns: BTreeMap::new(),
    };
    for id in &shapes {
        if prelude::is_prelude(id) || externs.contains_key(id) {
            continue;
        }
        let shape = model.get(id)?;
        match &shape.kind {
            ShapeKind::Structure(members) => {
                let role = match builder.roles.get(id) {
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
    extras::apply(&mut ir, options)?;
    mark_boxed(&mut ir);
    mark_large_variants(&mut ir);
    ir.patterns = builder.patterns.into_values().collect();
    ir.patterns.sort_by(|a, b| a.const_name.cmp(&b.const_name));
    ir.notes = builder.notes.into_iter().collect();
    ir.strategy_fns = naming::strategy_names(
        ir.structures
            .iter()
            .map(|s| &s.path)
            .chain(ir.unions.iter().map(|u| &u.path))
            .chain(ir.enums.iter().map(|e| &e.path))
            .chain(ir.int_enums.iter().map(|e| &e.path)),
    );
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

/// The service's protocol: one of the protocols this generator puts on the
/// wire, or any other protocol trait (a known one, or one the model
/// defines with `@protocolDefinition`), which gets a note.
fn protocol(model: &Model, service: Option<&Shape>) -> Protocol {
    let Some(service) = service else {
        return Protocol::None;
    };
    let traits = &service.traits;
    if traits.has(REST_JSON1) {
        Protocol::RestJson1
    } else if traits.has("aws.protocols#awsJson1_0") {
        Protocol::AwsJson1_0
    } else if traits.has("aws.protocols#awsJson1_1") {
        Protocol::AwsJson1_1
    } else if let Some(rest_xml) = traits.get("aws.protocols#restXml") {
        Protocol::RestXml {
            no_error_wrapping: rest_xml
                .get("noErrorWrapping")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        }
    } else if traits.has("aws.protocols#awsQuery") {
        Protocol::AwsQuery
    } else if traits.has("aws.protocols#ec2Query") {
        Protocol::Ec2Query
    } else if traits.has("smithy.protocols#rpcv2Cbor") {
        Protocol::RpcV2Cbor {
            query_compatible: traits.has("aws.protocols#awsQueryCompatible"),
        }
    } else if traits.has("smithy.protocols#rpcv2Json") {
        Protocol::RpcV2Json {
            query_compatible: traits.has("aws.protocols#awsQueryCompatible"),
        }
    } else {
        let is_protocol = |id: &String| {
            crate::ast::known_traits::PROTOCOLS.contains(&id.as_str())
                || ShapeId::parse(id)
                    .ok()
                    .and_then(|id| model.get(&id).ok())
                    .is_some_and(|definition| definition.traits.has("smithy.api#protocolDefinition"))
        };
        match traits.0.keys().find(|k| is_protocol(k)) {
            Some(name) => Protocol::Other(name.clone()),
            None => Protocol::None,
        }
    }
}

struct Builder<'m> {
    model: &'m Model,
    protocol: Protocol,
    paths: BTreeMap<ShapeId, RustPath>,
    /// File stems inside each type's module folder ([`naming::file_stems`]).
    files: BTreeMap<ShapeId, String>,
    /// Structures that are an operation's input or output.
    roles: BTreeMap<ShapeId, Role>,
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
    pub(super) fn docs(&self, traits: &Traits, owner: &str) -> Result<Vec<String>> {
        Ok(traits.documentation(owner)?.map(docs::to_markdown).unwrap_or_default())
    }

    /// A member's docs, falling back to its target's.
    pub(super) fn member_docs(&self, member: &Member, target: &Shape, member_id: &str) -> Result<Vec<String>> {
        let docs = self.docs(&member.traits, member_id)?;
        if docs.is_empty() {
            self.docs(&target.traits, member_id)
        } else {
            Ok(docs)
        }
    }

    /// The JSON key of a member: `@jsonName` where the protocol honours it.
    pub(super) fn wire_name(&self, member: &Member, member_id: &str) -> Result<String> {
        Ok(if self.protocol.honours_json_name() {
            member.traits.json_name(member_id)?.unwrap_or(&member.name).to_owned()
        } else {
            member.name.clone()
        })
    }

    pub(super) fn file(&self, id: &ShapeId) -> Result<String> {
        self.files.get(id).cloned().ok_or_else(|| CodegenError::DanglingTarget {
            from: "(file stem)".into(),
            to: id.to_string(),
        })
    }

    pub(super) fn path(&self, id: &ShapeId) -> Result<RustPath> {
        self.paths.get(id).cloned().ok_or_else(|| CodegenError::DanglingTarget {
            from: "(rust path)".into(),
            to: id.to_string(),
        })
    }
}
