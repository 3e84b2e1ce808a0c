//! The checks generated `@endpointTests` cases call: a failure names what
//! differs, expected beside resolved.

use super::{Endpoint, ResolveError};

/// The endpoint has the expected URL, headers and properties (`properties`
/// as JSON; `{}` when the case expects none).
#[track_caller]
pub fn endpoint(endpoint: &Endpoint, url: &str, headers: &[(&str, &[&str])], properties: &str) {
    assert_eq!(endpoint.url, url, "the endpoint URL");
    let mut got: Vec<(&str, Vec<&str>)> = endpoint
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.iter().map(String::as_str).collect()))
        .collect();
    got.sort();
    let mut want: Vec<(&str, Vec<&str>)> = headers.iter().map(|(k, v)| (*k, v.to_vec())).collect();
    want.sort();
    assert_eq!(got, want, "the endpoint headers");
    let want: serde_json::Value = serde_json::from_str(properties).expect("the case's properties are JSON");
    let got = serde_json::Value::Object(
        endpoint
            .properties
            .iter()
            .map(|(k, v)| (k.clone(), v.to_json()))
            .collect(),
    );
    assert_eq!(got, want, "the endpoint properties");
}

/// Resolution failed with exactly `message`.
#[track_caller]
pub fn error(resolved: Result<Endpoint, ResolveError>, message: &str) {
    match resolved {
        Ok(endpoint) => panic!("expected the error {message:?}, resolved {endpoint:?}"),
        Err(e) => assert_eq!(e.to_string(), message, "the resolution error"),
    }
}

/// The request goes to the endpoint: its scheme, its host (or a host the
/// operation prefixed), its path first, and its headers.
#[track_caller]
pub fn sent_to<B>(request: &http::Request<B>, endpoint: &Endpoint) {
    let base: http::Uri = endpoint.url.parse().expect("the endpoint URL is a URI");
    let uri = request.uri();
    assert_eq!(uri.scheme(), base.scheme(), "the request's scheme");
    let (host, expected) = (
        uri.authority().map(|a| a.as_str()).unwrap_or_default(),
        base.authority().map(|a| a.as_str()).unwrap_or_default(),
    );
    assert!(
        host.ends_with(expected),
        "the request's host {host} is not the endpoint's {expected}"
    );
    let prefix = base.path().trim_end_matches('/');
    assert!(
        uri.path().starts_with(prefix),
        "the request's path {} does not start with {prefix}",
        uri.path()
    );
    for (name, values) in &endpoint.headers {
        let sent: Vec<&str> = request
            .headers()
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        for value in values {
            assert!(
                sent.contains(&value.as_str()),
                "the request lacks the header {name}: {value}"
            );
        }
    }
}
