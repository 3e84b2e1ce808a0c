//! Where the time of reading the `full` output from CBOR goes: loops the
//! rpcv2Cbor response path for a profiler (`perf record`).

use iot_models::operation::describe_job_template::DescribeJobTemplateOutput;
use smithy_codegen_runtime::cbor;

fn main() {
    let Some((_, json)) = benches::bodies().into_iter().find(|(name, _)| *name == "full") else {
        return;
    };
    let value: DescribeJobTemplateOutput = serde_json::from_slice(&json).expect("parses");
    let body = cbor::to_vec(&value).expect("encodes");
    let response = http::Response::builder().status(200).body(body).expect("response");
    let rounds: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(200_000);
    // A second argument `cbor` or `json` profiles one path alone.
    let only = std::env::args().nth(2);
    let runs = |path: &str| only.as_deref().is_none_or(|o| o == path);
    if runs("cbor") {
        let start = std::time::Instant::now();
        for _ in 0..rounds {
            let read = cbor::protocol::response::<DescribeJobTemplateOutput, _, _>(&response, |e| e.unhandled());
            std::hint::black_box(read.is_ok());
        }
        println!("CBOR: {:?} per read", start.elapsed() / rounds as u32);
    }
    if !runs("json") {
        return;
    }
    let json_response = http::Response::builder()
        .status(200)
        .body(json.clone())
        .expect("response");
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        let read = iot_models::operation::describe_job_template::DescribeJobTemplate::response(&json_response);
        std::hint::black_box(read.is_ok());
    }
    println!("JSON: {:?} per read", start.elapsed() / rounds as u32);
}
