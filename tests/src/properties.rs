//! The five properties every generated type must have, checked with the generated
//! strategies (see `tests/tests/workspace/properties.rs` for the list):
//!
//! 1. valid value -> JSON -> value is equal (and re-serializes to the same text, so
//!    floats match bit for bit);
//! 2. JSON -> value -> JSON -> value is stable, through bytes and `serde_json::Value`;
//! 3. `validate()` accepts every valid value;
//! 4. every injected violation is reported at its path with its kind, and nothing else;
//! 5. the JSON has the wire shape the model says (checked against the codegen IR):
//!    keys are wire names, timestamps are numbers, absent options are absent.

use std::any::type_name;

use proptest::strategy::BoxedStrategy;
use proptest::test_runner::{Config, FileFailurePersistence, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use smithy_codegen::ir::rust::{CrateIr, StructureDef, ValueKind, ValueType};

/// The IR of a spec (relative to the workspace root), for the wire-shape oracle.
pub fn ir_of(spec: &str) -> CrateIr {
    let text = std::fs::read_to_string(crate::workspace_root().join(spec)).expect("spec readable");
    let model = smithy_codegen::ir::Model::from_json(&text).expect("spec resolves");
    smithy_codegen::ir::rust::build_all(&model).expect("IR builds")
}

/// Cases per property: `PROPTEST_CASES`, at least 256.
pub fn cases() -> u32 {
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

/// The structure `name` names: its Rust name, or the end of its path
/// (`error::Error`) where two modules hold the same name.
fn structure<'a>(ir: &'a CrateIr, name: &str) -> &'a StructureDef {
    let found: Vec<&StructureDef> = ir
        .structures
        .iter()
        .filter(|s| {
            let path = s.path.segments().join("::");
            path == name || path.ends_with(&format!("::{name}"))
        })
        .collect();
    match found[..] {
        [one] => one,
        [] => panic!("no structure {name} in the IR"),
        _ => panic!("{name} names {} structures: qualify it", found.len()),
    }
}

/// Property 5: the JSON matches the model's wire shape.
fn check_wire_struct(ir: &CrateIr, json: &Value, def: &StructureDef, at: &str) -> Result<(), String> {
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
            None if !f.is_optional() => return Err(format!("{at}/{}: required member missing", f.wire_name)),
            None => {}
            Some(Value::Null) => return Err(format!("{at}/{}: absent values must be absent, not null", f.wire_name)),
            Some(v) => check_wire_value(ir, v, &f.value, &format!("{at}/{}", f.wire_name))?,
        }
    }
    Ok(())
}

fn check_wire_value(ir: &CrateIr, json: &Value, ty: &ValueType, at: &str) -> Result<(), String> {
    let ok = match &ty.kind {
        ValueKind::Boolean => json.is_boolean(),
        ValueKind::String => json.is_string(),
        ValueKind::Byte | ValueKind::Short | ValueKind::Integer | ValueKind::Long => json.is_i64() || json.is_u64(),
        ValueKind::Float | ValueKind::Double => {
            json.is_number() || matches!(json.as_str(), Some("NaN" | "Infinity" | "-Infinity"))
        }
        ValueKind::Timestamp(smithy_codegen::ir::traits::TimestampFormat::EpochSeconds) => json.is_number(),
        ValueKind::Timestamp(_) | ValueKind::Blob => json.is_string(),
        ValueKind::BigInteger { text } | ValueKind::BigDecimal { text } => {
            if *text {
                json.is_string()
            } else {
                json.is_number()
            }
        }
        ValueKind::Document => true,
        ValueKind::IntEnum { values, .. } => json.as_i64().is_some_and(|v| values.contains(&v)),
        ValueKind::Union { path } => {
            json.as_object().is_some_and(|o| o.len() == 1) && ir.unions.iter().any(|u| u.path == *path)
        }
        ValueKind::Map { value, sparse, .. } => {
            let entries = json
                .as_object()
                .ok_or_else(|| format!("{at}: expected an object, got {json}"))?;
            for (k, item) in entries {
                if !(*sparse && item.is_null()) {
                    check_wire_value(ir, item, value, &format!("{at}/{k}"))?;
                }
            }
            true
        }
        // Any defined value, `@internal` ones included (they are only left out of messages).
        ValueKind::Enum { path, .. } => json.as_str().is_some_and(|s| {
            ir.enums
                .iter()
                .filter(|e| e.path == *path)
                .any(|e| e.variants.iter().any(|v| v.value == s))
        }),
        ValueKind::Structure { path } => {
            let def = ir
                .structures
                .iter()
                .find(|s| s.path == *path)
                .ok_or_else(|| format!("no structure {path:?} in the IR"))?;
            return check_wire_struct(ir, json, def, at);
        }
        ValueKind::List { element, sparse } => {
            let items = json
                .as_array()
                .ok_or_else(|| format!("{at}: expected an array, got {json}"))?;
            for (i, item) in items.iter().enumerate() {
                if !(*sparse && item.is_null()) {
                    check_wire_value(ir, item, element, &format!("{at}/{i}"))?;
                }
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

/// What kind of generated type is being checked.
pub enum Shape {
    /// A structure, by Rust name (qualified, `error::Error`, where two
    /// modules hold the name).
    Structure(&'static str),
    /// A union.
    Union,
    /// An enum or intEnum.
    Enum,
}

/// Violations as `(path, kind)`, with the kind spelled out so crates that each
/// carry their own copy of the runtime compare alike.
pub type Found = Vec<(String, String)>;

/// One generated type, seen through its crate's own runtime (each golden crate has
/// its own copy, so the properties take closures rather than trait bounds).
pub struct Subject<T> {
    pub valid: BoxedStrategy<T>,
    /// Values with one injected violation and its `(path, kind)`.
    pub invalid: Option<BoxedStrategy<(T, (String, String))>>,
    pub violations: fn(&T) -> Found,
}

/// Runs the five properties for one generated type.
pub fn check_type<T>(ir: &CrateIr, shape: Shape, subject: Subject<T>)
where
    T: Serialize + DeserializeOwned + PartialEq + Clone + std::fmt::Debug + 'static,
{
    let violations = subject.violations;
    let name = type_name::<T>();
    let seed = seed();
    let mut runner = runner(seed);
    let result = runner.run(&subject.valid, |value| {
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
        proptest::prop_assert_eq!(violations(&value), Found::new(), "JSON: {}", text);
        // 5. Wire shape.
        match shape {
            Shape::Structure(def) => check_wire_struct(ir, &tree, structure(ir, def), ""),
            Shape::Union => tree
                .as_object()
                .filter(|o| o.len() == 1)
                .map(|_| ())
                .ok_or_else(|| format!("union as {tree}")),
            Shape::Enum => (tree.is_string() || tree.is_i64())
                .then_some(())
                .ok_or_else(|| format!("enum as {tree}")),
        }
        .map_err(TestCaseError::fail)?;
        Ok(())
    });
    if let Err(e) = result {
        fail(seed, &format!("{name}: valid values"), e);
    }
    let Some(invalid) = subject.invalid else {
        return;
    };
    // A fresh runner: a TestRunner's case budget is spent by its first run.
    let mut runner = self::runner(seed);
    let result = runner.run(&invalid, |(value, expected): (T, (String, String))| {
        // 4. Exactly the injected violation.
        proptest::prop_assert_eq!(violations(&value), vec![expected]);
        // Injected values still serialize (the wire stays lenient).
        let text = serde_json::to_string(&value).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let _: T = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
        Ok(())
    });
    if let Err(e) = result {
        fail(seed, &format!("{name}: injected violations"), e);
    }
}

/// A [`Subject`] for a type of the crate `$krate`, through that crate's runtime.
#[macro_export]
macro_rules! subject {
    ($krate:ident, $ty:ty) => {{
        use ::proptest::strategy::Strategy as _;
        use $krate::runtime::strategies::Generate as _;
        fn violations(value: &$ty) -> $crate::properties::Found {
            let mut out = $krate::runtime::validate::Violations::default();
            $krate::runtime::validate::Validate::validate_at(value, &$krate::runtime::validate::Path::ROOT, &mut out);
            match out.into_result() {
                Ok(()) => Vec::new(),
                Err(e) => e
                    .iter()
                    .map(|v| (v.path().to_owned(), format!("{:?}", v.kind())))
                    .collect(),
            }
        }
        $crate::properties::Subject::<$ty> {
            valid: <$ty>::valid(),
            invalid: <$ty>::invalid().map(|s| {
                s.prop_map(|(value, expected)| (value, (expected.path(), format!("{:?}", expected.kind()))))
                    .boxed()
            }),
            violations,
        }
    }};
}
