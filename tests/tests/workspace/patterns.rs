//! Every `@pattern` AWS publishes (`../shared/aws-patterns/patterns.json`) must
//! translate, compile, and match sample strings exactly as the reference engine
//! of its dialect does: java.util.regex for the Java dialect (AWS models), V8
//! with the `u` flag for ECMA-262 (other models). The judgments come from
//! `tests/fixtures/patterns/oracle.py` (committed as `oracle.json`), so the test
//! needs neither engine. Matching goes through the runtime's own `Pattern`, the
//! specialised matchers included, which must also agree with the full regex.
//!
//! A pattern that differs on some sample must be listed below with the reason;
//! a listed pattern that stops differing fails the test, so the list stays true.

use std::collections::{BTreeMap, HashMap};

use smithy_codegen::ir::pattern::{translate, Dialect};
use tests::patterns::{aws_patterns, full_pattern, key, runtime_pattern};

/// Patterns whose Java-dialect matcher differs from java.util.regex on a sample.
const JAVA_DIFFERENCES: &[(&str, &str)] = &[];

/// Patterns whose ECMA-dialect matcher differs from V8 on a sample.
const ECMA_DIFFERENCES: &[(&str, &str)] = &[];

struct Judged {
    samples: Vec<String>,
    java: String,
    ecma: Option<String>,
}

fn oracle() -> (Vec<String>, HashMap<String, Judged>) {
    let path = tests::workspace_root().join("tests/fixtures/patterns/oracle.json");
    let text = std::fs::read_to_string(&path).expect("oracle.json is committed");
    let json: serde_json::Value = serde_json::from_str(&text).expect("oracle.json is JSON");
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .expect("an array of strings")
            .iter()
            .map(|s| s.as_str().expect("a string").to_owned())
            .collect()
    };
    let generic = strings(&json["generic"]);
    let rows = json["patterns"]
        .as_array()
        .expect("patterns")
        .iter()
        .map(|row| {
            let judged = Judged {
                samples: strings(&row["samples"]),
                java: row["java"].as_str().expect("java judgments").to_owned(),
                ecma: row["ecma"].as_str().map(str::to_owned),
            };
            (row["key"].as_str().expect("key").to_owned(), judged)
        })
        .collect();
    (generic, rows)
}

fn check(dialect: Dialect, expected: &[(&str, &str)], test: &str) {
    let Some(patterns) = aws_patterns(test) else { return };
    let (generic, oracle) = oracle();
    let mut judged_patterns = 0;
    let mut compiled = 0;
    let mut judgments = 0;
    let (mut timed_out, mut unassigned) = (0, 0);
    let mut failed_to_compile = Vec::new();
    let mut differing: BTreeMap<String, String> = BTreeMap::new();
    for pattern in &patterns {
        let row = oracle
            .get(&key(pattern))
            .unwrap_or_else(|| panic!("{pattern:?} is not in oracle.json: run oracle.py"));
        let bits = match dialect {
            Dialect::Java => Some(row.java.as_str()),
            Dialect::Ecma => row.ecma.as_deref(),
        };
        let Some(bits) = bits.filter(|b| *b != "E") else {
            continue;
        };
        judged_patterns += 1;
        let translated = match translate("oracle", pattern, dialect) {
            Ok(t) => t,
            Err(e) => {
                failed_to_compile.push(e.to_string());
                continue;
            }
        };
        compiled += 1;
        let matcher = runtime_pattern(&translated);
        let full = translated.specialised.as_ref().and_then(|_| full_pattern(&translated));
        let samples = generic.iter().chain(&row.samples);
        assert_eq!(bits.chars().count(), generic.len() + row.samples.len(), "{pattern:?}");
        let mut wrong = Vec::new();
        for (sample, bit) in samples.zip(bits.chars()) {
            if let Some(full) = &full {
                assert_eq!(
                    matcher.is_match(sample),
                    full.is_match(sample),
                    "the specialised matcher of {pattern:?} disagrees with its regex on {sample:?}"
                );
            }
            let expected = match bit {
                '1' => true,
                '0' => false,
                'U' => {
                    unassigned += 1; // a character the JDK's Unicode does not assign yet
                    continue;
                }
                _ => {
                    timed_out += 1; // the reference engine backtracked too long
                    continue;
                }
            };
            judgments += 1;
            if matcher.is_match(sample) != expected {
                wrong.push(format!("{sample:?} (expected {expected})"));
            }
        }
        if !wrong.is_empty() {
            wrong.truncate(3);
            differing.insert(pattern.clone(), wrong.join(", "));
        }
    }
    let agreeing = compiled - differing.len();
    eprintln!(
        "{dialect:?}: {compiled}/{judged_patterns} patterns compile; {agreeing}/{compiled} agree with the reference \
         engine on every sample ({judgments} judgments; not compared: {timed_out} where the reference engine timed \
         out, {unassigned} on characters its Unicode version does not assign); {} listed differences",
        expected.len()
    );
    assert!(
        failed_to_compile.is_empty(),
        "{} patterns do not compile:\n{}",
        failed_to_compile.len(),
        failed_to_compile.join("\n")
    );
    let listed: BTreeMap<&str, &str> = expected.iter().copied().collect();
    let unexpected: Vec<String> = differing
        .iter()
        .filter(|(p, _)| !listed.contains_key(p.as_str()))
        .map(|(p, why)| format!("{p:?}: {why}"))
        .collect();
    let now_agreeing: Vec<&str> = listed
        .keys()
        .filter(|p| !differing.contains_key(**p))
        .copied()
        .collect();
    assert!(
        unexpected.is_empty(),
        "{} patterns differ from the reference engine:\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
    assert!(
        now_agreeing.is_empty(),
        "listed as differing but now agreeing (remove them from the list): {now_agreeing:?}"
    );
}

#[test]
fn every_aws_pattern_compiles_and_matches_as_java_does() {
    check(
        Dialect::Java,
        JAVA_DIFFERENCES,
        "every_aws_pattern_compiles_and_matches_as_java_does",
    );
}

#[test]
fn every_ecma_valid_aws_pattern_matches_as_v8_does() {
    check(
        Dialect::Ecma,
        ECMA_DIFFERENCES,
        "every_ecma_valid_aws_pattern_matches_as_v8_does",
    );
}
