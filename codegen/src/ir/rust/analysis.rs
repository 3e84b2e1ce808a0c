//! Whole-crate facts computed after building: which types may derive `Eq`/`Hash`
//! (no float reachable) and which members must be boxed (recursive shapes).

use std::collections::{BTreeMap, BTreeSet};

use super::{CrateIr, RustPath, ValueKind, ValueType};

/// The named types a value reaches, and whether it holds a float itself.
fn visit<'a>(v: &'a ValueType, direct_only: bool, out: &mut Vec<&'a RustPath>) -> bool {
    match &v.kind {
        ValueKind::Float | ValueKind::Double => true,
        ValueKind::Structure { path } | ValueKind::Union { path } => {
            out.push(path);
            false
        }
        ValueKind::List { element, .. } if !direct_only => visit(element, direct_only, out),
        ValueKind::Map { key, value, .. } if !direct_only => {
            visit(key, direct_only, out) | visit(value, direct_only, out)
        }
        _ => false,
    }
}

/// Named type -> (holds a float directly, named types it reaches).
fn graph(ir: &CrateIr, direct_only: bool) -> BTreeMap<RustPath, (bool, Vec<RustPath>)> {
    let mut graph = BTreeMap::new();
    for s in &ir.structures {
        let mut next = Vec::new();
        let floats = s
            .fields
            .iter()
            .fold(false, |acc, f| visit(&f.value, direct_only, &mut next) | acc);
        graph.insert(s.path.clone(), (floats, next.into_iter().cloned().collect()));
    }
    for u in &ir.unions {
        let mut next = Vec::new();
        let floats = u
            .variants
            .iter()
            .filter_map(|v| v.value.as_ref())
            .fold(false, |acc, v| visit(v, direct_only, &mut next) | acc);
        graph.insert(u.path.clone(), (floats, next.into_iter().cloned().collect()));
    }
    graph
}

/// Sets `eq_hash` on structures and unions that reach no float.
pub fn mark_eq_hash(ir: &mut CrateIr) {
    let graph = graph(ir, false);
    let reaches_float = |start: &RustPath| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![start.clone()];
        while let Some(p) = stack.pop() {
            if !seen.insert(p.clone()) {
                continue;
            }
            // Another crate's type may hold a float: no `Eq` is promised.
            if p.is_external() {
                return true;
            }
            if let Some((floats, next)) = graph.get(&p) {
                if *floats {
                    return true;
                }
                stack.extend(next.iter().cloned());
            }
        }
        false
    };
    for s in &mut ir.structures {
        s.eq_hash = !reaches_float(&s.path);
    }
    for u in &mut ir.unions {
        u.eq_hash = !reaches_float(&u.path);
    }
}

/// Boxes members that lead back to their own type without passing through a
/// list or map (which already allocate), so recursive types have a finite size.
pub fn mark_boxed(ir: &mut CrateIr) {
    let graph = graph(ir, true);
    let reaches = |from: &RustPath, to: &RustPath| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(p) = stack.pop() {
            if &p == to {
                return true;
            }
            if !seen.insert(p.clone()) {
                continue;
            }
            if let Some((_, next)) = graph.get(&p) {
                stack.extend(next.iter().cloned());
            }
        }
        false
    };
    let target = |v: &ValueType| match &v.kind {
        ValueKind::Structure { path } | ValueKind::Union { path } => Some(path.clone()),
        _ => None,
    };
    for s in &mut ir.structures {
        let own = s.path.clone();
        for f in &mut s.fields {
            if let Some(t) = target(&f.value) {
                f.boxed = reaches(&t, &own);
            }
        }
    }
    for u in &mut ir.unions {
        let own = u.path.clone();
        for v in &mut u.variants {
            if let Some(t) = v.value.as_ref().and_then(target) {
                v.boxed = reaches(&t, &own);
            }
        }
    }
}

/// Bytes a value of `v` may take at most, counted generously (every `String`,
/// `Vec` and map 24, an `Option` a word more, a structure the sum of its
/// members), so that a large type is never taken for a small one.
fn estimated_bytes(ir: &CrateIr, v: &ValueType, boxed: bool, seen: &mut Vec<RustPath>) -> usize {
    if boxed {
        return 8;
    }
    match &v.kind {
        ValueKind::Boolean | ValueKind::Byte | ValueKind::Short | ValueKind::Integer | ValueKind::Float => 8,
        ValueKind::Long | ValueKind::Double => 8,
        ValueKind::Timestamp(_) => 16,
        ValueKind::String | ValueKind::Blob | ValueKind::List { .. } | ValueKind::Map { .. } => 24,
        ValueKind::BigInteger { .. } | ValueKind::BigDecimal { .. } | ValueKind::Document => 56,
        ValueKind::Enum { .. } | ValueKind::IntEnum { .. } => 32,
        ValueKind::Structure { path } | ValueKind::Union { path } => {
            // Another crate's type could be any size: counted as too large.
            if path.is_external() {
                return 1024;
            }
            if seen.contains(path) {
                return 64;
            }
            seen.push(path.clone());
            let size = match ir.structures.iter().find(|s| &s.path == path) {
                Some(s) => structure_bytes(ir, s, seen),
                None => ir
                    .unions
                    .iter()
                    .find(|u| &u.path == path)
                    .map(|u| {
                        8 + u
                            .variants
                            .iter()
                            .filter_map(|v| v.value.as_ref().map(|value| estimated_bytes(ir, value, v.boxed, seen)))
                            .max()
                            .unwrap_or(0)
                    })
                    .unwrap_or(64),
            };
            seen.pop();
            size
        }
    }
}

fn structure_bytes(ir: &CrateIr, s: &super::StructureDef, seen: &mut Vec<RustPath>) -> usize {
    let members: usize = s
        .fields
        .iter()
        .map(|f| estimated_bytes(ir, &f.value, f.boxed, seen) + if f.is_optional() { 8 } else { 0 })
        .sum();
    members + if s.tracks_corrections() { 24 } else { 0 }
}

/// Sets `large_variant` on operations and unions where clippy's
/// `large_enum_variant` (a variant 200 bytes larger than the next) could
/// speak up: an operation's error enum holds its errors beside an
/// `Unhandled` of 80 bytes, a union its members. The estimates are upper
/// bounds, so a type marked small is small.
pub fn mark_large_variants(ir: &mut CrateIr) {
    let errors: BTreeMap<RustPath, usize> = ir
        .structures
        .iter()
        .filter(|s| matches!(s.role, super::Role::Error(_)))
        .map(|s| (s.path.clone(), structure_bytes(ir, s, &mut vec![s.path.clone()])))
        .collect();
    for op in &mut ir.operations {
        let largest = op
            .errors
            .iter()
            .filter_map(|e| errors.get(&e.path))
            .max()
            .copied()
            .unwrap_or(0);
        op.large_variant = largest >= 280;
    }
    let unions: Vec<bool> = ir
        .unions
        .iter()
        .map(|u| {
            u.variants
                .iter()
                .filter_map(|v| {
                    let value = v.value.as_ref()?;
                    Some(estimated_bytes(ir, value, v.boxed, &mut vec![u.path.clone()]))
                })
                .max()
                .unwrap_or(0)
                >= 200
        })
        .collect();
    for (u, large) in ir.unions.iter_mut().zip(unions) {
        u.large_variant = large;
    }
}
