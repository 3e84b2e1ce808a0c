//! The values a rule set computes with: strings, booleans, integers (the
//! literal arguments of `substring` and `split`), arrays (string arrays,
//! `split`, an ARN's resource id) and records (what `parseURL`,
//! `aws.partition` and `aws.parseArn` return, read with `getAttr`).

use std::sync::Arc;

/// One value of a rule set's evaluation.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string.
    String(String),
    /// A boolean.
    Bool(bool),
    /// An integer literal.
    Int(i64),
    /// An array, such as a `stringArray` parameter.
    Array(Vec<Value>),
    /// A record such as a partition: named fields, shared rather than copied.
    Record(Arc<Record>),
}

/// Named fields, in a fixed order (a handful each: a linear search is fastest).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Record(pub Vec<(String, Value)>);

impl Record {
    /// The field named `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }
}

impl Value {
    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, when this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A JSON value: strings, booleans, numbers and arrays as themselves,
    /// records as objects.
    pub fn from_json(json: &serde_json::Value) -> Option<Value> {
        Some(match json {
            serde_json::Value::String(s) => Value::String(s.clone()),
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Int(n.as_i64()?),
            serde_json::Value::Array(items) => Value::Array(items.iter().map(Value::from_json).collect::<Option<_>>()?),
            serde_json::Value::Object(map) => Value::Record(Arc::new(Record(
                map.iter()
                    .map(|(k, v)| Some((k.clone(), Value::from_json(v)?)))
                    .collect::<Option<_>>()?,
            ))),
            serde_json::Value::Null => return None,
        })
    }

    /// How a template prints this value.
    pub(crate) fn write_to(&self, out: &mut String) {
        match self {
            Value::String(s) => out.push_str(s),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Array(_) | Value::Record(_) => out.push_str(&format!("{self:?}")),
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<Vec<String>> for Value {
    fn from(items: Vec<String>) -> Self {
        Value::Array(items.into_iter().map(Value::String).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessors_answer_only_for_their_kind() {
        assert_eq!(Value::from("s").as_str(), Some("s"));
        assert_eq!(Value::Bool(true).as_str(), None);
        assert_eq!(Value::Bool(true).as_bool(), Some(true));
        assert_eq!(Value::from("s").as_bool(), None);
    }
}
