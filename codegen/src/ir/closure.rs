//! The closure of an operation: every shape reachable from its input, output and
//! errors. Only these shapes are generated.

use std::collections::BTreeSet;

use super::{Model, ShapeId, ShapeKind};
use crate::error::Result;

/// Shapes reachable from the given operations (the operations included), in id order.
pub fn closure(model: &Model, operations: &[ShapeId]) -> Result<BTreeSet<ShapeId>> {
    closure_stopping_at(model, operations, &BTreeSet::new())
}

/// [`closure`], not looking inside the shapes in `stop` (extern types: what
/// only they reach is another crate's).
pub fn closure_stopping_at(
    model: &Model,
    operations: &[ShapeId],
    stop: &BTreeSet<ShapeId>,
) -> Result<BTreeSet<ShapeId>> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<ShapeId> = operations.to_vec();
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) || stop.contains(&id) {
            continue;
        }
        let shape = model.get(&id)?;
        if let ShapeKind::Operation(op) = &shape.kind {
            stack.extend(op.input.iter().chain(&op.output).chain(&op.errors).cloned());
        }
        for m in shape.kind.members() {
            stack.push(m.target.clone());
        }
    }
    Ok(seen)
}
