//! Parsed files -> JSON AST shapes. Names resolve against every file of the model
//! (Smithy's rule: `use`, then the file's namespace, then the prelude), which is
//! why lowering starts from an [`Index`] of what all sources define.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use super::prelude;
use super::syntax::{File, MemberDef, Node, ShapeDef, ShapeType, Spanned, TraitApplication, Version};
use super::{Located, Position};
use crate::ast::{self, ordered::OrderedMembers, Reference, Traits};

const DOCUMENTATION: &str = "smithy.api#documentation";
const DEFAULT: &str = "smithy.api#default";
const ENUM_VALUE: &str = "smithy.api#enumValue";
const MIXIN: &str = "smithy.api#mixin";

/// What the model's sources define, by absolute id: enough to resolve relative
/// names, coerce annotation traits and find the targets of elided members.
#[derive(Debug, Default)]
pub struct Index {
    types: HashMap<String, String>,
    /// Shape id -> its own members: name and target (`None` where elided).
    members: HashMap<String, Vec<(String, Option<String>)>>,
    mixins: HashMap<String, Vec<String>>,
    /// Resource id -> its identifiers, then its properties (name, absolute target).
    resource_members: HashMap<String, Vec<(String, String)>>,
}

impl Index {
    /// An index holding the prelude and the traits that ship with Smithy and
    /// the AWS SDKs (which a model may `use` without defining).
    pub fn new() -> Self {
        let mut index = Index::default();
        for (name, type_name) in prelude::SHAPES {
            index
                .types
                .insert(format!("{}#{name}", prelude::NAMESPACE), (*type_name).to_owned());
        }
        for (id, type_name) in crate::ast::known_traits::TRAITS {
            index.types.insert((*id).to_owned(), (*type_name).to_owned());
        }
        index
    }

    /// Adds the shapes of a JSON AST model.
    pub fn add_json(&mut self, model: &ast::Model) {
        for (id, shape) in &model.shapes {
            if matches!(shape, ast::Shape::Apply(_)) {
                continue;
            }
            self.types.insert(id.clone(), shape.type_name().to_owned());
            let members = shape
                .member_names()
                .into_iter()
                .map(|name| {
                    let target = shape.member(&name).map(|m| m.target.clone());
                    (name, target)
                })
                .collect();
            self.members.insert(id.clone(), members);
            self.mixins
                .insert(id.clone(), shape.mixins().iter().map(|m| m.target.clone()).collect());
            if let ast::Shape::Resource(r) = shape {
                let named = r.identifiers.iter().chain(&r.properties);
                self.resource_members
                    .insert(id.clone(), named.map(|(k, v)| (k.clone(), v.target.clone())).collect());
            }
        }
    }

    /// Adds the names an IDL file defines (first pass: ids and types only).
    pub fn add_idl_names(&mut self, file: &File) {
        let Some(namespace) = &file.namespace else { return };
        for shape in &file.shapes {
            self.types.insert(
                format!("{}#{}", namespace.value, shape.name.value),
                shape.shape_type.json_name().to_owned(),
            );
        }
    }

    /// Adds an IDL file's members, mixins and resource bindings (second pass, once
    /// every name is known).
    pub fn add_idl_structure(&mut self, file: &File) -> Result<(), Located> {
        let Some(namespace) = &file.namespace else {
            return Ok(());
        };
        let resolver = Resolver::new(file, self)?;
        let mut members = Vec::new();
        let mut mixins = Vec::new();
        let mut resources = Vec::new();
        for shape in &file.shapes {
            // Members are looked up through mixins only, so only mixins' are kept.
            let is_mixin = shape
                .traits
                .iter()
                .any(|t| t.id.value == "mixin" || t.id.value == MIXIN);
            if !is_mixin && shape.mixins.is_empty() && shape.shape_type != ShapeType::Resource {
                continue;
            }
            let id = format!("{}#{}", namespace.value, shape.name.value);
            let own: Vec<(String, Option<String>)> = shape
                .members
                .iter()
                .map(|m| (m.name.value.clone(), m.target.as_ref().map(|t| resolver.id(t))))
                .collect();
            members.push((id.clone(), own));
            mixins.push((id.clone(), shape.mixins.iter().map(|m| resolver.id(m)).collect()));
            if shape.shape_type == ShapeType::Resource {
                let mut named = Vec::new();
                for (key, value) in &shape.properties {
                    if let ("identifiers" | "properties", Node::Object(entries)) = (key.value.as_str(), value) {
                        for (name, target) in entries {
                            if let Node::Id(target) = target {
                                named.push((name.clone(), resolver.id(target)));
                            }
                        }
                    }
                }
                resources.push((id, named));
            }
        }
        self.members.extend(members);
        self.mixins.extend(mixins);
        self.resource_members.extend(resources);
        Ok(())
    }

    fn defines(&self, id: &str) -> bool {
        self.types.contains_key(id)
    }

    /// Whether `shape` has a member `name`, itself or through its mixins.
    fn has_member(&self, shape: &str, name: &str, depth: usize) -> bool {
        self.member_target(shape, name, depth).is_some()
    }

    /// The target of `shape`'s member `name` (its own or inherited): `Some(None)`
    /// when the member exists but its target is elided.
    fn member_target(&self, shape: &str, name: &str, depth: usize) -> Option<Option<String>> {
        if depth > 64 {
            return None;
        }
        if let Some((_, target)) = self.members.get(shape).and_then(|m| m.iter().find(|(n, _)| n == name)) {
            if target.is_some() {
                return Some(target.clone());
            }
            let inherited = self.inherited_target(shape, name, depth + 1);
            return Some(inherited.flatten());
        }
        self.inherited_target(shape, name, depth + 1)
    }

    /// The target of member `name` as `shape`'s mixins give it.
    fn inherited_target(&self, shape: &str, name: &str, depth: usize) -> Option<Option<String>> {
        self.mixins
            .get(shape)?
            .iter()
            .find_map(|m| self.member_target(m, name, depth))
    }

    /// Every member `shape`'s mixins give it: name, target and the mixin.
    fn inherited_members(&self, mixins: &[String]) -> Vec<(String, Option<String>, String)> {
        let mut out: Vec<(String, Option<String>, String)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut stack: Vec<&String> = mixins.iter().rev().collect();
        while let Some(mixin) = stack.pop() {
            if !seen.insert(mixin.clone()) {
                continue;
            }
            for (name, _) in self.members.get(mixin).into_iter().flatten() {
                out.push((
                    name.clone(),
                    self.member_target(mixin, name, 0).flatten(),
                    mixin.clone(),
                ));
            }
            if let Some(more) = self.mixins.get(mixin) {
                stack.extend(more.iter().rev());
            }
        }
        out
    }
}

/// Relative shape-id resolution for one file.
struct Resolver<'a> {
    namespace: Option<&'a str>,
    uses: HashMap<&'a str, &'a str>,
    index: &'a Index,
}

impl<'a> Resolver<'a> {
    fn new(file: &'a File, index: &'a Index) -> Result<Self, Located> {
        let namespace = file.namespace.as_ref().map(|n| n.value.as_str());
        let mut uses: HashMap<&str, &str> = HashMap::new();
        for used in &file.uses {
            if !index.defines(&used.value) {
                return Err(Located::new(
                    used.at,
                    format!(
                        "`use {}` names no shape of the model (nor a trait that ships with Smithy or the AWS SDKs): is a model file missing?",
                        used.value
                    ),
                ));
            }
            let name = used.value.rsplit('#').next().unwrap_or(&used.value);
            if let Some(previous) = uses.insert(name, &used.value) {
                if previous != used.value {
                    return Err(Located::new(
                        used.at,
                        format!(
                            "`use {}` conflicts with `use {previous}`: both are named `{name}`",
                            used.value
                        ),
                    ));
                }
            }
        }
        for shape in &file.shapes {
            if let Some(used) = uses.get(shape.name.value.as_str()) {
                return Err(Located::new(
                    shape.name.at,
                    format!("the shape name `{}` conflicts with `use {used}`", shape.name.value),
                ));
            }
        }
        Ok(Resolver { namespace, uses, index })
    }

    /// The absolute id `text` names (members kept), whether or not it exists.
    fn id(&self, text: &Spanned<String>) -> String {
        if text.value.contains('#') {
            return text.value.clone();
        }
        self.lookup(&text.value).unwrap_or_else(|| match self.namespace {
            Some(ns) => format!("{ns}#{}", text.value),
            None => text.value.clone(),
        })
    }

    /// The absolute id `text` names, if a shape of that id is known.
    fn lookup(&self, text: &str) -> Option<String> {
        if text.contains('#') {
            let root = text.split('$').next().unwrap_or(text);
            return self.index.defines(root).then(|| text.to_owned());
        }
        let (root, member) = match text.split_once('$') {
            Some((root, member)) => (root, Some(member)),
            None => (text, None),
        };
        let absolute = if let Some(used) = self.uses.get(root) {
            (*used).to_owned()
        } else if let Some(local) = self
            .namespace
            .map(|ns| format!("{ns}#{root}"))
            .filter(|id| self.index.defines(id))
        {
            local
        } else if prelude::is_public(root) {
            format!("{}#{root}", prelude::NAMESPACE)
        } else {
            return None;
        };
        Some(match member {
            Some(member) => format!("{absolute}${member}"),
            None => absolute,
        })
    }
}

/// One lowered file.
#[derive(Debug, Default)]
pub struct Lowered {
    pub metadata: Vec<(String, Value, Position)>,
    pub shapes: Vec<(String, ast::Shape, Position)>,
    /// `apply` statements and traits for inherited members: target id, traits.
    pub applies: Vec<(String, Traits, Position)>,
    /// Where each trait was applied: owner (shape or member id), trait id.
    pub traits: Vec<(String, String, Position)>,
}

/// Lowers one parsed file against the model's index.
pub fn lower(file: &File, index: &Index) -> Result<Lowered, Located> {
    let resolver = Resolver::new(file, index)?;
    let lowering = Lowering {
        resolver,
        index,
        version: file.version,
        trait_positions: Default::default(),
    };
    let mut out = Lowered::default();
    for (key, value) in &file.metadata {
        out.metadata.push((key.value.clone(), lowering.node(value)?, key.at));
    }
    let namespace = file.namespace.as_ref().map(|n| n.value.as_str()).unwrap_or_default();
    for shape in &file.shapes {
        let id = format!("{namespace}#{}", shape.name.value);
        let lowered = lowering.shape(&id, shape, &mut out.applies)?;
        out.shapes.push((id, lowered, shape.name.at));
    }
    for apply in &file.applies {
        let target = lowering.target(&apply.target)?;
        let traits = lowering.traits(&apply.traits, None, Owner(&target, None))?;
        out.applies.push((target, traits, apply.target.at));
    }
    out.traits = lowering.trait_positions.into_inner();
    Ok(out)
}

/// A shape or member id for messages, formatted only when one is written.
#[derive(Clone, Copy)]
struct Owner<'a>(&'a str, Option<&'a str>);

impl std::fmt::Display for Owner<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.1 {
            Some(member) => write!(f, "{}${member}", self.0),
            None => f.write_str(self.0),
        }
    }
}

struct Lowering<'a> {
    resolver: Resolver<'a>,
    index: &'a Index,
    version: Version,
    /// Where each trait was applied: owner (shape or member id), trait id.
    trait_positions: std::cell::RefCell<Vec<(String, String, Position)>>,
}

impl Lowering<'_> {
    /// The shape `id` names, which must be defined somewhere in the model.
    fn target(&self, id: &Spanned<String>) -> Result<String, Located> {
        let target = self.resolver.id(id);
        let root = target.split('$').next().unwrap_or(&target);
        if self.index.defines(root) {
            Ok(target)
        } else {
            let searched = if id.value.contains('#') {
                String::new()
            } else {
                format!(" (looked for a `use`, `{target}`, then `smithy.api#{}`)", id.value)
            };
            Err(Located::new(
                id.at,
                format!("`{}` names no shape of the model{searched}", id.value),
            ))
        }
    }

    fn reference(&self, id: &Spanned<String>) -> Result<Reference, Located> {
        self.target(id).map(|target| Reference { target })
    }

    /// A node value; unquoted shape ids must name a shape.
    fn node(&self, node: &Node) -> Result<Value, Located> {
        Ok(match node {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Str(s) => Value::String(s.clone()),
            Node::Number(n) => number(&n.value).map_err(|m| Located::new(n.at, m))?,
            Node::Id(id) => Value::String(self.resolver.lookup(&id.value).ok_or_else(|| {
                Located::new(
                    id.at,
                    format!(
                        "`{}` is an unquoted shape id that names no shape of the model (quote it to write a string)",
                        id.value
                    ),
                )
            })?),
            Node::Array(items) => Value::Array(items.iter().map(|i| self.node(i)).collect::<Result<_, _>>()?),
            Node::Object(entries) => {
                let mut map = Map::new();
                for (k, v) in entries {
                    map.insert(k.clone(), self.node(v)?);
                }
                Value::Object(map)
            }
        })
    }

    /// Trait applications (and a doc comment) as a JSON AST trait map; `owner` is
    /// for messages.
    fn traits(&self, applied: &[TraitApplication], doc: Option<&String>, owner: Owner<'_>) -> Result<Traits, Located> {
        let mut traits = Traits::new();
        if let Some(doc) = doc {
            traits.insert(DOCUMENTATION.to_owned(), Value::String(doc.clone()));
        }
        for application in applied {
            let id = self.resolver.id(&application.id);
            self.trait_positions
                .borrow_mut()
                .push((owner.to_string(), id.clone(), application.id.at));
            if id == MIXIN && self.version == Version::V1 {
                return Err(Located::new(
                    application.id.at,
                    "Smithy IDL 2.0 is needed for `@mixin`, but this file is version 1.0",
                ));
            }
            let value = match &application.value {
                Some(node) => self.node(node)?,
                None => self.annotation_value(&id),
            };
            merge_trait(&mut traits, id, value)
                .map_err(|m| Located::new(application.id.at, format!("{owner}: {m}")))?;
        }
        Ok(traits)
    }

    /// The value of `@trait` without a value: `[]` for list traits, `{}` otherwise.
    fn annotation_value(&self, trait_id: &str) -> Value {
        match self.index.types.get(trait_id).map(String::as_str) {
            Some("list" | "set") => Value::Array(Vec::new()),
            _ => Value::Object(Map::new()),
        }
    }

    fn shape(
        &self,
        id: &str,
        shape: &ShapeDef,
        applies: &mut Vec<(String, Traits, Position)>,
    ) -> Result<ast::Shape, Located> {
        let traits = self.traits(&shape.traits, shape.doc.as_ref(), Owner(id, None))?;
        self.check_mixins(id, shape, &traits)?;
        let mixins: Vec<Reference> = shape
            .mixins
            .iter()
            .map(|m| self.reference(m))
            .collect::<Result<_, _>>()?;
        let simple = || ast::Simple {
            traits: traits.clone(),
            mixins: mixins.clone(),
        };
        Ok(match shape.shape_type {
            ShapeType::Simple(name) => simple_shape(name, simple()),
            ShapeType::Enum | ShapeType::IntEnum => {
                let int = shape.shape_type == ShapeType::IntEnum;
                let mut members = Vec::new();
                for member in &shape.members {
                    let inherited = member.value.is_none()
                        && mixins
                            .iter()
                            .any(|m| self.index.has_member(&m.target, &member.name.value, 0));
                    members.push((member.name.value.clone(), self.enum_member(id, member, int, inherited)?));
                }
                let aggregate = ast::Aggregate {
                    members: OrderedMembers(members),
                    traits,
                    mixins,
                };
                if int {
                    ast::Shape::IntEnum(aggregate)
                } else {
                    ast::Shape::Enum(aggregate)
                }
            }
            ShapeType::Structure | ShapeType::Union => {
                let members = self.members(id, shape, applies)?;
                let aggregate = ast::Aggregate {
                    members: OrderedMembers(members),
                    traits,
                    mixins,
                };
                if shape.shape_type == ShapeType::Union {
                    ast::Shape::Union(aggregate)
                } else {
                    ast::Shape::Structure(aggregate)
                }
            }
            ShapeType::List | ShapeType::Set => {
                let mut members = self.members(id, shape, applies)?;
                let collection = ast::Collection {
                    member: members.pop().map(|(_, m)| m),
                    traits,
                    mixins,
                };
                if shape.shape_type == ShapeType::Set {
                    ast::Shape::Set(collection)
                } else {
                    ast::Shape::List(collection)
                }
            }
            ShapeType::Map => {
                let mut members = self.members(id, shape, applies)?;
                let mut take = |name: &str| members.iter().position(|(n, _)| n == name).map(|i| members.remove(i).1);
                ast::Shape::Map(ast::MapShape {
                    key: take("key"),
                    value: take("value"),
                    traits,
                    mixins,
                })
            }
            ShapeType::Operation => ast::Shape::Operation(ast::Operation {
                input: self.io(shape.operation.input.as_ref())?,
                output: self.io(shape.operation.output.as_ref())?,
                errors: shape
                    .operation
                    .errors
                    .iter()
                    .map(|e| self.reference(e))
                    .collect::<Result<_, _>>()?,
                traits,
                mixins,
            }),
            ShapeType::Service => self.service(shape, traits, mixins)?,
            ShapeType::Resource => self.resource(shape, traits, mixins)?,
        })
    }

    /// The rules mixins follow: same shape type, members redefined with their
    /// inherited target, mixins that agree on the members they share, and mixin
    /// operations and resources that only carry traits and bindings.
    fn check_mixins(&self, id: &str, shape: &ShapeDef, traits: &Traits) -> Result<(), Located> {
        if shape.mixins.is_empty() && !traits.contains_key(MIXIN) {
            return Ok(());
        }
        let own_type = shape.shape_type.json_name();
        let mut mixins = Vec::new();
        for written in &shape.mixins {
            let mixin = self.resolver.id(written);
            if let Some(mixin_type) = self.index.types.get(&mixin) {
                if mixin_type != own_type {
                    return Err(Located::new(
                        written.at,
                        format!("`{id}` is a {own_type}, but its mixin `{mixin}` is a {mixin_type}: a mixin must have the type of the shape it is mixed into"),
                    ));
                }
            }
            mixins.push(mixin);
        }
        let inherited = self.index.inherited_members(&mixins);
        for (i, (name, target, from)) in inherited.iter().enumerate() {
            let earlier = inherited[..i]
                .iter()
                .find(|(n, t, _)| n == name && t.is_some() && target.is_some() && t != target);
            if let Some((_, other, other_from)) = earlier {
                return Err(Located::new(
                    shape.name.at,
                    format!(
                        "`{id}${name}` is inherited from `{other_from}` (targeting `{}`) and from `{from}` (targeting `{}`): the mixins conflict",
                        other.as_deref().unwrap_or_default(),
                        target.as_deref().unwrap_or_default()
                    ),
                ));
            }
        }
        for member in &shape.members {
            let Some(written) = &member.target else { continue };
            let target = self.resolver.id(written);
            let redefined = inherited
                .iter()
                .find(|(n, t, _)| *n == member.name.value && t.as_ref().is_some_and(|t| *t != target));
            if let Some((name, Some(inherited_target), from)) = redefined {
                return Err(Located::new(
                    member.name.at,
                    format!("`{id}${name}` targets `{target}`, but it redefines the member inherited from `{from}`, which targets `{inherited_target}`"),
                ));
            }
        }
        if traits.contains_key(MIXIN) {
            let unit = format!("{}#Unit", prelude::NAMESPACE);
            let io = [&shape.operation.input, &shape.operation.output];
            if let Some(io) = io.into_iter().flatten().find(|io| self.resolver.id(io) != unit) {
                return Err(Located::new(
                    io.at,
                    format!("`{id}` is a mixin operation: its input and output must be `smithy.api#Unit`"),
                ));
            }
            let named = shape
                .properties
                .iter()
                .find(|(k, _)| k.value == "properties" || k.value == "identifiers");
            if let Some((key, _)) = named {
                return Err(Located::new(
                    key.at,
                    format!("`{id}` is a mixin resource: it cannot define `{}`", key.value),
                ));
            }
        }
        Ok(())
    }

    /// An operation's input or output, as written (absent means `smithy.api#Unit`).
    fn io(&self, written: Option<&Spanned<String>>) -> Result<Option<Reference>, Located> {
        written.map(|id| self.reference(id)).transpose()
    }

    /// An enum member; `inherited` ones (redeclared from a mixin without a value)
    /// keep the mixin's value.
    fn enum_member(&self, id: &str, member: &MemberDef, int: bool, inherited: bool) -> Result<ast::Member, Located> {
        let owner = Owner(id, Some(&member.name.value));
        let mut traits = self.traits(&member.traits, member.doc.as_ref(), owner)?;
        let value = match &member.value {
            Some(value) => {
                let json = self.node(&value.value)?;
                let fits = if int {
                    json.as_i64().is_some_and(|n| i32::try_from(n).is_ok())
                } else {
                    json.is_string()
                };
                if !fits {
                    let wanted = if int {
                        "a whole number that fits in 32 bits"
                    } else {
                        "a string"
                    };
                    return Err(Located::new(
                        value.at,
                        format!("`{owner}`: an enum value must be {wanted}, found {json}"),
                    ));
                }
                Some(json)
            }
            None if inherited || traits.contains_key(ENUM_VALUE) => None,
            None if int => {
                return Err(Located::new(
                    member.name.at,
                    format!("`{owner}`: intEnum members need a value (`{} = 1`)", member.name.value),
                ))
            }
            None => Some(Value::String(member.name.value.clone())),
        };
        if let Some(value) = value {
            merge_trait(&mut traits, ENUM_VALUE.to_owned(), value)
                .map_err(|m| Located::new(member.name.at, format!("{owner}: {m}")))?;
        }
        Ok(ast::Member {
            target: format!("{}#Unit", prelude::NAMESPACE),
            traits,
        })
    }

    /// Members of structures, unions, lists and maps. Elided members take their
    /// target from a mixin (then the member is inherited, and its traits become an
    /// `apply`) or from the bound resource's identifiers and properties.
    fn members(
        &self,
        id: &str,
        shape: &ShapeDef,
        applies: &mut Vec<(String, Traits, Position)>,
    ) -> Result<Vec<(String, ast::Member)>, Located> {
        let mixins: Vec<String> = shape.mixins.iter().map(|m| self.resolver.id(m)).collect();
        let resource = shape.for_resource.as_ref().map(|r| self.target(r)).transpose()?;
        if let (Some(resource), Some(written)) = (&resource, &shape.for_resource) {
            if self.index.types.get(resource).is_some_and(|t| t != "resource") {
                return Err(Located::new(
                    written.at,
                    format!("`for {}` must name a resource shape", written.value),
                ));
            }
        }
        let mut members = Vec::new();
        for member in &shape.members {
            let owner = Owner(id, Some(&member.name.value));
            let mut traits = self.traits(&member.traits, member.doc.as_ref(), owner)?;
            if let Some(value) = &member.value {
                let json = self.node(&value.value)?;
                merge_trait(&mut traits, DEFAULT.to_owned(), json)
                    .map_err(|m| Located::new(value.at, format!("{owner}: {m}")))?;
            }
            let target = match &member.target {
                Some(target) => self.target(target)?,
                None => {
                    let name = &member.name.value;
                    if let Some(inherited) = mixins.iter().find_map(|m| self.index.member_target(m, name, 0)) {
                        let bound = resource
                            .as_ref()
                            .and_then(|r| self.index.resource_members.get(r))
                            .and_then(|named| named.iter().find(|(n, _)| n == name));
                        if let (Some(inherited), Some((_, bound))) = (inherited, bound) {
                            if inherited != *bound {
                                return Err(Located::new(
                                    member.name.at,
                                    format!("`{owner}` is elided, but the mixin member targets `{inherited}` and the resource binds `{name}` to `{bound}`: they conflict"),
                                ));
                            }
                        }
                        if !traits.is_empty() {
                            applies.push((owner.to_string(), traits, member.name.at));
                        }
                        continue;
                    }
                    let bound = resource.as_ref().and_then(|r| {
                        self.index
                            .resource_members
                            .get(r)
                            .and_then(|named| named.iter().find(|(n, _)| n == name))
                    });
                    match bound {
                        Some((_, target)) => target.clone(),
                        None => {
                            return Err(Located::new(
                                member.name.at,
                                format!(
                                    "`{owner}` elides its target, but no mixin or bound resource has a member, \
                                     identifier or property named `{name}`"
                                ),
                            ))
                        }
                    }
                }
            };
            members.push((member.name.value.clone(), ast::Member { target, traits }));
        }
        Ok(members)
    }

    fn id_list(&self, key: &Spanned<String>, node: &Node) -> Result<Vec<Reference>, Located> {
        match node {
            Node::Array(items) => items.iter().map(|i| self.id_of(key, i)).collect(),
            _ => Err(Located::new(
                key.at,
                format!("`{}` must be a list of shape ids", key.value),
            )),
        }
    }

    fn id_of(&self, key: &Spanned<String>, node: &Node) -> Result<Reference, Located> {
        match node {
            Node::Id(id) => self.reference(id),
            Node::Str(s) if s.contains('#') => Ok(Reference { target: s.clone() }),
            _ => Err(Located::new(
                key.at,
                format!("`{}` must name shapes by shape id", key.value),
            )),
        }
    }

    fn id_map(&self, key: &Spanned<String>, node: &Node) -> Result<BTreeMap<String, Reference>, Located> {
        match node {
            Node::Object(entries) => entries
                .iter()
                .map(|(name, value)| Ok((name.clone(), self.id_of(key, value)?)))
                .collect(),
            _ => Err(Located::new(
                key.at,
                format!("`{}` must be an object of names to shape ids", key.value),
            )),
        }
    }

    fn service(&self, shape: &ShapeDef, traits: Traits, mixins: Vec<Reference>) -> Result<ast::Shape, Located> {
        let mut service = ast::Service {
            version: None,
            operations: Vec::new(),
            resources: Vec::new(),
            errors: Vec::new(),
            rename: BTreeMap::new(),
            traits,
            mixins,
        };
        for (key, value) in &shape.properties {
            match key.value.as_str() {
                "version" => match value {
                    Node::Str(s) => service.version = Some(s.clone()),
                    _ => return Err(Located::new(key.at, "a service `version` must be a string")),
                },
                "operations" => service.operations = self.id_list(key, value)?,
                "resources" => service.resources = self.id_list(key, value)?,
                "errors" => service.errors = self.id_list(key, value)?,
                "rename" => {
                    let Node::Object(entries) = value else {
                        return Err(Located::new(key.at, "`rename` must map shape ids to names"));
                    };
                    for (from, to) in entries {
                        let Node::Str(to) = to else {
                            return Err(Located::new(key.at, format!("`rename` of `{from}` must be a string")));
                        };
                        service.rename.insert(from.clone(), to.clone());
                    }
                }
                other => {
                    return Err(Located::new(
                        key.at,
                        format!(
                            "unknown service property `{other}` (expected version, operations, resources, errors or rename)"
                        ),
                    ))
                }
            }
        }
        Ok(ast::Shape::Service(service))
    }

    fn resource(&self, shape: &ShapeDef, traits: Traits, mixins: Vec<Reference>) -> Result<ast::Shape, Located> {
        let mut resource = ast::Resource {
            identifiers: BTreeMap::new(),
            properties: BTreeMap::new(),
            create: None,
            put: None,
            read: None,
            update: None,
            delete: None,
            list: None,
            operations: Vec::new(),
            collection_operations: Vec::new(),
            resources: Vec::new(),
            traits,
            mixins,
        };
        for (key, value) in &shape.properties {
            let single = |slot: &mut Option<Reference>| -> Result<(), Located> {
                *slot = Some(self.id_of(key, value)?);
                Ok(())
            };
            match key.value.as_str() {
                "identifiers" => resource.identifiers = self.id_map(key, value)?,
                "properties" => {
                    if self.version == Version::V1 {
                        return Err(Located::new(
                            key.at,
                            "Smithy IDL 2.0 is needed for resource `properties`, but this file is version 1.0",
                        ));
                    }
                    resource.properties = self.id_map(key, value)?;
                }
                "create" => single(&mut resource.create)?,
                "put" => single(&mut resource.put)?,
                "read" => single(&mut resource.read)?,
                "update" => single(&mut resource.update)?,
                "delete" => single(&mut resource.delete)?,
                "list" => single(&mut resource.list)?,
                "operations" => resource.operations = self.id_list(key, value)?,
                "collectionOperations" => resource.collection_operations = self.id_list(key, value)?,
                "resources" => resource.resources = self.id_list(key, value)?,
                other => return Err(Located::new(key.at, format!("unknown resource property `{other}`"))),
            }
        }
        Ok(ast::Shape::Resource(resource))
    }
}

fn simple_shape(name: &str, simple: ast::Simple) -> ast::Shape {
    match name {
        "blob" => ast::Shape::Blob(simple),
        "boolean" => ast::Shape::Boolean(simple),
        "document" => ast::Shape::Document(simple),
        "byte" => ast::Shape::Byte(simple),
        "short" => ast::Shape::Short(simple),
        "integer" => ast::Shape::Integer(simple),
        "long" => ast::Shape::Long(simple),
        "float" => ast::Shape::Float(simple),
        "double" => ast::Shape::Double(simple),
        "bigInteger" => ast::Shape::BigInteger(simple),
        "bigDecimal" => ast::Shape::BigDecimal(simple),
        "timestamp" => ast::Shape::Timestamp(simple),
        _ => ast::Shape::String(simple),
    }
}

/// A number token as JSON, read by serde_json so IDL and JSON AST agree exactly.
/// A number literal as a node value: a JSON number when a 64-bit integer or
/// float holds it exactly, else its text as a string (a big integer's or big
/// decimal's digits, which a double would round: `0.100000000000000000000001`).
fn number(text: &str) -> Result<Value, String> {
    let value = serde_json::from_str::<Value>(text).map_err(|_| {
        format!("the number `{text}` does not fit in a 64-bit float, the widest number a node value holds")
    })?;
    match value.as_f64() {
        Some(float) if value.is_f64() && decimal(text) != decimal(&format!("{float:e}")) => {
            Ok(Value::String(text.to_owned()))
        }
        _ => Ok(value),
    }
}

/// `(negative, significant digits, exponent of the last digit)` of a decimal
/// literal: equal numbers have equal forms, whatever their spelling.
fn decimal(text: &str) -> (bool, String, i64) {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], rest[i + 1..].parse::<i64>().unwrap_or(0)),
        None => (rest, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits: String = int.chars().chain(frac.chars()).collect();
    let mut exponent = exponent - frac.len() as i64;
    let leading = digits.len() - digits.trim_start_matches('0').len();
    digits.drain(..leading);
    while digits.ends_with('0') {
        digits.pop();
        exponent += 1;
    }
    if digits.is_empty() {
        return (false, String::new(), 0);
    }
    (negative, digits, exponent)
}

/// Adds a trait, following Smithy's conflict rules: equal values agree, two
/// lists concatenate, anything else is a conflict.
pub fn merge_trait(traits: &mut Traits, id: String, value: Value) -> Result<(), String> {
    match traits.get_mut(&id) {
        None => {
            traits.insert(id, value);
            Ok(())
        }
        Some(existing) if *existing == value => Ok(()),
        Some(Value::Array(existing)) if value.is_array() => {
            if let Value::Array(more) = value {
                existing.extend(more);
            }
            Ok(())
        }
        Some(existing) => Err(format!(
            "the trait `{id}` is applied twice with different values ({existing} and {value})"
        )),
    }
}
