//! Walks a compiled rule set: rules in order, conditions left to right, the
//! first endpoint or error rule whose conditions all hold is the answer.
//! References and `getAttr` lend values rather than copy them, so a lookup
//! such as `{PartitionResult#dnsSuffix}` writes straight into the URL.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::functions;
use super::rules::{Compiled, EndpointTemplate, Expr, Function, Outcome, Part, PropertyTemplate, Rule, Step};
use super::value::Value;
use super::{Endpoint, Partitions, Property, ResolveError};

/// What a list of rules came to.
enum Flow {
    /// No rule matched: the caller goes on.
    Next,
    /// A rule matched: its endpoint or error.
    Done(Result<Endpoint, ResolveError>),
}

pub(crate) struct Evaluator<'r> {
    pub rules: &'r Compiled,
    pub partitions: Option<&'r Partitions>,
}

impl Evaluator<'_> {
    /// Resolves with `vars` holding the parameters' values, defaults already applied.
    pub fn run(&self, vars: &mut Vec<Option<Value>>) -> Result<Endpoint, ResolveError> {
        vars.resize(self.rules.slots, None);
        match self.rules_in(&self.rules.rules, vars) {
            Flow::Done(result) => result,
            Flow::Next => Err(ResolveError::Exhausted),
        }
    }

    fn rules_in(&self, rules: &[Rule], vars: &mut Vec<Option<Value>>) -> Flow {
        for rule in rules {
            if !self.conditions_hold(rule, vars) {
                continue;
            }
            return match &rule.outcome {
                Outcome::Endpoint(template) => Flow::Done(self.endpoint(template, vars)),
                Outcome::Error(message) => Flow::Done(Err(match string(self.eval(message, vars)) {
                    Some(message) => ResolveError::Rule(message),
                    None => ResolveError::Invalid("an error rule's message is not a string".into()),
                })),
                Outcome::Tree(inner) => match self.rules_in(inner, vars) {
                    Flow::Next => Flow::Done(Err(ResolveError::Exhausted)),
                    done => done,
                },
            };
        }
        Flow::Next
    }

    fn conditions_hold(&self, rule: &Rule, vars: &mut [Option<Value>]) -> bool {
        for condition in &rule.conditions {
            if condition.assign.is_none() {
                if !self.holds(&condition.expr, vars) {
                    return false;
                }
                continue;
            }
            let value = match self.eval(&condition.expr, vars) {
                None | Some(Cow::Borrowed(Value::Bool(false))) | Some(Cow::Owned(Value::Bool(false))) => return false,
                Some(value) => value,
            };
            if let Some(slot) = condition.assign {
                let value = value.into_owned();
                if let Some(place) = vars.get_mut(slot) {
                    *place = Some(value);
                }
            }
        }
        true
    }

    fn endpoint(&self, template: &EndpointTemplate, vars: &[Option<Value>]) -> Result<Endpoint, ResolveError> {
        let Some(url) = string(self.eval(&template.url, vars)) else {
            return Err(ResolveError::Invalid("an endpoint's URL is not a string".into()));
        };
        if !looks_like_url(&url) {
            return Err(ResolveError::Invalid(format!(
                "the endpoint `{url}` is not a URL (a scheme, `://` and a host, no spaces)"
            )));
        }
        let mut headers = Vec::with_capacity(template.headers.len());
        for (name, values) in &template.headers {
            let mut filled = Vec::with_capacity(values.len());
            for value in values {
                match self.eval(value, vars).as_deref() {
                    Some(Value::String(s)) => filled.push(s.clone()),
                    _ => {
                        return Err(ResolveError::Invalid(format!(
                            "header `{name}`: a value is not a string"
                        )))
                    }
                }
            }
            headers.push((name.clone(), filled));
        }
        let mut properties = BTreeMap::new();
        for (name, value) in &template.properties {
            properties.insert(name.clone(), self.property(value, vars, name)?);
        }
        Ok(Endpoint {
            url,
            headers,
            properties,
        })
    }

    fn property(&self, p: &PropertyTemplate, vars: &[Option<Value>], name: &str) -> Result<Property, ResolveError> {
        Ok(match p {
            PropertyTemplate::Value(e) => match self.eval(e, vars) {
                Some(v) => Property::from_value(&v),
                None => {
                    return Err(ResolveError::Invalid(format!(
                        "property `{name}` refers to an unset value"
                    )))
                }
            },
            PropertyTemplate::Array(items) => Property::Array(
                items
                    .iter()
                    .map(|i| self.property(i, vars, name))
                    .collect::<Result<_, _>>()?,
            ),
            PropertyTemplate::Map(fields) => Property::Map(
                fields
                    .iter()
                    .map(|(k, v)| Ok((k.clone(), self.property(v, vars, name)?)))
                    .collect::<Result<_, ResolveError>>()?,
            ),
        })
    }

    /// Whether a condition that assigns nothing holds. The comparisons rule
    /// sets are made of (`isSet`, `booleanEquals` and `stringEquals` of
    /// parameters, variables, their attributes and literals) are decided on
    /// lent values, without building one; anything else goes through [`Self::eval`].
    fn holds(&self, e: &Expr, vars: &[Option<Value>]) -> bool {
        let general = || !matches!(self.eval(e, vars).as_deref(), None | Some(Value::Bool(false)));
        let Expr::Call(function, args) = e else {
            return general();
        };
        match (function, args.as_slice()) {
            (Function::IsSet, [arg]) => match lend(arg, vars) {
                Lent::Value(_) => true,
                Lent::Unset => false,
                Lent::Computed => general(),
            },
            (Function::BooleanEquals | Function::StringEquals, [a, b]) => match (lend(a, vars), lend(b, vars)) {
                (Lent::Value(a), Lent::Value(b)) => match (function, a, b) {
                    (Function::BooleanEquals, Value::Bool(a), Value::Bool(b)) => a == b,
                    (Function::StringEquals, Value::String(a), Value::String(b)) => a == b,
                    _ => false,
                },
                (Lent::Unset, _) | (_, Lent::Unset) => false,
                _ => general(),
            },
            _ => general(),
        }
    }

    /// The value of `e`, lent where it already exists; `None` is the rules
    /// engine's empty optional.
    fn eval<'a>(&self, e: &'a Expr, vars: &'a [Option<Value>]) -> Option<Cow<'a, Value>> {
        match e {
            Expr::Literal(v) => Some(Cow::Borrowed(v)),
            Expr::Ref(slot) => vars.get(*slot)?.as_ref().map(Cow::Borrowed),
            Expr::GetAttr(target, path) => match self.eval(target, vars)? {
                Cow::Borrowed(v) => walk(v, path).map(Cow::Borrowed),
                Cow::Owned(v) => walk(&v, path).cloned().map(Cow::Owned),
            },
            Expr::Template(parts) => {
                // Room for the text and a few filled-in values, so that most
                // templates (a host name) never grow.
                let mut out = String::with_capacity(64);
                for part in parts {
                    match part {
                        Part::Text(t) => out.push_str(t),
                        Part::Value(e) => match lend(e, vars) {
                            Lent::Value(v) => v.write_to(&mut out),
                            Lent::Unset => return None,
                            Lent::Computed => self.eval(e, vars)?.write_to(&mut out),
                        },
                    }
                }
                Some(Cow::Owned(Value::String(out)))
            }
            Expr::Call(f, args) => self.call(*f, args, vars).map(Cow::Owned),
        }
    }

    fn call(&self, f: Function, args: &[Expr], vars: &[Option<Value>]) -> Option<Value> {
        let arg = |i: usize| args.get(i).and_then(|a| self.eval(a, vars));
        let string = |i: usize| match arg(i)? {
            Cow::Borrowed(Value::String(s)) => Some(Cow::Borrowed(s.as_str())),
            Cow::Owned(Value::String(s)) => Some(Cow::Owned(s)),
            _ => None,
        };
        let boolean = |i: usize| arg(i)?.as_bool();
        let int = |i: usize| match arg(i)?.as_ref() {
            Value::Int(n) => Some(*n),
            _ => None,
        };
        Some(match f {
            Function::IsSet => Value::Bool(arg(0).is_some()),
            Function::Not => Value::Bool(!boolean(0)?),
            Function::BooleanEquals => Value::Bool(boolean(0)? == boolean(1)?),
            Function::StringEquals => Value::Bool(string(0)? == string(1)?),
            Function::Substring => Value::String(functions::substring(&string(0)?, int(1)?, int(2)?, boolean(3)?)?),
            Function::ParseUrl => functions::parse_url(&string(0)?)?,
            Function::UriEncode => Value::String(functions::uri_encode(&string(0)?)),
            Function::IsValidHostLabel => Value::Bool(functions::is_valid_host_label(&string(0)?, boolean(1)?)),
            Function::Split => Value::from(functions::split(&string(0)?, &string(1)?, int(2)?)?),
            Function::Coalesce => return (0..args.len()).find_map(arg).map(Cow::into_owned),
            Function::Ite => {
                return if boolean(0)? {
                    arg(1).map(Cow::into_owned)
                } else {
                    arg(2).map(Cow::into_owned)
                }
            }
            Function::Partition => self.partitions?.lookup(&string(0)?)?,
            Function::ParseArn => functions::parse_arn(&string(0)?)?,
            Function::IsVirtualHostableS3Bucket => {
                Value::Bool(functions::is_virtual_hostable_s3_bucket(&string(0)?, boolean(1)?))
            }
        })
    }
}

/// A scheme, `://` and a host, and nothing a URI cannot hold raw (spaces,
/// control characters): a custom endpoint the rules pass through unchecked
/// is refused here rather than when a request is sent.
fn looks_like_url(url: &str) -> bool {
    // One pass over the bytes: this runs on every resolution.
    let bytes = url.as_bytes();
    let Some(colon) = bytes.iter().position(|b| *b == b':') else {
        return false;
    };
    let (scheme, rest) = bytes.split_at(colon);
    let scheme_ok = scheme.first().is_some_and(u8::is_ascii_alphabetic)
        && scheme
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    let Some(after) = rest.strip_prefix(b"://") else {
        return false;
    };
    let host_ok = after.first().is_some_and(|b| !matches!(b, b'/' | b'?' | b'#'));
    scheme_ok && host_ok && !after.iter().any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
}

/// A value an expression names without computing it.
enum Lent<'a> {
    /// A literal, a parameter or variable, or an attribute of one.
    Value(&'a Value),
    /// A parameter or variable that is not set, or an attribute that is not there.
    Unset,
    /// The expression computes its value (a call or a template).
    Computed,
}

fn lend<'a>(e: &'a Expr, vars: &'a [Option<Value>]) -> Lent<'a> {
    let found = |v: Option<&'a Value>| v.map_or(Lent::Unset, Lent::Value);
    match e {
        Expr::Literal(v) => Lent::Value(v),
        Expr::Ref(slot) => found(vars.get(*slot).and_then(Option::as_ref)),
        Expr::GetAttr(target, path) => match lend(target, vars) {
            Lent::Value(v) => found(walk(v, path)),
            other => other,
        },
        Expr::Template(_) | Expr::Call(..) => Lent::Computed,
    }
}

/// The string `value` holds, taken if owned, copied if lent.
fn string(value: Option<Cow<'_, Value>>) -> Option<String> {
    match value? {
        Cow::Owned(Value::String(s)) => Some(s),
        Cow::Borrowed(Value::String(s)) => Some(s.clone()),
        _ => None,
    }
}

/// `getAttr`: keys into records, indexes (negative from the end) into arrays.
fn walk<'v>(mut value: &'v Value, path: &[Step]) -> Option<&'v Value> {
    for step in path {
        value = match (value, step) {
            (Value::Record(r), Step::Key(k)) => r.get(k)?,
            (Value::Array(items), Step::Index(i)) => {
                let i = if *i < 0 {
                    items.len().checked_sub(usize::try_from(i.unsigned_abs()).ok()?)?
                } else {
                    usize::try_from(*i).ok()?
                };
                items.get(i)?
            }
            _ => return None,
        };
    }
    Some(value)
}
