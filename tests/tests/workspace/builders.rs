//! Every structure's builder: required members are enforced with Smithy's message,
//! constraints are enforced, and getters see what setters set.

use iot_models::operation::describe_job_template::{DescribeJobTemplateInput, DescribeJobTemplateOutput};
use iot_models::runtime::{BuildError, ConstraintKind};
use iot_models::types::error::{
    InternalFailureException, InvalidRequestException, ResourceNotFoundException, ThrottlingException,
};
use iot_models::types::{
    AbortAction, AbortConfig, AbortCriteria, ExponentialRolloutRate, JobExecutionFailureType, JobExecutionsRetryConfig,
    JobExecutionsRolloutConfig, MaintenanceWindow, PresignedUrlConfig, RateIncreaseCriteria, RetryCriteria,
    RetryableFailureType, TimeoutConfig,
};

fn missing(err: BuildError) -> Vec<String> {
    err.violations()
        .iter()
        .map(|v| {
            assert_eq!(v.kind(), ConstraintKind::Required, "{v}");
            v.message()
        })
        .collect()
}

fn null_at(path: &str) -> String {
    format!("Value at '{path}' failed to satisfy constraint: Member must not be null")
}

#[test]
fn structures_with_required_members_refuse_to_build_without_them() {
    let cases: Vec<(Result<(), BuildError>, Vec<&str>)> = vec![
        (
            DescribeJobTemplateInput::builder().build().map(drop),
            vec!["/jobTemplateId"],
        ),
        (AbortConfig::builder().build().map(drop), vec!["/criteriaList"]),
        (
            AbortCriteria::builder().build().map(drop),
            vec![
                "/failureType",
                "/action",
                "/thresholdPercentage",
                "/minNumberOfExecutedThings",
            ],
        ),
        (
            ExponentialRolloutRate::builder().build().map(drop),
            vec!["/baseRatePerMinute", "/incrementFactor", "/rateIncreaseCriteria"],
        ),
        (
            JobExecutionsRetryConfig::builder().build().map(drop),
            vec!["/criteriaList"],
        ),
        (
            RetryCriteria::builder().build().map(drop),
            vec!["/failureType", "/numberOfRetries"],
        ),
        (
            MaintenanceWindow::builder().build().map(drop),
            vec!["/startTime", "/durationInMinutes"],
        ),
    ];
    for (result, paths) in cases {
        let err = result.expect_err("required members are missing");
        let expected: Vec<String> = paths.iter().map(|p| null_at(p)).collect();
        assert_eq!(missing(err), expected);
    }
}

#[test]
fn partially_set_builders_report_only_what_is_missing() {
    let err = AbortCriteria::builder()
        .failure_type(JobExecutionFailureType::Rejected)
        .min_number_of_executed_things(3)
        .build()
        .unwrap_err();
    assert_eq!(missing(err), [null_at("/action"), null_at("/thresholdPercentage")]);
    assert_eq!(
        AbortCriteria::builder().build().unwrap_err().type_name(),
        "AbortCriteria"
    );
}

#[test]
fn structures_without_required_members_build_empty() {
    assert!(DescribeJobTemplateOutput::builder().build().is_ok());
    assert!(PresignedUrlConfig::builder().build().is_ok());
    assert!(JobExecutionsRolloutConfig::builder().build().is_ok());
    assert!(RateIncreaseCriteria::builder().build().is_ok());
    assert_eq!(TimeoutConfig::builder().build(), TimeoutConfig::default());
    assert_eq!(
        InternalFailureException::builder().build(),
        InternalFailureException::default()
    );
    assert_eq!(
        InvalidRequestException::builder().build(),
        InvalidRequestException::default()
    );
    assert_eq!(
        ResourceNotFoundException::builder().build(),
        ResourceNotFoundException::default()
    );
    assert_eq!(ThrottlingException::builder().build(), ThrottlingException::default());
}

#[test]
fn builders_enforce_constraints() {
    let err = AbortCriteria::builder()
        .failure_type(JobExecutionFailureType::All)
        .action(AbortAction::Cancel)
        .threshold_percentage(100.5)
        .min_number_of_executed_things(1)
        .build()
        .unwrap_err();
    assert_eq!(
        err.violations()[0].message(),
        "Value at '/thresholdPercentage' failed to satisfy constraint: Member must be less than or equal to 100"
    );
    let err = DescribeJobTemplateInput::builder()
        .job_template_id("bad id!")
        .build()
        .unwrap_err();
    assert_eq!(err.violations()[0].kind(), ConstraintKind::Pattern);
    let err = RetryCriteria::builder()
        .failure_type(RetryableFailureType::from("REJECTED"))
        .number_of_retries(11)
        .build()
        .unwrap_err();
    let kinds: Vec<ConstraintKind> = err.violations().iter().map(|v| v.kind()).collect();
    assert_eq!(kinds, [ConstraintKind::Enum, ConstraintKind::Range]);
    let err = ExponentialRolloutRate::builder()
        .base_rate_per_minute(1)
        .increment_factor(1.0999999)
        .rate_increase_criteria(RateIncreaseCriteria::builder().build().unwrap())
        .build()
        .unwrap_err();
    assert_eq!(err.violations()[0].path(), "/incrementFactor");
}

#[test]
fn setters_getters_and_list_appends() {
    let builder = JobExecutionsRetryConfig::builder()
        .criteria_list(
            RetryCriteria::builder()
                .failure_type(RetryableFailureType::Failed)
                .number_of_retries(1)
                .build()
                .unwrap(),
        )
        .criteria_list(
            RetryCriteria::builder()
                .failure_type(RetryableFailureType::TimedOut)
                .number_of_retries(2)
                .build()
                .unwrap(),
        );
    assert_eq!(builder.clone().build_unchecked().criteria_list().len(), 2);
    let config = builder.clone().build().unwrap();
    assert_eq!(config.criteria_list()[1].number_of_retries(), 2);
    let cleared = builder.set_criteria_list(None);
    assert_eq!(cleared.build_unchecked().criteria_list(), &[]);
    let window = MaintenanceWindow::builder()
        .start_time(String::from("cron(0 0 * * ? *)"))
        .duration_in_minutes(30);
    let window = window.build().unwrap();
    assert_eq!(window.start_time(), "cron(0 0 * * ? *)");
    assert_eq!(window.duration_in_minutes(), 30);
}

/// Values the crate's model does not know yet (an enum value added since, a
/// relaxed limit) can still be built and sent; `build()` keeps checking.
#[test]
fn build_unchecked_is_the_forward_compatible_path() {
    use iot_models::types::{AbortCriteria, JobExecutionFailureType};
    let builder = AbortCriteria::builder()
        .failure_type("DEVICE_REBOOTED")
        .action("CANCEL")
        .threshold_percentage(50.0)
        .min_number_of_executed_things(10);
    let err = builder.clone().build().unwrap_err();
    assert_eq!(err.violations()[0].path(), "/failureType");
    let criteria = builder.build_unchecked();
    assert_eq!(
        criteria.failure_type(),
        &JobExecutionFailureType::from("DEVICE_REBOOTED")
    );
    assert_eq!(
        serde_json::to_value(&criteria).unwrap()["failureType"],
        serde_json::json!("DEVICE_REBOOTED")
    );
    // A required member left unset counts as missing, as in a response.
    let partial = AbortCriteria::builder().action("CANCEL").build_unchecked();
    let missing: Vec<_> = partial
        .validate()
        .unwrap_err()
        .violations()
        .iter()
        .filter(|v| v.kind() == ConstraintKind::Required)
        .map(|v| v.path().to_owned())
        .collect();
    assert_eq!(
        missing,
        ["/failureType", "/thresholdPercentage", "/minNumberOfExecutedThings"]
    );
    assert!(serde_json::to_value(&partial).unwrap().get("failureType").is_none());
}

/// Optional lists read as slices (empty when absent), as in the AWS SDK for Rust;
/// the field still tells whether the list was sent.
#[test]
fn absent_optional_lists_read_as_empty() {
    use iot_models::operation::describe_job_template::DescribeJobTemplateOutput;
    let output: DescribeJobTemplateOutput = serde_json::from_str("{}").unwrap();
    assert!(output.maintenance_windows().is_empty());
    assert_eq!(output.maintenance_windows, None);
    let sent: DescribeJobTemplateOutput = serde_json::from_str(r#"{"maintenanceWindows": []}"#).unwrap();
    assert_eq!(sent.maintenance_windows, Some(vec![]));
    assert_eq!(sent.destination_package_versions().len(), 0);
}
