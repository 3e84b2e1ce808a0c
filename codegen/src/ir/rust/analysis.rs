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
