//! restJson1 wire behaviour of the generated types: a realistic response round
//! trip, forward-compatible enums, timestamps, nulls, non-finite floats, integer
//! overflow and client error correction.

use iot_models::operation::describe_job_template::DescribeJobTemplateOutput;
use iot_models::runtime::ConstraintKind;
use iot_models::types::{
    AbortAction, AbortConfig, AbortCriteria, ExponentialRolloutRate, JobExecutionFailureType, JobExecutionsRetryConfig,
    JobExecutionsRolloutConfig, MaintenanceWindow, PresignedUrlConfig, RateIncreaseCriteria, RetryCriteria,
    RetryableFailureType, TimeoutConfig,
};
use serde_json::{json, Value};
use time::macros::datetime;

fn full_output_built_in_rust() -> DescribeJobTemplateOutput {
    DescribeJobTemplateOutput::builder()
        .job_template_arn("arn:aws:iot:eu-west-1:123456789012:jobtemplate/firmware-rollout-v2")
        .job_template_id("firmware-rollout-v2")
        .description("Staged firmware rollout for the v2 sensor fleet")
        .document_source("https://s3.eu-west-1.amazonaws.com/fleet-jobs/firmware-v2.json")
        .document(r#"{"operation":"install","package":"sensor-fw","version":"2.4.1"}"#)
        .created_at(datetime!(2023-11-14 22:13:20.5 UTC))
        .presigned_url_config(
            PresignedUrlConfig::builder()
                .role_arn("arn:aws:iam::123456789012:role/JobsS3Access")
                .expires_in_sec(1800)
                .build()
                .unwrap(),
        )
        .job_executions_rollout_config(
            JobExecutionsRolloutConfig::builder()
                .maximum_per_minute(500)
                .exponential_rate(
                    ExponentialRolloutRate::builder()
                        .base_rate_per_minute(20)
                        .increment_factor(1.5)
                        .rate_increase_criteria(
                            RateIncreaseCriteria::builder()
                                .number_of_notified_things(100)
                                .number_of_succeeded_things(80)
                                .build()
                                .unwrap(),
                        )
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap(),
        )
        .abort_config(
            AbortConfig::builder()
                .criteria_list(
                    AbortCriteria::builder()
                        .failure_type(JobExecutionFailureType::Failed)
                        .action(AbortAction::Cancel)
                        .threshold_percentage(12.5)
                        .min_number_of_executed_things(50)
                        .build()
                        .unwrap(),
                )
                .criteria_list(
                    AbortCriteria::builder()
                        .failure_type(JobExecutionFailureType::TimedOut)
                        .action(AbortAction::Cancel)
                        .threshold_percentage(30.0)
                        .min_number_of_executed_things(10)
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap(),
        )
        .timeout_config(TimeoutConfig::builder().in_progress_timeout_in_minutes(120).build())
        .job_executions_retry_config(
            JobExecutionsRetryConfig::builder()
                .criteria_list(
                    RetryCriteria::builder()
                        .failure_type(RetryableFailureType::Failed)
                        .number_of_retries(3)
                        .build()
                        .unwrap(),
                )
                .criteria_list(
                    RetryCriteria::builder()
                        .failure_type(RetryableFailureType::TimedOut)
                        .number_of_retries(1)
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap(),
        )
        .maintenance_windows(
            MaintenanceWindow::builder()
                .start_time("cron(0 2 ? * SAT *)")
                .duration_in_minutes(240)
                .build()
                .unwrap(),
        )
        .maintenance_windows(
            MaintenanceWindow::builder()
                .start_time("cron(30 23 ? * WED *)")
                .duration_in_minutes(90)
                .build()
                .unwrap(),
        )
        .destination_package_versions("arn:aws:iot:eu-west-1:123456789012:package/sensor-fw/version/2.4.1")
        .destination_package_versions("arn:aws:iot:eu-west-1:123456789012:package/bootloader/version/1.0.3")
        .build()
        .expect("the full fixture satisfies every constraint")
}

fn parse(body: &str) -> DescribeJobTemplateOutput {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("body should parse: {e}\n{body}"))
}

#[test]
fn full_response_parses_equals_rust_value_and_round_trips() {
    let body = tests::fixture("describe_job_template_full.json");
    let parsed = parse(&body);
    let built = full_output_built_in_rust();
    assert_eq!(parsed, built);
    parsed.validate().expect("fixture is valid");

    let original: Value = serde_json::from_str(&body).unwrap();
    let written = serde_json::to_value(&parsed).unwrap();
    assert_eq!(written, original);
    // And through bytes again.
    let reparsed = parse(&serde_json::to_string(&parsed).unwrap());
    assert_eq!(reparsed, parsed);
}

#[test]
fn unknown_fields_are_ignored_at_every_level() {
    let body = json!({
        "jobTemplateId": "t1",
        "brandNewField": {"nested": [1, 2, {"deep": null}]},
        "abortConfig": {"criteriaList": [], "extra": true},
        "timeoutConfig": {"inProgressTimeoutInMinutes": 5, "unitOfTime": "minutes"}
    });
    let parsed: DescribeJobTemplateOutput = serde_json::from_value(body).unwrap();
    assert_eq!(parsed.job_template_id(), Some("t1"));
    assert_eq!(
        parsed.timeout_config().and_then(|t| t.in_progress_timeout_in_minutes()),
        Some(5)
    );
    let written = serde_json::to_value(&parsed).unwrap();
    assert!(written.get("brandNewField").is_none());
}

#[test]
fn unknown_enum_values_are_kept_and_written_back() {
    let body = json!({
        "abortConfig": {"criteriaList": [{
            "failureType": "EXPLODED",
            "action": "CANCEL",
            "thresholdPercentage": 50,
            "minNumberOfExecutedThings": 1
        }]}
    });
    let parsed: DescribeJobTemplateOutput = serde_json::from_value(body.clone()).unwrap();
    let criteria = &parsed.abort_config().unwrap().criteria_list()[0];
    assert!(!criteria.failure_type().is_known());
    assert_eq!(criteria.failure_type().as_str(), "EXPLODED");
    assert_eq!(criteria.failure_type(), &JobExecutionFailureType::from("EXPLODED"));
    let written = serde_json::to_value(&parsed).unwrap();
    assert_eq!(written["abortConfig"]["criteriaList"][0]["failureType"], "EXPLODED");
    assert_eq!(
        written,
        json!({
            "abortConfig": {"criteriaList": [{
                "failureType": "EXPLODED",
                "action": "CANCEL",
                "thresholdPercentage": 50,
                "minNumberOfExecutedThings": 1
            }]}
        })
    );
}

#[test]
fn enum_conversions() {
    assert_eq!(
        JobExecutionFailureType::values(),
        ["FAILED", "REJECTED", "TIMED_OUT", "ALL"]
    );
    assert_eq!(
        "TIMED_OUT".parse::<JobExecutionFailureType>(),
        Ok(JobExecutionFailureType::TimedOut)
    );
    assert_eq!(JobExecutionFailureType::All.to_string(), "ALL");
    assert_eq!(
        JobExecutionFailureType::from(String::from("REJECTED")),
        JobExecutionFailureType::Rejected
    );
    // Values are case-sensitive, and "" is an unknown value, not absence.
    assert!(!JobExecutionFailureType::from("failed").is_known());
    assert!(!JobExecutionFailureType::from("").is_known());
}

#[test]
fn epoch_seconds_with_and_without_fraction() {
    let half: DescribeJobTemplateOutput = serde_json::from_value(json!({"createdAt": 1700000000.5})).unwrap();
    assert_eq!(half.created_at(), Some(datetime!(2023-11-14 22:13:20.5 UTC)));
    assert_eq!(serde_json::to_value(&half).unwrap(), json!({"createdAt": 1700000000.5}));

    let whole: DescribeJobTemplateOutput = serde_json::from_value(json!({"createdAt": 1700000000})).unwrap();
    assert_eq!(whole.created_at(), Some(datetime!(2023-11-14 22:13:20 UTC)));
    assert_eq!(serde_json::to_string(&whole).unwrap(), r#"{"createdAt":1700000000}"#);

    // 1700000000.123 is stored in a double as ...122999906; the millisecond is .123.
    let ms: DescribeJobTemplateOutput = serde_json::from_str(r#"{"createdAt": 1700000000.123}"#).unwrap();
    assert_eq!(ms.created_at(), Some(datetime!(2023-11-14 22:13:20.123 UTC)));
    assert_eq!(serde_json::to_string(&ms).unwrap(), r#"{"createdAt":1700000000.123}"#);

    // Before the epoch, sub-second values floor: -1.5 is 23:59:58.5.
    let negative: DescribeJobTemplateOutput = serde_json::from_str(r#"{"createdAt": -1.5}"#).unwrap();
    assert_eq!(negative.created_at(), Some(datetime!(1969-12-31 23:59:58.5 UTC)));
    assert_eq!(serde_json::to_string(&negative).unwrap(), r#"{"createdAt":-1.5}"#);
}

#[test]
fn timestamps_must_be_numbers_within_range() {
    for bad in [
        r#"{"createdAt": "2023-11-14T22:13:20Z"}"#,
        r#"{"createdAt": "1700000000"}"#,
        r#"{"createdAt": 1e20}"#,
    ] {
        let err = serde_json::from_str::<DescribeJobTemplateOutput>(bad).unwrap_err();
        assert!(
            err.to_string().contains("timestamp") || err.to_string().contains("epoch"),
            "{bad}: {err}"
        );
    }
}

#[test]
fn null_members_are_absent_and_absent_members_are_not_written() {
    let parsed: DescribeJobTemplateOutput =
        serde_json::from_str(r#"{"jobTemplateId": null, "description": "d", "abortConfig": null}"#).unwrap();
    assert_eq!(parsed.job_template_id(), None);
    assert!(parsed.abort_config().is_none());
    assert_eq!(serde_json::to_value(&parsed).unwrap(), json!({"description": "d"}));
}

#[test]
fn null_items_in_dense_lists_are_rejected() {
    let err = serde_json::from_str::<DescribeJobTemplateOutput>(r#"{"destinationPackageVersions": ["arn:a", null]}"#)
        .unwrap_err();
    assert!(err.to_string().contains("null at index 1"), "{err}");
    let err = serde_json::from_str::<DescribeJobTemplateOutput>(r#"{"maintenanceWindows": [null]}"#).unwrap_err();
    assert!(err.to_string().contains("null at index 0"), "{err}");
}

#[test]
fn non_finite_doubles_are_strings() {
    let body = json!({"abortConfig": {"criteriaList": [
        {"failureType": "ALL", "action": "CANCEL", "thresholdPercentage": "NaN", "minNumberOfExecutedThings": 1},
        {"failureType": "ALL", "action": "CANCEL", "thresholdPercentage": "Infinity", "minNumberOfExecutedThings": 1},
        {"failureType": "ALL", "action": "CANCEL", "thresholdPercentage": "-Infinity", "minNumberOfExecutedThings": 1}
    ]}});
    let parsed: DescribeJobTemplateOutput = serde_json::from_value(body.clone()).unwrap();
    let list = parsed.abort_config().unwrap().criteria_list();
    assert!(list[0].threshold_percentage().is_nan());
    assert_eq!(list[1].threshold_percentage(), f64::INFINITY);
    assert_eq!(list[2].threshold_percentage(), f64::NEG_INFINITY);
    assert_eq!(serde_json::to_value(&parsed).unwrap(), body);

    let err = serde_json::from_value::<DescribeJobTemplateOutput>(json!({"abortConfig": {"criteriaList": [
        {"failureType": "ALL", "action": "CANCEL", "thresholdPercentage": "12.5", "minNumberOfExecutedThings": 1}
    ]}}))
    .unwrap_err();
    assert!(err.to_string().contains("can represent a number as a string"), "{err}");
}

#[test]
fn integer_overflow_and_fractions_are_rejected() {
    for bad in [
        json!({"jobExecutionsRolloutConfig": {"maximumPerMinute": 2147483648u64}}),
        json!({"jobExecutionsRolloutConfig": {"maximumPerMinute": 1.5}}),
        json!({"timeoutConfig": {"inProgressTimeoutInMinutes": 9223372036854775808u64}}),
        json!({"presignedUrlConfig": {"expiresInSec": "60"}}),
    ] {
        assert!(
            serde_json::from_value::<DescribeJobTemplateOutput>(bad.clone()).is_err(),
            "{bad}"
        );
    }
    let max: DescribeJobTemplateOutput =
        serde_json::from_value(json!({"timeoutConfig": {"inProgressTimeoutInMinutes": i64::MAX}})).unwrap();
    assert_eq!(
        max.timeout_config().unwrap().in_progress_timeout_in_minutes(),
        Some(i64::MAX)
    );
}

#[test]
fn wrong_json_types_name_the_expected_shape() {
    let err = serde_json::from_str::<DescribeJobTemplateOutput>(r#"{"abortConfig": [1]}"#).unwrap_err();
    assert!(err.to_string().contains("AbortConfig"), "{err}");
    assert!(serde_json::from_str::<DescribeJobTemplateOutput>("[]").is_err());
    assert!(serde_json::from_str::<DescribeJobTemplateOutput>(r#"{"jobTemplateId": 7}"#).is_err());
}

#[test]
fn last_duplicate_key_wins() {
    let parsed: DescribeJobTemplateOutput =
        serde_json::from_str(r#"{"jobTemplateId": "first", "jobTemplateId": "second"}"#).unwrap();
    assert_eq!(parsed.job_template_id(), Some("second"));
}

#[test]
fn missing_required_members_are_corrected_but_still_reported() {
    let body = json!({"abortConfig": {"criteriaList": [{"failureType": "FAILED"}]}, "jobExecutionsRetryConfig": {}});
    let parsed: DescribeJobTemplateOutput = serde_json::from_value(body.clone()).unwrap();
    let criteria = &parsed.abort_config().unwrap().criteria_list()[0];
    assert_eq!(criteria.threshold_percentage(), 0.0);
    assert_eq!(criteria.min_number_of_executed_things(), 0);
    assert!(!criteria.action().is_known());
    assert!(parsed.job_executions_retry_config().unwrap().criteria_list().is_empty());

    // Serialization leaves the corrected members out again.
    assert_eq!(serde_json::to_value(&parsed).unwrap(), body);

    let err = parsed.validate().unwrap_err();
    let found: Vec<(&str, ConstraintKind)> = err.iter().map(|v| (v.path(), v.kind())).collect();
    assert_eq!(
        found,
        [
            ("/abortConfig/criteriaList/0/action", ConstraintKind::Required),
            (
                "/abortConfig/criteriaList/0/thresholdPercentage",
                ConstraintKind::Required
            ),
            (
                "/abortConfig/criteriaList/0/minNumberOfExecutedThings",
                ConstraintKind::Required
            ),
            ("/jobExecutionsRetryConfig/criteriaList", ConstraintKind::Required),
        ]
    );
    assert_eq!(
        err.violations()[0].message(),
        "Value at '/abortConfig/criteriaList/0/action' failed to satisfy constraint: Member must not be null"
    );
}

#[test]
fn empty_object_is_a_valid_output() {
    let parsed: DescribeJobTemplateOutput = serde_json::from_str("{}").unwrap();
    assert_eq!(parsed, DescribeJobTemplateOutput::builder().build().unwrap());
    assert_eq!(serde_json::to_string(&parsed).unwrap(), "{}");
}

/// Client error correction without the trap: a member filled in on parsing is
/// part of the value, every write through the public API sticks, and
/// `validate()` still names what the response lacked.
mod corrections {
    use super::*;
    use proptest::prelude::*;

    const MEMBERS: [&str; 4] = [
        "failureType",
        "action",
        "thresholdPercentage",
        "minNumberOfExecutedThings",
    ];

    fn body(omit: &[bool; 4], failure: &str, threshold: f64, executed: i32) -> Value {
        let mut all = json!({
            "failureType": failure, "action": "CANCEL",
            "thresholdPercentage": threshold, "minNumberOfExecutedThings": executed
        });
        for (member, omitted) in MEMBERS.iter().zip(omit) {
            if *omitted {
                all.as_object_mut().unwrap().remove(*member);
            }
        }
        all
    }

    /// The JSON zero value of each member, as a response could send it.
    fn zeros(omit: &[bool; 4], failure: &str, threshold: f64, executed: i32) -> Value {
        let mut value = body(&[false; 4], failure, threshold, executed);
        let zero = [json!(""), json!(""), json!(0.0), json!(0)];
        for ((member, omitted), zero) in MEMBERS.iter().zip(omit).zip(zero) {
            if *omitted {
                value[*member] = zero;
            }
        }
        value
    }

    fn inputs() -> impl Strategy<Value = ([bool; 4], &'static str, f64, i32)> {
        (
            any::<[bool; 4]>(),
            prop::sample::select(vec!["FAILED", "REJECTED", "TIMED_OUT", "ALL"]),
            0.0..=100.0f64,
            1..=1000i32,
        )
    }

    proptest! {
        #[test]
        fn every_write_through_the_public_api_sticks((omit, failure, threshold, executed) in inputs()) {
            let mut parsed: AbortCriteria = serde_json::from_value(body(&omit, failure, threshold, executed)).unwrap();
            if omit[0] { parsed.set_failure_type(JobExecutionFailureType::from(failure)); }
            if omit[1] { parsed.set_action(AbortAction::Cancel); }
            if omit[2] { parsed.set_threshold_percentage(threshold); }
            if omit[3] { parsed.set_min_number_of_executed_things(executed); }
            prop_assert!(parsed.validate().is_ok(), "{:?}", parsed.validate());
            // Compared as our serializer writes a full body (whole doubles lose `.0`).
            let full: AbortCriteria = serde_json::from_value(body(&[false; 4], failure, threshold, executed)).unwrap();
            prop_assert_eq!(serde_json::to_value(&parsed).unwrap(), serde_json::to_value(&full).unwrap());
            prop_assert_eq!(parsed, full);
        }

        #[test]
        fn equal_values_serialize_to_equal_json((omit, failure, threshold, executed) in inputs()) {
            let filled_in: AbortCriteria = serde_json::from_value(body(&omit, failure, threshold, executed)).unwrap();
            let sent_as_zero: AbortCriteria = serde_json::from_value(zeros(&omit, failure, threshold, executed)).unwrap();
            let same_json = serde_json::to_value(&filled_in).unwrap() == serde_json::to_value(&sent_as_zero).unwrap();
            prop_assert_eq!(filled_in == sent_as_zero, same_json);
            prop_assert_eq!(filled_in.clone(), filled_in);
        }

        #[test]
        fn validate_names_every_member_the_response_lacked((omit, failure, threshold, executed) in inputs()) {
            let parsed: AbortCriteria = serde_json::from_value(body(&omit, failure, threshold, executed)).unwrap();
            let missing: Vec<String> = parsed
                .validate()
                .err()
                .map(|e| e.violations().iter().filter(|v| v.kind() == ConstraintKind::Required).map(|v| v.path().to_owned()).collect())
                .unwrap_or_default();
            let expected: Vec<String> = MEMBERS.iter().zip(&omit).filter(|(_, o)| **o).map(|(m, _)| format!("/{m}")).collect();
            prop_assert_eq!(missing, expected);
        }
    }

    #[test]
    fn the_reported_case() {
        let output: DescribeJobTemplateOutput = serde_json::from_value(json!({"abortConfig": {"criteriaList": [
            {"failureType": "FAILED", "action": "CANCEL", "minNumberOfExecutedThings": 5}
        ]}}))
        .unwrap();
        let mut criteria = output.abort_config().unwrap().criteria_list()[0].clone();
        assert!(criteria.validate().is_err());
        criteria.set_threshold_percentage(25.0);
        assert!(criteria.validate().is_ok());
        assert_eq!(
            serde_json::to_value(&criteria).unwrap()["thresholdPercentage"].as_f64(),
            Some(25.0)
        );
    }
}

/// The serde impls are not tied to JSON: a self-describing binary format that
/// writes map lengths first (CBOR) round-trips every type, embedded in a struct
/// of the user's own.
#[test]
fn values_round_trip_through_cbor_inside_a_users_struct() {
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Cached {
        fetched_at: u64,
        output: DescribeJobTemplateOutput,
    }
    let cached = Cached {
        fetched_at: 7,
        output: full_output_built_in_rust(),
    };
    let mut bytes = Vec::new();
    ciborium::into_writer(&cached, &mut bytes).expect("CBOR encodes");
    let back: Cached = ciborium::from_reader(bytes.as_slice()).expect("CBOR decodes");
    assert_eq!(back, cached);
    // A value with filled-in members too: they stay absent.
    let partial: AbortCriteria = serde_json::from_value(json!({"action": "CANCEL"})).unwrap();
    let mut bytes = Vec::new();
    ciborium::into_writer(&partial, &mut bytes).expect("CBOR encodes");
    let back: AbortCriteria = ciborium::from_reader(bytes.as_slice()).expect("CBOR decodes");
    assert_eq!(back, partial);
    // Maps carry their length (`0xA1`: a map of one entry), not an open-ended
    // marker, so formats that need lengths up front work too.
    assert_eq!(bytes[0], 0xA1);
}

#[test]
fn enum_parse_errors_read_well() {
    let err = serde_json::from_value::<AbortCriteria>(json!({"action": 5})).unwrap_err();
    assert!(
        err.to_string()
            .contains("expected a string naming a value of `AbortAction`"),
        "{err}"
    );
}
