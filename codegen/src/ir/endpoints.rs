//! Endpoint rules read off a model: the service's `smithy.rules#endpointRuleSet`
//! (kept as JSON, which the runtime compiles; its parameters typed here), its
//! `@endpointTests`, and how each operation binds its input to parameters
//! (`@staticContextParams`, `@contextParam`, `@operationContextParams`).
//!
//! What the generated crate cannot evaluate is refused here, naming the shape
//! and trait: a function the runtime does not know, a parameter type outside
//! the three, an operation context path beyond fields, `[*]` and `keys()`.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{Model, Shape, ShapeId, ShapeKind};
use crate::error::{CodegenError, Result};

const RULE_SET: &str = "smithy.rules#endpointRuleSet";
const TESTS: &str = "smithy.rules#endpointTests";
const BDD: &str = "smithy.rules#endpointBdd";
const STATIC: &str = "smithy.rules#staticContextParams";
const CONTEXT: &str = "smithy.rules#contextParam";
const OPERATION_CONTEXT: &str = "smithy.rules#operationContextParams";

/// The functions the runtime's evaluator implements.
const FUNCTIONS: &[&str] = &[
    "isSet",
    "not",
    "getAttr",
    "booleanEquals",
    "stringEquals",
    "substring",
    "parseURL",
    "uriEncode",
    "isValidHostLabel",
    "split",
    "coalesce",
    "ite",
    "aws.partition",
    "aws.parseArn",
    "aws.isVirtualHostableS3Bucket",
];

/// A service's endpoint rules, ready to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoints {
    /// The rule set as compact JSON, embedded in the crate.
    pub rule_set: String,
    pub parameters: Vec<Parameter>,
    /// Whether the rules call `aws.partition` (the crate then embeds partitions data).
    pub uses_partitions: bool,
    /// The partitions data the crate embeds (compact JSON), when it uses them.
    pub partitions: Option<String>,
    pub tests: Vec<TestCase>,
    /// Operation -> how its input binds parameters.
    pub bindings: BTreeMap<ShapeId, Vec<Binding>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterKind {
    String,
    Boolean,
    StringArray,
}

/// A rule-set parameter and the `Params` field that holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    pub name: String,
    /// The Rust field name (snake case).
    pub field: String,
    pub kind: ParameterKind,
    pub required: bool,
    pub default: Option<Value>,
    pub built_in: Option<String>,
    pub documentation: Option<String>,
    pub deprecated: Option<String>,
}

/// One `@endpointTests` case.
#[derive(Debug, Clone, PartialEq)]
pub struct TestCase {
    pub documentation: Option<String>,
    pub params: BTreeMap<String, Value>,
    pub expect: Expect,
    pub operation_inputs: Vec<OperationInput>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expect {
    Endpoint {
        url: String,
        headers: BTreeMap<String, Vec<String>>,
        properties: Value,
    },
    Error(String),
}

/// An operation call of a test case: the client's built-ins and context
/// parameters, and the input.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationInput {
    pub operation: ShapeId,
    pub params: Value,
    pub built_in_params: BTreeMap<String, Value>,
    pub client_params: BTreeMap<String, Value>,
}

/// One parameter an operation sets.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// The parameter's name.
    pub parameter: String,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// `@staticContextParams`: a fixed value.
    Static(Value),
    /// `@contextParam` or `@operationContextParams`: a path into the input.
    Input(Vec<Step>),
}

/// One step of an input path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A member, by its Smithy name.
    Member(String),
    /// `[*]`: every element of a list.
    Each,
    /// `keys(...)`: every key of a map.
    Keys,
    /// `[a, b.c]`: each path from here (absent ones left out, as a
    /// projection followed by `[]` does).
    Select(Vec<Vec<Step>>),
}

fn invalid(id: &ShapeId, trait_id: &str, message: impl Into<String>) -> CodegenError {
    CodegenError::InvalidTrait {
        id: id.to_string(),
        trait_id: trait_id.to_owned(),
        message: message.into(),
    }
}

/// The endpoint rules of `service` for `operations`; `None` when it has no
/// rule set. `notes` gets what a maintainer should know (a BDD-only service).
pub fn collect(
    model: &Model,
    service: &Shape,
    operations: &[ShapeId],
    notes: &mut Vec<String>,
) -> Result<Option<Endpoints>> {
    let id = &service.id;
    let Some(rules) = service.traits.get(RULE_SET) else {
        if service.traits.get(BDD).is_some() {
            notes.push(format!(
                "`{id}` has only `{BDD}`: endpoint resolution is not generated (the generator reads `{RULE_SET}`)"
            ));
        }
        return Ok(None);
    };
    let params = rules
        .get("parameters")
        .and_then(Value::as_object)
        .ok_or_else(|| invalid(id, RULE_SET, "has no `parameters` object"))?;
    let mut parameters = Vec::new();
    for (name, p) in params {
        parameters.push(parameter(id, name, p)?);
    }
    let mut uses_partitions = false;
    check_functions(id, rules, &mut uses_partitions)?;
    let names: Vec<&str> = parameters.iter().map(|p| p.name.as_str()).collect();
    let mut bindings = BTreeMap::new();
    for op in operations {
        let found = operation_bindings(model, op, &names)?;
        if !found.is_empty() {
            bindings.insert(op.clone(), found);
        }
    }
    let tests = match service.traits.get(TESTS) {
        Some(tests) => test_cases(model, id, tests)?,
        None => Vec::new(),
    };
    Ok(Some(Endpoints {
        rule_set: rules.to_string(),
        parameters,
        uses_partitions,
        partitions: None,
        tests,
        bindings,
    }))
}

fn parameter(id: &ShapeId, name: &str, p: &Value) -> Result<Parameter> {
    let kind = match p
        .get("type")
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("string") => ParameterKind::String,
        Some("boolean") => ParameterKind::Boolean,
        Some("stringarray") => ParameterKind::StringArray,
        other => {
            return Err(invalid(
                id,
                RULE_SET,
                format!("parameter `{name}` has type {other:?}; expected string, boolean or stringArray"),
            ))
        }
    };
    let default = p.get("default").filter(|d| !d.is_null()).cloned();
    let fits = match (&default, kind) {
        (None, _) => true,
        (Some(Value::String(_)), ParameterKind::String) | (Some(Value::Bool(_)), ParameterKind::Boolean) => true,
        (Some(Value::Array(items)), ParameterKind::StringArray) => items.iter().all(Value::is_string),
        _ => false,
    };
    if !fits {
        return Err(invalid(
            id,
            RULE_SET,
            format!("the default of parameter `{name}` does not have its type"),
        ));
    }
    let text = |key: &str| p.get(key).and_then(Value::as_str).map(str::to_owned);
    Ok(Parameter {
        name: name.to_owned(),
        field: crate::ir::names::field_name(name),
        kind,
        required: p.get("required").and_then(Value::as_bool).unwrap_or(false),
        default,
        built_in: text("builtIn"),
        documentation: text("documentation"),
        deprecated: p.get("deprecated").map(|d| {
            d.get("message")
                .and_then(Value::as_str)
                .unwrap_or("deprecated")
                .to_owned()
        }),
    })
}

/// Every `fn` the rules call is one the runtime knows.
fn check_functions(id: &ShapeId, value: &Value, uses_partitions: &mut bool) -> Result<()> {
    match value {
        Value::Object(map) => {
            if let Some(name) = map.get("fn").and_then(Value::as_str) {
                if !FUNCTIONS.contains(&name) {
                    return Err(invalid(
                        id,
                        RULE_SET,
                        format!("calls `{name}`, which the generated resolver does not implement"),
                    ));
                }
                *uses_partitions |= name == "aws.partition";
            }
            map.values().try_for_each(|v| check_functions(id, v, uses_partitions))
        }
        Value::Array(items) => items.iter().try_for_each(|v| check_functions(id, v, uses_partitions)),
        _ => Ok(()),
    }
}

fn operation_bindings(model: &Model, op: &ShapeId, names: &[&str]) -> Result<Vec<Binding>> {
    let shape = model.get(op)?;
    let mut found = Vec::new();
    let known = |trait_id: &str, on: &ShapeId, name: &str| {
        if names.contains(&name) {
            Ok(())
        } else {
            Err(invalid(
                on,
                trait_id,
                format!("names `{name}`, which is not a rule-set parameter"),
            ))
        }
    };
    if let Some(map) = shape.traits.get(STATIC).and_then(Value::as_object) {
        for (name, v) in map {
            known(STATIC, op, name)?;
            let value = v
                .get("value")
                .cloned()
                .ok_or_else(|| invalid(op, STATIC, format!("`{name}` has no `value`")))?;
            found.push(Binding {
                parameter: name.clone(),
                source: Source::Static(value),
            });
        }
    }
    if let ShapeKind::Operation(operation) = &shape.kind {
        if let Some(input) = &operation.input {
            if let ShapeKind::Structure(members) = &model.get(input)?.kind {
                for member in members {
                    if let Some(name) = member
                        .traits
                        .get(CONTEXT)
                        .and_then(|c| c.get("name"))
                        .and_then(Value::as_str)
                    {
                        known(CONTEXT, input, name)?;
                        found.push(Binding {
                            parameter: name.to_owned(),
                            source: Source::Input(vec![Step::Member(member.name.clone())]),
                        });
                    }
                }
            }
        }
    }
    if let Some(map) = shape.traits.get(OPERATION_CONTEXT).and_then(Value::as_object) {
        for (name, v) in map {
            known(OPERATION_CONTEXT, op, name)?;
            let path = v
                .get("path")
                .and_then(Value::as_str)
                .ok_or_else(|| invalid(op, OPERATION_CONTEXT, format!("`{name}` has no `path`")))?;
            let steps = input_path(path).ok_or_else(|| {
                invalid(
                    op,
                    OPERATION_CONTEXT,
                    format!("the path `{path}` of `{name}` uses more than members, `[*]` and `keys()`"),
                )
            })?;
            found.push(Binding {
                parameter: name.clone(),
                source: Source::Input(steps),
            });
        }
    }
    Ok(found)
}

/// The JMESPath subset the rules engine allows: `a.b`, `list[*]`, `[]`,
/// multi-select lists `[a, b.c]`, and `keys(...)` around a path.
fn input_path(path: &str) -> Option<Vec<Step>> {
    if let Some(inner) = path.trim().strip_prefix("keys(").and_then(|p| p.strip_suffix(')')) {
        let mut steps = input_path(inner)?;
        steps.push(Step::Keys);
        return Some(steps);
    }
    let mut parser = PathParser {
        text: path.as_bytes(),
        at: 0,
    };
    let steps = parser.path()?;
    (parser.at == parser.text.len()).then_some(steps)
}

struct PathParser<'a> {
    text: &'a [u8],
    at: usize,
}

impl PathParser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn eat(&mut self, token: &[u8]) -> bool {
        let found = self.text[self.at..].starts_with(token);
        if found {
            self.at += token.len();
        }
        found
    }

    fn skip_spaces(&mut self) {
        while self.peek() == Some(b' ') {
            self.at += 1;
        }
    }

    /// segment ('.' segment)*
    fn path(&mut self) -> Option<Vec<Step>> {
        let mut steps = self.segment()?;
        while self.eat(b".") {
            steps.extend(self.segment()?);
        }
        Some(steps)
    }

    /// (identifier | multi-select) suffix*
    fn segment(&mut self) -> Option<Vec<Step>> {
        self.skip_spaces();
        let mut steps = Vec::new();
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_') {
            self.at += 1;
        }
        if self.at > start {
            steps.push(Step::Member(
                String::from_utf8_lossy(&self.text[start..self.at]).into_owned(),
            ));
        } else if self.peek() != Some(b'[') {
            return None;
        }
        loop {
            if self.eat(b"[*]") {
                steps.push(Step::Each);
            } else if self.eat(b"[]") {
                // Flattening: values are collected flat already.
            } else if self.eat(b"[") {
                let mut paths = vec![self.path()?];
                self.skip_spaces();
                while self.eat(b",") {
                    paths.push(self.path()?);
                    self.skip_spaces();
                }
                if !self.eat(b"]") {
                    return None;
                }
                steps.push(Step::Select(paths));
            } else {
                return Some(steps);
            }
        }
    }
}

fn test_cases(model: &Model, id: &ShapeId, tests: &Value) -> Result<Vec<TestCase>> {
    let cases = tests
        .get("testCases")
        .and_then(Value::as_array)
        .ok_or_else(|| invalid(id, TESTS, "has no `testCases` list"))?;
    let object = |v: Option<&Value>| -> BTreeMap<String, Value> {
        v.and_then(Value::as_object)
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let expect = case
            .get("expect")
            .ok_or_else(|| invalid(id, TESTS, format!("case {i} has no `expect`")))?;
        let expect = if let Some(error) = expect.get("error").and_then(Value::as_str) {
            Expect::Error(error.to_owned())
        } else if let Some(endpoint) = expect.get("endpoint") {
            Expect::Endpoint {
                url: endpoint
                    .get("url")
                    .and_then(Value::as_str)
                    .ok_or_else(|| invalid(id, TESTS, format!("case {i}'s endpoint has no `url`")))?
                    .to_owned(),
                headers: object(endpoint.get("headers"))
                    .into_iter()
                    .map(|(k, v)| {
                        let values = v
                            .as_array()
                            .map(|items| items.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                            .unwrap_or_default();
                        (k, values)
                    })
                    .collect(),
                properties: endpoint
                    .get("properties")
                    .cloned()
                    .unwrap_or_else(|| Value::Object(Default::default())),
            }
        } else {
            return Err(invalid(
                id,
                TESTS,
                format!("case {i} expects neither an endpoint nor an error"),
            ));
        };
        let mut operation_inputs = Vec::new();
        for input in case
            .get("operationInputs")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let name = input.get("operationName").and_then(Value::as_str).ok_or_else(|| {
                invalid(
                    id,
                    TESTS,
                    format!("case {i}: an operation input has no `operationName`"),
                )
            })?;
            operation_inputs.push(OperationInput {
                operation: model.find_operation(name)?.id.clone(),
                params: input
                    .get("operationParams")
                    .cloned()
                    .unwrap_or_else(|| Value::Object(Default::default())),
                built_in_params: object(input.get("builtInParams")),
                client_params: object(input.get("clientParams")),
            });
        }
        out.push(TestCase {
            documentation: case.get("documentation").and_then(Value::as_str).map(str::to_owned),
            params: object(case.get("params")),
            expect,
            operation_inputs,
        });
    }
    Ok(out)
}

/// What a crate embeds of AWS's partitions data: each partition's id, region
/// pattern, regions (with any overrides, without descriptions) and outputs,
/// as compact JSON.
pub fn embedded_partitions(text: &str) -> Result<String> {
    let bad = |message: String| CodegenError::Document {
        message: format!("the partitions data: {message}"),
    };
    let json: Value = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
    let list = json
        .get("partitions")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("no `partitions` list".to_owned()))?;
    let mut kept = Vec::with_capacity(list.len());
    for p in list {
        let field = |key: &str| {
            p.get(key)
                .cloned()
                .ok_or_else(|| bad(format!("a partition has no `{key}`")))
        };
        let regions: serde_json::Map<String, Value> = p
            .get("regions")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(name, overrides)| {
                let overrides: serde_json::Map<String, Value> = overrides
                    .as_object()
                    .into_iter()
                    .flatten()
                    .filter(|(k, _)| *k != "description")
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                (name.clone(), Value::Object(overrides))
            })
            .collect();
        kept.push(serde_json::json!({
            "id": field("id")?,
            "regionRegex": field("regionRegex")?,
            "regions": regions,
            "outputs": field("outputs")?,
        }));
    }
    Ok(serde_json::json!({ "partitions": kept }).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(name: &str) -> Step {
        Step::Member(name.to_owned())
    }

    #[test]
    fn input_paths_read_the_jmespath_subset() {
        assert_eq!(input_path("a.b"), Some(vec![member("a"), member("b")]));
        assert_eq!(input_path("a. b"), input_path("a.b"), "spaces before a segment");
        assert_eq!(
            input_path("list[*].x"),
            Some(vec![member("list"), Step::Each, member("x")])
        );
        assert_eq!(input_path("list[]"), Some(vec![member("list")]));
        assert_eq!(input_path("keys(m)"), Some(vec![member("m"), Step::Keys]));
        assert_eq!(
            input_path("o[a, b.c]"),
            Some(vec![
                member("o"),
                Step::Select(vec![vec![member("a")], vec![member("b"), member("c")]])
            ])
        );
        for bad in ["", "a..b", "a.", "[a", "a b", "a[b", ".a"] {
            assert_eq!(input_path(bad), None, "{bad:?}");
        }
    }
}
