//! Table-driven validation tests: every constraint of the DescribeJobTemplate
//! closure at and around its bounds, with Smithy's exact messages and JSON paths.

use iot_models::operation::describe_job_template::{DescribeJobTemplateInput, DescribeJobTemplateOutput};
use iot_models::runtime::ConstraintKind;
use serde_json::{json, Value};

/// Validates an output parsed leniently from `body`; returns every message.
fn messages(body: Value) -> Vec<String> {
    let output: DescribeJobTemplateOutput =
        serde_json::from_value(body.clone()).unwrap_or_else(|e| panic!("{body} should parse: {e}"));
    match output.validate() {
        Ok(()) => Vec::new(),
        Err(e) => e.iter().map(|v| v.message()).collect(),
    }
}

fn kinds(body: Value) -> Vec<(String, ConstraintKind)> {
    let output: DescribeJobTemplateOutput = serde_json::from_value(body).expect("parses");
    match output.validate() {
        Ok(()) => Vec::new(),
        Err(e) => e.iter().map(|v| (v.path().to_owned(), v.kind())).collect(),
    }
}

fn length_msg(n: usize, path: &str, rule: &str) -> String {
    format!("Value with length {n} at '{path}' failed to satisfy constraint: Member must have length {rule}")
}

fn msg(path: &str, rule: &str) -> String {
    format!("Value at '{path}' failed to satisfy constraint: {rule}")
}

fn check_table(cases: Vec<(Value, Vec<String>)>) {
    for (body, expected) in cases {
        assert_eq!(messages(body.clone()), expected, "body: {body}");
    }
}

const ID_PATTERN: &str = "Member must satisfy regular expression pattern: ^[a-zA-Z0-9_-]+$";
const ARN_PATTERN: &str = "Member must satisfy regular expression pattern: ^arn:[!-~]+$";
const DESCRIPTION_PATTERN: &str = "Member must satisfy regular expression pattern: ^[^\\p{C}]+$";

#[test]
fn job_template_id_length_and_pattern() {
    let between = "between 1 and 64, inclusive";
    check_table(vec![
        (json!({"jobTemplateId": "a"}), vec![]),
        (json!({"jobTemplateId": "a".repeat(64)}), vec![]),
        (
            json!({"jobTemplateId": "a".repeat(65)}),
            vec![length_msg(65, "/jobTemplateId", between)],
        ),
        (
            json!({"jobTemplateId": ""}),
            vec![
                length_msg(0, "/jobTemplateId", between),
                msg("/jobTemplateId", ID_PATTERN),
            ],
        ),
        (
            json!({"jobTemplateId": "bad id!"}),
            vec![msg("/jobTemplateId", ID_PATTERN)],
        ),
        (json!({"jobTemplateId": "é"}), vec![msg("/jobTemplateId", ID_PATTERN)]),
        (json!({"jobTemplateId": "ok_ID-9"}), vec![]),
        // The pattern is anchored by its own ^ and $: a valid prefix is not enough.
        (
            json!({"jobTemplateId": "ok id"}),
            vec![msg("/jobTemplateId", ID_PATTERN)],
        ),
        // IoT validates with java.util.regex, whose `$` also matches before one
        // final line terminator; two are too many.
        (json!({"jobTemplateId": "ok\n"}), vec![]),
        (json!({"jobTemplateId": "ok\r\n"}), vec![]),
        (
            json!({"jobTemplateId": "ok\n\n"}),
            vec![msg("/jobTemplateId", ID_PATTERN)],
        ),
    ]);
}

#[test]
fn string_length_counts_unicode_scalar_values() {
    let role = "between 20 and 2048, inclusive";
    let cron = "between 1 and 256, inclusive";
    check_table(vec![
        // RoleArn: min 20, no pattern. Multi-byte (2 bytes) and astral (4 bytes) characters count once.
        (
            json!({"presignedUrlConfig": {"roleArn": "é".repeat(19)}}),
            vec![length_msg(19, "/presignedUrlConfig/roleArn", role)],
        ),
        (json!({"presignedUrlConfig": {"roleArn": "é".repeat(20)}}), vec![]),
        (
            json!({"presignedUrlConfig": {"roleArn": "😀".repeat(19)}}),
            vec![length_msg(19, "/presignedUrlConfig/roleArn", role)],
        ),
        (json!({"presignedUrlConfig": {"roleArn": "😀".repeat(20)}}), vec![]),
        (json!({"presignedUrlConfig": {"roleArn": "a".repeat(2048)}}), vec![]),
        (
            json!({"presignedUrlConfig": {"roleArn": "a".repeat(2049)}}),
            vec![length_msg(2049, "/presignedUrlConfig/roleArn", role)],
        ),
        // CronExpression: 1..=256.
        (
            json!({"maintenanceWindows": [{"startTime": "😀".repeat(256), "durationInMinutes": 1}]}),
            vec![],
        ),
        (
            json!({"maintenanceWindows": [{"startTime": "é".repeat(257), "durationInMinutes": 1}]}),
            vec![length_msg(257, "/maintenanceWindows/0/startTime", cron)],
        ),
        (
            json!({"maintenanceWindows": [{"startTime": "", "durationInMinutes": 1}]}),
            vec![length_msg(0, "/maintenanceWindows/0/startTime", cron)],
        ),
        // JobDocumentSource 1..=1350, JobDocument 0..=32768.
        (json!({"documentSource": "😀".repeat(1350)}), vec![]),
        (
            json!({"documentSource": "😀".repeat(1351)}),
            vec![length_msg(1351, "/documentSource", "between 1 and 1350, inclusive")],
        ),
        (json!({"document": ""}), vec![]),
        (json!({"document": "€".repeat(32768)}), vec![]),
        (
            json!({"document": "€".repeat(32769)}),
            vec![length_msg(32769, "/document", "between 0 and 32768, inclusive")],
        ),
    ]);
}

#[test]
fn description_pattern_rejects_control_and_format_characters() {
    check_table(vec![
        (json!({"description": "Nightly rollout ✓"}), vec![]),
        (json!({"description": "line\u{2028}separator"}), vec![]),
        (json!({"description": "€".repeat(2028)}), vec![]),
        (
            json!({"description": "€".repeat(2029)}),
            vec![length_msg(2029, "/description", "between 0 and 2028, inclusive")],
        ),
        // Length 0 is allowed by @length but not by the pattern's `+`.
        (
            json!({"description": ""}),
            vec![msg("/description", DESCRIPTION_PATTERN)],
        ),
        (
            json!({"description": "tab\there"}),
            vec![msg("/description", DESCRIPTION_PATTERN)],
        ),
        (
            json!({"description": "nul\u{0}"}),
            vec![msg("/description", DESCRIPTION_PATTERN)],
        ),
        // A ZWJ emoji sequence holds U+200D, a format (Cf) character.
        (
            json!({"description": "👨\u{200D}👩\u{200D}👧"}),
            vec![msg("/description", DESCRIPTION_PATTERN)],
        ),
    ]);
}

#[test]
fn arn_patterns_on_members_and_list_items() {
    let length = "between 1 and 1600, inclusive";
    let long_arn = format!("arn:{}", "a".repeat(1596));
    let too_long_arn = format!("arn:{}", "a".repeat(1597));
    check_table(vec![
        (
            json!({"jobTemplateArn": "arn:aws:iot:us-east-1:1:jobtemplate/x"}),
            vec![],
        ),
        (json!({"jobTemplateArn": long_arn}), vec![]),
        (
            json!({"jobTemplateArn": too_long_arn}),
            vec![length_msg(1601, "/jobTemplateArn", length)],
        ),
        (
            json!({"jobTemplateArn": "arn:"}),
            vec![msg("/jobTemplateArn", ARN_PATTERN)],
        ),
        (
            json!({"jobTemplateArn": "xarn:a"}),
            vec![msg("/jobTemplateArn", ARN_PATTERN)],
        ),
        (
            json!({"jobTemplateArn": "arn:a b"}),
            vec![msg("/jobTemplateArn", ARN_PATTERN)],
        ),
        (
            json!({"jobTemplateArn": "arn:é"}),
            vec![msg("/jobTemplateArn", ARN_PATTERN)],
        ),
        (
            json!({"destinationPackageVersions": ["arn:ok", "nope", ""]}),
            vec![
                msg("/destinationPackageVersions/1", ARN_PATTERN),
                length_msg(0, "/destinationPackageVersions/2", length),
                msg("/destinationPackageVersions/2", ARN_PATTERN),
            ],
        ),
    ]);
}

#[test]
fn integer_ranges_at_their_bounds() {
    let expires = "Member must be between 60 and 3600, inclusive";
    let retries = "Member must be between 0 and 10, inclusive";
    let duration = "Member must be between 1 and 1430, inclusive";
    let at_least_one = "Member must be greater than or equal to 1";
    let window = |d: i64| json!({"maintenanceWindows": [{"startTime": "cron", "durationInMinutes": d}]});
    let retry =
        |n: i64| json!({"jobExecutionsRetryConfig": {"criteriaList": [{"failureType": "ALL", "numberOfRetries": n}]}});
    check_table(vec![
        (
            json!({"presignedUrlConfig": {"expiresInSec": 59}}),
            vec![msg("/presignedUrlConfig/expiresInSec", expires)],
        ),
        (json!({"presignedUrlConfig": {"expiresInSec": 60}}), vec![]),
        (json!({"presignedUrlConfig": {"expiresInSec": 3600}}), vec![]),
        (
            json!({"presignedUrlConfig": {"expiresInSec": 3601}}),
            vec![msg("/presignedUrlConfig/expiresInSec", expires)],
        ),
        (
            json!({"presignedUrlConfig": {"expiresInSec": i64::MIN}}),
            vec![msg("/presignedUrlConfig/expiresInSec", expires)],
        ),
        (
            json!({"jobExecutionsRolloutConfig": {"maximumPerMinute": 0}}),
            vec![msg("/jobExecutionsRolloutConfig/maximumPerMinute", at_least_one)],
        ),
        (json!({"jobExecutionsRolloutConfig": {"maximumPerMinute": 1}}), vec![]),
        (
            json!({"jobExecutionsRolloutConfig": {"maximumPerMinute": i32::MAX}}),
            vec![],
        ),
        (
            retry(-1),
            vec![msg("/jobExecutionsRetryConfig/criteriaList/0/numberOfRetries", retries)],
        ),
        (retry(0), vec![]),
        (retry(10), vec![]),
        (
            retry(11),
            vec![msg("/jobExecutionsRetryConfig/criteriaList/0/numberOfRetries", retries)],
        ),
        (
            window(0),
            vec![msg("/maintenanceWindows/0/durationInMinutes", duration)],
        ),
        (window(1), vec![]),
        (window(1430), vec![]),
        (
            window(1431),
            vec![msg("/maintenanceWindows/0/durationInMinutes", duration)],
        ),
        // No @range on InProgressTimeoutInMinutes: anything a long holds is valid.
        (
            json!({"timeoutConfig": {"inProgressTimeoutInMinutes": i64::MIN}}),
            vec![],
        ),
    ]);
}

fn rollout(base: Value, factor: Value, notified: Value) -> Value {
    json!({"jobExecutionsRolloutConfig": {"exponentialRate": {
        "baseRatePerMinute": base, "incrementFactor": factor,
        "rateIncreaseCriteria": {"numberOfNotifiedThings": notified}
    }}})
}

#[test]
fn increment_factor_uses_exact_decimal_bounds() {
    let rule = "Member must be between 1.1 and 5, inclusive";
    let path = "/jobExecutionsRolloutConfig/exponentialRate/incrementFactor";
    let case = |factor: Value, ok: bool| {
        (
            rollout(json!(10), factor, json!(5)),
            if ok { vec![] } else { vec![msg(path, rule)] },
        )
    };
    check_table(vec![
        case(json!(1.1), true),
        case(json!(5), true),
        case(json!(5.0), true),
        case(json!(2.5), true),
        case(json!(1.0999999), false),
        case(json!(5.0000001), false),
        case(json!(1.0999999999999999), false),
        case(json!("NaN"), false),
        case(json!("Infinity"), false),
        case(json!("-Infinity"), false),
    ]);
    let rate = "Member must be between 1 and 1000, inclusive";
    let base_path = "/jobExecutionsRolloutConfig/exponentialRate/baseRatePerMinute";
    let things = "/jobExecutionsRolloutConfig/exponentialRate/rateIncreaseCriteria/numberOfNotifiedThings";
    check_table(vec![
        (rollout(json!(0), json!(2), json!(1)), vec![msg(base_path, rate)]),
        (rollout(json!(1000), json!(2), json!(1)), vec![]),
        (
            rollout(json!(1001), json!(2), json!(0)),
            vec![
                msg(base_path, rate),
                msg(things, "Member must be greater than or equal to 1"),
            ],
        ),
    ]);
}

fn abort(threshold: Value, executed: Value) -> Value {
    json!({"abortConfig": {"criteriaList": [{
        "failureType": "FAILED", "action": "CANCEL",
        "thresholdPercentage": threshold, "minNumberOfExecutedThings": executed
    }]}})
}

#[test]
fn threshold_percentage_has_only_an_upper_bound() {
    let rule = "Member must be less than or equal to 100";
    let path = "/abortConfig/criteriaList/0/thresholdPercentage";
    let executed = "/abortConfig/criteriaList/0/minNumberOfExecutedThings";
    check_table(vec![
        (abort(json!(100), json!(1)), vec![]),
        (abort(json!(-5), json!(1)), vec![]),
        (abort(json!("-Infinity"), json!(1)), vec![]),
        (abort(json!(100.0000001), json!(1)), vec![msg(path, rule)]),
        (abort(json!("Infinity"), json!(1)), vec![msg(path, rule)]),
        (abort(json!("NaN"), json!(1)), vec![msg(path, rule)]),
        (
            abort(json!(50), json!(0)),
            vec![msg(executed, "Member must be greater than or equal to 1")],
        ),
    ]);
}

#[test]
fn list_lengths() {
    let retry = |n: usize| {
        let items: Vec<Value> = (0..n)
            .map(|_| json!({"failureType": "FAILED", "numberOfRetries": 1}))
            .collect();
        json!({"jobExecutionsRetryConfig": {"criteriaList": items}})
    };
    let retry_rule = "between 1 and 2, inclusive";
    let abort_list = |n: usize| {
        let items: Vec<Value> = (0..n)
            .map(|_| json!({"failureType": "ALL", "action": "CANCEL", "thresholdPercentage": 1, "minNumberOfExecutedThings": 1}))
            .collect();
        json!({"abortConfig": {"criteriaList": items}})
    };
    check_table(vec![
        (
            retry(0),
            vec![length_msg(0, "/jobExecutionsRetryConfig/criteriaList", retry_rule)],
        ),
        (retry(1), vec![]),
        (retry(2), vec![]),
        (
            retry(3),
            vec![length_msg(3, "/jobExecutionsRetryConfig/criteriaList", retry_rule)],
        ),
        (
            abort_list(0),
            vec![length_msg(0, "/abortConfig/criteriaList", "greater than or equal to 1")],
        ),
        (abort_list(1), vec![]),
        (abort_list(50), vec![]),
        // DestinationPackageVersions has no @length: 26 items are fine here.
        (json!({"destinationPackageVersions": vec!["arn:x"; 26]}), vec![]),
    ]);
}

#[test]
fn enum_values_outside_the_known_set() {
    check_table(vec![
        (
            json!({"abortConfig": {"criteriaList": [{"failureType": "EXPLODED", "action": "STOP", "thresholdPercentage": 1, "minNumberOfExecutedThings": 1}]}}),
            vec![
                msg(
                    "/abortConfig/criteriaList/0/failureType",
                    "Member must satisfy enum value set: [FAILED, REJECTED, TIMED_OUT, ALL]",
                ),
                msg(
                    "/abortConfig/criteriaList/0/action",
                    "Member must satisfy enum value set: [CANCEL]",
                ),
            ],
        ),
        (
            json!({"jobExecutionsRetryConfig": {"criteriaList": [{"failureType": "REJECTED", "numberOfRetries": 1}]}}),
            vec![msg(
                "/jobExecutionsRetryConfig/criteriaList/0/failureType",
                "Member must satisfy enum value set: [FAILED, TIMED_OUT, ALL]",
            )],
        ),
        (
            json!({"jobExecutionsRetryConfig": {"criteriaList": [{"failureType": "failed", "numberOfRetries": 1}]}}),
            vec![msg(
                "/jobExecutionsRetryConfig/criteriaList/0/failureType",
                "Member must satisfy enum value set: [FAILED, TIMED_OUT, ALL]",
            )],
        ),
    ]);
}

#[test]
fn required_members_missing_in_nested_list_items() {
    let body = json!({
        "abortConfig": {"criteriaList": [
            {"failureType": "FAILED", "action": "CANCEL", "thresholdPercentage": 1, "minNumberOfExecutedThings": 1},
            {"action": "CANCEL", "thresholdPercentage": 1}
        ]},
        "maintenanceWindows": [{"startTime": "cron"}, {"durationInMinutes": 5}],
        "jobExecutionsRolloutConfig": {"exponentialRate": {"incrementFactor": null}}
    });
    assert_eq!(
        kinds(body.clone()),
        [
            (
                "/jobExecutionsRolloutConfig/exponentialRate/baseRatePerMinute".to_owned(),
                ConstraintKind::Required
            ),
            (
                "/jobExecutionsRolloutConfig/exponentialRate/incrementFactor".to_owned(),
                ConstraintKind::Required
            ),
            (
                "/jobExecutionsRolloutConfig/exponentialRate/rateIncreaseCriteria".to_owned(),
                ConstraintKind::Required
            ),
            (
                "/abortConfig/criteriaList/1/failureType".to_owned(),
                ConstraintKind::Required
            ),
            (
                "/abortConfig/criteriaList/1/minNumberOfExecutedThings".to_owned(),
                ConstraintKind::Required
            ),
            (
                "/maintenanceWindows/0/durationInMinutes".to_owned(),
                ConstraintKind::Required
            ),
            ("/maintenanceWindows/1/startTime".to_owned(), ConstraintKind::Required),
        ]
    );
    assert_eq!(
        messages(body)[3],
        "Value at '/abortConfig/criteriaList/1/failureType' failed to satisfy constraint: Member must not be null"
    );
}

#[test]
fn all_violations_are_reported_together_in_declaration_order() {
    let body = json!({
        "jobTemplateArn": "arn:",
        "jobTemplateId": "a".repeat(65),
        "description": "",
        "presignedUrlConfig": {"roleArn": "short", "expiresInSec": 1},
        "jobExecutionsRolloutConfig": {"maximumPerMinute": 0},
        "abortConfig": {"criteriaList": [{"failureType": "NOPE", "action": "CANCEL", "thresholdPercentage": "NaN", "minNumberOfExecutedThings": 1}]},
        "jobExecutionsRetryConfig": {"criteriaList": []},
        "maintenanceWindows": [{"startTime": "", "durationInMinutes": 2000}],
        "destinationPackageVersions": ["bad"]
    });
    let output: DescribeJobTemplateOutput = serde_json::from_value(body).unwrap();
    let err = output.validate().unwrap_err();
    let expected = [
        msg("/jobTemplateArn", ARN_PATTERN),
        length_msg(65, "/jobTemplateId", "between 1 and 64, inclusive"),
        msg("/description", DESCRIPTION_PATTERN),
        length_msg(5, "/presignedUrlConfig/roleArn", "between 20 and 2048, inclusive"),
        msg(
            "/presignedUrlConfig/expiresInSec",
            "Member must be between 60 and 3600, inclusive",
        ),
        msg(
            "/jobExecutionsRolloutConfig/maximumPerMinute",
            "Member must be greater than or equal to 1",
        ),
        msg(
            "/abortConfig/criteriaList/0/failureType",
            "Member must satisfy enum value set: [FAILED, REJECTED, TIMED_OUT, ALL]",
        ),
        msg(
            "/abortConfig/criteriaList/0/thresholdPercentage",
            "Member must be less than or equal to 100",
        ),
        length_msg(
            0,
            "/jobExecutionsRetryConfig/criteriaList",
            "between 1 and 2, inclusive",
        ),
        length_msg(0, "/maintenanceWindows/0/startTime", "between 1 and 256, inclusive"),
        msg(
            "/maintenanceWindows/0/durationInMinutes",
            "Member must be between 1 and 1430, inclusive",
        ),
        msg("/destinationPackageVersions/0", ARN_PATTERN),
    ];
    let got: Vec<String> = err.iter().map(|v| v.message()).collect();
    assert_eq!(got, expected);
    // Display: a count, then one violation per line.
    let display = err.to_string();
    let mut lines = display.lines();
    assert_eq!(lines.next(), Some("12 validation errors detected:"));
    assert_eq!(
        lines.collect::<Vec<_>>(),
        expected.iter().map(String::as_str).collect::<Vec<_>>()
    );
    let kinds: Vec<ConstraintKind> = err.iter().map(|v| v.kind()).collect();
    assert_eq!(kinds[0], ConstraintKind::Pattern);
    assert_eq!(kinds[1], ConstraintKind::Length);
    assert_eq!(kinds[4], ConstraintKind::Range);
    assert_eq!(kinds[6], ConstraintKind::Enum);
}

#[test]
fn input_validation() {
    assert!(DescribeJobTemplateInput::builder()
        .job_template_id("nightly")
        .build()
        .is_ok());
    let err = DescribeJobTemplateInput::builder().build().unwrap_err();
    assert_eq!(
        err.violations().iter().map(|v| v.message()).collect::<Vec<_>>(),
        ["Value at '/jobTemplateId' failed to satisfy constraint: Member must not be null"]
    );
    assert_eq!(err.type_name(), "DescribeJobTemplateInput");
    let err = DescribeJobTemplateInput::builder()
        .job_template_id("a".repeat(65))
        .build()
        .unwrap_err();
    // What failed, then (as the source) why.
    assert_eq!(err.to_string(), "cannot build DescribeJobTemplateInput");
    assert_eq!(
        std::error::Error::source(&err).map(ToString::to_string).as_deref(),
        Some("1 validation error detected:\nValue with length 65 at '/jobTemplateId' failed to satisfy constraint: Member must have length between 1 and 64, inclusive")
    );
    // Parsed inputs are all-optional and validate the same way.
    let parsed: DescribeJobTemplateInput = serde_json::from_str("{}").unwrap();
    assert_eq!(
        parsed.validate().unwrap_err().violations()[0].kind(),
        ConstraintKind::Required
    );
}

#[test]
fn strict_parse_says_which_step_failed() {
    use iot_models::runtime::StrictParseError;
    match DescribeJobTemplateOutput::from_json_strict(b"{\"jobTemplateId\": 5}") {
        Err(StrictParseError::Json { path, .. }) => assert_eq!(path, "/jobTemplateId"),
        other => panic!("expected a JSON error, got {other:?}"),
    }
    // Parse errors name the member, not only the line and column.
    let nested = br#"{"abortConfig": {"criteriaList": [{"action": "CANCEL"}, {"thresholdPercentage": "high"}]}}"#;
    let err = DescribeJobTemplateOutput::from_json_strict(nested).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot parse JSON at '/abortConfig/criteriaList/1/thresholdPercentage'"
    );
    let cause = std::error::Error::source(&err).unwrap().to_string();
    assert!(cause.contains("line 1"), "{cause}");
    match DescribeJobTemplateOutput::from_json_strict(b"{\"jobTemplateId\": \"\"}") {
        Err(StrictParseError::Invalid(e)) => assert_eq!(e.violations().len(), 2),
        other => panic!("expected a validation error, got {other:?}"),
    }
    let ok = DescribeJobTemplateOutput::from_json_strict(tests::fixture("describe_job_template_full.json").as_bytes());
    assert!(ok.is_ok());
}
