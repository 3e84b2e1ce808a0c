//! The `smithy.api` prelude: shapes every model may target without defining them.

use serde_json::json;

use super::traits::DEFAULT;
use super::{Shape, ShapeId, ShapeKind, Traits};

/// Namespace of the prelude.
pub const NAMESPACE: &str = "smithy.api";

/// The prelude shapes a model can target, with the `@default` the `Primitive*` ones carry.
pub fn shapes() -> Vec<Shape> {
    let plain = |name: &str, kind: ShapeKind| (name.to_owned(), kind, None);
    let primitive = |name: &str, kind: ShapeKind, default| (name.to_owned(), kind, Some(default));
    let entries = vec![
        plain("String", ShapeKind::String),
        plain("Blob", ShapeKind::Blob),
        plain("BigInteger", ShapeKind::BigInteger),
        plain("BigDecimal", ShapeKind::BigDecimal),
        plain("Timestamp", ShapeKind::Timestamp),
        plain("Document", ShapeKind::Document),
        plain("Boolean", ShapeKind::Boolean),
        plain("Byte", ShapeKind::Byte),
        plain("Short", ShapeKind::Short),
        plain("Integer", ShapeKind::Integer),
        plain("Long", ShapeKind::Long),
        plain("Float", ShapeKind::Float),
        plain("Double", ShapeKind::Double),
        plain("Unit", ShapeKind::Structure(Vec::new())),
        primitive("PrimitiveBoolean", ShapeKind::Boolean, json!(false)),
        primitive("PrimitiveByte", ShapeKind::Byte, json!(0)),
        primitive("PrimitiveShort", ShapeKind::Short, json!(0)),
        primitive("PrimitiveInteger", ShapeKind::Integer, json!(0)),
        primitive("PrimitiveLong", ShapeKind::Long, json!(0)),
        primitive("PrimitiveFloat", ShapeKind::Float, json!(0)),
        primitive("PrimitiveDouble", ShapeKind::Double, json!(0)),
    ];
    entries
        .into_iter()
        .filter_map(|(name, kind, default)| {
            let id = ShapeId::parse(&format!("{NAMESPACE}#{name}")).ok()?;
            let mut traits = Traits::default();
            if let Some(default) = default {
                traits.0.insert(DEFAULT.to_owned(), default);
            }
            Some(Shape { id, kind, traits })
        })
        .collect()
}

/// `smithy.api#Unit`: "no value" for operation input/output and enum members.
pub fn unit() -> ShapeId {
    ShapeId {
        namespace: NAMESPACE.to_owned(),
        name: "Unit".to_owned(),
    }
}

/// Whether an id is in the prelude.
pub fn is_prelude(id: &ShapeId) -> bool {
    id.namespace() == NAMESPACE
}
