//! Where validation time goes for small bodies: `cargo run --release -p benches --example validate_probe`.
use std::hint::black_box;
use std::time::Instant;

use iot_models::operation::describe_job_template::DescribeJobTemplateOutput;

fn time(label: &str, f: impl Fn()) {
    for _ in 0..100_000 {
        f();
    }
    let n = 2_000_000;
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    println!("{label}: {:.1} ns", start.elapsed().as_nanos() as f64 / n as f64);
}

fn main() {
    let large: DescribeJobTemplateOutput = serde_json::from_slice(&benches::large()).unwrap();
    println!(
        "large body: {} bytes, document {} chars, valid: {}",
        benches::large().len(),
        large.document().map_or(0, |d| d.chars().count()),
        large.validate().is_ok()
    );
    let empty: DescribeJobTemplateOutput = serde_json::from_slice(b"{}").unwrap();
    let id: DescribeJobTemplateOutput = serde_json::from_slice(br#"{"jobTemplateId":"nightly"}"#).unwrap();
    let arn: DescribeJobTemplateOutput =
        serde_json::from_slice(br#"{"jobTemplateArn":"arn:aws:iot:eu-west-1:123456789012:jobtemplate/nightly"}"#)
            .unwrap();
    let minimal: DescribeJobTemplateOutput = serde_json::from_slice(&benches::minimal()).unwrap();
    time("empty", || {
        black_box(black_box(&empty).validate().is_ok());
    });
    time("id only", || {
        black_box(black_box(&id).validate().is_ok());
    });
    time("arn only", || {
        black_box(black_box(&arn).validate().is_ok());
    });
    let ascii = iot_models::runtime::validate::Pattern::ascii(
        "",
        &[(b'a', b'z'), (b'A', b'Z'), (b'0', b'9'), (b'_', b'_'), (b'-', b'-')],
        1,
    )
    .allowing_final_line_terminator();
    time("ascii pattern on 7 bytes", || {
        black_box(black_box(&ascii).is_match(black_box("nightly")));
    });
    time("ascii pattern on empty", || {
        black_box(black_box(&ascii).is_match(black_box("")));
    });
    time("ascii pattern on 60 bytes", || {
        black_box(black_box(&ascii).is_match(black_box(
            "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij",
        )));
    });
    time("str == str, 14 bytes (libc memcmp)", || {
        black_box(black_box("jobTemplateArn") == black_box("jobTemplateAro"));
    });
    let regex = iot_models::runtime::validate::Pattern::compile("^[a-zA-Z0-9_-]+$", false);
    time("regex pattern on 7 bytes", || {
        black_box(black_box(&regex).is_match(black_box("nightly")));
    });
    time("minimal", || {
        black_box(black_box(&minimal).validate().is_ok());
    });
}
