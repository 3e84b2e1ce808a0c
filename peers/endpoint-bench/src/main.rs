//! Resolving IoT's endpoint, ours against `aws-sdk-iot`'s, interleaved in one
//! run: each figure is the median of 41 timed batches. The SDK's resolver
//! keeps the last parameters and endpoint (a one-entry cache), so it is timed
//! twice: with the same parameters every call (the cache answers), and with
//! two parameter sets in turn (every call resolves). Ours keeps the last
//! answer per thread, and is timed the same two ways.

use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use aws_sdk_iot::config::endpoint::{DefaultResolver, Params as SdkParams, ResolveEndpoint};
use iot_models::endpoint::Params;

/// One case: the same parameters for both resolvers.
struct Case {
    name: &'static str,
    region: &'static str,
    other_region: &'static str,
    fips: bool,
    dual_stack: bool,
}

fn main() {
    let cases = [
        Case {
            name: "region",
            region: "eu-west-1",
            other_region: "us-west-2",
            fips: false,
            dual_stack: false,
        },
        Case {
            name: "FIPS + dual-stack",
            region: "us-east-1",
            other_region: "us-east-2",
            fips: true,
            dual_stack: true,
        },
    ];
    println!(
        "{:<20} {:>8} {:>8} {:>7} | {:>8} {:>8} {:>7}",
        "case", "ours", "sdk", "ratio", "ours", "sdk", "ratio"
    );
    println!("{:<20} {:^25} | {:^25}", "", "same parameters", "two in turn (no cache hit)");
    for case in &cases {
        run(case);
    }
}

fn ours(region: &str, case: &Case) -> Params {
    Params {
        region: Some(region.to_owned()),
        use_fips: case.fips,
        use_dual_stack: case.dual_stack,
        ..Params::default()
    }
}

fn sdk(region: &str, case: &Case) -> SdkParams {
    SdkParams::builder()
        .region(region)
        .use_fips(case.fips)
        .use_dual_stack(case.dual_stack)
        .build()
        .expect("valid parameters")
}

/// The SDK's answer: its future is ready at once, so one poll takes it.
fn sdk_resolve(resolver: &DefaultResolver, params: &SdkParams) -> String {
    let mut future = pin!(resolver.resolve_endpoint(params));
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(endpoint) => endpoint.expect("an endpoint").url().to_owned(),
        Poll::Pending => panic!("the SDK's endpoint future was not ready"),
    }
}

fn run(case: &Case) {
    let (ours_params, ours_other) = (ours(case.region, case), ours(case.other_region, case));
    let (sdk_params, sdk_other) = (sdk(case.region, case), sdk(case.other_region, case));
    let resolver = DefaultResolver::new();
    // Both give the same URL, or the comparison means nothing.
    let url = ours_params.resolve().expect("an endpoint").url;
    assert_eq!(url, sdk_resolve(&resolver, &sdk_params));
    assert_eq!(ours_other.resolve().expect("an endpoint").url, sdk_resolve(&resolver, &sdk_other));

    let per_batch = 2_000;
    let (mut flip, mut flip_sdk) = (false, false);
    let mut candidates: Vec<Box<dyn FnMut() + '_>> = vec![
        Box::new(|| {
            black_box(black_box(&ours_params).resolve().expect("an endpoint"));
        }),
        Box::new(|| {
            black_box(sdk_resolve(&resolver, black_box(&sdk_params)));
        }),
        Box::new(|| {
            flip = !flip;
            let p = if flip { &ours_params } else { &ours_other };
            black_box(p.resolve().expect("an endpoint"));
        }),
        Box::new(|| {
            flip_sdk = !flip_sdk;
            let p = if flip_sdk { &sdk_params } else { &sdk_other };
            black_box(sdk_resolve(&resolver, p));
        }),
    ];
    let medians = interleaved_medians(41, per_batch, &mut candidates);
    drop(candidates);
    let [ours_same, sdk_same, ours_turns, sdk_turns] = medians[..].try_into().expect("one median per candidate");
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
    println!(
        "{:<20} {:>8.0?} {:>8.0?} {:>6.2}x | {:>8.0?} {:>8.0?} {:>6.2}x",
        case.name,
        ours_same,
        sdk_same,
        ratio(ours_same, sdk_same),
        ours_turns,
        sdk_turns,
        ratio(ours_turns, sdk_turns)
    );
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
