use std::fmt;

/// A value of an open enum that this version of the crate does not know.
///
/// Smithy enums are open: services may add values at any time, and a client must
/// keep such a value and be able to send it back unchanged. The value is opaque on
/// purpose: match on the known variants and treat everything else the same way.
///
/// ```
/// use smithy_codegen_runtime::UnknownVariantValue;
///
/// let value = UnknownVariantValue::new("DEVICE_REBOOTED");
/// assert_eq!(value.as_str(), "DEVICE_REBOOTED");
/// assert_eq!(value.to_string(), "DEVICE_REBOOTED");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownVariantValue(String);

impl UnknownVariantValue {
    /// Wraps a wire value (`From<&str>` on the enum does this for unknown values).
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value exactly as it appeared on the wire.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownVariantValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A union member this version of the crate does not know: its name and JSON
/// value, kept so the union can be written back unchanged.
///
/// ```
/// use smithy_codegen_runtime::{Document, UnknownMember};
///
/// let member = UnknownMember::new("circle", Document::from_json(r#"{"r":1}"#).unwrap());
/// assert_eq!((member.name(), member.value().as_json()), ("circle", r#"{"r":1}"#));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct UnknownMember {
    name: String,
    value: super::Document,
}

impl UnknownMember {
    /// Records an unknown member.
    pub fn new(name: impl Into<String>, value: super::Document) -> Self {
        Self {
            name: name.into(),
            value,
        }
    }

    /// The member name as it appeared on the wire.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The member's value, as JSON.
    pub fn value(&self) -> &super::Document {
        &self.value
    }
}
