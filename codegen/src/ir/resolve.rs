//! AST -> resolved [`Model`]: ids parsed, prelude added, mixins flattened, `apply`
//! merged and every reference checked, so later stages never meet a dangling id.

use std::collections::{BTreeMap, BTreeSet};

use super::traits::MIXIN;
use super::{prelude, Member, Model, Operation, Resource, Service, Shape, ShapeId, ShapeKind, Traits};
use crate::ast;
use crate::error::{CodegenError, Result};

/// Resolves a parsed model.
pub fn resolve(model: &ast::Model) -> Result<Model> {
    let mut shapes: BTreeMap<ShapeId, Shape> = prelude::shapes().into_iter().map(|s| (s.id.clone(), s)).collect();
    let mut applies = Vec::new();
    let mut mixins: BTreeMap<ShapeId, Vec<ShapeId>> = BTreeMap::new();
    for (raw_id, raw) in &model.shapes {
        if let ast::Shape::Apply(apply) = raw {
            applies.push((raw_id.as_str(), &apply.traits));
            continue;
        }
        let id = ShapeId::parse(raw_id)?;
        if prelude::is_prelude(&id) {
            // A model loaded beside the prelude's own definition (trait shapes and
            // all) keeps the built-in simple shapes; it may not retype them.
            match shapes.get(&id) {
                Some(builtin) if builtin.kind.type_name() == raw.type_name() => continue,
                Some(builtin) => {
                    return Err(CodegenError::MalformedShape {
                        id: raw_id.clone(),
                        message: format!(
                            "the prelude defines this shape as a {}, it cannot be redefined as a {}",
                            builtin.kind.type_name(),
                            raw.type_name()
                        ),
                    })
                }
                None => {}
            }
        }
        let kind = convert_kind(model, &id, raw)?;
        let names: Vec<ShapeId> = raw
            .mixins()
            .iter()
            .map(|m| target(&id.to_string(), &m.target))
            .collect::<Result<_>>()?;
        if !names.is_empty() {
            mixins.insert(id.clone(), names);
        }
        let traits = Traits(raw.traits().clone());
        shapes.insert(id.clone(), Shape { id, kind, traits });
    }
    flatten_mixins(&mut shapes, &mixins)?;
    for (raw_id, traits) in applies {
        apply_traits(&mut shapes, raw_id, traits)?;
    }
    let model = Model { shapes };
    check_references(&model)?;
    Ok(model)
}

fn target(from: &str, raw: &str) -> Result<ShapeId> {
    ShapeId::parse(raw).map_err(|_| CodegenError::DanglingTarget {
        from: from.to_owned(),
        to: raw.to_owned(),
    })
}

fn member(owner: &ShapeId, name: &str, raw: &ast::Member) -> Result<Member> {
    Ok(Member {
        name: name.to_owned(),
        target: target(&owner.member(name), &raw.target)?,
        traits: Traits(raw.traits.clone()),
    })
}

fn members(owner: &ShapeId, raw: &ast::ordered::OrderedMembers) -> Result<Vec<Member>> {
    raw.0.iter().map(|(name, m)| member(owner, name, m)).collect()
}

fn references(owner: &ShapeId, refs: &[ast::Reference]) -> Result<Vec<ShapeId>> {
    refs.iter().map(|r| target(&owner.to_string(), &r.target)).collect()
}

/// A list's or map's member: declared, or inherited from a mixin (mixins of
/// mixins included, the first mixin that has it wins).
fn collection_member(model: &ast::Model, id: &ShapeId, raw: &ast::Shape, name: &str) -> Result<Member> {
    fn inherited<'a>(
        model: &'a ast::Model,
        shape: &'a ast::Shape,
        name: &str,
        depth: usize,
    ) -> Option<&'a ast::Member> {
        if depth > 64 {
            return None;
        }
        shape.member(name).or_else(|| {
            shape.mixins().iter().find_map(|m| {
                let mixin = model.shapes.get(&m.target)?;
                inherited(model, mixin, name, depth + 1)
            })
        })
    }
    let found = inherited(model, raw, name, 0).ok_or_else(|| CodegenError::MalformedShape {
        id: id.to_string(),
        message: format!(
            "a {} needs a `{name}` member, declared or from a mixin",
            raw.type_name()
        ),
    })?;
    member(id, name, found)
}

fn convert_kind(model: &ast::Model, id: &ShapeId, raw: &ast::Shape) -> Result<ShapeKind> {
    Ok(match raw {
        ast::Shape::Blob(_) => ShapeKind::Blob,
        ast::Shape::Boolean(_) => ShapeKind::Boolean,
        ast::Shape::String(_) => ShapeKind::String,
        ast::Shape::Byte(_) => ShapeKind::Byte,
        ast::Shape::Short(_) => ShapeKind::Short,
        ast::Shape::Integer(_) => ShapeKind::Integer,
        ast::Shape::Long(_) => ShapeKind::Long,
        ast::Shape::Float(_) => ShapeKind::Float,
        ast::Shape::Double(_) => ShapeKind::Double,
        ast::Shape::BigInteger(_) => ShapeKind::BigInteger,
        ast::Shape::BigDecimal(_) => ShapeKind::BigDecimal,
        ast::Shape::Timestamp(_) => ShapeKind::Timestamp,
        ast::Shape::Document(_) => ShapeKind::Document,
        ast::Shape::Enum(a) => ShapeKind::Enum(members(id, &a.members)?),
        ast::Shape::IntEnum(a) => ShapeKind::IntEnum(members(id, &a.members)?),
        ast::Shape::List(_) => ShapeKind::List {
            member: collection_member(model, id, raw, "member")?,
            set: false,
        },
        ast::Shape::Set(_) => ShapeKind::List {
            member: collection_member(model, id, raw, "member")?,
            set: true,
        },
        ast::Shape::Map(_) => ShapeKind::Map {
            key: collection_member(model, id, raw, "key")?,
            value: collection_member(model, id, raw, "value")?,
        },
        ast::Shape::Structure(a) => ShapeKind::Structure(members(id, &a.members)?),
        ast::Shape::Union(a) => ShapeKind::Union(members(id, &a.members)?),
        ast::Shape::Operation(o) => ShapeKind::Operation(Operation {
            input: o
                .input
                .as_ref()
                .map(|r| target(&id.to_string(), &r.target))
                .transpose()?,
            output: o
                .output
                .as_ref()
                .map(|r| target(&id.to_string(), &r.target))
                .transpose()?,
            errors: references(id, &o.errors)?,
        }),
        ast::Shape::Service(s) => ShapeKind::Service(Service {
            version: s.version.clone(),
            operations: references(id, &s.operations)?,
            resources: references(id, &s.resources)?,
            errors: references(id, &s.errors)?,
            rename: s
                .rename
                .iter()
                .map(|(from, to)| Ok((target(&id.to_string(), from)?, to.clone())))
                .collect::<Result<_>>()?,
        }),
        ast::Shape::Resource(r) => {
            let lifecycle = [&r.create, &r.put, &r.read, &r.update, &r.delete, &r.list];
            let mut operations: Vec<ShapeId> = lifecycle
                .into_iter()
                .flatten()
                .map(|r| target(&id.to_string(), &r.target))
                .collect::<Result<_>>()?;
            operations.extend(references(id, &r.operations)?);
            operations.extend(references(id, &r.collection_operations)?);
            ShapeKind::Resource(Resource {
                operations,
                resources: references(id, &r.resources)?,
            })
        }
        ast::Shape::Apply(_) => {
            return Err(CodegenError::MalformedShape {
                id: id.to_string(),
                message: "`apply` cannot define a shape".into(),
            })
        }
    })
}

/// Copies mixin members and traits into the shapes that use them, mixins of mixins
/// first. Local members and traits win over inherited ones.
fn flatten_mixins(shapes: &mut BTreeMap<ShapeId, Shape>, mixins: &BTreeMap<ShapeId, Vec<ShapeId>>) -> Result<()> {
    let mut done: BTreeSet<ShapeId> = BTreeSet::new();
    for id in mixins.keys() {
        let mut visiting = BTreeSet::new();
        flatten_one(id, shapes, mixins, &mut done, &mut visiting)?;
    }
    Ok(())
}

fn flatten_one(
    id: &ShapeId,
    shapes: &mut BTreeMap<ShapeId, Shape>,
    mixins: &BTreeMap<ShapeId, Vec<ShapeId>>,
    done: &mut BTreeSet<ShapeId>,
    visiting: &mut BTreeSet<ShapeId>,
) -> Result<()> {
    if done.contains(id) {
        return Ok(());
    }
    if !visiting.insert(id.clone()) {
        return Err(CodegenError::MixinCycle { id: id.to_string() });
    }
    let Some(names) = mixins.get(id) else {
        done.insert(id.clone());
        return Ok(());
    };
    let mut inherited_members: Vec<Member> = Vec::new();
    let mut inherited_traits = Traits::default();
    for mixin_id in names {
        flatten_one(mixin_id, shapes, mixins, done, visiting)?;
        let mixin = shapes.get(mixin_id).ok_or_else(|| CodegenError::DanglingTarget {
            from: id.to_string(),
            to: mixin_id.to_string(),
        })?;
        if !mixin.traits.has(MIXIN) {
            return Err(CodegenError::MalformedShape {
                id: id.to_string(),
                message: format!("`{mixin_id}` is used as a mixin but has no `{MIXIN}` trait"),
            });
        }
        for m in mixin.kind.members() {
            // A member several mixins define keeps the traits of all of them,
            // later mixins winning where they disagree.
            match inherited_members.iter_mut().find(|x| x.name == m.name) {
                Some(earlier) => {
                    earlier.traits = earlier.traits.overlaid_by(&m.traits);
                    earlier.target = m.target.clone();
                }
                None => inherited_members.push(m.clone()),
            }
        }
        for (k, v) in &mixin.traits.0 {
            if k != MIXIN {
                inherited_traits.0.insert(k.clone(), v.clone());
            }
        }
    }
    let shape = shapes.get_mut(id).ok_or_else(|| CodegenError::DanglingTarget {
        from: id.to_string(),
        to: id.to_string(),
    })?;
    shape.traits = inherited_traits.overlaid_by(&shape.traits);
    let own: Option<&mut Vec<Member>> = match &mut shape.kind {
        ShapeKind::Structure(m) | ShapeKind::Union(m) | ShapeKind::Enum(m) | ShapeKind::IntEnum(m) => Some(m),
        _ => None,
    };
    if let Some(own) = own {
        let mut merged = Vec::with_capacity(inherited_members.len() + own.len());
        for mut m in inherited_members {
            if let Some(pos) = own.iter().position(|o| o.name == m.name) {
                let local = own.remove(pos);
                m.traits = m.traits.overlaid_by(&local.traits);
            }
            merged.push(m);
        }
        merged.append(own);
        *own = merged;
    }
    visiting.remove(id);
    done.insert(id.clone());
    Ok(())
}

fn apply_traits(shapes: &mut BTreeMap<ShapeId, Shape>, raw_id: &str, traits: &ast::Traits) -> Result<()> {
    let (shape_part, member_name) = match raw_id.split_once('$') {
        Some((s, m)) => (s, Some(m)),
        None => (raw_id, None),
    };
    let dangling = || CodegenError::DanglingTarget {
        from: format!("apply {raw_id}"),
        to: raw_id.to_owned(),
    };
    let id = ShapeId::parse(shape_part)?;
    let shape = shapes.get_mut(&id).ok_or_else(dangling)?;
    let target_traits = match member_name {
        None => &mut shape.traits,
        Some(name) => match &mut shape.kind {
            ShapeKind::Structure(m) | ShapeKind::Union(m) | ShapeKind::Enum(m) | ShapeKind::IntEnum(m) => {
                &mut m.iter_mut().find(|x| x.name == name).ok_or_else(dangling)?.traits
            }
            ShapeKind::List { member, .. } if name == "member" => &mut member.traits,
            ShapeKind::Map { key, .. } if name == "key" => &mut key.traits,
            ShapeKind::Map { value, .. } if name == "value" => &mut value.traits,
            _ => return Err(dangling()),
        },
    };
    for (k, v) in traits {
        target_traits.0.insert(k.clone(), v.clone());
    }
    Ok(())
}

fn check_references(model: &Model) -> Result<()> {
    let exists = |from: String, to: &ShapeId| {
        if model.shapes.contains_key(to) {
            Ok(())
        } else {
            Err(CodegenError::DanglingTarget {
                from,
                to: to.to_string(),
            })
        }
    };
    for shape in model.shapes.values() {
        for m in shape.kind.members() {
            exists(shape.id.member(&m.name), &m.target)?;
        }
        let refs: Vec<&ShapeId> = match &shape.kind {
            ShapeKind::Operation(o) => o.input.iter().chain(&o.output).chain(&o.errors).collect(),
            ShapeKind::Service(s) => s.operations.iter().chain(&s.resources).chain(&s.errors).collect(),
            ShapeKind::Resource(r) => r.operations.iter().chain(&r.resources).collect(),
            _ => Vec::new(),
        };
        for r in refs {
            exists(shape.id.to_string(), r)?;
        }
        if let ShapeKind::Map { key, .. } = &shape.kind {
            let key_shape = &model.shapes[&key.target];
            if !matches!(key_shape.kind, ShapeKind::String | ShapeKind::Enum(_)) {
                return Err(CodegenError::MalformedShape {
                    id: shape.id.member("key"),
                    message: format!(
                        "map keys must target a string or enum shape, but `{}` is a {}",
                        key.target,
                        key_shape.kind.type_name()
                    ),
                });
            }
        }
    }
    Ok(())
}
