//! Property tests over every generated type, driven by the generated strategies:
//!
//! 1. valid value -> JSON -> value is equal (and re-serializes to the same text, so
//!    floats match bit for bit);
//! 2. JSON -> value -> JSON -> value is stable, through bytes and `serde_json::Value`;
//! 3. `validate()` accepts every valid value;
//! 4. every injected violation is reported at its path with its kind, and nothing else;
//! 5. the JSON has the wire shape the model says (checked against the codegen IR):
//!    keys are wire names, timestamps are numbers, absent options are absent.
//!
//! At least 256 cases per property (`PROPTEST_CASES` raises it). A failure prints
//! the seed; `PROPTEST_SEED=<hex>` replays it. Failing seeds are also persisted in
//! `tests/proptest-regressions/` and replayed first on every run.

use std::sync::LazyLock;

use iot_models::operation::describe_job_template::{DescribeJobTemplateInput, DescribeJobTemplateOutput};
use iot_models::types::error::{
    InternalFailureException, InvalidRequestException, ResourceNotFoundException, ThrottlingException,
};
use iot_models::types::*;
use smithy_codegen::ir::rust::{CrateIr, RustPath};
use tests::properties::{check_type, ir_of, Shape};

static IR: LazyLock<CrateIr> = LazyLock::new(|| ir_of(xtask::SPEC));

macro_rules! properties {
    ($($test:ident: $ty:ty => $shape:expr;)*) => {
        $(
            #[test]
            fn $test() {
                check_type(&IR, $shape, tests::subject!(iot_models, $ty));
            }
        )*

        /// The list above must name every generated type.
        #[test]
        fn every_generated_type_has_properties() {
            let listed: Vec<&str> = vec![$(stringify!($ty)),*];
            let mut generated: Vec<&RustPath> = IR.structures.iter().map(|s| &s.path).chain(IR.enums.iter().map(|e| &e.path)).collect();
            generated.sort();
            for path in generated {
                assert!(listed.contains(&path.name.as_str()), "no properties for {}", path.name);
            }
        }
    };
}

properties! {
    describe_job_template_input: DescribeJobTemplateInput => Shape::Structure("DescribeJobTemplateInput");
    describe_job_template_output: DescribeJobTemplateOutput => Shape::Structure("DescribeJobTemplateOutput");
    abort_config: AbortConfig => Shape::Structure("AbortConfig");
    abort_criteria: AbortCriteria => Shape::Structure("AbortCriteria");
    exponential_rollout_rate: ExponentialRolloutRate => Shape::Structure("ExponentialRolloutRate");
    job_executions_retry_config: JobExecutionsRetryConfig => Shape::Structure("JobExecutionsRetryConfig");
    job_executions_rollout_config: JobExecutionsRolloutConfig => Shape::Structure("JobExecutionsRolloutConfig");
    maintenance_window: MaintenanceWindow => Shape::Structure("MaintenanceWindow");
    presigned_url_config: PresignedUrlConfig => Shape::Structure("PresignedUrlConfig");
    rate_increase_criteria: RateIncreaseCriteria => Shape::Structure("RateIncreaseCriteria");
    retry_criteria: RetryCriteria => Shape::Structure("RetryCriteria");
    timeout_config: TimeoutConfig => Shape::Structure("TimeoutConfig");
    internal_failure_exception: InternalFailureException => Shape::Structure("InternalFailureException");
    invalid_request_exception: InvalidRequestException => Shape::Structure("InvalidRequestException");
    resource_not_found_exception: ResourceNotFoundException => Shape::Structure("ResourceNotFoundException");
    throttling_exception: ThrottlingException => Shape::Structure("ThrottlingException");
    abort_action: AbortAction => Shape::Enum;
    job_execution_failure_type: JobExecutionFailureType => Shape::Enum;
    retryable_failure_type: RetryableFailureType => Shape::Enum;
}
