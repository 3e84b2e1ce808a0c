//! Values to CBOR: definite lengths wherever serde knows them (structures
//! always: `WriteFields` counts their members first), indefinite otherwise.

use minicbor::data::Tag;
use minicbor::Encoder;
use serde::ser::{self, Serialize};

use super::{CborError, EPOCH_SECONDS};

/// `value` as a CBOR data item.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, CborError> {
    let mut encoder = Encoder::new(Vec::new());
    value.serialize(Writer { encoder: &mut encoder })?;
    Ok(encoder.into_writer())
}

/// Writing to a `Vec` cannot fail; the error type says so.
fn done<T>(result: Result<T, minicbor::encode::Error<std::convert::Infallible>>) -> Result<(), CborError> {
    result.map(|_| ()).map_err(|e| CborError::new(e.to_string()))
}

struct Writer<'a> {
    encoder: &'a mut Encoder<Vec<u8>>,
}

/// An array or map being written; `open` when its length was not known.
struct Compound<'a> {
    encoder: &'a mut Encoder<Vec<u8>>,
    open: bool,
}

impl Compound<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CborError> {
        value.serialize(Writer { encoder: self.encoder })
    }

    fn finish(self) -> Result<(), CborError> {
        if self.open {
            done(self.encoder.end())?;
        }
        Ok(())
    }
}

impl<'a> ser::Serializer for Writer<'a> {
    type Ok = ();
    type Error = CborError;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn is_human_readable(&self) -> bool {
        false
    }

    fn serialize_bool(self, v: bool) -> Result<(), CborError> {
        done(self.encoder.bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<(), CborError> {
        done(self.encoder.i64(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<(), CborError> {
        done(self.encoder.i64(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<(), CborError> {
        done(self.encoder.i64(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<(), CborError> {
        done(self.encoder.i64(v))
    }
    fn serialize_u8(self, v: u8) -> Result<(), CborError> {
        done(self.encoder.u64(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<(), CborError> {
        done(self.encoder.u64(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<(), CborError> {
        done(self.encoder.u64(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<(), CborError> {
        done(self.encoder.u64(v))
    }
    fn serialize_f32(self, v: f32) -> Result<(), CborError> {
        done(self.encoder.f32(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), CborError> {
        done(self.encoder.f64(v))
    }
    fn serialize_char(self, v: char) -> Result<(), CborError> {
        done(self.encoder.str(v.encode_utf8(&mut [0; 4])))
    }
    fn serialize_str(self, v: &str) -> Result<(), CborError> {
        done(self.encoder.str(v))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), CborError> {
        done(self.encoder.bytes(v))
    }
    fn serialize_none(self) -> Result<(), CborError> {
        done(self.encoder.null())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), CborError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), CborError> {
        done(self.encoder.null())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), CborError> {
        done(self.encoder.null())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), CborError> {
        done(self.encoder.str(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, name: &'static str, value: &T) -> Result<(), CborError> {
        if name == EPOCH_SECONDS {
            done(self.encoder.tag(Tag::new(1)))?;
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), CborError> {
        done(self.encoder.map(1))?;
        done(self.encoder.str(variant))?;
        value.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'a>, CborError> {
        match len {
            Some(n) => done(self.encoder.array(n as u64))?,
            None => done(self.encoder.begin_array())?,
        }
        Ok(Compound {
            encoder: self.encoder,
            open: len.is_none(),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, CborError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'a>, CborError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, CborError> {
        done(self.encoder.map(1))?;
        done(self.encoder.str(variant))?;
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'a>, CborError> {
        match len {
            Some(n) => done(self.encoder.map(n as u64))?,
            None => done(self.encoder.begin_map())?,
        }
        Ok(Compound {
            encoder: self.encoder,
            open: len.is_none(),
        })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound<'a>, CborError> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, CborError> {
        done(self.encoder.map(1))?;
        done(self.encoder.str(variant))?;
        self.serialize_map(Some(len))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = CborError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CborError> {
        self.item(value)
    }
    fn end(self) -> Result<(), CborError> {
        self.finish()
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = CborError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CborError> {
        self.item(value)
    }
    fn end(self) -> Result<(), CborError> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = CborError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CborError> {
        self.item(value)
    }
    fn end(self) -> Result<(), CborError> {
        self.finish()
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = CborError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CborError> {
        self.item(value)
    }
    fn end(self) -> Result<(), CborError> {
        self.finish()
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = CborError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), CborError> {
        self.item(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CborError> {
        self.item(value)
    }
    fn end(self) -> Result<(), CborError> {
        self.finish()
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = CborError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), CborError> {
        done(self.encoder.str(key))?;
        self.item(value)
    }
    fn end(self) -> Result<(), CborError> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = CborError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), CborError> {
        done(self.encoder.str(key))?;
        self.item(value)
    }
    fn end(self) -> Result<(), CborError> {
        self.finish()
    }
}
