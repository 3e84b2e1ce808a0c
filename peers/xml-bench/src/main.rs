//! XML response parse, ours against the official SDKs' deserializers, in one
//! run, on the same bytes, each figure the median of many timed batches,
//! the candidates taking turns batch by batch:
//!
//! - STS `AssumeRole` (awsQuery): `fixtures/assume-role.xml`, as STS sends
//!   it (result element, namespace, response metadata);
//! - S3 `ListObjectsV2` (restXml, unwrapped): a listing of 1,000 keys with
//!   owners, built by [`list_objects_v2`].
//!
//! Both sides run the operation's whole response path: status check, error
//! dispatch, XML read into the typed output. The SDK side builds its own
//! response type first (a copy of the body); that copy is timed apart and
//! subtracted.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::runtime_plugin::RuntimePlugin;
use aws_smithy_runtime_api::client::ser_de::{DeserializeResponse, SharedResponseDeserializer};
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::{ConfigBag, FrozenLayer};

fn main() {
    // An argument picks the rows whose name contains it (`sts`, `s3`).
    let only = std::env::args().nth(1).unwrap_or_default().to_lowercase();
    let wanted = |name: &str| name.to_lowercase().contains(&only);
    let sts_layer = sdk_layer(&aws_sdk_sts::operation::assume_role::AssumeRole::new());
    let s3_layer = sdk_layer(&aws_sdk_s3::operation::list_objects_v2::ListObjectsV2::new());
    let sts = include_bytes!("../fixtures/assume-role.xml").to_vec();
    let s3 = list_objects_v2(1_000).into_bytes();

    println!(
        "{:<22} {:>8} {:>12} {:>12} {:>12}",
        "response", "bytes", "ours", "official", "official/ours"
    );
    if wanted("STS AssumeRole") {
        row(
            "STS AssumeRole",
            &sts,
            2_000,
            |response| {
                let output =
                    sts_models::operation::assume_role::AssumeRole::response(response).expect("ours reads AssumeRole");
                output.credentials.is_some()
            },
            sdk_deserializer(&sts_layer),
            |output| {
                output
                    .downcast_ref::<aws_sdk_sts::operation::assume_role::AssumeRoleOutput>()
                    .is_some_and(|o| o.credentials.is_some())
            },
        );
    }
    if wanted("S3 ListObjectsV2 1000") {
        row(
            "S3 ListObjectsV2 1000",
            &s3,
            20,
            |response| {
                let output = protocol_s3::operation::list_objects_v2::ListObjectsV2::response(response)
                    .expect("ours reads ListObjectsV2");
                output.contents.as_ref().map_or(0, Vec::len) == 1_000
            },
            sdk_deserializer(&s3_layer),
            |output| {
                output
                    .downcast_ref::<aws_sdk_s3::operation::list_objects_v2::ListObjectsV2Output>()
                    .is_some_and(|o| o.contents().len() == 1_000)
            },
        );
    }
    println!("target: official / ours >= 2x on both");
}

type Erased = aws_smithy_runtime_api::client::interceptors::context::Output;

fn sdk_layer(plugin: &impl RuntimePlugin) -> FrozenLayer {
    plugin
        .config()
        .expect("the operation's runtime plugin has a config layer")
}

fn sdk_deserializer(layer: &FrozenLayer) -> &SharedResponseDeserializer {
    layer
        .load::<SharedResponseDeserializer>()
        .expect("the layer holds the response deserializer")
}

fn row(
    name: &str,
    body: &[u8],
    per_batch: usize,
    ours: impl Fn(&http::Response<&[u8]>) -> bool,
    sdk: &SharedResponseDeserializer,
    sdk_check: impl Fn(&Erased) -> bool,
) {
    let cfg = ConfigBag::base();
    let ours_response = http::Response::builder().status(200).body(body).expect("response");
    let sdk_response = || HttpResponse::new(200u16.try_into().expect("status"), SdkBody::from(body.to_vec()));
    // Each side parses what it is given and checks what it read.
    assert!(ours(&ours_response), "ours reads the {name} body in full");
    let read = sdk
        .deserialize_nonstreaming_with_config(&sdk_response(), &cfg)
        .expect("the SDK reads the body");
    assert!(sdk_check(&read), "the SDK reads the {name} body in full");

    let mut candidates: Vec<Box<dyn FnMut() + '_>> = vec![
        Box::new(|| {
            black_box(ours(black_box(&ours_response)));
        }),
        Box::new(|| {
            black_box(sdk_response());
        }),
        Box::new(|| {
            let response = sdk_response();
            black_box(
                sdk.deserialize_nonstreaming_with_config(black_box(&response), &cfg)
                    .is_ok(),
            );
        }),
    ];
    let medians = interleaved_medians(41, per_batch, &mut candidates);
    drop(candidates);
    let [ours, build, sdk_total] = medians[..].try_into().expect("one median per candidate");
    let official = sdk_total.saturating_sub(build);
    println!(
        "{name:<22} {:>8} {:>12.2?} {:>12.2?} {:>12.2}x",
        body.len(),
        ours,
        official,
        official.as_secs_f64() / ours.as_secs_f64()
    );
}

/// A `ListObjectsV2` response body of `keys` objects, as S3 sends it: the
/// bucket's namespace, flattened `Contents`, owners, ETags in quotes.
fn list_objects_v2(keys: usize) -> String {
    let mut body = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\
         <Name>example-build-artifacts</Name><Prefix>releases/</Prefix>",
    );
    let _ = write!(
        body,
        "<KeyCount>{keys}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>"
    );
    for i in 0..keys {
        let _ = write!(
            body,
            "<Contents><Key>releases/2026/{:02}/build-{i:05}/artifact-{i}.tar.gz</Key>\
             <LastModified>2026-{:02}-{:02}T{:02}:{:02}:{:02}.000Z</LastModified>\
             <ETag>&quot;{:032x}&quot;</ETag><Size>{}</Size>\
             <Owner><ID>{:064x}</ID><DisplayName>release-bot</DisplayName></Owner>\
             <StorageClass>STANDARD</StorageClass></Contents>",
            i % 12 + 1,
            i % 12 + 1,
            i % 28 + 1,
            i % 24,
            i % 60,
            (i * 7) % 60,
            (i as u128).wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c834),
            1_024 + i * 4_093,
            i as u128 * 31,
        );
    }
    body.push_str("</ListBucketResult>");
    body
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
