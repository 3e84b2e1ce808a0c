//! The XML protocols (feature `xml`): restXml bodies, awsQuery and ec2Query
//! requests (form-encoded) and responses (XML), and their error responses.
//!
//! Generated crates describe each structure once as data ([`schema`]); a
//! value's serde impls say what it holds and the schema says how XML names
//! it. [`write`](mod@write) turns values into documents, [`query`] into form
//! parameters, [`dom`] reads a document (through quick-xml, with its depth
//! bounded) and [`read`] fills values from it. [`protocol`] is what the
//! generated `request`/`response` functions call.

/// The `Serializer` methods of a serializer that only takes strings (a
/// member key): everything else is an error.
macro_rules! serde_key_only {
    ($ok:ty) => {
        fn serialize_bool(self, _: bool) -> Result<$ok, WriteError> {
            Err(WriteError("a key must be a string".into()))
        }
        fn serialize_i8(self, _: i8) -> Result<$ok, WriteError> {
            self.serialize_bool(false)
        }
        fn serialize_i16(self, _: i16) -> Result<$ok, WriteError> {
            self.serialize_bool(false)
        }
        fn serialize_i32(self, _: i32) -> Result<$ok, WriteError> {
            self.serialize_bool(false)
        }
        fn serialize_i64(self, _: i64) -> Result<$ok, WriteError> {
            self.serialize_bool(false)
        }
        fn serialize_u8(self, _: u8) -> Result<$ok, WriteError> {
            self.serialize_bool(false)
        }
        fn serialize_u16(self, _: u16) -> Result<$ok, WriteError> {
            self.serialize_bool(false)
        }
        fn serialize_u32(self, _: u32) -> Result<$ok, WriteError> {
            self.serialize_bool(false)
        }
        fn serialize_u64(self, _: u64) -> Result<$ok, WriteError> {
            self.serialize_bool(false)
        }
        fn serialize_f32(self, _: f32) -> Result<$ok, WriteError> {
            self.serialize_bool(false)
        }
        fn serialize_f64(self, _: f64) -> Result<$ok, WriteError> {
            self.serialize_bool(false)
        }
        fn serialize_char(self, _: char) -> Result<$ok, WriteError> {
            self.serialize_bool(false)
        }
        serde_compounds_refused!($ok);
    };
}

/// The `Serializer` methods of a serializer of text (an attribute, a map
/// key, a query value): scalars through `self.display`, absent values
/// written as nothing, compounds refused.
macro_rules! serde_scalars_via_display {
    () => {
        fn serialize_bool(self, v: bool) -> Result<(), WriteError> {
            self.display(v)
        }
        fn serialize_i8(self, v: i8) -> Result<(), WriteError> {
            self.display(v)
        }
        fn serialize_i16(self, v: i16) -> Result<(), WriteError> {
            self.display(v)
        }
        fn serialize_i32(self, v: i32) -> Result<(), WriteError> {
            self.display(v)
        }
        fn serialize_i64(self, v: i64) -> Result<(), WriteError> {
            self.display(v)
        }
        fn serialize_u8(self, v: u8) -> Result<(), WriteError> {
            self.display(v)
        }
        fn serialize_u16(self, v: u16) -> Result<(), WriteError> {
            self.display(v)
        }
        fn serialize_u32(self, v: u32) -> Result<(), WriteError> {
            self.display(v)
        }
        fn serialize_u64(self, v: u64) -> Result<(), WriteError> {
            self.display(v)
        }
        fn serialize_f32(self, v: f32) -> Result<(), WriteError> {
            self.display(v)
        }
        fn serialize_f64(self, v: f64) -> Result<(), WriteError> {
            self.display(v)
        }
        fn serialize_char(self, v: char) -> Result<(), WriteError> {
            self.display(v)
        }
        serde_compounds_refused!(());
    };
}

/// The compound and special `Serializer` methods, refused (absent values
/// are nothing, newtypes their content).
macro_rules! serde_compounds_refused {
    ($ok:ty) => {
        fn serialize_bytes(self, _: &[u8]) -> Result<$ok, WriteError> {
            Err(WriteError("bytes where text belongs".into()))
        }
        fn serialize_none(self) -> Result<$ok, WriteError> {
            Err(WriteError("an absent value where text belongs".into()))
        }
        fn serialize_some<T: serde::Serialize + ?Sized>(self, value: &T) -> Result<$ok, WriteError> {
            value.serialize(self)
        }
        fn serialize_unit(self) -> Result<$ok, WriteError> {
            Err(WriteError("a unit where text belongs".into()))
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result<$ok, WriteError> {
            self.serialize_unit()
        }
        fn serialize_unit_variant(self, _: &'static str, _: u32, v: &'static str) -> Result<$ok, WriteError> {
            self.serialize_str(v)
        }
        fn serialize_newtype_struct<T: serde::Serialize + ?Sized>(
            self,
            _: &'static str,
            value: &T,
        ) -> Result<$ok, WriteError> {
            value.serialize(self)
        }
        fn serialize_newtype_variant<T: serde::Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<$ok, WriteError> {
            Err(WriteError("a variant with data where text belongs".into()))
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, WriteError> {
            Err(WriteError("a list where text belongs".into()))
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, WriteError> {
            Err(WriteError("a tuple where text belongs".into()))
        }
        fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, WriteError> {
            Err(WriteError("a tuple where text belongs".into()))
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, WriteError> {
            Err(WriteError("a tuple where text belongs".into()))
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, WriteError> {
            Err(WriteError("a map where text belongs".into()))
        }
        fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, WriteError> {
            Err(WriteError("a structure where text belongs".into()))
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, WriteError> {
            Err(WriteError("a structure where text belongs".into()))
        }
    };
}

pub mod dom;
pub mod protocol;
pub mod query;
pub mod read;
pub mod schema;
pub mod write;

pub use dom::{Document, XmlError};
pub use schema::{List, Map, Member, Name, Namespace, Structure, Value};
pub use write::WriteError;
