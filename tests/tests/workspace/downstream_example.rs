//! How another crate uses the generated strategies in its own property tests.
//!
//! A crate depending on `iot-models` with `features = ["proptest"]` gets
//! `Arbitrary` for every type and named strategies in `iot_models::strategies`.
//! Here, a hypothetical downstream helper that summarises a job template is
//! tested against any valid response, and its input validation against responses
//! with one injected violation.

use iot_models::operation::describe_job_template::DescribeJobTemplateOutput;
use iot_models::runtime::ConstraintKind;
use iot_models::types::JobExecutionFailureType;
use proptest::prelude::*;

/// Downstream code under test: the strictest abort threshold for a failure type.
fn strictest_threshold(output: &DescribeJobTemplateOutput, failure: &JobExecutionFailureType) -> Option<f64> {
    output
        .abort_config()?
        .criteria_list()
        .iter()
        .filter(|c| c.failure_type() == failure || c.failure_type() == &JobExecutionFailureType::All)
        .map(|c| c.threshold_percentage())
        .reduce(f64::min)
}

/// Downstream code under test: accept a response only if it is valid, saying
/// why not (the error and its sources, as an error report would).
fn accept(body: &[u8]) -> Result<DescribeJobTemplateOutput, String> {
    DescribeJobTemplateOutput::from_json_strict(body).map_err(|e| {
        let mut report = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(cause) = source {
            report = format!("{report}: {cause}");
            source = cause.source();
        }
        report
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn thresholds_never_exceed_100(output in any::<DescribeJobTemplateOutput>(), failure in any::<JobExecutionFailureType>()) {
        if let Some(t) = strictest_threshold(&output, &failure) {
            prop_assert!(t <= 100.0, "threshold {t} from a valid response");
        }
    }

    #[test]
    fn valid_responses_are_accepted(output in iot_models::strategies::describe_job_template_output()) {
        let body = serde_json::to_vec(&output).unwrap();
        prop_assert_eq!(accept(&body), Ok(output));
    }

    #[test]
    fn invalid_responses_are_refused_with_the_right_path(
        (output, expected) in iot_models::strategies::describe_job_template_output_invalid()
    ) {
        let body = serde_json::to_vec(&output).unwrap();
        let error = accept(&body).unwrap_err();
        prop_assert!(error.contains(&format!("'{}'", expected.path())), "{} not in {}", expected.path(), error);
        if expected.kind() == ConstraintKind::Required {
            prop_assert!(error.contains("Member must not be null"));
        }
    }
}
