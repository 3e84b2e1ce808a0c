//! Modeled errors and the operation's error enum.

use iot_models::operation::describe_job_template::{DescribeJobTemplate, DescribeJobTemplateError};
use iot_models::runtime::{ErrorFault, Unhandled};
use iot_models::types::error::{
    InternalFailureException, InvalidRequestException, ResourceNotFoundException, ThrottlingException,
};

#[test]
fn error_shapes_carry_their_protocol_facts() {
    assert_eq!(ResourceNotFoundException::CODE, "ResourceNotFoundException");
    assert_eq!(ResourceNotFoundException::HTTP_STATUS, Some(404));
    assert_eq!(ResourceNotFoundException::FAULT, ErrorFault::Client);
    assert_eq!(InternalFailureException::HTTP_STATUS, Some(500));
    assert_eq!(InternalFailureException::FAULT, ErrorFault::Server);
    assert_eq!(InvalidRequestException::HTTP_STATUS, Some(400));
    assert_eq!(
        (ThrottlingException::THROTTLING, ThrottlingException::RETRYABLE),
        (true, false)
    );
    assert_eq!(
        [
            ResourceNotFoundException::THROTTLING,
            InternalFailureException::RETRYABLE
        ],
        [false, false]
    );
}

#[test]
fn error_shapes_parse_and_display() {
    let e: ResourceNotFoundException =
        serde_json::from_str(r#"{"message": "Job template nightly not found", "__type": "x"}"#).unwrap();
    assert_eq!(e.message(), Some("Job template nightly not found"));
    assert_eq!(
        e.to_string(),
        "ResourceNotFoundException: Job template nightly not found"
    );
    let bare = ThrottlingException::builder().build().unwrap();
    assert_eq!(bare.to_string(), "ThrottlingException");
    let as_error: &dyn std::error::Error = &bare;
    assert!(as_error.source().is_none());
}

#[test]
fn operation_error_enum() {
    let not_found: DescribeJobTemplateError = ResourceNotFoundException::builder()
        .message("gone")
        .build()
        .unwrap()
        .into();
    assert_eq!(not_found.code(), Some("ResourceNotFoundException"));
    assert_eq!(not_found.message(), Some("gone"));
    assert_eq!(not_found.http_status(), Some(404));
    assert!(!not_found.is_retryable());
    assert_eq!(not_found.to_string(), "ResourceNotFoundException: gone");
    assert!(std::error::Error::source(&not_found).is_some());

    let throttled: DescribeJobTemplateError = ThrottlingException::builder().build().unwrap().into();
    assert!(throttled.is_throttling());
    assert!(throttled.is_retryable());

    let unhandled = DescribeJobTemplateError::Unhandled(Unhandled::new(
        Some("AccessDeniedException".into()),
        Some("no".into()),
        Some(403),
    ));
    assert_eq!(unhandled.code(), Some("AccessDeniedException"));
    assert_eq!(unhandled.message(), Some("no"));
    assert_eq!(unhandled.http_status(), Some(403));
    assert_eq!(unhandled.to_string(), "AccessDeniedException (HTTP 403): no");
}

#[test]
fn operation_protocol_facts() {
    assert_eq!(DescribeJobTemplate::NAME, "DescribeJobTemplate");
    assert_eq!(DescribeJobTemplate::HTTP_METHOD, "GET");
    assert_eq!(DescribeJobTemplate::HTTP_URI, "/job-templates/{jobTemplateId}");
    assert_eq!(DescribeJobTemplate::HTTP_SUCCESS_CODE, 200);
}

#[test]
fn parsing_output_never_enforces_constraints() {
    use iot_models::operation::describe_job_template::DescribeJobTemplateOutput;
    // Out of range, too long, pattern-breaking, too-short list: a client still accepts it.
    let body = format!(
        r#"{{"jobTemplateId": "{}", "jobTemplateArn": "not-an-arn", "presignedUrlConfig": {{"expiresInSec": 5}},
            "abortConfig": {{"criteriaList": []}}}}"#,
        "x".repeat(65)
    );
    let parsed: DescribeJobTemplateOutput = serde_json::from_str(&body).expect("lenient parse");
    let kinds: Vec<String> = parsed
        .validate()
        .unwrap_err()
        .iter()
        .map(|v| v.path().to_owned())
        .collect();
    assert_eq!(
        kinds,
        [
            "/jobTemplateArn",
            "/jobTemplateId",
            "/presignedUrlConfig/expiresInSec",
            "/abortConfig/criteriaList"
        ]
    );
    assert!(DescribeJobTemplateOutput::from_json_strict(body.as_bytes()).is_err());
}
