//! The user's additions ([`TypeOptions`]): extern types, placed before
//! naming so that every reference reaches the other crate's path, and derives
//! and attributes, checked and attached once the types are lowered. Every
//! mistake names the option and the shape.

use super::*;

/// Traits the generated code implements for every type: asking for one
/// changes nothing.
const ALWAYS: &[&str] = &["Clone", "Debug", "PartialEq", "Serialize", "Deserialize"];

/// Traits the generated code implements for every enum besides.
const ENUMS: &[&str] = &["Eq", "Hash", "PartialOrd", "Ord"];

/// Whether the generated code implements the trait `name` for a type
/// already (`Ok(true)`), leaves it to a derive (`Ok(false)`), or cannot have
/// it derived (an error saying why).
fn generated(name: &str, kind: &Kind<'_>) -> std::result::Result<bool, String> {
    if ALWAYS.contains(&name) {
        return Ok(true);
    }
    match kind {
        Kind::Enum { int } => Ok(ENUMS.contains(&name) || (*int && name == "Copy")),
        Kind::Structure(s) => match name {
            "Eq" | "Hash" if s.eq_hash => Ok(true),
            "Eq" | "Hash" => Err(format!("`{}` holds a float, which has no `{name}`", s.id)),
            "Default" if !s.tracks_corrections() => Ok(true),
            "Default" => Err(format!(
                "`{}` has required members without a default, so it has no `Default`",
                s.id
            )),
            _ => Ok(false),
        },
        Kind::Union(u) => match name {
            "Eq" | "Hash" if u.eq_hash => Ok(true),
            "Eq" | "Hash" => Err(format!("`{}` holds a float, which has no `{name}`", u.id)),
            _ => Ok(false),
        },
    }
}

/// What a generated type is, for [`generated`].
enum Kind<'a> {
    Structure(&'a StructureDef),
    Union(&'a UnionDef),
    Enum { int: bool },
}

fn invalid(option: &str, message: String) -> CodegenError {
    CodegenError::Settings {
        message: format!("{option}: {message}"),
    }
}

/// The extern types, checked: each names a structure, union or enum of the
/// model, and a Rust path (`common::types::Money`) to stand for it.
pub(super) fn extern_types(model: &Model, options: &TypeOptions) -> Result<BTreeMap<ShapeId, RustPath>> {
    let mut out = BTreeMap::new();
    for (shape, path) in &options.extern_types {
        let option = format!("extern type `{shape}` = `{path}`");
        let id = ShapeId::parse(shape).ok().ok_or_else(|| {
            invalid(
                &option,
                format!("`{shape}` is not an absolute shape id (`namespace#Name`)"),
            )
        })?;
        let target = model
            .get(&id)
            .map_err(|_| invalid(&option, format!("the model has no shape `{id}`")))?;
        let allowed = matches!(
            target.kind,
            ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::Enum(_) | ShapeKind::IntEnum(_)
        ) || (matches!(target.kind, ShapeKind::String) && target.traits.has(LEGACY_ENUM));
        if !allowed {
            return Err(invalid(
                &option,
                format!(
                    "`{id}` is a {}; only structures, unions and enums can be another crate's types",
                    target.kind.type_name()
                ),
            ));
        }
        if target.traits.error(shape)?.is_some() {
            return Err(invalid(
                &option,
                format!("`{id}` is an error; errors are generated with their operations"),
            ));
        }
        let parsed: syn::Path =
            syn::parse_str(path).map_err(|e| invalid(&option, format!("`{path}` is not a Rust path: {e}")))?;
        let (Some(last), true) = (parsed.segments.last(), parsed.segments.len() > 1) else {
            return Err(invalid(
                &option,
                format!("`{path}` names no crate or module: write the whole path (`my_crate::types::Name`)"),
            ));
        };
        let name = last.ident.to_string();
        let module = path[..path.len() - name.len()].trim_end_matches("::").to_owned();
        out.insert(
            id,
            RustPath {
                module: Module::External(module),
                name,
            },
        );
    }
    Ok(out)
}

/// An operation's input, output and errors are generated with it: none may
/// be an extern type.
pub(super) fn check_not_operation_shapes(
    model: &Model,
    op_id: &ShapeId,
    externs: &BTreeMap<ShapeId, RustPath>,
) -> Result<()> {
    if let ShapeKind::Operation(op) = &model.get(op_id)?.kind {
        for id in op.input.iter().chain(&op.output) {
            if externs.contains_key(id) {
                return Err(invalid(
                    &format!("extern type `{id}`"),
                    format!("it is the input or output of `{op_id}`, which are generated with the operation"),
                ));
            }
        }
    }
    Ok(())
}

/// Checks every derive and attribute and attaches it to the types it
/// selects (after `Eq`/`Hash` are settled: whether a type may have them
/// decides what a derive of them means).
pub(super) fn apply(ir: &mut CrateIr, options: &TypeOptions) -> Result<()> {
    let mut wanted: Vec<(&str, Extras)> = Vec::new();
    for (selector, derive) in &options.derives {
        let option = format!("derive `{derive}` on `{selector}`");
        syn::parse_str::<syn::Path>(derive)
            .map_err(|e| invalid(&option, format!("`{derive}` is not a Rust path: {e}")))?;
        wanted.push((
            selector,
            Extras {
                derives: vec![derive.clone()],
                attributes: Vec::new(),
            },
        ));
    }
    for (selector, attribute) in &options.attributes {
        let option = format!("attribute `{attribute}` on `{selector}`");
        syn::parse::Parser::parse_str(syn::Attribute::parse_outer, attribute)
            .ok()
            .filter(|attrs| !attrs.is_empty())
            .ok_or_else(|| invalid(&option, format!("`{attribute}` is not an outer attribute (`#[...]`)")))?;
        wanted.push((
            selector,
            Extras {
                derives: Vec::new(),
                attributes: vec![attribute.clone()],
            },
        ));
    }
    // Decide first (reading the types), then attach.
    let mut decided: BTreeMap<ShapeId, Extras> = BTreeMap::new();
    for (selector, extras) in &wanted {
        let kinds = ir
            .structures
            .iter()
            .map(|s| (&s.id, Kind::Structure(s)))
            .chain(ir.unions.iter().map(|u| (&u.id, Kind::Union(u))))
            .chain(ir.enums.iter().map(|e| (&e.id, Kind::Enum { int: false })))
            .chain(ir.int_enums.iter().map(|e| (&e.id, Kind::Enum { int: true })));
        let mut matched = false;
        for (id, kind) in kinds {
            if *selector != "*" && !id.is(selector) {
                continue;
            }
            matched = true;
            let entry = decided.entry(id.clone()).or_default();
            for derive in &extras.derives {
                let last = derive.rsplit("::").next().unwrap_or(derive).trim();
                match generated(last, &kind) {
                    Ok(true) => {}
                    Ok(false) => entry.derives.push(derive.clone()),
                    Err(why) => return Err(invalid(&format!("derive `{derive}` on `{selector}`"), why)),
                }
            }
            entry.attributes.extend(extras.attributes.iter().cloned());
        }
        if !matched {
            let what = extras
                .derives
                .first()
                .or(extras.attributes.first())
                .cloned()
                .unwrap_or_default();
            return Err(invalid(
                &format!("`{what}` on `{selector}`"),
                format!("`{selector}` is not a generated type (an absolute shape id of a structure, union or enum the operations reach, or `*`)"),
            ));
        }
    }
    let mut attach = |id: &ShapeId, extras: &mut Extras| {
        if let Some(add) = decided.remove(id) {
            extras.derives.extend(add.derives);
            extras.attributes.extend(add.attributes);
        }
    };
    ir.structures.iter_mut().for_each(|s| attach(&s.id, &mut s.extras));
    ir.unions.iter_mut().for_each(|u| attach(&u.id, &mut u.extras));
    ir.enums.iter_mut().for_each(|e| attach(&e.id, &mut e.extras));
    ir.int_enums.iter_mut().for_each(|e| attach(&e.id, &mut e.extras));
    Ok(())
}
