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

use std::any::type_name;
use std::sync::LazyLock;

use codegen::ir::rust::{CrateIr, RustPath, StructureDef, ValueKind, ValueType};
use iot_models::operation::describe_job_template::{DescribeJobTemplateInput, DescribeJobTemplateOutput};
use iot_models::runtime::strategies::{Expected, Generate};
use iot_models::runtime::validate::{Path, Validate, Violations};
use iot_models::types::error::{
    InternalFailureException, InvalidRequestException, ResourceNotFoundException, ThrottlingException,
};
use iot_models::types::*;
use proptest::test_runner::{Config, FileFailurePersistence, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

static IR: LazyLock<CrateIr> = LazyLock::new(|| {
    let spec = std::fs::read_to_string(tests::workspace_root().join(xtask::SPEC)).expect("spec readable");
    let model = codegen::ir::Model::from_json(&spec).expect("spec resolves");
    codegen::ir::rust::build(&model, &["DescribeJobTemplate"]).expect("IR builds")
});

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(256)
        .max(256)
}

fn seed() -> [u8; 32] {
    if let Ok(hex) = std::env::var("PROPTEST_SEED") {
        let bytes: Vec<u8> = (0..hex.len())
            .step_by(2)
            .filter_map(|i| hex.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok()))
            .collect();
        if let Ok(seed) = <[u8; 32]>::try_from(bytes.as_slice()) {
            return seed;
        }
        panic!("PROPTEST_SEED must be 64 hex digits");
    }
    let mut seed = [0u8; 32];
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let mixed = nanos ^ (u128::from(std::process::id()) << 64);
    seed[..16].copy_from_slice(&mixed.to_le_bytes());
    seed[16..].copy_from_slice(&mixed.rotate_left(17).to_le_bytes());
    seed
}

fn runner(seed: [u8; 32]) -> TestRunner {
    let config = Config {
        cases: cases(),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/proptest-regressions/properties.txt"
        )))),
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed))
}

fn fail(seed: [u8; 32], what: &str, error: impl std::fmt::Display) -> ! {
    let hex: String = seed.iter().map(|b| format!("{b:02x}")).collect();
    panic!("{what}: {error}\nseed: {hex} (replay with PROPTEST_SEED={hex})")
}

fn violations<T: Validate>(value: &T) -> Vec<(String, iot_models::runtime::ConstraintKind)> {
    let mut out = Violations::default();
    value.validate_at(&Path::ROOT, &mut out);
    match out.into_result() {
        Ok(()) => Vec::new(),
        Err(e) => e.iter().map(|v| (v.path().to_owned(), v.kind())).collect(),
    }
}

fn structure(name: &str) -> &'static StructureDef {
    IR.structures
        .iter()
        .find(|s| s.path.name == name)
        .unwrap_or_else(|| panic!("no structure {name} in the IR"))
}

/// Property 5: the JSON matches the model's wire shape.
fn check_wire_struct(json: &Value, def: &StructureDef, at: &str) -> Result<(), String> {
    let object = json
        .as_object()
        .ok_or_else(|| format!("{at}: expected an object, got {json}"))?;
    for key in object.keys() {
        if !def.fields.iter().any(|f| &f.wire_name == key) {
            return Err(format!("{at}: `{key}` is not a wire name of {}", def.path.name));
        }
    }
    for f in &def.fields {
        match object.get(&f.wire_name) {
            None if !f.optional => return Err(format!("{at}/{}: required member missing", f.wire_name)),
            None => {}
            Some(Value::Null) => return Err(format!("{at}/{}: absent values must be absent, not null", f.wire_name)),
            Some(v) => check_wire_value(v, &f.value, &format!("{at}/{}", f.wire_name))?,
        }
    }
    Ok(())
}

fn check_wire_value(json: &Value, ty: &ValueType, at: &str) -> Result<(), String> {
    let ok = match &ty.kind {
        ValueKind::Boolean => json.is_boolean(),
        ValueKind::String => json.is_string(),
        ValueKind::Byte | ValueKind::Short | ValueKind::Integer | ValueKind::Long => json.is_i64() || json.is_u64(),
        ValueKind::Float | ValueKind::Double => {
            json.is_number() || matches!(json.as_str(), Some("NaN" | "Infinity" | "-Infinity"))
        }
        ValueKind::Timestamp(codegen::ir::traits::TimestampFormat::EpochSeconds) => json.is_number(),
        ValueKind::Timestamp(_) | ValueKind::Blob => json.is_string(),
        ValueKind::BigInteger | ValueKind::BigDecimal => json.is_number(),
        ValueKind::Document => true,
        ValueKind::IntEnum { values, .. } => json.as_i64().is_some_and(|v| values.contains(&v)),
        ValueKind::Union { path } => json.as_object().is_some_and(|o| o.len() == 1) && structure_exists(&path.name),
        ValueKind::Map { key: _, value, .. } => {
            let entries = json
                .as_object()
                .ok_or_else(|| format!("{at}: expected an object, got {json}"))?;
            for (k, item) in entries {
                check_wire_value(item, value, &format!("{at}/{k}"))?;
            }
            true
        }
        ValueKind::Enum { values, .. } => json.as_str().is_some_and(|s| values.iter().any(|v| v == s)),
        ValueKind::Structure { path } => return check_wire_struct(json, structure(&path.name), at),
        ValueKind::List { element, .. } => {
            let items = json
                .as_array()
                .ok_or_else(|| format!("{at}: expected an array, got {json}"))?;
            for (i, item) in items.iter().enumerate() {
                check_wire_value(item, element, &format!("{at}/{i}"))?;
            }
            true
        }
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{at}: {json} does not have the wire shape of {:?}", ty.kind))
    }
}

fn structure_exists(name: &str) -> bool {
    IR.unions.iter().any(|u| u.path.name == name)
}

enum Shape {
    Structure(&'static str),
    Enum,
}

fn check_type<T>(shape: Shape)
where
    T: Generate + Serialize + DeserializeOwned + PartialEq + Validate + Clone + 'static,
{
    let name = type_name::<T>();
    let seed = seed();
    let mut runner = runner(seed);
    let result = runner.run(&T::valid(), |value| {
        // 1. value -> JSON -> value, bit for bit through the text.
        let text = serde_json::to_string(&value).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back: T = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
        proptest::prop_assert_eq!(&back, &value, "JSON: {}", text);
        proptest::prop_assert_eq!(serde_json::to_string(&back).unwrap(), text.clone());
        // 2. JSON -> value -> JSON -> value through serde_json::Value.
        let tree = serde_json::to_value(&value).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let from_tree: T = serde_json::from_value(tree.clone()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        proptest::prop_assert_eq!(&from_tree, &value);
        proptest::prop_assert_eq!(serde_json::to_value(&from_tree).unwrap(), tree.clone());
        // 3. Valid values validate.
        proptest::prop_assert_eq!(violations(&value), Vec::new(), "JSON: {}", text);
        // 5. Wire shape.
        match shape {
            Shape::Structure(def) => check_wire_struct(&tree, structure(def), ""),
            Shape::Enum => tree.is_string().then_some(()).ok_or_else(|| format!("enum as {tree}")),
        }
        .map_err(TestCaseError::fail)?;
        Ok(())
    });
    if let Err(e) = result {
        fail(seed, &format!("{name}: valid values"), e);
    }
    let Some(invalid) = T::invalid() else {
        return;
    };
    // A fresh runner: a TestRunner's case budget is spent by its first run.
    let mut runner = self::runner(seed);
    let result = runner.run(&invalid, |(value, expected): (T, Expected)| {
        // 4. Exactly the injected violation.
        let found = violations(&value);
        proptest::prop_assert_eq!(found, vec![(expected.path(), expected.kind())]);
        // Injected values still serialize (the wire stays lenient).
        let text = serde_json::to_string(&value).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let _: T = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
        Ok(())
    });
    if let Err(e) = result {
        fail(seed, &format!("{name}: injected violations"), e);
    }
}

macro_rules! properties {
    ($($test:ident: $ty:ty => $shape:expr;)*) => {
        $(
            #[test]
            fn $test() {
                check_type::<$ty>($shape);
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
