//! The Rust-facing IR: which types exist, where they live, what their fields are,
//! how each value is encoded and what it must satisfy. Built from the closure of the
//! requested operations ([`build`]); the emitter turns it into tokens without
//! looking at Smithy again.

mod analysis;
mod build;
mod defaults;

pub use build::{build, build_all, build_with, pattern_dialect, CORRECTIONS_FIELD};

use super::traits::Http;
use super::ShapeId;

// The vocabulary the IR borrows from the earlier stages, re-exported so that
// `emit` names nothing but this module.
pub use super::constraints::Constraints;
pub use super::decimal::FloatBound;
pub use super::docs::inline_code;
/// Rust naming rules, for the names `emit` derives (strategy functions, locals).
pub use super::names;
pub use super::names::bare as bare_name;
pub use super::pattern::{Engine, Specialised};
pub use super::traits::{ErrorFault, Length, Range, TimestampFormat};

/// Where a generated type lives.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Module {
    /// `crate::types`
    Types,
    /// `crate::types::error`
    Errors,
    /// `crate::operation::<name>`
    Operation(String),
    /// A type of another crate standing for a shape (an extern type): the
    /// path of its module, as the user wrote it (`common::types`).
    External(String),
}

/// A generated type's location and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RustPath {
    pub module: Module,
    pub name: String,
}

impl RustPath {
    /// Path segments after the generated tree's root (for an extern type,
    /// its whole path).
    pub fn segments(&self) -> Vec<String> {
        let mut segments = match &self.module {
            Module::Types => vec!["types".to_owned()],
            Module::Errors => vec!["types".to_owned(), "error".to_owned()],
            Module::Operation(op) => vec!["operation".to_owned(), op.clone()],
            Module::External(module) => module.trim_start_matches("::").split("::").map(str::to_owned).collect(),
        };
        segments.push(self.name.clone());
        segments
    }

    /// Whether the type is another crate's (an extern type).
    pub fn is_external(&self) -> bool {
        matches!(self.module, Module::External(_))
    }
}

/// What a user adds to the generated types: derives and attributes on
/// chosen types (or all), and shapes that another crate's types stand for.
/// Selectors are absolute shape ids, or `*` for every generated type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypeOptions {
    /// `(selector, derive path)`: `("*", "schemars::JsonSchema")`.
    pub derives: Vec<(String, String)>,
    /// `(selector, attribute)`: `("ex#Money", "#[non_exhaustive]")`.
    pub attributes: Vec<(String, String)>,
    /// Shape id -> the Rust path of the type that stands for it
    /// (`common_models::types::Money`): the shape and what only it reaches
    /// are not generated. The type must come from a crate generated with
    /// the same runtime (it implements the runtime's traits).
    pub extern_types: std::collections::BTreeMap<String, String>,
}

/// Derives and attributes a user added to one generated type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extras {
    /// Derive paths, as written (`schemars::JsonSchema`).
    pub derives: Vec<String>,
    /// Outer attributes, as written (`#[serde(rename_all = "camelCase")]`).
    pub attributes: Vec<String>,
}

/// The wire protocol of the service, which decides serde details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Protocol {
    RestJson1,
    AwsJson1_0,
    AwsJson1_1,
    /// restXml: HTTP bindings as restJson1, XML documents for bodies.
    RestXml {
        /// Error responses hold `<Error>` at their root, without the
        /// `<ErrorResponse>` wrapper (the trait's `noErrorWrapping`: S3).
        no_error_wrapping: bool,
    },
    /// awsQuery: form-encoded requests (`Action`, `Version`), XML responses
    /// wrapped in `<OpResponse><OpResult>`.
    AwsQuery,
    /// ec2Query: as awsQuery, with `@ec2QueryName` keys and unwrapped responses.
    Ec2Query,
    /// Smithy's RPC v2 over JSON: `POST /service/{Service}/operation/{Op}`,
    /// JSON bodies as awsJson writes them, timestamps always epoch seconds.
    RpcV2Json {
        /// The service answers errors as awsQuery did (`@awsQueryCompatible`).
        query_compatible: bool,
    },
    /// Smithy's RPC v2 over CBOR: as [`Protocol::RpcV2Json`], CBOR bodies.
    RpcV2Cbor {
        /// The service answers errors as awsQuery did (`@awsQueryCompatible`).
        query_compatible: bool,
    },
    /// A protocol this generator does not put on the wire: the types and
    /// validation are exact, serde gives their JSON form.
    Other(String),
    /// No service shape declares a protocol.
    None,
}

impl Protocol {
    /// Whether `@jsonName` renames members on this protocol's wire (restJson1 only).
    pub fn honours_json_name(&self) -> bool {
        matches!(self, Protocol::RestJson1)
    }

    /// Whether this generator writes the service side of the protocol.
    pub fn has_server(&self) -> bool {
        matches!(
            self,
            Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::RestJson1 | Protocol::RpcV2Cbor { .. }
        )
    }

    /// Whether responses are XML documents (restXml, awsQuery, ec2Query).
    pub fn is_xml(&self) -> bool {
        matches!(self, Protocol::RestXml { .. } | Protocol::AwsQuery | Protocol::Ec2Query)
    }

    /// Whether requests are form-encoded queries (awsQuery, ec2Query).
    pub fn is_query(&self) -> bool {
        matches!(self, Protocol::AwsQuery | Protocol::Ec2Query)
    }

    /// Whether operations take their HTTP bindings from `@http` (the REST protocols).
    pub fn is_rest(&self) -> bool {
        matches!(self, Protocol::RestJson1 | Protocol::RestXml { .. })
    }

    /// Whether the protocol is one of Smithy's RPC v2 protocols, which route
    /// by path and ignore `@timestampFormat`.
    pub fn is_rpc_v2(&self) -> bool {
        matches!(self, Protocol::RpcV2Json { .. } | Protocol::RpcV2Cbor { .. })
    }

    /// How a timestamp in a body is written when no `@timestampFormat` says:
    /// epoch seconds in the JSON protocols, date-time in the XML ones.
    pub fn body_timestamp_format(&self) -> TimestampFormat {
        if self.is_xml() {
            TimestampFormat::DateTime
        } else {
            TimestampFormat::EpochSeconds
        }
    }

    /// The protocol trait of the protocols this generator puts on the wire.
    pub fn trait_id(&self) -> Option<&'static str> {
        match self {
            Protocol::RestJson1 => Some("aws.protocols#restJson1"),
            Protocol::AwsJson1_0 => Some("aws.protocols#awsJson1_0"),
            Protocol::AwsJson1_1 => Some("aws.protocols#awsJson1_1"),
            Protocol::RestXml { .. } => Some("aws.protocols#restXml"),
            Protocol::AwsQuery => Some("aws.protocols#awsQuery"),
            Protocol::Ec2Query => Some("aws.protocols#ec2Query"),
            Protocol::RpcV2Json { .. } => Some("smithy.protocols#rpcv2Json"),
            Protocol::RpcV2Cbor { .. } => Some("smithy.protocols#rpcv2Cbor"),
            Protocol::Other(_) | Protocol::None => None,
        }
    }

    /// A human-readable name.
    pub fn name(&self) -> String {
        match (self.trait_id(), self) {
            (Some(id), _) => id.into(),
            (None, Protocol::Other(name)) => name.clone(),
            (None, _) => "none".into(),
        }
    }
}

/// What the XML protocols read off the member a value position comes from:
/// `@xmlName`, `@xmlNamespace`, `@xmlAttribute`, `@xmlFlattened` and
/// `@ec2QueryName` (all absent in the other protocols' crates).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct XmlMember {
    pub name: Option<String>,
    pub namespace: Option<XmlNamespace>,
    pub attribute: bool,
    pub flattened: bool,
    pub ec2_query_name: Option<String>,
}

/// An `@xmlNamespace`: `xmlns` (or `xmlns:prefix`) on the element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlNamespace {
    pub uri: String,
    pub prefix: Option<String>,
}

/// A structure's or union's own XML facts: the element name it takes where
/// it is a document's root (`@xmlName` or the shape name) and its namespace.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct XmlShape {
    pub name: String,
    pub namespace: Option<XmlNamespace>,
}

/// Everything the emitter needs for one crate.
#[derive(Debug, Clone, PartialEq)]
pub struct CrateIr {
    pub protocol: Protocol,
    /// The service shape's name (`X-Amz-Target` prefix for awsJson).
    pub service_name: Option<String>,
    /// The service has `@awsQueryCompatible`: clients say so with
    /// `x-amzn-query-mode`, services name `@awsQueryError`s in
    /// `x-amzn-query-error`.
    pub query_compatible: bool,
    /// The service's `version` (the `Version` of awsQuery and ec2Query requests).
    pub service_version: Option<String>,
    /// The service's `@xmlNamespace` (the root of awsQuery and ec2Query documents).
    pub xml_namespace: Option<XmlNamespace>,
    pub structures: Vec<StructureDef>,
    pub enums: Vec<EnumDef>,
    pub int_enums: Vec<IntEnumDef>,
    pub unions: Vec<UnionDef>,
    pub operations: Vec<OperationDef>,
    /// Distinct patterns, with a constant name each.
    pub patterns: Vec<PatternDef>,
    /// Things a maintainer should know about the generated code (streaming members,
    /// protocols whose wire form is not JSON, ...), for the summary.
    pub notes: Vec<String>,
    /// How many model shapes (prelude excluded) the operations' closure holds.
    pub closure_size: usize,
    /// The model's protocol compliance cases for these operations, both sides.
    pub protocol_tests: crate::ir::protocol_tests::ProtocolTests,
    /// Whether the crate also has the service side (`server.rs`): routing,
    /// input parsing with every constraint checked, and responses. Set from
    /// [`Settings::server`](crate::Settings::server) where the protocol has one.
    pub server: bool,
    /// The service's endpoint rule set, its tests and the operations' bindings.
    pub endpoints: Option<crate::ir::endpoints::Endpoints>,
    /// The function of `strategies.rs` for each type (with `_at` and
    /// `_invalid` companions), unique across the crate.
    pub strategy_fns: std::collections::BTreeMap<RustPath, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternDef {
    pub const_name: String,
    /// The pattern as the model wrote it.
    pub source: String,
    pub translated: crate::ir::pattern::Translated,
}

/// What a structure is for; decides optionality and extra impls.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    Plain,
    /// An operation input: every member is optional for a client.
    Input,
    Output,
    Error(ErrorInfo),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ErrorInfo {
    /// The error code on the wire: the shape name.
    pub code: String,
    pub fault: ErrorFault,
    pub http_status: Option<u16>,
    pub retryable: bool,
    /// `@retryable(throttling: true)`. (The generated constant also counts the
    /// AWS throttling codes: one rule, in the runtime.)
    pub throttling: bool,
    /// `@awsQueryError`'s code, which an `@awsQueryCompatible` service names
    /// the error by in `x-amzn-query-error`.
    pub query_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StructureDef {
    pub id: ShapeId,
    pub path: RustPath,
    /// File stem inside the module's directory.
    pub file: String,
    pub docs: Vec<String>,
    pub role: Role,
    pub fields: Vec<FieldDef>,
    /// No float is reachable, so `Eq` and `Hash` can be derived.
    pub eq_hash: bool,
    /// `@sensitive`: `Debug` prints nothing of the value.
    pub sensitive: bool,
    /// Derives and attributes the user added ([`TypeOptions`]).
    pub extras: Extras,
    /// Its XML element name and namespace.
    pub xml: XmlShape,
}

/// What a generated item is, which decides where its module re-exports it:
/// types beside their file, builders in the module's `builders`. Decided by what
/// the item is, never by its name (a shape may be called `FooBuilder`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Export {
    Type(String),
    Builder(String),
}

impl StructureDef {
    /// The builder's type name.
    pub fn builder_name(&self) -> String {
        format!("{}Builder", self.path.name)
    }

    /// The structure and its builder.
    pub fn exports(&self) -> Vec<Export> {
        vec![
            Export::Type(self.path.name.clone()),
            Export::Builder(self.builder_name()),
        ]
    }

    /// Whether any member is required and held as a plain value: deserialization
    /// may fill it in (client error correction), so the structure records which.
    pub fn tracks_corrections(&self) -> bool {
        self.fields.iter().any(FieldDef::correctable)
    }
}

/// How a member is held, and what its absence means: one state of the IR
/// instead of three flags that only some combinations of make sense.
#[derive(Debug, Clone, PartialEq)]
pub enum Presence {
    /// `Option<T>`; absent is fine.
    Optional,
    /// `Option<T>` though `@required`: an input's member, or a
    /// `@clientOptional` one, which clients may leave unset;
    /// `build()` and `validate()` report it missing.
    RequiredOptional,
    /// `T`, `@required` without a default: when a response lacks it,
    /// deserialization fills in a zero value and records that it did (client
    /// error correction), and validation reports it missing.
    Required,
    /// `T` with a `@default`, filled in when absent (`required` when the
    /// member is `@required` too).
    Default { value: serde_json::Value, required: bool },
}

impl FieldDef {
    /// Held as `Option<T>`.
    pub fn is_optional(&self) -> bool {
        matches!(self.presence, Presence::Optional | Presence::RequiredOptional)
    }

    /// `@required` in the model.
    pub fn is_required(&self) -> bool {
        match &self.presence {
            Presence::RequiredOptional | Presence::Required => true,
            Presence::Default { required, .. } => *required,
            Presence::Optional => false,
        }
    }

    /// The `@default` filled in when the member is absent.
    pub fn default(&self) -> Option<&serde_json::Value> {
        match &self.presence {
            Presence::Default { value, .. } => Some(value),
            _ => None,
        }
    }

    /// A required member held as a plain value (not `Option`, no `@default`):
    /// deserialization may fill it in, so it is written only through a setter
    /// that keeps the record of filled-in members true.
    pub fn correctable(&self) -> bool {
        self.presence == Presence::Required
    }
}

impl ValueType {
    /// Whether `Debug` must hide the value: it is `@sensitive`, or holds
    /// sensitive items. Named types redact themselves.
    pub fn redacted(&self) -> bool {
        self.sensitive && !matches!(self.kind, ValueKind::Structure { .. } | ValueKind::Union { .. })
            || match &self.kind {
                ValueKind::List { element, .. } => element.redacted(),
                ValueKind::Map { key, value, .. } => key.redacted() || value.redacted(),
                _ => false,
            }
    }
}

/// HTTP binding of an operation input or output member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpBinding {
    Label,
    Query(String),
    QueryParams,
    Header(String),
    PrefixHeaders(String),
    Payload,
    ResponseCode,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldDef {
    /// The Smithy member name.
    pub member: String,
    /// The JSON key.
    pub wire_name: String,
    /// The Rust field name (possibly `r#`-escaped).
    pub rust_name: String,
    pub docs: Vec<String>,
    pub value: ValueType,
    /// How the member is held and what its absence means.
    pub presence: Presence,
    /// The `@default` of a member held as `Option<T>` (an input's, or a
    /// `@clientOptional` one): a client leaves it unset, a service fills it
    /// in when a request lacks it.
    pub server_default: Option<serde_json::Value>,
    /// Held behind a `Box` to break a recursive cycle.
    pub boxed: bool,
    pub http: Option<HttpBinding>,
    /// `@deprecated` message (empty when the trait has none).
    pub deprecated: Option<String>,
    pub idempotency_token: bool,
    /// The target's `@mediaType`, if any (a payload's content type).
    pub media_type: Option<String>,
    /// A `@streaming` blob: held in memory here.
    pub streaming: bool,
}

/// A value position: its Rust/wire kind and the constraints it must meet.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueType {
    pub shape: ShapeId,
    pub kind: ValueKind,
    pub constraints: Constraints,
    /// The target shape is `@sensitive`.
    pub sensitive: bool,
    /// The XML facts of the member this position comes from.
    pub xml: XmlMember,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind {
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    /// `text`: written as a JSON string, not a number (rpcv2Json, which
    /// keeps every digit that way).
    BigInteger {
        text: bool,
    },
    /// As [`ValueKind::BigInteger`].
    BigDecimal {
        text: bool,
    },
    Blob,
    Document,
    Timestamp(TimestampFormat),
    Enum {
        path: RustPath,
    },
    IntEnum {
        path: RustPath,
        values: Vec<i64>,
    },
    Structure {
        path: RustPath,
    },
    Union {
        path: RustPath,
    },
    List {
        element: Box<ValueType>,
        sparse: bool,
    },
    Map {
        key: Box<ValueType>,
        value: Box<ValueType>,
        sparse: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumDef {
    pub id: ShapeId,
    pub path: RustPath,
    pub file: String,
    pub docs: Vec<String>,
    pub variants: Vec<VariantDef>,
    /// Derives and attributes the user added ([`TypeOptions`]).
    pub extras: Extras,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VariantDef {
    pub rust_name: String,
    pub value: String,
    pub docs: Vec<String>,
    /// `@internal` values are omitted from validation messages.
    pub internal: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IntEnumDef {
    pub id: ShapeId,
    pub path: RustPath,
    pub file: String,
    pub docs: Vec<String>,
    pub variants: Vec<IntVariantDef>,
    /// Derives and attributes the user added ([`TypeOptions`]).
    pub extras: Extras,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IntVariantDef {
    pub rust_name: String,
    pub value: i32,
    pub docs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionDef {
    pub id: ShapeId,
    pub path: RustPath,
    pub file: String,
    pub docs: Vec<String>,
    pub variants: Vec<UnionVariant>,
    pub eq_hash: bool,
    pub sensitive: bool,
    /// A `@streaming` union (an event stream): generated as a plain union.
    pub event_stream: bool,
    /// One member may be far larger than the rest (see
    /// `analysis::mark_large_variants`).
    pub large_variant: bool,
    /// Derives and attributes the user added ([`TypeOptions`]).
    pub extras: Extras,
    /// Its XML element name and namespace.
    pub xml: XmlShape,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub member: String,
    pub wire_name: String,
    /// The Rust variant name.
    pub rust_name: String,
    pub docs: Vec<String>,
    /// `None` for members targeting `smithy.api#Unit`.
    pub value: Option<ValueType>,
    pub boxed: bool,
    /// The member's XML facts (also those of a `Unit` member, which has no value).
    pub xml: XmlMember,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OperationDef {
    pub id: ShapeId,
    /// The operation name, e.g. `DescribeJobTemplate`.
    pub name: String,
    /// Module name, e.g. `describe_job_template`.
    pub module: String,
    pub docs: Vec<String>,
    pub input: RustPath,
    /// Whether the model gives the operation an input (not `Unit`): RPC v2
    /// sends no body at all for an operation without one.
    pub has_input: bool,
    pub output: RustPath,
    /// Whether the model gives the operation an output (not `Unit`): a
    /// service answers an operation without one with an empty body.
    pub has_output: bool,
    pub errors: Vec<ErrorRef>,
    pub http: Option<Http>,
    /// `@endpoint(hostPrefix)`: prepended to the endpoint's host, `{label}`s
    /// filled from the input's `@hostLabel` members.
    pub host_prefix: Option<String>,
    /// `@requestCompression` lists gzip: large request bodies are gzipped.
    pub gzip_request: bool,
    /// `@httpChecksumRequired`: requests carry a `Content-MD5` header.
    pub checksum_required: bool,
    /// S3's `@s3UnwrappedXmlOutput`: the response document's root is the
    /// output's only member, not an element around its members.
    pub unwrapped_xml_output: bool,
    /// `(alias, shared type)`: an input or output shared with other operations is
    /// generated once in `types` and named here by an alias (`GetThingInput`).
    pub aliases: Vec<(String, RustPath)>,
    /// One of its errors may be far larger than an `Unhandled` (see
    /// `analysis::mark_large_variants`).
    pub large_variant: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ErrorRef {
    pub variant: String,
    pub path: RustPath,
    pub code: String,
}
