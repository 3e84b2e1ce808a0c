//! A rule set's JSON (`smithy.rules#endpointRuleSet`) compiled once into a
//! tree the evaluator walks: parameters and assigned variables become slots,
//! templates are split into text and references, `getAttr` paths into steps,
//! function names into [`Function`]. Anything the evaluator could trip over
//! (an unknown function, a wrong argument count, a reference to nothing) is
//! refused here, with the place in the rule set where it is.

use std::collections::HashMap;

use serde_json::Value as Json;

use super::value::Value;

/// A parameter of the rule set.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// Its name in the rule set, such as `Region`.
    pub name: String,
    /// Its type.
    pub kind: ParameterKind,
    /// Whether a value must be there when rules are evaluated.
    pub required: bool,
    /// The value when none is given.
    pub default: Option<Value>,
    /// The built-in it is bound to, such as `AWS::Region`.
    pub built_in: Option<String>,
}

/// The three parameter types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterKind {
    /// `string`.
    String,
    /// `boolean`.
    Boolean,
    /// `stringArray`.
    StringArray,
}

/// The functions of the standard library and the AWS extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Function {
    IsSet,
    Not,
    BooleanEquals,
    StringEquals,
    Substring,
    ParseUrl,
    UriEncode,
    IsValidHostLabel,
    Split,
    Coalesce,
    Ite,
    Partition,
    ParseArn,
    IsVirtualHostableS3Bucket,
}

impl Function {
    /// The function named `name`, with its argument count (`None`: two or more).
    fn named(name: &str) -> Option<(Function, Option<usize>)> {
        Some(match name {
            "isSet" => (Function::IsSet, Some(1)),
            "not" => (Function::Not, Some(1)),
            "booleanEquals" => (Function::BooleanEquals, Some(2)),
            "stringEquals" => (Function::StringEquals, Some(2)),
            "substring" => (Function::Substring, Some(4)),
            "parseURL" => (Function::ParseUrl, Some(1)),
            "uriEncode" => (Function::UriEncode, Some(1)),
            "isValidHostLabel" => (Function::IsValidHostLabel, Some(2)),
            "split" => (Function::Split, Some(3)),
            "coalesce" => (Function::Coalesce, None),
            "ite" => (Function::Ite, Some(3)),
            "aws.partition" => (Function::Partition, Some(1)),
            "aws.parseArn" => (Function::ParseArn, Some(1)),
            "aws.isVirtualHostableS3Bucket" => (Function::IsVirtualHostableS3Bucket, Some(2)),
            _ => return None,
        })
    }
}

/// An expression: a literal, a template, a reference, `getAttr` or a call.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    Literal(Value),
    Template(Vec<Part>),
    Ref(usize),
    GetAttr(Box<Expr>, Vec<Step>),
    Call(Function, Vec<Expr>),
}

/// A piece of a template.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Part {
    Text(String),
    Value(Expr),
}

/// One step of a `getAttr` path.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Step {
    Key(String),
    Index(i64),
}

/// A condition, and the slot its value goes to when it assigns one.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Condition {
    pub expr: Expr,
    pub assign: Option<usize>,
}

/// A rule: conditions, then what it leads to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rule {
    pub conditions: Vec<Condition>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Outcome {
    Endpoint(EndpointTemplate),
    Error(Expr),
    Tree(Vec<Rule>),
}

/// An endpoint rule's result, before its templates are filled in.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EndpointTemplate {
    pub url: Expr,
    pub headers: Vec<(String, Vec<Expr>)>,
    pub properties: Vec<(String, PropertyTemplate)>,
}

/// An endpoint property: strings are templates, maps and arrays nest.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PropertyTemplate {
    Value(Expr),
    Array(Vec<PropertyTemplate>),
    Map(Vec<(String, PropertyTemplate)>),
}

/// A compiled rule set: parameters (slots `0..parameters.len()`), then the
/// rules; `slots` counts parameters and assigned variables together.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Compiled {
    pub parameters: Vec<Parameter>,
    pub rules: Vec<Rule>,
    pub slots: usize,
}

/// Compiles a rule set's JSON.
pub(crate) fn compile(text: &str) -> Result<Compiled, String> {
    let json: Json = serde_json::from_str(text).map_err(|e| format!("the rule set is not JSON: {e}"))?;
    let params = json
        .get("parameters")
        .and_then(Json::as_object)
        .ok_or("the rule set has no `parameters` object")?;
    let mut parameters = Vec::with_capacity(params.len());
    for (name, p) in params {
        parameters.push(parameter(name, p)?);
    }
    let mut scope = Scope {
        names: parameters
            .iter()
            .enumerate()
            .map(|(i, p)| (p.name.clone(), i))
            .collect(),
        next: parameters.len(),
    };
    let rules = json
        .get("rules")
        .and_then(Json::as_array)
        .ok_or("the rule set has no `rules` list")?;
    let rules = rule_list(rules, &mut scope, "rules")?;
    Ok(Compiled {
        parameters,
        rules,
        slots: scope.next,
    })
}

fn parameter(name: &str, p: &Json) -> Result<Parameter, String> {
    let at = |why: &str| format!("parameter `{name}`: {why}");
    let kind = match p
        .get("type")
        .and_then(Json::as_str)
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("string") => ParameterKind::String,
        Some("boolean") => ParameterKind::Boolean,
        Some("stringarray") => ParameterKind::StringArray,
        other => return Err(at(&format!("unknown type {other:?}"))),
    };
    let default = match p.get("default") {
        None | Some(Json::Null) => None,
        Some(d) => {
            let value = Value::from_json(d).ok_or_else(|| at("the default is not a string, boolean or list"))?;
            let fits = matches!(
                (&value, kind),
                (Value::String(_), ParameterKind::String)
                    | (Value::Bool(_), ParameterKind::Boolean)
                    | (Value::Array(_), ParameterKind::StringArray)
            );
            if !fits {
                return Err(at("the default does not have the parameter's type"));
            }
            Some(value)
        }
    };
    Ok(Parameter {
        name: name.to_owned(),
        kind,
        required: p.get("required").and_then(Json::as_bool).unwrap_or(false),
        default,
        built_in: p.get("builtIn").and_then(Json::as_str).map(str::to_owned),
    })
}

/// Names in scope and the next free slot. A rule's variables leave scope with
/// the rule, but keep their slots: slots are never reused, so a stale value
/// can only sit in a slot nothing in scope names.
struct Scope {
    names: HashMap<String, usize>,
    next: usize,
}

fn rule_list(rules: &[Json], scope: &mut Scope, at: &str) -> Result<Vec<Rule>, String> {
    rules
        .iter()
        .enumerate()
        .map(|(i, r)| rule(r, scope, &format!("{at}[{i}]")))
        .collect()
}

fn rule(r: &Json, scope: &mut Scope, at: &str) -> Result<Rule, String> {
    let saved = scope.names.clone();
    let mut conditions = Vec::new();
    for (i, c) in r
        .get("conditions")
        .and_then(Json::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let here = format!("{at}.conditions[{i}]");
        let expr = expression(c, scope, &here)?;
        let assign = match c.get("assign").and_then(Json::as_str) {
            None => None,
            Some(name) => {
                if scope.names.contains_key(name) {
                    return Err(format!("{here}: `{name}` is already defined"));
                }
                let slot = scope.next;
                scope.next += 1;
                scope.names.insert(name.to_owned(), slot);
                Some(slot)
            }
        };
        conditions.push(Condition { expr, assign });
    }
    let outcome = match r.get("type").and_then(Json::as_str) {
        Some("endpoint") => {
            let e = r.get("endpoint").ok_or_else(|| format!("{at}: no `endpoint`"))?;
            Outcome::Endpoint(endpoint(e, scope, &format!("{at}.endpoint"))?)
        }
        Some("error") => {
            let e = r.get("error").ok_or_else(|| format!("{at}: no `error`"))?;
            Outcome::Error(expression(e, scope, &format!("{at}.error"))?)
        }
        Some("tree") => {
            let rules = r
                .get("rules")
                .and_then(Json::as_array)
                .ok_or_else(|| format!("{at}: a tree rule needs `rules`"))?;
            Outcome::Tree(rule_list(rules, scope, &format!("{at}.rules"))?)
        }
        other => return Err(format!("{at}: unknown rule type {other:?}")),
    };
    scope.names = saved;
    Ok(Rule { conditions, outcome })
}

fn endpoint(e: &Json, scope: &Scope, at: &str) -> Result<EndpointTemplate, String> {
    let url = expression(
        e.get("url").ok_or_else(|| format!("{at}: no `url`"))?,
        scope,
        &format!("{at}.url"),
    )?;
    let mut headers = Vec::new();
    if let Some(map) = e.get("headers").and_then(Json::as_object) {
        for (name, values) in map {
            let values = values
                .as_array()
                .ok_or_else(|| format!("{at}.headers.{name}: must be a list"))?
                .iter()
                .map(|v| expression(v, scope, &format!("{at}.headers.{name}")))
                .collect::<Result<_, _>>()?;
            headers.push((name.clone(), values));
        }
    }
    let mut properties = Vec::new();
    if let Some(map) = e.get("properties").and_then(Json::as_object) {
        for (name, value) in map {
            properties.push((
                name.clone(),
                property(value, scope, &format!("{at}.properties.{name}"))?,
            ));
        }
    }
    Ok(EndpointTemplate {
        url,
        headers,
        properties,
    })
}

fn property(value: &Json, scope: &Scope, at: &str) -> Result<PropertyTemplate, String> {
    Ok(match value {
        Json::Array(items) => PropertyTemplate::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| property(v, scope, &format!("{at}[{i}]")))
                .collect::<Result<_, _>>()?,
        ),
        Json::Object(map) => PropertyTemplate::Map(
            map.iter()
                .map(|(k, v)| Ok((k.clone(), property(v, scope, &format!("{at}.{k}"))?)))
                .collect::<Result<_, String>>()?,
        ),
        other => PropertyTemplate::Value(expression(other, scope, at)?),
    })
}

fn expression(e: &Json, scope: &Scope, at: &str) -> Result<Expr, String> {
    match e {
        Json::String(s) => template(s, scope, at),
        Json::Bool(b) => Ok(Expr::Literal(Value::Bool(*b))),
        Json::Number(n) => n
            .as_i64()
            .map(|n| Expr::Literal(Value::Int(n)))
            .ok_or_else(|| format!("{at}: {n} is not an integer")),
        Json::Array(items) => {
            let items = items
                .iter()
                .map(|i| match expression(i, scope, at)? {
                    Expr::Literal(v) => Ok(v),
                    _ => Err(format!("{at}: a list literal holds only literals")),
                })
                .collect::<Result<_, String>>()?;
            Ok(Expr::Literal(Value::Array(items)))
        }
        Json::Object(map) => {
            if let Some(name) = map.get("ref") {
                let name = name.as_str().ok_or_else(|| format!("{at}: `ref` must be a string"))?;
                return reference(name, scope, at);
            }
            let name = map
                .get("fn")
                .and_then(Json::as_str)
                .ok_or_else(|| format!("{at}: expected a `ref` or an `fn` object"))?;
            let argv = map
                .get("argv")
                .and_then(Json::as_array)
                .ok_or_else(|| format!("{at}: `{name}` has no `argv` list"))?;
            if name == "getAttr" {
                let [target, path] = argv.as_slice() else {
                    return Err(format!("{at}: `getAttr` takes 2 arguments, not {}", argv.len()));
                };
                let path = path
                    .as_str()
                    .ok_or_else(|| format!("{at}: the path of `getAttr` must be a string"))?;
                return Ok(Expr::GetAttr(
                    Box::new(expression(target, scope, at)?),
                    attr_path(path).map_err(|why| format!("{at}: {why}"))?,
                ));
            }
            let (function, arity) =
                Function::named(name).ok_or_else(|| format!("{at}: `{name}` is not a function this runtime knows"))?;
            match arity {
                Some(n) if n != argv.len() => {
                    return Err(format!("{at}: `{name}` takes {n} arguments, not {}", argv.len()))
                }
                None if argv.len() < 2 => return Err(format!("{at}: `{name}` takes two or more arguments")),
                _ => {}
            }
            let args = argv
                .iter()
                .enumerate()
                .map(|(i, a)| expression(a, scope, &format!("{at}.argv[{i}]")))
                .collect::<Result<_, _>>()?;
            Ok(Expr::Call(function, args))
        }
        Json::Null => Err(format!("{at}: null is not an expression")),
    }
}

fn reference(name: &str, scope: &Scope, at: &str) -> Result<Expr, String> {
    scope
        .names
        .get(name)
        .map(|slot| Expr::Ref(*slot))
        .ok_or_else(|| format!("{at}: `{name}` is not a parameter or a variable in scope"))
}

/// A template string: `{name}` and `{name#path}` are filled in, `{{` and `}}`
/// are braces. A template with nothing to fill in is a plain literal.
fn template(s: &str, scope: &Scope, at: &str) -> Result<Expr, String> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' if chars.peek().is_some_and(|(_, n)| *n == '{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek().is_some_and(|(_, n)| *n == '}') => {
                chars.next();
                text.push('}');
            }
            '{' => {
                let rest = &s[i + 1..];
                let end = rest
                    .find('}')
                    .ok_or_else(|| format!("{at}: the template `{s}` has an unclosed `{{`"))?;
                let inner = &rest[..end];
                for _ in 0..inner.chars().count() + 1 {
                    chars.next();
                }
                if !text.is_empty() {
                    parts.push(Part::Text(std::mem::take(&mut text)));
                }
                let expr = match inner.split_once('#') {
                    Some((name, path)) => Expr::GetAttr(
                        Box::new(reference(name, scope, at)?),
                        attr_path(path).map_err(|why| format!("{at}: {why}"))?,
                    ),
                    None => reference(inner, scope, at)?,
                };
                parts.push(Part::Value(expr));
            }
            c => text.push(c),
        }
    }
    if parts.is_empty() {
        return Ok(Expr::Literal(Value::String(text)));
    }
    if !text.is_empty() {
        parts.push(Part::Text(text));
    }
    Ok(Expr::Template(parts))
}

/// `a.b[2]`, `list[-1]`: keys separated by dots, an index in brackets.
fn attr_path(path: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        match part.split_once('[') {
            Some((key, index)) => {
                if !key.is_empty() {
                    steps.push(Step::Key(key.to_owned()));
                }
                let index = index
                    .strip_suffix(']')
                    .and_then(|i| i.parse::<i64>().ok())
                    .ok_or_else(|| format!("the path `{path}` has a bad index"))?;
                steps.push(Step::Index(index));
            }
            None if part.is_empty() => return Err(format!("the path `{path}` has an empty key")),
            None => steps.push(Step::Key(part.to_owned())),
        }
    }
    Ok(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules_with(condition: &str, url: &str) -> String {
        format!(
            r#"{{"parameters": {{"P": {{"type": "string"}}}},
               "rules": [{{"type": "endpoint", "conditions": [{condition}], "endpoint": {{"url": {url}}}}}]}}"#
        )
    }

    #[test]
    fn argument_counts_are_checked_when_the_rules_load() {
        let wrong = rules_with(
            r#"{"fn": "isSet", "argv": [{"ref": "P"}, {"ref": "P"}]}"#,
            r#""https://x""#,
        );
        let error = compile(&wrong).expect_err("isSet takes one argument");
        assert!(error.contains("takes 1 arguments, not 2"), "{error}");
        let lonely = rules_with(r#"{"fn": "coalesce", "argv": [{"ref": "P"}]}"#, r#""https://x""#);
        let error = compile(&lonely).expect_err("coalesce takes two or more");
        assert!(error.contains("two or more"), "{error}");
        let two = rules_with(r#"{"fn": "coalesce", "argv": [{"ref": "P"}, "d"]}"#, r#""https://x""#);
        assert!(compile(&two).is_ok());
        let unknown = rules_with(r#"{"fn": "aws.nothing", "argv": []}"#, r#""https://x""#);
        assert!(compile(&unknown).expect_err("unknown").contains("aws.nothing"));
    }

    #[test]
    fn every_named_function_is_known() {
        for name in [
            "isSet",
            "not",
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
        ] {
            assert!(Function::named(name).is_some(), "{name}");
        }
    }

    #[test]
    fn templates_keep_doubled_braces_as_braces() {
        let Expr::Template(parts) = template("a{{b}}{P}c}}", &scope(), "here").expect("a template") else {
            panic!("a template with a reference")
        };
        assert_eq!(parts[0], Part::Text("a{b}".into()));
        assert_eq!(parts[1], Part::Value(Expr::Ref(0)));
        assert_eq!(parts[2], Part::Text("c}".into()));
        assert_eq!(
            template("{{x}}", &scope(), "here"),
            Ok(Expr::Literal(Value::String("{x}".into())))
        );
        assert!(template("{P", &scope(), "here").is_err());
        // A lone closing brace is text, and so is what follows it.
        assert_eq!(
            template("a}b", &scope(), "here"),
            Ok(Expr::Literal(Value::String("a}b".into())))
        );
    }

    #[test]
    fn attribute_paths_split_keys_and_indexes() {
        assert_eq!(
            attr_path("a.b[2]"),
            Ok(vec![Step::Key("a".into()), Step::Key("b".into()), Step::Index(2)])
        );
        assert_eq!(attr_path("[-1]"), Ok(vec![Step::Index(-1)]));
        assert!(attr_path("a..b").is_err());
        assert!(attr_path("a[x]").is_err());
    }

    #[test]
    fn list_literals_hold_only_literals() {
        let list = rules_with(
            r#"{"fn": "coalesce", "argv": [{"ref": "P"}, "x"], "assign": "v"}"#,
            r#""https://x""#,
        );
        assert!(compile(&list).is_ok());
        let literal = expression(&serde_json::json!(["a", true]), &scope(), "here");
        assert_eq!(
            literal,
            Ok(Expr::Literal(Value::Array(vec![Value::from("a"), Value::Bool(true)])))
        );
        assert!(expression(&serde_json::json!([{"ref": "P"}]), &scope(), "here").is_err());
    }

    fn scope() -> Scope {
        Scope {
            names: [("P".to_owned(), 0)].into_iter().collect(),
            next: 1,
        }
    }
}
