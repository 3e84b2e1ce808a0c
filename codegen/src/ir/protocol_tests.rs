//! Smithy's protocol compliance cases (`smithy.test#httpRequestTests` and
//! `#httpResponseTests`) read off a model: the cases of one protocol for the
//! operations being generated and the errors they bind, on each side. A case
//! without `appliesTo` is on both sides. `@httpMalformedRequestTests` are a
//! service's, one case per set of `testParameters`.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{Model, ShapeId, ShapeKind};
use crate::error::{CodegenError, Result};

const REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
const RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";
const MALFORMED_TESTS: &str = "smithy.test#httpMalformedRequestTests";

/// One `@httpRequestTests` case: input params -> the expected request.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestCase {
    pub id: String,
    pub documentation: Option<String>,
    pub operation: ShapeId,
    pub method: String,
    pub uri: String,
    pub host: Option<String>,
    pub resolved_host: Option<String>,
    pub query_params: Vec<String>,
    pub forbid_query_params: Vec<String>,
    pub require_query_params: Vec<String>,
    pub headers: BTreeMap<String, String>,
    pub forbid_headers: Vec<String>,
    pub require_headers: Vec<String>,
    pub body: Option<String>,
    pub body_media_type: Option<String>,
    pub params: Value,
}

/// One `@httpResponseTests` case: a response -> the expected output or error.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseCase {
    pub id: String,
    pub documentation: Option<String>,
    /// The operation whose `response` reads it.
    pub operation: ShapeId,
    /// Set for cases on an error shape: the error the response must become.
    pub error: Option<ShapeId>,
    pub code: u16,
    pub headers: BTreeMap<String, String>,
    pub body: Option<String>,
    pub body_media_type: Option<String>,
    pub params: Value,
}

/// One `@httpMalformedRequestTests` case, its parameters substituted: a
/// request a service must refuse, and the status and headers it answers.
#[derive(Debug, Clone, PartialEq)]
pub struct MalformedCase {
    /// The case's `id`, with `_1`, `_2`, ... for each set of `testParameters`.
    pub id: String,
    pub documentation: Option<String>,
    pub operation: ShapeId,
    pub method: String,
    pub uri: String,
    pub query_params: Vec<String>,
    pub headers: BTreeMap<String, String>,
    pub body: Option<String>,
    pub code: u16,
    pub response_headers: BTreeMap<String, String>,
}

/// The cases of one protocol: the client's, and the server's (a server
/// request case parses the request into the input; a server response case
/// writes the response from the output or error).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProtocolTests {
    pub requests: Vec<RequestCase>,
    pub responses: Vec<ResponseCase>,
    pub server_requests: Vec<RequestCase>,
    pub server_responses: Vec<ResponseCase>,
    pub malformed: Vec<MalformedCase>,
}

/// The cases of `protocol` (a trait id such as `aws.protocols#restJson1`) on
/// `operations` and on the errors they bind (each error's cases run against the
/// first operation, in id order, that binds it).
pub fn collect(model: &Model, operations: &[ShapeId], protocol: &str) -> Result<ProtocolTests> {
    let mut tests = ProtocolTests::default();
    let mut error_owner: BTreeMap<ShapeId, ShapeId> = BTreeMap::new();
    let mut sorted: Vec<&ShapeId> = operations.iter().collect();
    sorted.sort();
    let services = model.operation_services();
    for op_id in sorted {
        let shape = model.get(op_id)?;
        let ShapeKind::Operation(op) = &shape.kind else {
            continue;
        };
        let service_errors = services
            .get(op_id)
            .and_then(|s| match &s.kind {
                ShapeKind::Service(s) => Some(s.errors.clone()),
                _ => None,
            })
            .unwrap_or_default();
        for error in op.errors.iter().chain(&service_errors) {
            error_owner.entry(error.clone()).or_insert_with(|| op_id.clone());
        }
        for case in cases(shape.traits.0.get(REQUEST_TESTS), op_id, REQUEST_TESTS)? {
            if applies(case, protocol, "client") {
                tests.requests.push(request_case(case, op_id)?);
            }
            if applies(case, protocol, "server") {
                tests.server_requests.push(request_case(case, op_id)?);
            }
        }
        for case in cases(shape.traits.0.get(MALFORMED_TESTS), op_id, MALFORMED_TESTS)? {
            if case["protocol"] == protocol {
                tests.malformed.extend(malformed_cases(case, op_id)?);
            }
        }
        for case in cases(shape.traits.0.get(RESPONSE_TESTS), op_id, RESPONSE_TESTS)? {
            if applies(case, protocol, "client") {
                tests.responses.push(response_case(case, op_id, None)?);
            }
            if applies(case, protocol, "server") {
                tests.server_responses.push(response_case(case, op_id, None)?);
            }
        }
    }
    for (error, op_id) in &error_owner {
        let shape = model.get(error)?;
        for case in cases(shape.traits.0.get(RESPONSE_TESTS), error, RESPONSE_TESTS)? {
            if applies(case, protocol, "client") {
                tests.responses.push(response_case(case, op_id, Some(error.clone()))?);
            }
            if applies(case, protocol, "server") {
                tests
                    .server_responses
                    .push(response_case(case, op_id, Some(error.clone()))?);
            }
        }
    }
    Ok(tests)
}

fn invalid(id: &ShapeId, trait_id: &str, message: impl Into<String>) -> CodegenError {
    CodegenError::InvalidTrait {
        id: id.to_string(),
        trait_id: trait_id.to_owned(),
        message: message.into(),
    }
}

fn cases<'a>(value: Option<&'a Value>, id: &ShapeId, trait_id: &str) -> Result<Vec<&'a Value>> {
    match value {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => Ok(items.iter().collect()),
        Some(_) => Err(invalid(id, trait_id, "must be a list of test cases")),
    }
}

/// Cases of the protocol on `side` (`client` or `server`): `appliesTo`
/// absent or that side.
fn applies(case: &Value, protocol: &str, side: &str) -> bool {
    case["protocol"] == protocol && case.get("appliesTo").is_none_or(|a| a == side)
}

fn text(case: &Value, key: &str) -> Option<String> {
    case.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn texts(case: &Value, key: &str) -> Vec<String> {
    case.get(key)
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default()
}

fn headers(case: &Value) -> BTreeMap<String, String> {
    case.get("headers")
        .and_then(Value::as_object)
        .map(|map| {
            map.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default()
}

fn case_id(case: &Value, owner: &ShapeId, trait_id: &str) -> Result<String> {
    text(case, "id").ok_or_else(|| invalid(owner, trait_id, "a case has no `id`"))
}

fn request_case(case: &Value, op: &ShapeId) -> Result<RequestCase> {
    let id = case_id(case, op, REQUEST_TESTS)?;
    Ok(RequestCase {
        documentation: text(case, "documentation"),
        operation: op.clone(),
        method: text(case, "method")
            .ok_or_else(|| invalid(op, REQUEST_TESTS, format!("case `{id}` has no `method`")))?,
        uri: text(case, "uri").ok_or_else(|| invalid(op, REQUEST_TESTS, format!("case `{id}` has no `uri`")))?,
        host: text(case, "host"),
        resolved_host: text(case, "resolvedHost"),
        query_params: texts(case, "queryParams"),
        forbid_query_params: texts(case, "forbidQueryParams"),
        require_query_params: texts(case, "requireQueryParams"),
        headers: headers(case),
        forbid_headers: texts(case, "forbidHeaders"),
        require_headers: texts(case, "requireHeaders"),
        body: text(case, "body"),
        body_media_type: text(case, "bodyMediaType"),
        params: case
            .get("params")
            .cloned()
            .unwrap_or_else(|| Value::Object(Default::default())),
        id,
    })
}

fn response_case(case: &Value, op: &ShapeId, error: Option<ShapeId>) -> Result<ResponseCase> {
    let owner = error.as_ref().unwrap_or(op);
    let id = case_id(case, owner, RESPONSE_TESTS)?;
    let code = case
        .get("code")
        .and_then(Value::as_u64)
        .and_then(|c| u16::try_from(c).ok())
        .ok_or_else(|| invalid(owner, RESPONSE_TESTS, format!("case `{id}` has no valid `code`")))?;
    Ok(ResponseCase {
        documentation: text(case, "documentation"),
        operation: op.clone(),
        error,
        code,
        headers: headers(case),
        body: text(case, "body"),
        body_media_type: text(case, "bodyMediaType"),
        params: case
            .get("params")
            .cloned()
            .unwrap_or_else(|| Value::Object(Default::default())),
        id,
    })
}

/// A malformed-request case, once per set of its `testParameters` (each
/// parameter's i-th value together): `$name:L` becomes the value as written,
/// `$name:S` the value as a JSON string.
fn malformed_cases(case: &Value, op: &ShapeId) -> Result<Vec<MalformedCase>> {
    let id = case_id(case, op, MALFORMED_TESTS)?;
    let bad = |what: &str| invalid(op, MALFORMED_TESTS, format!("case `{id}`: {what}"));
    let request = &case["request"];
    let response = &case["response"];
    let parameters: Vec<(String, Vec<String>)> = match case.get("testParameters") {
        None => Vec::new(),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(name, values)| {
                let values = values
                    .as_array()
                    .map(|items| items.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                    .unwrap_or_default();
                (name.clone(), values)
            })
            .collect(),
        Some(_) => return Err(bad("`testParameters` must be a map of lists")),
    };
    let rounds = parameters.first().map_or(1, |(_, values)| values.len());
    if parameters.iter().any(|(_, values)| values.len() != rounds) {
        return Err(bad("every `testParameters` list must be as long as the others"));
    }
    let code = response
        .get("code")
        .and_then(Value::as_u64)
        .and_then(|c| u16::try_from(c).ok())
        .ok_or_else(|| bad("the response has no valid `code`"))?;
    let method = text(request, "method").ok_or_else(|| bad("the request has no `method`"))?;
    let uri = text(request, "uri").ok_or_else(|| bad("the request has no `uri`"))?;
    let mut out = Vec::new();
    for round in 0..rounds {
        let fill = |text: &str| {
            let mut text = text.to_owned();
            for (name, values) in &parameters {
                let value = &values[round];
                text = text.replace(&format!("${name}:L"), value);
                let quoted = serde_json::to_string(value).unwrap_or_default();
                text = text.replace(&format!("${name}:S"), &quoted);
            }
            text
        };
        out.push(MalformedCase {
            id: if parameters.is_empty() {
                id.clone()
            } else {
                format!("{id}_{}", round + 1)
            },
            documentation: text(case, "documentation"),
            operation: op.clone(),
            method: fill(&method),
            uri: fill(&uri),
            query_params: texts(request, "queryParams").iter().map(|q| fill(q)).collect(),
            headers: headers(request).iter().map(|(k, v)| (fill(k), fill(v))).collect(),
            body: text(request, "body").map(|b| fill(&b)),
            code,
            response_headers: headers(response),
        });
    }
    Ok(out)
}
