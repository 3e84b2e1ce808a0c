//! Writes the sample strings of the pattern oracle: for every pattern in
//! `../shared/aws-patterns/patterns.json`, strings made from its Java-dialect
//! translation (matching ones and near misses), as JSON on standard output.
//! `tests/fixtures/patterns/oracle.py` runs this, then has java.util.regex and
//! V8 judge every sample; the samples are only inputs, never expectations.
//!
//! `cargo run -p tests --example pattern_samples [-- --timing]`

use std::time::{Duration, Instant};

use smithy_codegen::ir::pattern::{translate, Dialect};
use tests::patterns::{aws_patterns, key, runtime_pattern, samples_for, GENERIC_SAMPLES};

fn main() {
    let Some(patterns) = aws_patterns("pattern_samples") else {
        std::process::exit(1);
    };
    if std::env::args().any(|a| a == "--failures") {
        return failures(&patterns);
    }
    if std::env::args().any(|a| a == "--timing") {
        return timing(&patterns);
    }
    let rows: Vec<serde_json::Value> = patterns
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let samples = translate("oracle", p, Dialect::Java)
                .map(|t| samples_for(&t, i as u64))
                .unwrap_or_default();
            serde_json::json!({"key": key(p), "samples": samples})
        })
        .collect();
    let out = serde_json::json!({"generic": GENERIC_SAMPLES, "patterns": rows});
    println!("{out}");
}

/// How long translating (generation time) and compiling (first use at run
/// time) every pattern takes, in both dialects.
fn timing(patterns: &[String]) {
    for dialect in [Dialect::Java, Dialect::Ecma] {
        let mut slowest = (Duration::ZERO, "");
        let (mut translate_total, mut compile_total, mut compiled) = (Duration::ZERO, Duration::ZERO, 0);
        for p in patterns {
            let started = Instant::now();
            let Ok(t) = translate("timing", p, dialect) else {
                continue;
            };
            translate_total += started.elapsed();
            let started = Instant::now();
            std::hint::black_box(runtime_pattern(&t));
            let took = started.elapsed();
            compile_total += took;
            compiled += 1;
            if took > slowest.0 {
                slowest = (took, p);
            }
        }
        println!(
            "{dialect:?}: {compiled}/{} translated; translate (with its compile check) {translate_total:.2?} in all; \
             runtime compile {compile_total:.2?} in all, slowest {:.2?}: {:?}",
            patterns.len(),
            slowest.0,
            slowest.1
        );
    }
}

/// Lists the patterns that do not translate, with why.
fn failures(patterns: &[String]) {
    for p in patterns {
        if let Err(e) = translate("x", p, Dialect::Java) {
            println!("{e}");
        }
    }
}
