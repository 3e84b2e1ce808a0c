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
    let bare = ThrottlingException::builder().build();
    assert_eq!(bare.to_string(), "ThrottlingException");
    let as_error: &dyn std::error::Error = &bare;
    assert!(as_error.source().is_none());
}

#[test]
fn operation_error_enum() {
    let not_found: DescribeJobTemplateError = ResourceNotFoundException::builder().message("gone").build().into();
    assert_eq!(not_found.code(), Some("ResourceNotFoundException"));
    assert_eq!(not_found.message(), Some("gone"));
    assert_eq!(not_found.http_status(), Some(404));
    assert!(!not_found.is_retryable());
    assert_eq!(not_found.to_string(), "ResourceNotFoundException: gone");
    // Transparent: it shows the modeled error, so it does not also return it as
    // its source (a report would say it twice).
    assert!(std::error::Error::source(&not_found).is_none());

    let throttled: DescribeJobTemplateError = ThrottlingException::builder().build().into();
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
    assert_eq!(unhandled.to_string(), "AccessDeniedException: no");
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

/// Errors follow the std convention: each level either says its cause or exposes
/// it as `source()`, never both, so a report walking the chain says everything
/// once.
mod reports {
    use std::error::Error;

    use http::Response;
    use iot_models::operation::describe_job_template::{DescribeJobTemplate, DescribeJobTemplateError};
    use iot_models::runtime::http::ResponseError;
    use iot_models::types::AbortCriteria;

    /// What `anyhow`'s `{:#}` prints: every level of the chain, joined by `: `.
    fn report(error: &dyn Error) -> String {
        let mut parts = vec![error.to_string()];
        let mut source = error.source();
        while let Some(e) = source {
            parts.push(e.to_string());
            source = e.source();
        }
        parts.join(": ")
    }

    fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> ResponseError<DescribeJobTemplateError> {
        let mut response = Response::builder().status(status);
        for (name, value) in headers {
            response = response.header(*name, *value);
        }
        DescribeJobTemplate::response(&response.body(body.as_bytes().to_vec()).unwrap()).unwrap_err()
    }

    #[test]
    fn a_service_error_is_reported_once() {
        let err = answer(
            404,
            &[("x-amzn-errortype", "ResourceNotFoundException")],
            r#"{"message":"no such template"}"#,
        );
        assert_eq!(
            report(&err),
            "the service answered HTTP 404: ResourceNotFoundException: no such template"
        );
        let service = match &err {
            ResponseError::Service(e) => e.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(report(&service), "ResourceNotFoundException: no such template");
        // `?` into the usual boxed error works for both.
        let boxed: Box<dyn Error> = Box::new(service);
        assert_eq!(boxed.to_string(), "ResourceNotFoundException: no such template");
        let boxed: Box<dyn Error + Send + Sync> = err.into();
        assert!(boxed.source().is_some());
    }

    #[test]
    fn an_unmodeled_server_error_says_what_it_was() {
        let err = answer(503, &[], "");
        assert_eq!(
            report(&err),
            "the service answered HTTP 503: server error without an error code"
        );
    }

    #[test]
    fn a_failed_response_converts_to_the_operation_error() {
        let err: DescribeJobTemplateError = answer(
            404,
            &[("x-amzn-errortype", "ResourceNotFoundException")],
            r#"{"message":"gone"}"#,
        )
        .into();
        assert!(matches!(err, DescribeJobTemplateError::ResourceNotFoundException(_)));
        let unreadable = Response::builder().status(200).body(b"<html>".to_vec()).unwrap();
        let err: DescribeJobTemplateError = DescribeJobTemplate::response(&unreadable).unwrap_err().into();
        match err {
            DescribeJobTemplateError::Unhandled(u) => {
                assert_eq!((u.status(), u.body()), (Some(200), &b"<html>"[..]));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unreadable_bodies_debug_as_text() {
        let unreadable = Response::builder().status(200).body(b"<html>".to_vec()).unwrap();
        let err = DescribeJobTemplate::response(&unreadable).unwrap_err();
        let debug = format!("{err:?}");
        assert!(debug.contains(r#"body: "<html>""#), "{debug}");
    }

    #[test]
    fn build_errors_list_their_violations_once() {
        let err = AbortCriteria::builder()
            .threshold_percentage(100.5)
            .build()
            .unwrap_err();
        let text = report(&err);
        assert!(text.starts_with("cannot build AbortCriteria: "), "{text}");
        let first = err.violations()[0].to_string();
        assert_eq!(text.matches(&first).count(), 1, "{text}");
    }
}

/// What counts as throttling is one rule: `@retryable(throttling: true)` or an
/// AWS throttling code, the same for modeled errors (constants) and unmodeled ones.
#[test]
fn throttling_is_one_rule_for_modeled_and_unmodeled_errors() {
    use iot_models::runtime::error::{is_throttling_code, THROTTLING_CODES};
    // An AWS throttling code; not one; by its `@retryable(throttling: true)`.
    assert_eq!(
        [
            ThrottlingException::THROTTLING,
            ResourceNotFoundException::THROTTLING,
            golden_awsjson::types::error::Throttled::THROTTLING
        ],
        [true, false, true]
    );
    for code in THROTTLING_CODES {
        assert!(is_throttling_code(code));
        assert!(Unhandled::new(Some((*code).to_owned()), None, Some(400)).is_throttling());
    }
    // A name that merely looks like one is not guessed at.
    assert!(!is_throttling_code("NotThrottlingRelatedException"));
    assert!(!Unhandled::new(Some("NotThrottlingRelatedException".into()), None, Some(400)).is_throttling());
    assert!(Unhandled::new(None, None, Some(429)).is_throttling());
}
