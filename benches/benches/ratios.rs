//! The performance targets as ratios measured in one run (absolute times on shared
//! machines are noisy; ratios against a same-run baseline are not):
//!
//! - typed deserialize <= 1.0x `serde_json::Value` parse of the same bytes;
//! - `validate()` <= 0.25x typed deserialize;
//! - whole-IoT codegen under 1 s (single-threaded, best of several runs);
//! - loading the largest shared model written as IDL <= 1.5x loading its JSON AST;
//! - reading the `full` output from its CBOR encoding (rpcv2Cbor's response
//!   path) <= 0.6x reading it from JSON through `response`;
//! - a service parsing and validating a request with a 2 KB JSON body <= 1.3x
//!   a client reading the same body as a response.
//!
//! `cargo bench --bench ratios` prints one line per target with its ratio and
//! whether it is met. Each figure is the median of many timed batches; the
//! two sides of the CBOR and server ratios are timed in alternating batches.

use std::hint::black_box;
use std::time::{Duration, Instant};

use iot_models::operation::describe_job_template::DescribeJobTemplateOutput;

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` would pass other flags.
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    println!("body        value parse  deserialize     validate  ratio                                target");
    for (name, body) in benches::bodies() {
        let per_batch = if body.len() > 10_000 { 200 } else { 2_000 };
        let value = benches::median(41, per_batch, || {
            black_box(serde_json::from_slice::<serde_json::Value>(black_box(&body)).expect("json"));
        });
        let typed = benches::median(41, per_batch, || {
            black_box(serde_json::from_slice::<DescribeJobTemplateOutput>(black_box(&body)).expect("parses"));
        });
        let parsed: DescribeJobTemplateOutput = serde_json::from_slice(&body).expect("parses");
        let validate = benches::median(41, per_batch, || {
            black_box(black_box(&parsed).validate().is_ok());
        });
        let deser_ratio = typed.as_secs_f64() / value.as_secs_f64();
        let validate_ratio = validate.as_secs_f64() / typed.as_secs_f64();
        let mbps = body.len() as f64 / typed.as_secs_f64() / 1e6;
        println!(
            "{name:<10} {:>12.2?} {:>12.2?} {:>12.2?}  deserialize/value = {deser_ratio:.2}x ({mbps:.0} MB/s)  {}",
            value,
            typed,
            validate,
            if deser_ratio <= 1.0 {
                "<= 1.0x: met"
            } else {
                "<= 1.0x: NOT met"
            }
        );
        println!(
            "{:<10} {:>12} {:>12} {:>12}  validate/deserialize = {validate_ratio:.2}x         {}",
            "",
            "",
            "",
            "",
            if validate_ratio <= 0.25 {
                "<= 0.25x: met"
            } else {
                "<= 0.25x: NOT met"
            }
        );
    }
    let iot_path = benches::workspace_root().join("../shared/aws-models/iot-2015-05-28.json");
    match std::fs::read_to_string(&iot_path) {
        Ok(iot) => {
            let best = (0..5)
                .map(|_| {
                    let start = Instant::now();
                    black_box(smithy_codegen::generate(&iot, &smithy_codegen::Operations::All).expect("generates"));
                    start.elapsed()
                })
                .min()
                .unwrap_or_default();
            println!(
                "codegen: whole IoT model, all operations: {best:.2?} (best of 5)  {}",
                if best < Duration::from_secs(1) {
                    "< 1 s: met"
                } else {
                    "< 1 s: NOT met"
                }
            );
        }
        Err(_) => println!("skipped: codegen budget: {} is absent", iot_path.display()),
    }
    idl_load_ratio();
    cbor_read_ratio();
    server_ratio();
}

/// The service side against the client side on the same 2 KB JSON body:
/// restJson1's `JsonLists` request (route, read, fill defaults, check every
/// constraint) against `JsonLists::response`; and, for scale, iot-models
/// parsing `GET /job-templates/{id}` (a label, no body).
fn server_ratio() {
    use protocol_restjson::operation::json_lists::JsonLists;
    let body = benches::json_lists_body();
    let request = http::Request::put("/JsonLists")
        .header("content-type", "application/json")
        .body(body.clone())
        .expect("a request");
    let response = http::Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .body(body.clone())
        .expect("a response");
    let served = match protocol_restjson::server::parse(&request) {
        Ok(protocol_restjson::server::Request::JsonLists(input)) => input,
        other => panic!("the request routes to JsonLists: {other:?}"),
    };
    let read = JsonLists::response(&response).expect("the response reads");
    assert_eq!(
        serde_json::to_value(&served).expect("json"),
        serde_json::to_value(&read).expect("json"),
        "both sides read the same value"
    );
    let (server, client) = benches::median_pair(
        41,
        2_000,
        || {
            black_box(protocol_restjson::server::parse(black_box(&request)).is_ok());
        },
        || {
            black_box(JsonLists::response(black_box(&response)).is_ok());
        },
    );
    let ratio = server.as_secs_f64() / client.as_secs_f64();
    println!(
        "server request, {} B JSON body: parse+validate {server:.2?}, client response read {client:.2?}: server/client = {ratio:.2}x  {}",
        body.len(),
        if ratio <= 1.3 { "<= 1.3x: met" } else { "<= 1.3x: NOT met" }
    );
    let get = http::Request::get("/job-templates/firmware-rollout-v2")
        .body(Vec::<u8>::new())
        .expect("a request");
    assert!(iot_models::server::parse(&get).is_ok());
    let describe = benches::median(41, 2_000, || {
        black_box(iot_models::server::parse(black_box(&get)).is_ok());
    });
    println!("server request, DescribeJobTemplate (GET, one label): parse+validate {describe:.2?}");
}

/// The `full` output read through each protocol's response path: JSON through
/// `DescribeJobTemplate::response`, CBOR (the same value, encoded by the
/// runtime's CBOR writer) through rpcv2Cbor's `response`.
fn cbor_read_ratio() {
    use iot_models::operation::describe_job_template::DescribeJobTemplate;
    use smithy_codegen_runtime::cbor;
    let Some((_, json)) = benches::bodies().into_iter().find(|(name, _)| *name == "full") else {
        println!("skipped: cbor read ratio: no `full` body");
        return;
    };
    let value: DescribeJobTemplateOutput = serde_json::from_slice(&json).expect("parses");
    let cbor_body = cbor::to_vec(&value).expect("encodes");
    let respond = |body: &[u8]| {
        http::Response::builder()
            .status(200)
            .body(body.to_vec())
            .expect("response")
    };
    let (json_response, cbor_response) = (respond(&json), respond(&cbor_body));
    let read_cbor =
        |r: &http::Response<Vec<u8>>| cbor::protocol::response::<DescribeJobTemplateOutput, _, _>(r, |e| e.unhandled());
    let back = read_cbor(&cbor_response).expect("the CBOR reads");
    assert_eq!(
        serde_json::to_value(&back).expect("json"),
        serde_json::to_value(&value).expect("json"),
        "the CBOR round trip keeps the value"
    );
    let (from_json, from_cbor) = benches::median_pair(
        41,
        2_000,
        || {
            black_box(DescribeJobTemplate::response(black_box(&json_response)).is_ok());
        },
        || {
            black_box(read_cbor(black_box(&cbor_response)).is_ok());
        },
    );
    let ratio = from_cbor.as_secs_f64() / from_json.as_secs_f64();
    println!(
        "full output: JSON {} B through response {from_json:.2?}, CBOR {} B through rpcv2Cbor's response {from_cbor:.2?}: cbor/json = {ratio:.2}x  {}",
        json.len(),
        cbor_body.len(),
        if ratio <= 0.6 { "<= 0.6x: met" } else { "<= 0.6x: NOT met" }
    );
}

/// The largest shared AWS model, loaded from its JSON AST and from the same model
/// written as IDL (one file per namespace), each to the merged `ast::Model`.
fn idl_load_ratio() {
    use smithy_codegen::ast::assemble::{assemble, Source};
    let dir = benches::workspace_root().join("../shared/aws-models");
    let largest = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .max_by_key(|p| p.metadata().map(|m| m.len()).unwrap_or(0));
    let Some(path) = largest else {
        println!("skipped: IDL load ratio: {} is absent", dir.display());
        return;
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let json = vec![Source::new(
        name.clone(),
        std::fs::read_to_string(&path).expect("model readable"),
    )];
    let model = assemble(&json).expect("the model loads");
    let idl: Vec<Source> = smithy_codegen::idl::write::write(&model)
        .expect("the model is writable as IDL")
        .into_iter()
        .map(|f| Source::new(format!("{}.smithy", f.namespace), f.text))
        .collect();
    let idl_bytes: usize = idl.iter().map(|s| s.text.len()).sum();
    let json_time = benches::median(11, 3, || {
        black_box(assemble(black_box(&json)).expect("loads"));
    });
    let idl_time = benches::median(11, 3, || {
        black_box(assemble(black_box(&idl)).expect("loads"));
    });
    let ratio = idl_time.as_secs_f64() / json_time.as_secs_f64();
    println!(
        "model load: {name} JSON AST {} KB in {json_time:.2?}, as IDL {} KB in {idl_time:.2?}: IDL/JSON = {ratio:.2}x  {}",
        json[0].text.len() / 1000,
        idl_bytes / 1000,
        if ratio <= 1.5 { "<= 1.5x: met" } else { "<= 1.5x: NOT met" }
    );
}
