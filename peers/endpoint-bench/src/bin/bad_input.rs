//! What each resolver makes of regions that are no host label: ours
//! refuses them at resolution, aws-sdk-iot when its `Params` are built.
//! Run: cargo run --release --manifest-path peers/endpoint-bench/Cargo.toml --bin bad_input

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use aws_sdk_iot::config::endpoint::{DefaultResolver, Params as SdkParams, ResolveEndpoint};

fn main() {
    for region in ["", "us-east-1/evil", "us east 1", "US-EAST-1"] {
        let ours = iot_models::endpoint::Params {
            region: Some(region.into()),
            ..Default::default()
        }
        .resolve()
        .map(|e| e.url)
        .map_err(|e| e.to_string());
        println!("{region:?}\n  ours: {ours:?}\n  sdk:  {:?}", sdk(region));
    }
}

fn sdk(region: &str) -> Result<String, String> {
    let params = SdkParams::builder()
        .region(region)
        .use_fips(false)
        .use_dual_stack(false)
        .build()
        .map_err(|e| format!("params refused: {e}"))?;
    let resolver = DefaultResolver::new();
    let mut future = pin!(resolver.resolve_endpoint(&params));
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(endpoint) => endpoint.map(|e| e.url().to_owned()).map_err(|e| e.to_string()),
        Poll::Pending => Err("the SDK's endpoint future was not ready".into()),
    }
}
