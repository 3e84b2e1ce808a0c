use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use aws_sdk_iot::config::endpoint::{DefaultResolver, Params as SdkParams, ResolveEndpoint};
fn main() {
    for region in ["", "us-east-1/evil", "us east 1", "US-EAST-1"] {
        let p = SdkParams::builder().region(region).use_fips(false).use_dual_stack(false).build();
        let p = match p { Ok(p) => p, Err(e) => { println!("{region:?}: sdk params refused: {e}"); let ours = iot_models::endpoint::Params { region: Some(region.into()), ..Default::default() }.resolve(); println!("  ours: {:?}", ours.map(|e| e.url)); continue } };
        let r = DefaultResolver::new();
        let mut f = pin!(r.resolve_endpoint(&p));
        if let Poll::Ready(e) = f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            println!("{region:?}: {:?}", e.map(|e| e.url().to_owned()).map_err(|e| e.to_string()));
        }
        let ours = iot_models::endpoint::Params { region: Some(region.into()), ..Default::default() }.resolve();
        println!("  ours: {:?}", ours.map(|e| e.url));
    }
}
