//! The types `build.rs` generated, used as any crate's own.

use build_script_example::weather::operation::get_forecast::{
    GetForecast, GetForecastError, GetForecastInput, GetForecastOutput,
};
use build_script_example::weather::types::{Sky, TemperatureRange};

#[test]
fn builders_validate_against_the_model() {
    let input = GetForecastInput::builder()
        .city_id("ber")
        .days(3)
        .build()
        .expect("valid");
    assert_eq!(input.city_id(), Some("ber"));
    let error = GetForecastInput::builder()
        .city_id("Berlin")
        .days(20)
        .build()
        .expect_err("invalid");
    let paths: Vec<&str> = error.violations().iter().map(|v| v.path()).collect();
    assert_eq!(paths, ["/cityId", "/days"]);
    assert_eq!(
        error.violations()[1].message(),
        "Value at '/days' failed to satisfy constraint: Member must be between 0 and 14, inclusive"
    );
}

#[test]
fn requests_and_responses_go_through_http() {
    let input = GetForecastInput::builder()
        .city_id("ber")
        .days(1)
        .build()
        .expect("valid");
    let request = GetForecast::request(&input).expect("a request");
    assert_eq!(request.method(), "GET");
    assert_eq!(request.uri(), "/cities/ber/forecast?days=1");

    let answer = http::Response::builder()
        .status(200)
        .body(br#"{"cityId":"ber","range":{"low":-3,"high":4},"sky":"rain"}"#.to_vec())
        .expect("a response");
    let output: GetForecastOutput = GetForecast::response(&answer).expect("an output");
    assert_eq!(output.range().high(), 4);
    assert_eq!(output.sky(), Some(&Sky::Rain));

    let missing = http::Response::builder()
        .status(404)
        .header("x-amzn-errortype", "NoSuchCity")
        .body(br#"{"message":"no city xyz"}"#.to_vec())
        .expect("a response");
    let error: GetForecastError = GetForecast::response(&missing).expect_err("an error").into();
    assert!(matches!(error, GetForecastError::NoSuchCity(_)));
    assert_eq!(error.message(), Some("no city xyz"));
}

/// `build.rs` asked for `PartialOrd` on every type.
#[test]
fn the_derive_asked_for_is_there() {
    let cold = TemperatureRange::builder().low(-5).high(0).build().expect("valid");
    let warm = TemperatureRange::builder().low(10).high(20).build().expect("valid");
    assert!(cold < warm);
    assert!(Sky::Clear < Sky::Rain);
}
