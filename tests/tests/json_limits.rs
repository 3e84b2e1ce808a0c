//! The JSON response reader (`DescribeJobTemplate::response`: the runtime's
//! own reader, serde_json where it gives up) on hostile bodies: each gives a
//! value or an error, never a panic or a stack overflow, within memory a
//! small multiple of the body (a counting allocator measures the peak).

use iot_models::operation::describe_job_template::DescribeJobTemplate;

#[path = "../../runtime/tests/support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::peak_during;

/// Reads `body` as a 200 response; whether it read, and this thread's peak
/// allocation above what it held before.
fn read(body: Vec<u8>) -> (bool, usize) {
    let response = http::Response::builder()
        .status(200)
        .body(body)
        .expect("a response builds");
    peak_during(|| DescribeJobTemplate::response(&response).is_ok())
}

#[test]
fn nesting_100_000_deep_in_an_unknown_member_is_skipped_without_a_stack_overflow() {
    let body = format!("{{\"unknown\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let len = body.len();
    let (ok, peak) = read(body.into_bytes());
    // The runtime's reader gives up past 100 levels; serde_json skips an
    // unknown member without recursing, so the output reads.
    assert!(ok, "an unknown member is skipped whatever its depth");
    assert!(peak <= 2 * len, "{peak} bytes for a {len}-byte body");
}

#[test]
fn a_100_mb_string_costs_about_its_own_size() {
    let body = tests::hostile::long_string("description", 100 * 1024 * 1024, false);
    let len = body.len();
    let (ok, peak) = read(body.into_bytes());
    assert!(ok);
    assert!(peak <= 2 * len, "{peak} bytes for a {len}-byte body");
}

#[test]
fn a_million_element_list_costs_a_small_multiple_of_its_bytes() {
    let body = tests::hostile::long_list(
        "destinationPackageVersions",
        "\"arn:aws:iot:us-east-1:123456789012:package/p/version/1\"",
        1_000_000,
    );
    let len = body.len();
    let (ok, peak) = read(body.into_bytes());
    assert!(ok);
    assert!(peak <= 4 * len, "{peak} bytes for a {len}-byte body");
    // The strings themselves are allocated: the counter counts.
    assert!(peak >= len / 2, "{peak} bytes: the allocator is not counting");
}

#[test]
fn a_number_of_100_000_digits_is_an_error_without_a_big_allocation() {
    let body = format!(
        "{{\"timeoutConfig\":{{\"inProgressTimeoutInMinutes\":{}}}}}",
        "9".repeat(100_000)
    );
    let len = body.len();
    let (ok, peak) = read(body.into_bytes());
    assert!(!ok, "a long's range ends long before 100,000 digits");
    assert!(peak <= 4 * len, "{peak} bytes for a {len}-byte body");
}

#[test]
fn nesting_100_000_deep_in_a_known_member_is_an_error_not_a_stack_overflow() {
    // `maintenanceWindows` is a list of structures: nesting lists there is a
    // type error at the second level, found before any depth matters.
    let body = format!(
        "{{\"maintenanceWindows\":{}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let len = body.len();
    let (ok, peak) = read(body.into_bytes());
    assert!(!ok);
    assert!(peak <= 2 * len, "{peak} bytes for a {len}-byte body");
}
