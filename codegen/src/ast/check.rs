//! The model as Smithy checks it, before the generator reads it: every trait
//! applied is defined (by the model, the prelude, or the traits that ship
//! with Smithy and the AWS SDKs), and the constraint traits hold values that
//! make sense on the shapes they are applied to. Every problem is reported,
//! each where it was written (`file:line:col` for IDL, the file and shape for
//! JSON AST), in the order of the files.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{known_traits, Model, Shape};
use crate::error::{CodegenError, Result};
use crate::idl::prelude as idl_prelude;
use crate::ir::pattern::{translate, Dialect};

const TRAIT: &str = "smithy.api#trait";

/// What a check found wrong but let through.
pub type Warnings = Vec<String>;

/// Checks `model`; unknown traits are errors unless `allow_unknown_traits`,
/// which makes each a warning. The warnings come back; every error together
/// makes one [`CodegenError::Check`].
pub fn check(model: &Model, allow_unknown_traits: bool, dialect: Option<Dialect>) -> Result<Warnings> {
    let mut checker = Checker {
        model,
        defined: model
            .shapes
            .iter()
            .filter(|(_, s)| s.traits().contains_key(TRAIT))
            .map(|(id, _)| id.as_str())
            .collect(),
        allow_unknown_traits,
        dialect: dialect.unwrap_or_else(|| dialect_of(model)),
        problems: Vec::new(),
        warnings: BTreeSet::new(),
    };
    for (id, shape) in &model.shapes {
        match shape {
            Shape::Apply(apply) => {
                let subject = member_subject(model, id);
                checker.traits(id, &apply.traits, subject.as_deref(), id.contains('$'));
            }
            shape => {
                checker.traits(id, shape.traits(), Some(shape.type_name()), false);
                for name in shape.member_names() {
                    let Some(member) = shape.member(&name) else { continue };
                    let owner = format!("{id}${name}");
                    let subject = type_of(model, &member.target);
                    checker.traits(&owner, &member.traits, subject.as_deref(), true);
                }
            }
        }
    }
    if checker.problems.is_empty() {
        return Ok(checker.warnings.into_iter().collect());
    }
    checker.problems.sort_by(|a, b| a.0.cmp(&b.0));
    Err(CodegenError::Check {
        problems: checker.problems.into_iter().map(|(_, text)| text).collect(),
    })
}

/// Models of AWS services have Java patterns, others ECMA-262 ones.
fn dialect_of(model: &Model) -> Dialect {
    let aws = model
        .shapes
        .values()
        .any(|s| matches!(s, Shape::Service(_)) && s.traits().contains_key("aws.api#service"));
    if aws {
        Dialect::Java
    } else {
        Dialect::Ecma
    }
}

/// The JSON AST type of the shape `id` (a prelude shape included).
fn type_of(model: &Model, id: &str) -> Option<String> {
    if let Some(shape) = model.shapes.get(id) {
        return Some(shape.type_name().to_owned());
    }
    let name = id.strip_prefix("smithy.api#")?;
    idl_prelude::SHAPES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| (*t).to_owned())
}

/// The type of the shape a member `apply` targets (`ns#S$m`), when the
/// member is declared on the shape itself.
fn member_subject(model: &Model, target: &str) -> Option<String> {
    let (root, member) = target.split_once('$')?;
    let member = model.shapes.get(root)?.member(member)?;
    type_of(model, &member.target)
}

/// A trait id as a model writes it: prelude traits by name alone.
fn shown(trait_id: &str) -> &str {
    trait_id.strip_prefix("smithy.api#").unwrap_or(trait_id)
}

/// Sorts problems by file, line and column, so they read in source order.
type SortKey = (String, usize, usize);

fn sort_key(location: &str) -> SortKey {
    let mut parts = location.rsplitn(3, ':');
    let (column, line, file) = (parts.next(), parts.next(), parts.next());
    match (
        file,
        line.and_then(|l| l.parse().ok()),
        column.and_then(|c| c.parse().ok()),
    ) {
        (Some(file), Some(line), Some(column)) => (file.to_owned(), line, column),
        _ => (location.to_owned(), 0, 0),
    }
}

struct Checker<'m> {
    model: &'m Model,
    /// Trait shapes the model defines itself.
    defined: BTreeSet<&'m str>,
    allow_unknown_traits: bool,
    dialect: Dialect,
    problems: Vec<(SortKey, String)>,
    warnings: BTreeSet<String>,
}

impl Checker<'_> {
    /// Checks the traits applied to `owner`, whose values constrain a shape of
    /// type `subject` (the member's target for a member).
    fn traits(&mut self, owner: &str, traits: &BTreeMap<String, Value>, subject: Option<&str>, member: bool) {
        for (trait_id, value) in traits {
            if !self.known(owner, trait_id) {
                continue;
            }
            if let Err(message) = self.value(owner, trait_id, value, subject, member) {
                self.problem(
                    owner,
                    trait_id,
                    format!("`{owner}`: invalid `@{}`: {message}", shown(trait_id)),
                );
            }
        }
    }

    fn problem(&mut self, owner: &str, trait_id: &str, message: String) {
        let location = self.model.locations.of_trait(owner, trait_id).map(str::to_owned);
        let text = match &location {
            Some(location) => format!("{location}: {message}"),
            None => message,
        };
        self.problems
            .push((sort_key(location.as_deref().unwrap_or_default()), text));
    }

    /// Whether the trait is one the checks may read; reports it when not.
    fn known(&mut self, owner: &str, trait_id: &str) -> bool {
        if self.defined.contains(trait_id) || known_traits::type_of(trait_id).is_some() {
            return true;
        }
        if let Some(name) = trait_id.strip_prefix("smithy.api#") {
            if idl_prelude::is_public(name) && name.starts_with(|c: char| c.is_ascii_lowercase()) {
                return true;
            }
        }
        // Smithy and the AWS SDKs add traits over time: one this table does not
        // know is let through, unless it is a near miss of one it does.
        let suggestion = self.suggestion(trait_id);
        if known_traits::in_reserved_namespace(trait_id) && suggestion.is_empty() {
            self.warnings.insert(format!(
                "the trait `{trait_id}` is not defined in the model; accepted as a trait of Smithy or the AWS SDKs, unchecked"
            ));
            return false;
        }
        let message = format!("`{owner}`: unknown trait `@{trait_id}`: no shape of the model defines it{suggestion}");
        if self.allow_unknown_traits {
            let location = self.model.locations.of_trait(owner, trait_id);
            self.warnings.insert(match location {
                Some(location) => format!("{location}: {message} (ignored: unknown traits are allowed)"),
                None => format!("{message} (ignored: unknown traits are allowed)"),
            });
        } else {
            self.problem(owner, trait_id, message);
        }
        false
    }

    /// `; did you mean ...?` naming the closest known trait, when one is close.
    fn suggestion(&self, trait_id: &str) -> String {
        let name = trait_id.rsplit('#').next().unwrap_or(trait_id);
        let prelude = idl_prelude::SHAPES
            .iter()
            .filter(|(n, _)| n.starts_with(|c: char| c.is_ascii_lowercase()))
            .map(|(n, _)| format!("smithy.api#{n}"));
        let known = known_traits::TRAITS.iter().map(|(id, _)| (*id).to_owned());
        let defined = self.defined.iter().map(|id| (*id).to_owned());
        prelude
            .chain(known)
            .chain(defined)
            .map(|candidate| {
                let candidate_name = candidate.rsplit('#').next().unwrap_or(&candidate).to_owned();
                (strsim::levenshtein(name, &candidate_name), candidate)
            })
            .filter(|(distance, _)| *distance <= 2)
            .min()
            .map(|(_, id)| format!("; did you mean `@{}`?", shown(&id)))
            .unwrap_or_default()
    }

    /// Checks the value of a prelude constraint trait against what it is
    /// applied to.
    fn value(
        &self,
        owner: &str,
        trait_id: &str,
        value: &Value,
        subject: Option<&str>,
        member: bool,
    ) -> std::result::Result<(), String> {
        let name = trait_id.strip_prefix("smithy.api#").unwrap_or_default();
        let applies = |allowed: &[&str]| -> std::result::Result<(), String> {
            match subject {
                Some(subject) if !allowed.contains(&subject) => Err(format!(
                    "it applies to {} shapes (or members targeting them), not to {} {subject}",
                    allowed.join(", "),
                    if subject.starts_with(['a', 'e', 'i', 'o', 'u']) {
                        "an"
                    } else {
                        "a"
                    }
                )),
                _ => Ok(()),
            }
        };
        match name {
            "length" => {
                applies(&["string", "enum", "blob", "list", "set", "map"])?;
                bounds(value, true)
            }
            "range" => {
                applies(&[
                    "byte",
                    "short",
                    "integer",
                    "long",
                    "float",
                    "double",
                    "bigInteger",
                    "bigDecimal",
                    "intEnum",
                ])?;
                bounds(value, false)
            }
            "pattern" => {
                applies(&["string", "enum"])?;
                let pattern = value.as_str().ok_or("the pattern must be a string")?;
                translate(owner, pattern, self.dialect)
                    .map(|_| ())
                    .map_err(|e| match e {
                        CodegenError::InvalidPattern { message, .. } => {
                            format!("`{pattern}` does not compile: {message}")
                        }
                        other => other.to_string(),
                    })
            }
            "uniqueItems" => applies(&["list", "set"]),
            "required" | "jsonName" | "httpLabel" | "httpQuery" | "httpHeader" | "httpPayload"
            | "httpPrefixHeaders" | "httpQueryParams" | "httpResponseCode" | "hostLabel" | "idempotencyToken"
                if !member =>
            {
                Err("it applies to members only".into())
            }
            _ => Ok(()),
        }
    }
}

/// `{min, max}` of `@length` (`whole`: non-negative integers) or `@range`.
fn bounds(value: &Value, whole: bool) -> std::result::Result<(), String> {
    let object = value.as_object().ok_or("expected `min` and/or `max`")?;
    let read = |key: &str| -> std::result::Result<Option<f64>, String> {
        match object.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) if whole && !(n.is_u64()) => {
                Err(format!("`{key}` must be a whole number of at least 0, not {n}"))
            }
            Some(Value::Number(n)) => Ok(n.as_f64()),
            // `@range` may write big bounds as strings of digits.
            Some(Value::String(s)) if !whole && s.parse::<f64>().is_ok() => Ok(s.parse().ok()),
            Some(other) => Err(format!("`{key}` must be a number, not {other}")),
        }
    };
    let (min, max) = (read("min")?, read("max")?);
    for key in object.keys() {
        if key != "min" && key != "max" {
            return Err(format!("unknown property `{key}` (expected `min` and/or `max`)"));
        }
    }
    match (min, max) {
        (Some(min), Some(max)) if min > max => Err(format!("`min` ({min}) is greater than `max` ({max})")),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_sort_by_line_and_column() {
        let mut keys = vec![
            sort_key("a.smithy:10:2"),
            sort_key("a.smithy:9:30"),
            sort_key("a.smithy:9:4"),
        ];
        keys.sort();
        assert_eq!(
            keys,
            [
                ("a.smithy".to_owned(), 9, 4),
                ("a.smithy".to_owned(), 9, 30),
                ("a.smithy".to_owned(), 10, 2)
            ]
        );
    }

    #[test]
    fn bounds_are_checked() {
        assert!(bounds(&serde_json::json!({"min": 1, "max": 2}), true).is_ok());
        assert!(bounds(&serde_json::json!({"min": 5, "max": 2}), true).is_err());
        assert!(bounds(&serde_json::json!({"min": -1}), true).is_err());
        assert!(bounds(&serde_json::json!({"min": -1.5, "max": "1e300"}), false).is_ok());
        assert!(bounds(&serde_json::json!({"mni": 1}), false).is_err());
    }
}
