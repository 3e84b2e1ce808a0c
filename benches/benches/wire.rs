//! Deserialize, serialize, validate and deserialize + validate for three response
//! bodies, with `serde_json::from_slice::<Value>` on the same bytes as the baseline.
//! `cargo bench --bench wire`; throughput is reported in bytes per second.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use iot_models::operation::describe_job_template::DescribeJobTemplateOutput;
use std::hint::black_box;

fn wire(c: &mut Criterion) {
    for (name, body) in benches::bodies() {
        let mut group = c.benchmark_group(format!("wire/{name}"));
        group.throughput(Throughput::Bytes(body.len() as u64));
        let parsed: DescribeJobTemplateOutput = serde_json::from_slice(&body).expect("body parses");
        assert!(parsed.validate().is_ok(), "{name} must be valid");
        group.bench_with_input(
            BenchmarkId::new("baseline_value_parse", body.len()),
            &body,
            |b, body| b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(body)).expect("json")),
        );
        group.bench_with_input(BenchmarkId::new("deserialize", body.len()), &body, |b, body| {
            b.iter(|| serde_json::from_slice::<DescribeJobTemplateOutput>(black_box(body)).expect("parses"))
        });
        group.bench_function(BenchmarkId::new("serialize", body.len()), |b| {
            b.iter(|| serde_json::to_vec(black_box(&parsed)).expect("serializes"))
        });
        group.bench_function(BenchmarkId::new("validate", body.len()), |b| {
            b.iter(|| black_box(&parsed).validate())
        });
        group.bench_with_input(
            BenchmarkId::new("deserialize_and_validate", body.len()),
            &body,
            |b, body| b.iter(|| DescribeJobTemplateOutput::from_json_strict(black_box(body)).expect("valid")),
        );
        group.finish();
    }
}

criterion_group!(benches, wire);
criterion_main!(benches);
