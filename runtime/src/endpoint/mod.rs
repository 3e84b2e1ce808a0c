//! Endpoint resolution: a service's rule set (`smithy.rules#endpointRuleSet`)
//! turns parameters (region, FIPS and dual-stack flags, a custom endpoint,
//! the service's own) into the URL, headers and properties of an endpoint, or
//! into the rule set's error message.
//!
//! A generated crate embeds its rule set (and, when the rules call
//! `aws.partition`, the partitions data) and loads it once into a
//! [`RuleSet`]; its typed `endpoint::Params` and `endpoint::resolve` are
//! what users call. The rule set is interpreted, not compiled to Rust: one
//! small evaluator serves every service, and a crate carries its rules as
//! data rather than as thousands of lines of code (BENCHMARKS.md compares
//! the time with `aws-sdk-iot`'s generated resolver).
//!
//! ```
//! use smithy_codegen_runtime::endpoint::{RuleSet, Value};
//!
//! let rules = r#"{"version": "1.0",
//!   "parameters": {"Region": {"type": "string", "required": true}},
//!   "rules": [{"type": "endpoint", "conditions": [],
//!              "endpoint": {"url": "https://svc.{Region}.example.com"}}]}"#;
//! let rule_set = RuleSet::load(rules, None, &["Region"]).unwrap();
//! let endpoint = rule_set.resolve([Some(Value::from("eu-west-1"))]).unwrap();
//! assert_eq!(endpoint.url, "https://svc.eu-west-1.example.com");
//! ```

#[doc(hidden)]
pub mod check;
mod eval;
pub(crate) mod functions;
mod partitions;
mod rules;
mod value;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;

pub use partitions::Partitions;
pub use rules::{Parameter, ParameterKind};
pub use value::{Record, Value};

use crate::http::RequestError;

/// A rule set, compiled and ready to resolve endpoints.
#[derive(Debug)]
pub struct RuleSet {
    rules: rules::Compiled,
    partitions: Option<Partitions>,
    /// The parameter bound to the `AWS::Region` built-in, checked to be a host label.
    region: Option<usize>,
}

impl RuleSet {
    /// Compiles a rule set's JSON, with the partitions data `aws.partition`
    /// reads. `order` names every parameter, in the order [`RuleSet::resolve`]
    /// takes their values; a name missing from either side is an error.
    pub fn load(rules: &str, partitions: Option<&str>, order: &[&str]) -> Result<RuleSet, String> {
        let mut compiled = rules::compile(rules)?;
        let mut ordered = Vec::with_capacity(order.len());
        for name in order {
            let position = compiled
                .parameters
                .iter()
                .position(|p| p.name == *name)
                .ok_or_else(|| format!("the rule set has no parameter `{name}`"))?;
            ordered.push(position);
        }
        if let Some(missing) = compiled
            .parameters
            .iter()
            .enumerate()
            .find(|(i, _)| !ordered.contains(i))
        {
            return Err(format!("the parameter `{}` is not given a place", missing.1.name));
        }
        // Slots 0..n are the parameters: reorder them and renumber references.
        let mut slot_of = vec![0; compiled.parameters.len()];
        for (new, old) in ordered.iter().enumerate() {
            slot_of[*old] = new;
        }
        compiled.parameters = ordered.iter().map(|i| compiled.parameters[*i].clone()).collect();
        renumber(&mut compiled.rules, &slot_of);
        let partitions = partitions.map(Partitions::parse).transpose()?;
        let region = compiled
            .parameters
            .iter()
            .position(|p| p.built_in.as_deref() == Some("AWS::Region"));
        Ok(RuleSet {
            rules: compiled,
            partitions,
            region,
        })
    }

    /// The parameters, in the order [`RuleSet::resolve`] takes their values.
    pub fn parameters(&self) -> &[Parameter] {
        &self.rules.parameters
    }

    /// Resolves an endpoint from the parameters' values (`None`: not set), in
    /// the order of [`RuleSet::parameters`]. Defaults fill in unset values; an
    /// unset required parameter, or a value of the wrong type, is an error.
    pub fn resolve(&self, values: impl IntoIterator<Item = Option<Value>>) -> Result<Endpoint, ResolveError> {
        // One allocation for parameters and variables alike.
        let mut slots = Vec::with_capacity(self.rules.slots);
        slots.extend(values);
        self.resolve_in(&mut slots)
    }

    /// [`RuleSet::resolve`] with the parameters' values in `values`, which
    /// also holds the variables.
    fn resolve_in(&self, values: &mut Vec<Option<Value>>) -> Result<Endpoint, ResolveError> {
        let parameters = &self.rules.parameters;
        if values.len() != parameters.len() {
            return Err(ResolveError::Invalid(format!(
                "{} parameter values for {} parameters",
                values.len(),
                parameters.len()
            )));
        }
        // A region goes into host names: as the AWS SDKs do, refuse what is
        // not one (empty, a slash, a space) before the rules build a URL of it.
        if let Some(slot) = self.region {
            if let (Some(Some(Value::String(region))), Some(parameter)) = (values.get(slot), parameters.get(slot)) {
                if !functions::is_valid_host_label(region, true) {
                    return Err(ResolveError::InvalidParameter {
                        name: parameter.name.clone(),
                        message: format!("{region:?} is not a valid host label"),
                    });
                }
            }
        }
        for (value, parameter) in values.iter_mut().zip(parameters) {
            if value.is_none() {
                value.clone_from(&parameter.default);
            }
            match (&*value, parameter.kind) {
                (None, _) if parameter.required => return Err(ResolveError::MissingParameter(parameter.name.clone())),
                (None, _)
                | (Some(Value::String(_)), ParameterKind::String)
                | (Some(Value::Bool(_)), ParameterKind::Boolean) => {}
                (Some(Value::Array(items)), ParameterKind::StringArray)
                    if items.iter().all(|i| matches!(i, Value::String(_))) => {}
                (Some(_), _) => {
                    return Err(ResolveError::InvalidParameter {
                        name: parameter.name.clone(),
                        message: format!("must be a {:?}", parameter.kind),
                    })
                }
            }
        }
        eval::Evaluator {
            rules: &self.rules,
            partitions: self.partitions.as_ref(),
        }
        .run(values)
    }
}

fn renumber(rules: &mut [rules::Rule], slot_of: &[usize]) {
    use rules::{Expr, Outcome, Part, PropertyTemplate};
    fn expr(e: &mut Expr, slot_of: &[usize]) {
        match e {
            Expr::Ref(slot) => {
                if let Some(new) = slot_of.get(*slot) {
                    *slot = *new;
                }
            }
            Expr::GetAttr(target, _) => expr(target, slot_of),
            Expr::Call(_, args) => args.iter_mut().for_each(|a| expr(a, slot_of)),
            Expr::Template(parts) => parts.iter_mut().for_each(|p| {
                if let Part::Value(e) = p {
                    expr(e, slot_of);
                }
            }),
            Expr::Literal(_) => {}
        }
    }
    fn property(p: &mut PropertyTemplate, slot_of: &[usize]) {
        match p {
            PropertyTemplate::Value(e) => expr(e, slot_of),
            PropertyTemplate::Array(items) => items.iter_mut().for_each(|i| property(i, slot_of)),
            PropertyTemplate::Map(fields) => fields.iter_mut().for_each(|(_, v)| property(v, slot_of)),
        }
    }
    for rule in rules {
        rule.conditions.iter_mut().for_each(|c| expr(&mut c.expr, slot_of));
        match &mut rule.outcome {
            Outcome::Endpoint(t) => {
                expr(&mut t.url, slot_of);
                t.headers.iter_mut().flat_map(|(_, v)| v).for_each(|e| expr(e, slot_of));
                t.properties.iter_mut().for_each(|(_, p)| property(p, slot_of));
            }
            Outcome::Error(e) => expr(e, slot_of),
            Outcome::Tree(inner) => renumber(inner, slot_of),
        }
    }
}

/// The parameters a thread resolved last, with their endpoint: resolution
/// is a pure function of the parameters, and a client sends most requests
/// with the same ones, so the next call with equal parameters returns a
/// copy instead of walking the rules again. One per thread (a
/// `thread_local!` of the generated crate), so threads never wait on each
/// other. Errors are not kept.
#[derive(Debug)]
pub struct LastResolved<P>(RefCell<Option<(P, Endpoint)>>);

impl<P: PartialEq + Clone> LastResolved<P> {
    /// Nothing resolved yet.
    pub const fn new() -> Self {
        LastResolved(RefCell::new(None))
    }

    /// The endpoint of `params`: the kept one when `params` equal the last
    /// ones, otherwise `resolve()`'s, kept for next time.
    pub fn get_or_resolve(
        &self,
        params: &P,
        resolve: impl FnOnce() -> Result<Endpoint, ResolveError>,
    ) -> Result<Endpoint, ResolveError> {
        if let Ok(last) = self.0.try_borrow() {
            if let Some((_, endpoint)) = last.as_ref().filter(|(kept, _)| kept == params) {
                return Ok(endpoint.clone());
            }
        }
        let endpoint = resolve()?;
        if let Ok(mut last) = self.0.try_borrow_mut() {
            match last.as_mut() {
                // Into the buffers already there.
                Some((kept, kept_endpoint)) => {
                    kept.clone_from(params);
                    kept_endpoint.clone_from(&endpoint);
                }
                None => *last = Some((params.clone(), endpoint.clone())),
            }
        }
        Ok(endpoint)
    }
}

impl<P: PartialEq + Clone> Default for LastResolved<P> {
    fn default() -> Self {
        Self::new()
    }
}

/// A resolved endpoint.
#[derive(Debug, PartialEq)]
pub struct Endpoint {
    /// The URL requests go to.
    pub url: String,
    /// Headers every request to it carries, each with its values.
    pub headers: Vec<(String, Vec<String>)>,
    /// Properties such as `authSchemes` (the signing name and region).
    pub properties: BTreeMap<String, Property>,
}

impl Clone for Endpoint {
    fn clone(&self) -> Self {
        Endpoint {
            url: self.url.clone(),
            headers: self.headers.clone(),
            properties: self.properties.clone(),
        }
    }

    /// Reuses `self`'s buffers (the kept endpoint of [`LastResolved`]).
    fn clone_from(&mut self, source: &Self) {
        self.url.clone_from(&source.url);
        self.headers.clone_from(&source.headers);
        self.properties.clone_from(&source.properties);
    }
}

impl Endpoint {
    /// `request` sent to this endpoint: the URL's scheme, host and path
    /// prefix (after any host prefix the operation set), and its headers.
    pub fn apply<B>(&self, request: http::Request<B>) -> Result<http::Request<B>, RequestError> {
        let mut request = crate::http::with_endpoint(request, &self.url)?;
        for (name, values) in &self.headers {
            let header = http::HeaderName::from_bytes(name.as_bytes()).map_err(|e| RequestError::InvalidHeader {
                name: name.clone(),
                message: e.to_string(),
            })?;
            for value in values {
                let value = crate::http::header_value(name, value)?;
                request.headers_mut().append(header.clone(), value);
            }
        }
        Ok(request)
    }
}

/// An endpoint property value.
#[derive(Debug, Clone, PartialEq)]
pub enum Property {
    /// A string.
    String(String),
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A list.
    Array(Vec<Property>),
    /// A map.
    Map(BTreeMap<String, Property>),
}

impl Property {
    fn from_value(v: &Value) -> Property {
        match v {
            Value::String(s) => Property::String(s.clone()),
            Value::Bool(b) => Property::Bool(*b),
            Value::Int(i) => Property::Int(*i),
            Value::Array(items) => Property::Array(items.iter().map(Property::from_value).collect()),
            Value::Record(r) => Property::Map(r.0.iter().map(|(k, v)| (k.clone(), Property::from_value(v))).collect()),
        }
    }

    /// The property as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Property::String(s) => serde_json::Value::String(s.clone()),
            Property::Bool(b) => serde_json::Value::Bool(*b),
            Property::Int(i) => serde_json::Value::from(*i),
            Property::Array(items) => serde_json::Value::Array(items.iter().map(Property::to_json).collect()),
            Property::Map(fields) => {
                serde_json::Value::Object(fields.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
            }
        }
    }
}

/// Why no endpoint was resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResolveError {
    /// The rule set's own error message, such as `Invalid Configuration:
    /// FIPS and custom endpoint are not supported`.
    Rule(String),
    /// A required parameter has no value and no default.
    MissingParameter(String),
    /// A parameter's value cannot be used: a region that is not a host
    /// label, a value of the wrong type.
    InvalidParameter {
        /// The parameter's name in the rule set.
        name: String,
        /// What is wrong with the value.
        message: String,
    },
    /// No rule matched (the rule set should end in a rule that always does).
    Exhausted,
    /// The rule set or the parameters are not what the evaluator expects.
    Invalid(String),
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveError::Rule(message) => f.write_str(message),
            ResolveError::MissingParameter(name) => write!(f, "the endpoint parameter `{name}` is required"),
            ResolveError::InvalidParameter { name, message } => write!(f, "the endpoint parameter `{name}`: {message}"),
            ResolveError::Exhausted => f.write_str("no endpoint rule matched the parameters"),
            ResolveError::Invalid(why) => write!(f, "cannot resolve the endpoint: {why}"),
        }
    }
}

impl std::error::Error for ResolveError {}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = r#"{"parameters": {"Region": {"type": "string", "required": true}},
        "rules": [{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{Region}.example"}}]}"#;

    #[test]
    fn the_last_answer_is_kept_per_parameters() {
        let rules = RuleSet::load(RULES, None, &["Region"]).expect("the rules load");
        let last = LastResolved::new();
        let walks = std::cell::Cell::new(0);
        let resolve = |region: &str| {
            last.get_or_resolve(&region.to_owned(), || {
                walks.set(walks.get() + 1);
                rules.resolve([Some(Value::from(region))])
            })
        };
        assert_eq!(resolve("a").map(|e| e.url).as_deref(), Ok("https://a.example"));
        assert_eq!(resolve("a").map(|e| e.url).as_deref(), Ok("https://a.example"));
        assert_eq!(resolve("b").map(|e| e.url).as_deref(), Ok("https://b.example"));
        assert_eq!(
            walks.get(),
            2,
            "the second call with `a` is answered from the kept endpoint"
        );
        // The kept endpoint is replaced, not only the kept parameters.
        assert_eq!(resolve("b").map(|e| e.url).as_deref(), Ok("https://b.example"));
        assert_eq!(resolve("a").map(|e| e.url).as_deref(), Ok("https://a.example"));
        assert_eq!(resolve("a").map(|e| e.url).as_deref(), Ok("https://a.example"));
        assert_eq!(walks.get(), 3);
    }

    #[test]
    fn parameters_out_of_place_are_refused() {
        assert!(RuleSet::load(RULES, None, &["Other"]).is_err());
        assert!(RuleSet::load(RULES, None, &[]).is_err());
        let rules = RuleSet::load(RULES, None, &["Region"]).expect("the rules load");
        assert_eq!(
            rules.resolve([None]),
            Err(ResolveError::MissingParameter("Region".into()))
        );
        assert!(matches!(
            rules.resolve([Some(Value::Bool(true))]),
            Err(ResolveError::InvalidParameter { .. })
        ));
    }

    /// Parameters `A` (a string) and `B` (a string array); the URL shows both.
    const TWO: &str = r#"{"parameters": {"A": {"type": "string", "required": true},
                                             "B": {"type": "stringArray", "required": true}},
        "rules": [{"type": "endpoint", "conditions": [{"fn": "getAttr", "argv": [{"ref": "B"}, "[0]"], "assign": "b0"}],
                   "endpoint": {"url": "https://{A}.{b0}.example", "headers": {"x-a": ["{A}"]},
                                "properties": {"p": {"a": "{A}", "list": ["{b0}", true]}}}}]}"#;

    #[test]
    fn parameters_take_the_order_the_caller_names() {
        let rules = RuleSet::load(TWO, None, &["B", "A"]).expect("the rules load");
        let names: Vec<&str> = rules.parameters().iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["B", "A"]);
        let endpoint = rules
            .resolve([Some(Value::from(vec!["b".to_owned()])), Some(Value::from("a"))])
            .expect("an endpoint");
        assert_eq!(endpoint.url, "https://a.b.example");
        assert_eq!(endpoint.headers, [("x-a".to_owned(), vec!["a".to_owned()])]);
        assert_eq!(
            endpoint.properties["p"].to_json(),
            serde_json::json!({"a": "a", "list": ["b", true]})
        );
        // Negative indexes count from the end.
        let last = TWO.replace("[0]", "[-1]");
        let rules = RuleSet::load(&last, None, &["B", "A"]).expect("the rules load");
        let endpoint = rules
            .resolve([
                Some(Value::from(vec!["x".to_owned(), "y".to_owned()])),
                Some(Value::from("a")),
            ])
            .expect("an endpoint");
        assert_eq!(endpoint.url, "https://a.y.example");
        // A string array must hold strings only.
        assert!(matches!(
            rules.resolve([Some(Value::Array(vec![Value::Bool(true)])), Some(Value::from("a"))]),
            Err(ResolveError::InvalidParameter { .. })
        ));
    }

    /// The URL is the `Endpoint` parameter as given.
    const PASS_THROUGH: &str = r#"{"parameters": {"Endpoint": {"type": "string", "required": true}},
        "rules": [{"type": "endpoint", "conditions": [], "endpoint": {"url": {"ref": "Endpoint"}}}]}"#;

    #[test]
    fn a_url_needs_a_scheme_a_host_and_no_spaces() {
        let rules = RuleSet::load(PASS_THROUGH, None, &["Endpoint"]).expect("the rules load");
        let url = |u: &str| rules.resolve([Some(Value::from(u))]).map(|e| e.url);
        for good in ["https://example.com", "http://a:80/p", "custom+x.y-z://host"] {
            assert_eq!(url(good).as_deref(), Ok(good));
        }
        for bad in [
            "not a url",
            "example.com",
            "://host",
            "1http://host",
            "ht tp://host",
            "https://",
            "https:///path",
            "https://?q",
            "https://host/a b",
            "https://host\n",
            "https:/host",
        ] {
            assert!(
                matches!(url(bad), Err(ResolveError::Invalid(_))),
                "{bad:?}: {:?}",
                url(bad)
            );
        }
    }

    #[test]
    #[should_panic(expected = "the endpoint URL")]
    fn the_endpoint_check_notices_another_url() {
        let rules = RuleSet::load(RULES, None, &["Region"]).expect("the rules load");
        let endpoint = rules.resolve([Some(Value::from("a"))]).expect("an endpoint");
        check::endpoint(&endpoint, "https://b.example", &[], "{}");
    }

    #[test]
    #[should_panic(expected = "path")]
    fn the_sent_to_check_notices_another_path() {
        let endpoint = Endpoint {
            url: "https://host.example/base".into(),
            headers: Vec::new(),
            properties: BTreeMap::new(),
        };
        let request = http::Request::builder()
            .uri("https://host.example/other")
            .body(())
            .expect("a request");
        check::sent_to(&request, &endpoint);
    }
}
