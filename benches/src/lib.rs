//! The bodies the benchmarks parse: minimal, full and large DescribeJobTemplate
//! responses, built here so every run measures the same bytes; and the one
//! timing helper the same-run ratio benchmarks share.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Median time per call of `f` over `batches` timed batches of `per_batch`
/// calls, after one untimed batch to warm up.
pub fn median(batches: usize, per_batch: usize, mut f: impl FnMut()) -> Duration {
    for _ in 0..per_batch {
        f();
    }
    let mut samples: Vec<Duration> = (0..batches)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per_batch {
                f();
            }
            start.elapsed() / per_batch as u32
        })
        .collect();
    samples.sort();
    samples[samples.len() / 2]
}

/// The medians of `a` and `b`, measured in alternating batches: a ratio of
/// the two is not skewed by the machine getting busier or quieter between
/// one measurement and the other.
pub fn median_pair(batches: usize, per_batch: usize, mut a: impl FnMut(), mut b: impl FnMut()) -> (Duration, Duration) {
    for _ in 0..per_batch {
        a();
        b();
    }
    let time = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        for _ in 0..per_batch {
            f();
        }
        start.elapsed() / per_batch as u32
    };
    let (mut first, mut second) = (Vec::with_capacity(batches), Vec::with_capacity(batches));
    for _ in 0..batches {
        first.push(time(&mut a));
        second.push(time(&mut b));
    }
    first.sort();
    second.sort();
    (first[batches / 2], second[batches / 2])
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// `(name, bytes)` for the three response bodies.
pub fn bodies() -> Vec<(&'static str, Vec<u8>)> {
    vec![("minimal", minimal()), ("full", full()), ("large", large())]
}

/// Only the ARN and id.
pub fn minimal() -> Vec<u8> {
    br#"{"jobTemplateArn":"arn:aws:iot:eu-west-1:123456789012:jobtemplate/nightly","jobTemplateId":"nightly"}"#.to_vec()
}

/// Every member set (the test fixture).
pub fn full() -> Vec<u8> {
    std::fs::read(workspace_root().join("tests/fixtures/describe_job_template_full.json")).expect("fixture readable")
}

/// A ~30 KB job document, 25 package versions, several maintenance windows and
/// abort criteria.
pub fn large() -> Vec<u8> {
    let steps: Vec<serde_json::Value> = (0..138)
        .map(|i| {
            serde_json::json!({
                "step": i,
                "action": "install",
                "package": format!("component-{i:03}"),
                "url": format!("https://example-bucket.s3.amazonaws.com/releases/2024/component-{i:03}.tar.gz"),
                "sha256": format!("{:064x}", (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)),
            })
        })
        .collect();
    let document = serde_json::to_string(&serde_json::json!({"operation": "install", "steps": steps})).expect("json");
    let versions: Vec<String> = (0..25)
        .map(|i| format!("arn:aws:iot:eu-west-1:123456789012:package/component-{i:03}/version/1.{i}.0"))
        .collect();
    let windows: Vec<serde_json::Value> = (0..6)
        .map(|i| serde_json::json!({"startTime": format!("cron(0 {} ? * SAT *)", i * 3), "durationInMinutes": 60 + i * 30}))
        .collect();
    let criteria: Vec<serde_json::Value> = ["FAILED", "REJECTED", "TIMED_OUT", "ALL"]
        .iter()
        .enumerate()
        .map(|(i, t)| {
            serde_json::json!({"failureType": t, "action": "CANCEL", "thresholdPercentage": 10.5 + i as f64,
                               "minNumberOfExecutedThings": 10 * (i + 1)})
        })
        .collect();
    let body = serde_json::json!({
        "jobTemplateArn": "arn:aws:iot:eu-west-1:123456789012:jobtemplate/fleet-wide-upgrade",
        "jobTemplateId": "fleet-wide-upgrade",
        "description": "Upgrade every component of the fleet, one maintenance window at a time",
        "documentSource": "https://example-bucket.s3.amazonaws.com/jobs/fleet-wide-upgrade.json",
        "document": document,
        "createdAt": 1_700_000_000.123,
        "presignedUrlConfig": {"roleArn": "arn:aws:iam::123456789012:role/JobsS3Access", "expiresInSec": 3600},
        "jobExecutionsRolloutConfig": {"maximumPerMinute": 1000, "exponentialRate": {
            "baseRatePerMinute": 50, "incrementFactor": 2.5,
            "rateIncreaseCriteria": {"numberOfNotifiedThings": 500, "numberOfSucceededThings": 450}}},
        "abortConfig": {"criteriaList": criteria},
        "timeoutConfig": {"inProgressTimeoutInMinutes": 240},
        "jobExecutionsRetryConfig": {"criteriaList": [
            {"failureType": "FAILED", "numberOfRetries": 3}, {"failureType": "TIMED_OUT", "numberOfRetries": 2}]},
        "maintenanceWindows": windows,
        "destinationPackageVersions": versions,
    });
    serde_json::to_vec(&body).expect("json")
}

/// A `JsonLists` body of about 2 KB: strings, numbers, booleans, enums,
/// timestamps, nested lists and structures.
pub fn json_lists_body() -> Vec<u8> {
    let strings: Vec<String> = (0..24).map(|i| format!("item-{i:03}-of-the-list")).collect();
    let body = serde_json::json!({
        "stringList": strings,
        "stringSet": (0..8).map(|i| format!("unique-{i}")).collect::<Vec<_>>(),
        "integerList": (0..60).map(|i| i * 37).collect::<Vec<i32>>(),
        "booleanList": (0..16).map(|i| i % 3 == 0).collect::<Vec<_>>(),
        "timestampList": (0..8).map(|i| 1_700_000_000 + i * 3600).collect::<Vec<i64>>(),
        "enumList": ["Foo", "Baz", "Bar", "1", "0"],
        "intEnumList": [1, 2, 3],
        "nestedStringList": (0..6).map(|i| vec![format!("n{i}a"), format!("n{i}b"), format!("n{i}c")]).collect::<Vec<_>>(),
        "myStructureList": (0..16).map(|i| serde_json::json!({"value": format!("value-{i}"), "other": format!("other-{i}")})).collect::<Vec<_>>(),
    });
    serde_json::to_vec(&body).expect("JSON")
}
