//! Parse + resolve + emit + format: `spec/` (DescribeJobTemplate) and the whole IoT
//! model (every operation) when `../shared/aws-models` is present.
//! `cargo bench --bench codegen`.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn codegen(c: &mut Criterion) {
    let root = benches::workspace_root();
    let spec = std::fs::read_to_string(root.join("spec/describe-job-template.json")).expect("spec readable");
    let mut group = c.benchmark_group("codegen");
    group.bench_function("spec_describe_job_template", |b| {
        b.iter(|| smithy_codegen::generate(black_box(&spec), &smithy_codegen::Operations::All).expect("generates"))
    });
    match std::fs::read_to_string(root.join("../shared/aws-models/iot-2015-05-28.json")) {
        Ok(iot) => {
            group.sample_size(10);
            group.bench_function("iot_all_operations", |b| {
                b.iter(|| {
                    smithy_codegen::generate(black_box(&iot), &smithy_codegen::Operations::All).expect("generates")
                })
            });
        }
        Err(_) => eprintln!("skipped: codegen/iot_all_operations: ../shared/aws-models/iot-2015-05-28.json is absent"),
    }
    group.finish();
}

criterion_group!(benches, codegen);
criterion_main!(benches);
