//! Typed parse of the three bodies of `benches/` (minimal, full, large):
//! `iot-models` against the official `aws-sdk-iot`, in one run, on the same
//! bytes, each figure the median of many timed batches, the candidates
//! taking turns batch by batch.
//!
//! - typed parse: `serde_json::from_slice::<DescribeJobTemplateOutput>`;
//! - response: `DescribeJobTemplate::response` on a 200 response (status
//!   check, error dispatch, typed parse by the runtime's own JSON reader),
//!   against the SDK's own response
//!   deserializer for the operation (what its orchestrator runs: status
//!   check, error dispatch, its JSON token reader, type erasure), taken from
//!   the operation's runtime plugin;
//! - baseline: `serde_json::Value` on the same bytes;
//! - candidates: the same typed parse driven by `sonic-rs`, a SIMD JSON reader
//!   behind serde's `Deserializer` (the generated impls are generic over it),
//!   and by `simd-json` (it parses a copy in place).

use std::hint::black_box;
use std::time::{Duration, Instant};

use aws_sdk_iot::operation::describe_job_template::DescribeJobTemplate as SdkOperation;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::runtime_plugin::RuntimePlugin;
use aws_smithy_runtime_api::client::ser_de::{DeserializeResponse, SharedResponseDeserializer};
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::ConfigBag;
use iot_models::operation::describe_job_template::{DescribeJobTemplate, DescribeJobTemplateOutput};

fn main() {
    let plugin = SdkOperation::new();
    let layer = plugin
        .config()
        .expect("the operation's runtime plugin has a config layer");
    let deserializer = layer
        .load::<SharedResponseDeserializer>()
        .expect("the layer holds the response deserializer");
    let cfg = ConfigBag::base();

    println!(
        "{:<8} {:>10} {:>12} {:>12} {:>12} {:>12} {:>12}  {:>14} {:>14} {:>11} {:>11}",
        "body",
        "bytes",
        "value",
        "typed",
        "typed simd",
        "response",
        "aws-sdk-iot",
        "sdk/typed",
        "sdk/response",
        "typed/value",
        "simd/value"
    );
    let mut simd_json_rows = Vec::new();
    for (name, body) in benches::bodies() {
        let per_batch = if body.len() > 10_000 { 200 } else { 2_000 };
        // Each side parses what it is given and checks that it succeeded.
        let sdk_response = || HttpResponse::new(200u16.try_into().expect("status"), SdkBody::from(body.clone()));
        let check = deserializer.deserialize_nonstreaming_with_config(&sdk_response(), &cfg);
        assert!(check.is_ok(), "aws-sdk-iot parses the {name} body");
        let ours = http::Response::builder()
            .status(200)
            .body(body.clone())
            .expect("response");
        assert!(
            DescribeJobTemplate::response(&ours).is_ok(),
            "iot-models parses the {name} body"
        );

        // Every candidate is timed once per round, round after round, so a
        // machine that slows down for a while slows all of them alike; each
        // figure is the median of its rounds.
        let mut candidates: Vec<Box<dyn FnMut() + '_>> = vec![
            Box::new(|| {
                black_box(serde_json::from_slice::<serde_json::Value>(black_box(&body)).expect("json"));
            }),
            Box::new(|| {
                black_box(serde_json::from_slice::<DescribeJobTemplateOutput>(black_box(&body)).expect("parses"));
            }),
            Box::new(|| {
                black_box(sonic_rs::from_slice::<DescribeJobTemplateOutput>(black_box(&body)).expect("parses"));
            }),
            // simd-json parses in place: each batch item parses a fresh copy,
            // whose cost is timed apart and subtracted.
            Box::new(|| {
                black_box(black_box(&body).clone());
            }),
            Box::new(|| {
                let mut bytes = black_box(&body).clone();
                black_box(simd_json::serde::from_slice::<DescribeJobTemplateOutput>(&mut bytes).expect("parses"));
            }),
            Box::new(|| {
                black_box(DescribeJobTemplate::response(black_box(&ours)).is_ok());
            }),
            // The SDK reads from its own response type; building it (a copy of
            // the body into `Bytes`) is timed apart and subtracted.
            Box::new(|| {
                black_box(sdk_response());
            }),
            Box::new(|| {
                let response = sdk_response();
                black_box(
                    deserializer
                        .deserialize_nonstreaming_with_config(black_box(&response), &cfg)
                        .is_ok(),
                );
            }),
        ];
        let medians = interleaved_medians(41, per_batch, &mut candidates);
        drop(candidates);
        let [value, typed, simd, copy, simd_json_total, response, build, sdk_total] =
            medians[..].try_into().expect("one median per candidate");
        let simd_json = simd_json_total.saturating_sub(copy);
        let sdk = sdk_total.saturating_sub(build);
        simd_json_rows.push((name, value, simd_json, response));
        let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
        println!(
            "{name:<8} {:>10} {:>12.2?} {:>12.2?} {:>12.2?} {:>12.2?} {:>12.2?}  {:>13.2}x {:>13.2}x {:>10.2}x {:>10.2}x",
            body.len(),
            value,
            typed,
            simd,
            response,
            sdk,
            ratio(sdk, typed),
            ratio(sdk, response),
            ratio(typed, value),
            ratio(simd, value),
        );
    }
    println!("simd-json (copy subtracted), and the response path (the runtime's reader):");
    for (name, value, simd_json, response) in &simd_json_rows {
        println!(
            "{name:<8} simd-json {simd_json:>10.2?} = {:.2}x value   response {response:>10.2?} = {:.2}x value",
            simd_json.as_secs_f64() / value.as_secs_f64(),
            response.as_secs_f64() / value.as_secs_f64()
        );
    }
    println!("targets: aws-sdk-iot / ours >= 2x on every body; ours / value <= 0.8x on every body");
}

/// The median time per call of each candidate, over `rounds` rounds of one
/// batch of `per_batch` calls each (after one warm-up batch each).
fn interleaved_medians(rounds: usize, per_batch: usize, candidates: &mut [Box<dyn FnMut() + '_>]) -> Vec<Duration> {
    for candidate in candidates.iter_mut() {
        for _ in 0..per_batch {
            candidate();
        }
    }
    let mut samples = vec![Vec::with_capacity(rounds); candidates.len()];
    for _ in 0..rounds {
        for (candidate, times) in candidates.iter_mut().zip(&mut samples) {
            let start = Instant::now();
            for _ in 0..per_batch {
                candidate();
            }
            times.push(start.elapsed() / per_batch as u32);
        }
    }
    samples
        .into_iter()
        .map(|mut times| {
            times.sort();
            times[times.len() / 2]
        })
        .collect()
}
