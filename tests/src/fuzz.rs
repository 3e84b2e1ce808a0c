//! The fuzz targets' bodies, kept here so the committed corpus replays as ordinary
//! tests (`tests/tests/workspace/fuzz_corpus.rs`) on the stable toolchain, and `fuzz/` stays
//! a thin libFuzzer wrapper.

use iot_models::operation::describe_job_template::{DescribeJobTemplate, DescribeJobTemplateOutput};

/// Arbitrary bytes -> output -> `validate()` -> JSON -> output again: must not
/// panic, and the second parse must serialize identically to the first. The
/// operation's `response` (the runtime's own JSON reader, serde_json where it
/// gives up) must read the bytes as serde_json does.
pub fn output_round_trip(data: &[u8]) {
    let reference = serde_json::from_slice::<DescribeJobTemplateOutput>(data);
    same_as_serde_json(data, &reference);
    let Ok(first) = reference else {
        return;
    };
    // Validation may fail (clients parse leniently); it must not panic.
    let verdict = first.validate();
    let text = match serde_json::to_string(&first) {
        Ok(text) => text,
        Err(e) => panic!("a parsed value must serialize: {e}"),
    };
    let second: DescribeJobTemplateOutput = match serde_json::from_str(&text) {
        Ok(value) => value,
        Err(e) => panic!("our own JSON must parse: {e}\n{text}"),
    };
    // Compare through the text: NaN thresholds make `==` false on equal values.
    let again = serde_json::to_string(&second).unwrap_or_default();
    assert_eq!(again, text, "re-serialization changed the JSON");
    assert_eq!(second.validate(), verdict, "validation changed across a round trip");
}

/// A 200 response with `data` as its body reads as `reference` (an empty body
/// reads as `{}`, as a response's must).
fn same_as_serde_json(data: &[u8], reference: &serde_json::Result<DescribeJobTemplateOutput>) {
    let Ok(response) = http::Response::builder().status(200).body(data) else {
        panic!("a 200 response builds");
    };
    let read = DescribeJobTemplate::response(&response);
    // Compare through the text: NaN thresholds make `==` false on equal values.
    let text = |value: &DescribeJobTemplateOutput| serde_json::to_string(value).unwrap_or_default();
    match (read, reference) {
        (Ok(read), Ok(reference)) => assert_eq!(text(&read), text(reference), "response read the body differently"),
        (Err(_), Err(_)) => {}
        (Ok(_), Err(_)) if data.is_empty() => {}
        (read, reference) => panic!(
            "response and serde_json disagree: {:?} / {:?}",
            read.map(|v| text(&v)),
            reference.as_ref().map(text)
        ),
    }
}

/// Arbitrary bytes as a Smithy JSON AST: the generator returns `Ok` or an error,
/// never a panic.
pub fn codegen_spec(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = smithy_codegen::generate(text, &smithy_codegen::Operations::All);
}

/// Arbitrary bytes as a Smithy IDL file: loading returns a model or a located
/// error, never a panic; a model that loads, written back as IDL, reads back
/// as the same model.
pub fn idl_model(data: &[u8]) {
    use smithy_codegen::ast::assemble::{assemble, Source};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let model = match assemble(&[Source::new("fuzz.smithy", text)]) {
        Ok(model) => model,
        Err(e) => {
            let message = e.to_string();
            assert!(
                message.starts_with("fuzz.smithy:") || message.starts_with("conflicting model sources"),
                "an IDL error must name its file and position: {message}"
            );
            return;
        }
    };
    let files = match smithy_codegen::idl::write::write(&model) {
        Ok(files) => files,
        Err(e) => panic!("a model read from IDL must be writable as IDL: {e}"),
    };
    let sources: Vec<Source> = files
        .iter()
        .map(|f| Source::new(format!("{}.smithy", f.namespace), f.text.clone()))
        .collect();
    match assemble(&sources) {
        Ok(back) => assert_eq!(
            back, model,
            "the written IDL reads back differently:\n{}",
            files[0].text
        ),
        Err(e) => panic!("the written IDL does not read back: {e}\n{}", files[0].text),
    }
}

/// Arbitrary bytes as an XML response (the first byte picks the operation,
/// the rest is the body): the document reader and every operation's
/// `response` return a value or an error, never a panic; a reader error
/// points inside the body. For restXml operations whose input and output
/// hold the same members, what was read survives being written back by
/// `request` and read again (after one pass, which may drop what XML cannot
/// say twice, such as an empty flattened list).
pub fn xml_response(data: &[u8]) {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    document_reads_or_points_inside(body);
    round_trips::xml_response(selector, body);
}

fn document_reads_or_points_inside(body: &[u8]) {
    use smithy_codegen_runtime::xml::dom::Document;
    match Document::parse(body) {
        Ok(document) => {
            // Walk every element: names, text and attributes are readable.
            let mut stack: Vec<usize> = document.root().into_iter().collect();
            let mut seen = 0usize;
            while let Some(node) = stack.pop() {
                seen += 1;
                let _ = (document.name(node), document.text(node));
                stack.extend(document.children(node));
            }
            assert!(seen <= body.len(), "more elements than bytes");
        }
        Err(e) => {
            if let Some(at) = e.position {
                assert!(
                    at <= body.len() as u64,
                    "error position {at} past the body's {} bytes",
                    body.len()
                );
            }
            assert!(!e.message.is_empty(), "an XML error says what is wrong");
        }
    }
}

mod round_trips {
    use protocol_restxml::operation as rest;

    /// Reads `body` as the 200 response of the operation `selector` picks,
    /// and as an error response with a status from `selector`.
    pub fn xml_response(selector: u8, body: &[u8]) {
        macro_rules! round_trip {
            ($($op:ty),* $(,)?) => {{
                let ops: &[fn(&[u8])] = &[$(|body| round_trip(body, <$op>::request, |r| <$op>::response(r).map_err(|e| e.to_string()))),*];
                ops[usize::from(selector) % ops.len()](body);
            }};
        }
        round_trip!(
            rest::xml_lists::XmlLists,
            rest::xml_maps::XmlMaps,
            rest::xml_maps_xml_name::XmlMapsXmlName,
            rest::flattened_xml_map::FlattenedXmlMap,
            rest::nested_xml_maps::NestedXmlMaps,
            rest::xml_attributes::XmlAttributes,
            rest::xml_namespaces::XmlNamespaces,
            rest::recursive_shapes::RecursiveShapes,
            rest::xml_unions::XmlUnions,
            rest::xml_timestamps::XmlTimestamps,
            rest::xml_enums::XmlEnums,
            rest::xml_int_enums::XmlIntEnums,
            rest::xml_blobs::XmlBlobs,
            rest::simple_scalar_properties::SimpleScalarProperties,
        );

        // Error responses: a status from the selector, each protocol's shape.
        let status = 400 + u16::from(selector % 200);
        let Ok(response) = http::Response::builder().status(status).body(body) else {
            panic!("a response with status {status} builds");
        };
        let _ = rest::greeting_with_errors::GreetingWithErrors::response(&response);
        let _ = protocol_query::operation::greeting_with_errors::GreetingWithErrors::response(&response);
        let _ = protocol_ec2::operation::greeting_with_errors::GreetingWithErrors::response(&response);
        let Ok(ok) = http::Response::builder().status(200).body(body) else {
            panic!("a 200 response builds");
        };
        let _ = protocol_query::operation::xml_lists::XmlLists::response(&ok);
        let _ = protocol_query::operation::xml_maps::XmlMaps::response(&ok);
        let _ = protocol_ec2::operation::xml_lists::XmlLists::response(&ok);
        let _ = protocol_ec2::operation::recursive_xml_shapes::RecursiveXmlShapes::response(&ok);
    }

    pub(crate) type Request<I> = fn(&I) -> Result<http::Request<Vec<u8>>, smithy_codegen_runtime::http::RequestError>;

    /// A value as JSON text, with empty lists and maps left out: XML cannot
    /// tell an empty flattened list from an absent one. (Text, not `==`:
    /// NaN makes `==` false on equal values.)
    pub(crate) fn comparable(value: &impl serde::Serialize) -> String {
        fn prune(value: &mut serde_json::Value) -> bool {
            match value {
                serde_json::Value::Null => false,
                serde_json::Value::Array(items) => {
                    items.iter_mut().for_each(|v| {
                        prune(v);
                    });
                    !items.is_empty()
                }
                serde_json::Value::Object(members) => {
                    members.retain(|_, v| prune(v));
                    !members.is_empty()
                }
                _ => true,
            }
        }
        let mut json = serde_json::to_value(value).unwrap_or_else(|e| panic!("an output serializes as JSON: {e}"));
        prune(&mut json);
        json.to_string()
    }

    pub(crate) fn round_trip<O, I>(
        body: &[u8],
        request: Request<I>,
        response: impl Fn(&http::Response<Vec<u8>>) -> Result<O, String>,
    ) where
        O: serde::Serialize,
        I: serde::de::DeserializeOwned,
    {
        let read = |body: Vec<u8>, headers: &http::HeaderMap| {
            let mut builder = http::Response::builder().status(200);
            for (name, value) in headers {
                builder = builder.header(name, value);
            }
            match builder.body(body) {
                Ok(response) => response,
                Err(e) => panic!("a 200 response builds: {e}"),
            }
        };
        let Ok(first) = response(&read(body.to_vec(), &http::HeaderMap::new())) else {
            return;
        };
        let again = |output: &O| -> Option<O> {
            let json = serde_json::to_value(output).unwrap_or_else(|e| panic!("an output serializes as JSON: {e}"));
            let input: I = serde_json::from_value(json.clone())
                .unwrap_or_else(|e| panic!("an output's JSON reads as the input with the same members: {e}\n{json}"));
            // A value the request cannot carry (a header that is not text,
            // say) is the request's error to give, not a round trip to check.
            let request = request(&input).ok()?;
            let (parts, body) = request.into_parts();
            match response(&read(body.clone(), &parts.headers)) {
                Ok(output) => Some(output),
                Err(e) => panic!(
                    "our own request body does not read back: {e}\n{}",
                    String::from_utf8_lossy(&body)
                ),
            }
        };
        let Some(second) = again(&first) else { return };
        let (first, second) = (comparable(&first), comparable(&second));
        assert_eq!(second, first, "a value changed on its trip through XML");
    }
}

/// Arbitrary bytes as the JSON of a query input (the first byte picks the
/// operation and style): `request` returns a request or an error, never a
/// panic, and its form body says the input back: well-formed `key=value`
/// pairs that percent-decode to UTF-8, `Action` and `Version` first, no key
/// twice, list and map indexes counting from 1, and every string of
/// the input (members and map keys) once among the values, nothing else.
pub fn query_request(data: &[u8]) {
    let Some((&selector, json)) = data.split_first() else {
        return;
    };
    query_form::query_request(selector, json);
}

mod query_form {
    use protocol_ec2::operation as ec2;
    use protocol_query::operation as query;

    pub fn query_request(selector: u8, json: &[u8]) {
        match selector % 4 {
            0 => check(json, query::query_lists::QueryLists::request, |input, out| {
                let greetings = |list: &[protocol_query::types::GreetingStruct], out: &mut Vec<String>| {
                    out.extend(list.iter().filter_map(|g| g.hi.clone()));
                };
                out.extend(input.list_arg().iter().cloned());
                greetings(input.complex_list_arg(), out);
                out.extend(input.flattened_list_arg().iter().cloned());
                out.extend(input.list_arg_with_xml_name_member().iter().cloned());
                out.extend(input.flattened_list_arg_with_xml_name().iter().cloned());
                if let Some(nested) = input.nested_with_list() {
                    out.extend(nested.list_arg().iter().cloned());
                }
            }),
            1 => check(json, query::query_maps::QueryMaps::request, |input, out| {
                let map = |map: Option<&std::collections::BTreeMap<String, String>>, out: &mut Vec<String>| {
                    for (k, v) in map.into_iter().flatten() {
                        out.extend([k.clone(), v.clone()]);
                    }
                };
                map(input.map_arg(), out);
                map(input.renamed_map_arg(), out);
                map(input.map_with_xml_member_name(), out);
                map(input.flattened_map(), out);
                map(input.flattened_map_with_xml_name(), out);
                for (k, v) in input.complex_map_arg().into_iter().flatten() {
                    out.push(k.clone());
                    out.extend(v.hi.clone());
                }
                for (k, list) in input.map_of_lists().into_iter().flatten() {
                    out.push(k.clone());
                    out.extend(list.iter().cloned());
                }
                if let Some(nested) = input.nested_struct_with_map() {
                    map(nested.map_arg(), out);
                }
            }),
            2 => check(json, ec2::query_lists::QueryLists::request, |input, out| {
                out.extend(input.list_arg().iter().cloned());
                out.extend(input.complex_list_arg().iter().filter_map(|g| g.hi.clone()));
                out.extend(input.list_arg_with_xml_name_member().iter().cloned());
                out.extend(input.list_arg_with_xml_name().iter().cloned());
                if let Some(nested) = input.nested_with_list() {
                    out.extend(nested.list_arg().iter().cloned());
                }
            }),
            _ => check(
                json,
                query::nested_structures::NestedStructures::request,
                |input, out| {
                    let mut json = serde_json::to_value(input).unwrap_or_default();
                    strings(&mut json, out);
                },
            ),
        }
    }

    /// Every scalar in a JSON value as text (structures only: keys are
    /// member names; booleans as `true`/`false`).
    fn strings(value: &mut serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::String(s) => out.push(std::mem::take(s)),
            serde_json::Value::Bool(b) => out.push(b.to_string()),
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| strings(v, out)),
            serde_json::Value::Object(members) => members.values_mut().for_each(|v| strings(v, out)),
            _ => {}
        }
    }

    type Request<I> = fn(&I) -> Result<http::Request<Vec<u8>>, smithy_codegen_runtime::http::RequestError>;

    fn check<I: serde::de::DeserializeOwned>(json: &[u8], request: Request<I>, said: impl Fn(&I, &mut Vec<String>)) {
        let Ok(input) = serde_json::from_slice::<I>(json) else {
            return;
        };
        let Ok(request) = request(&input) else {
            return;
        };
        let body = match std::str::from_utf8(request.body()) {
            Ok(body) => body,
            Err(e) => panic!("a form body is ASCII: {e}"),
        };
        let pairs: Vec<(String, String)> = body
            .split('&')
            .map(|pair| {
                let Some((key, value)) = pair.split_once('=') else {
                    panic!("a form pair without '=': {pair:?} in {body}");
                };
                assert!(
                    pair.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-._~%=".contains(&b)),
                    "an unencoded byte in {pair:?}"
                );
                (decode(key), decode(value))
            })
            .collect();
        assert!(
            pairs.len() >= 2 && pairs[0].0 == "Action" && pairs[1].0 == "Version",
            "Action and Version first: {body}"
        );
        let mut keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
        keys.sort_unstable();
        if let Some(twice) = keys.windows(2).find(|w| w[0] == w[1]) {
            panic!("the key {} appears twice in {body}", twice[0]);
        }
        indexes_count_from_one(&keys, body);

        let mut expected = Vec::new();
        said(&input, &mut expected);
        // Empty strings are left out on both sides: an empty list is also
        // `Key=` in awsQuery.
        expected.retain(|s| !s.is_empty());
        expected.sort_unstable();
        let mut values: Vec<String> = pairs[2..]
            .iter()
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_empty())
            .collect();
        values.sort_unstable();
        assert_eq!(
            values, expected,
            "the form's values are not the input's strings: {body}"
        );
    }

    /// List and map indexes count from 1: an element's number is its
    /// position, so the only gaps are elements that wrote no pairs (an
    /// empty structure), as the AWS SDKs number them.
    fn indexes_count_from_one(keys: &[&str], body: &str) {
        for key in keys {
            for segment in key.split('.') {
                if let Ok(n) = segment.parse::<u64>() {
                    assert!(n >= 1, "index 0 in {key} in {body}");
                }
            }
        }
    }

    fn decode(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let hex = text.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
                let Some(byte) = hex else {
                    panic!("a bad percent escape at {i} in {text:?}");
                };
                out.push(byte);
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        match String::from_utf8(out) {
            Ok(s) => s,
            Err(e) => panic!("{text:?} does not decode to UTF-8: {e}"),
        }
    }
}

/// Arbitrary bytes as an rpcv2Cbor response body (the first byte picks the
/// operation): `response` returns a value or an error, never a panic; for
/// operations whose input and output hold the same members, what was read,
/// written back by `request` and read again, is unchanged (empty lists and
/// maps aside). Error responses take a status from the first byte.
pub fn cbor_response(data: &[u8]) {
    use protocol_rpcv2cbor::operation as rpc;
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    macro_rules! round_trip {
        ($($op:ty),* $(,)?) => {{
            let ops: &[fn(&[u8])] = &[$(|body| round_trips::round_trip(body, <$op>::request, |r| <$op>::response(r).map_err(|e| e.to_string()))),*];
            ops[usize::from(selector) % ops.len()](body);
        }};
    }
    round_trip!(
        rpc::rpc_v2_cbor_lists::RpcV2CborLists,
        rpc::rpc_v2_cbor_dense_maps::RpcV2CborDenseMaps,
        rpc::rpc_v2_cbor_sparse_maps::RpcV2CborSparseMaps,
        rpc::simple_scalar_properties::SimpleScalarProperties,
        rpc::recursive_shapes::RecursiveShapes,
        rpc::rpc_v2_cbor_unions::RpcV2CborUnions,
        rpc::optional_input_output::OptionalInputOutput,
    );
    let status = 400 + u16::from(selector % 200);
    let Ok(response) = http::Response::builder().status(status).body(body) else {
        panic!("a response with status {status} builds");
    };
    let _ = rpc::greeting_with_errors::GreetingWithErrors::response(&response);
    let _ = protocol_querycompat::operation::query_compatible_operation::QueryCompatibleOperation::response(&response);
}

/// Bytes as endpoint parameters: the first byte picks a rule set (IoT,
/// DynamoDB, and the rules-engine suites' `parseURL`, `split` and
/// `substring`) and the boolean flags; the rest, split at zero bytes, gives
/// the string parameters (lossy UTF-8). Resolving never panics; an answer
/// from the thread's kept endpoint equals a fresh walk of the rules; for
/// IoT, a resolved endpoint either applies to a `DescribeJobTemplate`
/// request or is refused with an error, never a panic.
pub fn endpoint_params(data: &[u8]) {
    let Some((&head, rest)) = data.split_first() else {
        return;
    };
    let mut parts = rest.split(|b| *b == 0).map(|p| String::from_utf8_lossy(p).into_owned());
    let mut next = || parts.next();
    let (fips, dual_stack) = (head & 0x10 != 0, head & 0x20 != 0);
    match head % 5 {
        0 => {
            let params = iot_models::endpoint::Params {
                region: next(),
                endpoint: next().filter(|_| head & 0x40 != 0),
                use_fips: fips,
                use_dual_stack: dual_stack,
            };
            kept_equals_fresh(&params, iot_models::endpoint::Params::resolve, other_iot);
            if let Ok(endpoint) = params.resolve() {
                let input = iot_models::operation::describe_job_template::DescribeJobTemplateInput::builder()
                    .job_template_id("fuzz")
                    .build_unchecked();
                if let Ok(request) = DescribeJobTemplate::request(&input) {
                    // An endpoint the rules passed through unchecked may not be a URL.
                    let _ = endpoint.apply(request);
                }
            }
        }
        1 => {
            let params = protocol_endpoints_dynamodb::endpoint::Params {
                region: next(),
                endpoint: next().filter(|_| head & 0x40 != 0),
                account_id: next(),
                account_id_endpoint_mode: next(),
                resource_arn: next(),
                resource_arn_list: (head & 0x80 != 0).then(|| parts.by_ref().collect()),
                use_fips: fips,
                use_dual_stack: dual_stack,
            };
            kept_equals_fresh(&params, protocol_endpoints_dynamodb::endpoint::Params::resolve, |p| {
                protocol_endpoints_dynamodb::endpoint::Params {
                    region: Some("other".into()),
                    ..p.clone()
                }
            });
        }
        2 => {
            let params = protocol_endpoints_parse_url::endpoint::Params { endpoint: next() };
            kept_equals_fresh(&params, protocol_endpoints_parse_url::endpoint::Params::resolve, |_| {
                protocol_endpoints_parse_url::endpoint::Params {
                    endpoint: Some("https://other.example".into()),
                }
            });
        }
        3 => {
            let params = protocol_endpoints_split::endpoint::Params {
                input: next(),
                delimiter: next(),
                limit: next(),
            };
            kept_equals_fresh(&params, protocol_endpoints_split::endpoint::Params::resolve, |p| {
                protocol_endpoints_split::endpoint::Params {
                    input: Some("other".into()),
                    ..p.clone()
                }
            });
        }
        _ => {
            let params = protocol_endpoints_substring::endpoint::Params {
                input: next(),
                test_case_id: next(),
            };
            kept_equals_fresh(&params, protocol_endpoints_substring::endpoint::Params::resolve, |p| {
                protocol_endpoints_substring::endpoint::Params {
                    input: Some("other".into()),
                    ..p.clone()
                }
            });
        }
    }
}

fn other_iot(p: &iot_models::endpoint::Params) -> iot_models::endpoint::Params {
    iot_models::endpoint::Params {
        region: Some(format!("{}-other", p.region.as_deref().unwrap_or("us-east-1"))),
        ..p.clone()
    }
}

/// Resolves `params` twice (the second answer comes from the kept one),
/// then `other(params)` (which replaces it), then `params` again (a fresh
/// walk): all three answers for `params` must be equal.
fn kept_equals_fresh<P, E: PartialEq + std::fmt::Debug>(
    params: &P,
    resolve: impl Fn(&P) -> E,
    other: impl Fn(&P) -> P,
) {
    let first = resolve(params);
    assert_eq!(resolve(params), first, "the kept answer differs from the first");
    let _ = resolve(&other(params));
    assert_eq!(resolve(params), first, "a fresh walk differs from the first answer");
}

/// Bytes as a request to a service: the first byte picks the method and the
/// service (restJson1's suite, JSON 1.0's, or `iot-models`), the rest is
/// `path \0 headers \0 body` (headers as `name: value` lines). Parsing must
/// give an input that passes `validate()` or a rejection whose response is a
/// 4xx naming its error type, never a panic.
pub fn server_request(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let mut parts = rest.splitn(3, |&b| b == 0);
    let path = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let headers = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let body = parts.next().unwrap_or_default().to_vec();
    let method = ["GET", "POST", "PUT", "DELETE", "PATCH"][usize::from(selector & 7) % 5];
    let uri = if path.starts_with('/') {
        path.into_owned()
    } else {
        format!("/{path}")
    };
    let mut builder = http::Request::builder().method(method).uri(uri);
    for line in headers.lines() {
        if let Some((name, value)) = line.split_once(':') {
            builder = builder.header(name.trim(), value.trim());
        }
    }
    // What `http` itself refuses (a bad URI or header) never reaches a service.
    let Ok(request) = builder.body(body) else {
        return;
    };
    match selector >> 6 {
        0 => judge(
            protocol_restjson::server::parse(&request).map(|r| format!("{r:?}")),
            protocol_restjson::server::reject,
        ),
        1 => judge(
            protocol_json10::server::parse(&request).map(|r| format!("{r:?}")),
            protocol_json10::server::reject,
        ),
        _ => {
            let parsed = iot_models::server::parse(&request);
            if let Ok(iot_models::server::Request::DescribeJobTemplate(input)) = &parsed {
                assert_eq!(input.validate(), Ok(()), "a parsed input passed every constraint");
            }
            judge(parsed.map(|r| format!("{r:?}")), iot_models::server::reject);
        }
    }
}

/// A parse's outcome: a rejection answers with a 4xx naming its error type.
fn judge(
    outcome: Result<String, smithy_codegen_runtime::server::Rejection>,
    reject: fn(&smithy_codegen_runtime::server::Rejection) -> http::Response<Vec<u8>>,
) {
    match outcome {
        Ok(routed) => assert!(!routed.is_empty()),
        Err(rejection) => {
            let response = reject(&rejection);
            assert!(
                response.status().is_client_error(),
                "{rejection} answered {}",
                response.status()
            );
            assert!(response.headers().contains_key("x-amzn-errortype"));
            let body: serde_json::Value =
                serde_json::from_slice(response.body()).unwrap_or_else(|e| panic!("a rejection's body is JSON: {e}"));
            assert!(body.is_object(), "{body}");
        }
    }
}
