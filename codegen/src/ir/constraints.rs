//! Constraint traits as data: the effective `@length`, `@range`, `@pattern` and
//! `@uniqueItems` of one value position (a member's traits override its target's).

use super::pattern;
use super::traits::{Length, Range, Traits, UNIQUE_ITEMS};
use super::ShapeKind;
use crate::error::{CodegenError, Result};

/// A compiled-at-generation-time pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The pattern as the model wrote it (used in messages and docs).
    pub source: String,
    /// Its translation for the runtime.
    pub translated: pattern::Translated,
}

/// Every constraint that applies to one value.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Constraints {
    pub length: Option<Length>,
    pub range: Option<Range>,
    pub pattern: Option<Pattern>,
    pub unique_items: bool,
}

impl Constraints {
    /// Reads constraints from `traits` (already merged member-over-target), checking
    /// that each trait fits the shape type it is applied to.
    /// `translate` turns a pattern into its matcher (the caller caches and picks
    /// the dialect).
    pub fn from_traits(
        owner: &str,
        traits: &Traits,
        kind: &ShapeKind,
        translate: &mut dyn FnMut(&str, &str) -> Result<pattern::Translated>,
    ) -> Result<Self> {
        let length = traits.length(owner)?;
        let range = traits.range(owner)?;
        let pattern = traits
            .pattern(owner)?
            .map(|source| {
                Ok::<_, CodegenError>(Pattern {
                    source: source.to_owned(),
                    translated: translate(owner, source)?,
                })
            })
            .transpose()?;
        let unique_items = traits.has(UNIQUE_ITEMS) || matches!(kind, ShapeKind::List { set: true, .. });
        let wrong = |trait_id: &str| CodegenError::InvalidTrait {
            id: owner.to_owned(),
            trait_id: trait_id.to_owned(),
            message: format!("cannot be applied to a {} shape", kind.type_name()),
        };
        let lengthy = matches!(
            kind,
            ShapeKind::String | ShapeKind::Blob | ShapeKind::List { .. } | ShapeKind::Map { .. } | ShapeKind::Enum(_)
        );
        if length.is_some() && !lengthy {
            return Err(wrong(super::traits::LENGTH));
        }
        let numeric = matches!(
            kind,
            ShapeKind::Byte
                | ShapeKind::Short
                | ShapeKind::Integer
                | ShapeKind::Long
                | ShapeKind::Float
                | ShapeKind::Double
                | ShapeKind::BigInteger
                | ShapeKind::BigDecimal
                | ShapeKind::IntEnum(_)
        );
        if range.is_some() && !numeric {
            return Err(wrong(super::traits::RANGE));
        }
        if pattern.is_some() && !matches!(kind, ShapeKind::String | ShapeKind::Enum(_)) {
            return Err(wrong(super::traits::PATTERN));
        }
        if unique_items && !matches!(kind, ShapeKind::List { .. }) {
            return Err(wrong(UNIQUE_ITEMS));
        }
        Ok(Self {
            length,
            range,
            pattern,
            unique_items,
        })
    }

    /// Whether there is nothing to check.
    pub fn is_empty(&self) -> bool {
        self.length.is_none() && self.range.is_none() && self.pattern.is_none() && !self.unique_items
    }

    /// A one-line summary for docs: "length 1..=64; pattern `^[a-z]+$`".
    pub fn describe(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(l) = self.length {
            parts.push(match (l.min, l.max) {
                (Some(min), Some(max)) => format!("length {min}..={max}"),
                (Some(min), None) => format!("length at least {min}"),
                (None, Some(max)) => format!("length at most {max}"),
                (None, None) => String::new(),
            });
        }
        if let Some(r) = &self.range {
            parts.push(match (&r.min, &r.max) {
                (Some(min), Some(max)) => format!("range {}..={}", min.text(), max.text()),
                (Some(min), None) => format!("at least {}", min.text()),
                (None, Some(max)) => format!("at most {}", max.text()),
                (None, None) => String::new(),
            });
        }
        if let Some(p) = &self.pattern {
            parts.push(format!("pattern {}", super::docs::inline_code(&p.source)));
        }
        if self.unique_items {
            parts.push("unique items".to_owned());
        }
        let text = parts.join("; ");
        (!text.is_empty()).then_some(text)
    }
}
