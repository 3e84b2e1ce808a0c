//! Value types: what each member holds, with its constraints, binding defaults
//! and the legacy `@enum` entries read once.

use super::*;

impl Builder<'_> {
    /// The value type of a member: its target's kind with constraints and the
    /// member's overrides applied.
    pub(super) fn value_type(&mut self, member_id: &str, member: &Member) -> Result<ValueType> {
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
                if self.protocol.is_xml() || matches!(self.protocol, Protocol::RpcV2Cbor { .. }) {
                    return Err(CodegenError::Unsupported {
                        id: member_id.to_owned(),
                        message: format!(
                            "a {} on the {} wire: the runtime reads and writes arbitrary-precision numbers only as \
                             JSON so far (CBOR's tags 2 to 4 are not written yet)",
                            target.kind.type_name(),
                            self.protocol.name()
                        ),
                    });
                }
                let text = matches!(self.protocol, Protocol::RpcV2Json { .. });
                if matches!(target.kind, ShapeKind::BigInteger) {
                    ValueKind::BigInteger { text }
                } else {
                    ValueKind::BigDecimal { text }
                }
            }
            ShapeKind::Blob => ValueKind::Blob,
            ShapeKind::Document if matches!(self.protocol, Protocol::RpcV2Cbor { .. }) => {
                return Err(CodegenError::Unsupported {
                    id: member_id.to_owned(),
                    message: "a document on the smithy.protocols#rpcv2Cbor wire: the protocol gives documents no \
                              CBOR form (its own validator warns against them)"
                        .into(),
                });
            }
            ShapeKind::Document => ValueKind::Document,
            // RPC v2 writes every timestamp as epoch seconds, whatever the trait says.
            ShapeKind::Timestamp if self.protocol.is_rpc_v2() => ValueKind::Timestamp(TimestampFormat::EpochSeconds),
            ShapeKind::Timestamp => ValueKind::Timestamp(
                traits
                    .timestamp_format(member_id)?
                    .unwrap_or(self.protocol.body_timestamp_format()),
            ),
            ShapeKind::Enum(_) => ValueKind::Enum {
                path: self.path(&target.id)?,
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
            xml: if self.protocol.is_xml() {
                xml::member(&member.traits, member_id)?
            } else {
                XmlMember::default()
            },
        })
    }
}

/// Timestamps bound to headers default to `http-date`, and those in URIs to
/// `date-time` (Smithy's binding defaults); the body default is the
/// protocol's (`body`).
pub(super) fn apply_binding_timestamp_default(
    value: &mut ValueType,
    binding: Option<&HttpBinding>,
    member_traits: &Traits,
    target_traits: &Traits,
    body: TimestampFormat,
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
            ValueKind::Timestamp(format) if *format == body => Some(format),
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
pub(super) struct LegacyEntry {
    pub(super) name: String,
    pub(super) value: String,
    pub(super) docs: Vec<String>,
    /// Tagged `internal`: not offered as a known value.
    pub(super) internal: bool,
}

/// Reads every `@enum` string of the closure once, reporting a malformed trait
/// by shape.
pub(super) fn legacy_enums(model: &Model, shapes: &BTreeSet<ShapeId>) -> Result<BTreeMap<ShapeId, Vec<LegacyEntry>>> {
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

pub(super) fn http_binding(member: &Member) -> Option<HttpBinding> {
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
