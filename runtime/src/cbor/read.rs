//! CBOR to values: a serde `Deserializer` over minicbor's decoder that lends
//! strings and byte strings from the body where they are whole, skips tags
//! (tag 1 marks a timestamp, whose number the codec reads), and bounds both
//! nesting and the lengths it trusts.

use minicbor::data::Type;
use minicbor::Decoder;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::Deserialize;

use super::{CborError, MAX_DEPTH};

/// Reads one `T` from `body`, which must hold exactly one data item.
pub fn from_slice<'de, T: Deserialize<'de>>(body: &'de [u8]) -> Result<T, CborError> {
    let mut reader = Reader {
        decoder: Decoder::new(body),
        depth: 0,
    };
    let value = T::deserialize(&mut reader).map_err(|e| reader.locate(e))?;
    let end = reader.decoder.position();
    if end != body.len() {
        return Err(CborError::at("more data after the body's item", end));
    }
    Ok(value)
}

struct Reader<'de> {
    decoder: Decoder<'de>,
    depth: usize,
}

impl<'de> Reader<'de> {
    /// Gives an error without a position the decoder's.
    fn locate(&self, e: CborError) -> CborError {
        match e.position {
            Some(_) => e,
            None => CborError::at(e.message, self.decoder.position()),
        }
    }

    fn fail(&self, e: minicbor::decode::Error) -> CborError {
        CborError::at(e.to_string(), self.decoder.position())
    }

    fn kind(&self) -> Result<Type, CborError> {
        self.decoder.datatype().map_err(|e| self.fail(e))
    }

    /// The initial byte of the next item (major type and length info).
    #[inline]
    fn peek(&self) -> Result<u8, CborError> {
        let at = self.decoder.position();
        match self.decoder.input().get(at) {
            Some(&byte) => Ok(byte),
            None => Err(CborError::at("the body ends where an item was expected", at)),
        }
    }

    /// Steps over a one-byte item (`null`, `undefined`).
    fn step(&mut self) {
        let next = self.decoder.position() + 1;
        self.decoder.set_position(next);
    }

    fn enter(&mut self) -> Result<(), CborError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(CborError::at(
                format!("items nest deeper than {MAX_DEPTH} levels"),
                self.decoder.position(),
            ));
        }
        Ok(())
    }

    /// Consumes the `break` that ends an indefinite array or map, if next.
    fn at_break(&mut self) -> Result<bool, CborError> {
        if self.peek()? == 0xff {
            let next = self.decoder.position() + 1;
            self.decoder.set_position(next);
            return Ok(true);
        }
        Ok(false)
    }

    /// The items a declared length may promise: each takes at least a byte,
    /// so never more than the bytes left (a length of 2^60 allocates nothing).
    fn plausible(&self, declared: Option<u64>) -> Option<usize> {
        let left = self.decoder.input().len().saturating_sub(self.decoder.position());
        declared.map(|n| usize::try_from(n).unwrap_or(usize::MAX).min(left))
    }

    fn text(&mut self) -> Result<String, CborError> {
        let mut out = String::new();
        let chunks = self.decoder.str_iter().map_err(|e| CborError::new(e.to_string()))?;
        for chunk in chunks {
            out.push_str(chunk.map_err(|e| CborError::new(e.to_string()))?);
        }
        Ok(out)
    }

    fn byte_string(&mut self) -> Result<Vec<u8>, CborError> {
        let mut out = Vec::new();
        let chunks = self.decoder.bytes_iter().map_err(|e| CborError::new(e.to_string()))?;
        for chunk in chunks {
            out.extend_from_slice(chunk.map_err(|e| CborError::new(e.to_string()))?);
        }
        Ok(out)
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = CborError;

    fn is_human_readable(&self) -> bool {
        false
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, CborError> {
        // The common items by their initial byte, without minicbor's
        // lookahead; the rest by minicbor's type.
        let kind = match self.peek()? {
            0x00..=0x17 => Type::U8,
            0x60..=0x7b => Type::String,
            0x80..=0x9b => Type::Array,
            0xa0..=0xbb => Type::Map,
            0xf4 | 0xf5 => Type::Bool,
            0xfb => Type::F64,
            _ => self.kind()?,
        };
        match kind {
            Type::Bool => {
                let v = self.decoder.bool().map_err(|e| self.fail(e))?;
                visitor.visit_bool(v)
            }
            Type::Null | Type::Undefined => {
                self.decoder.skip().map_err(|e| self.fail(e))?;
                visitor.visit_unit()
            }
            Type::U8 | Type::U16 | Type::U32 | Type::U64 => {
                let v = self.decoder.u64().map_err(|e| self.fail(e))?;
                visitor.visit_u64(v)
            }
            Type::I8 | Type::I16 | Type::I32 | Type::I64 => {
                let v = self.decoder.i64().map_err(|e| self.fail(e))?;
                visitor.visit_i64(v)
            }
            Type::Int => {
                let v = self.decoder.i128().map_err(|e| self.fail(e))?;
                visitor.visit_i128(v)
            }
            Type::F16 => {
                let v = self.decoder.f16().map_err(|e| self.fail(e))?;
                visitor.visit_f32(v)
            }
            Type::F32 => {
                let v = self.decoder.f32().map_err(|e| self.fail(e))?;
                visitor.visit_f32(v)
            }
            Type::F64 => {
                let v = self.decoder.f64().map_err(|e| self.fail(e))?;
                visitor.visit_f64(v)
            }
            Type::Bytes => {
                let v = self.decoder.bytes().map_err(|e| self.fail(e))?;
                visitor.visit_borrowed_bytes(v)
            }
            Type::BytesIndef => {
                let v = self.byte_string()?;
                visitor.visit_byte_buf(v)
            }
            Type::String => {
                let v = self.decoder.str().map_err(|e| self.fail(e))?;
                visitor.visit_borrowed_str(v)
            }
            Type::StringIndef => {
                let v = self.text()?;
                visitor.visit_string(v)
            }
            Type::Array | Type::ArrayIndef => {
                let declared = self.decoder.array().map_err(|e| self.fail(e))?;
                self.enter()?;
                let value = visitor.visit_seq(Items {
                    reader: &mut *self,
                    left: declared,
                })?;
                self.depth -= 1;
                Ok(value)
            }
            Type::Map | Type::MapIndef => {
                let declared = self.decoder.map().map_err(|e| self.fail(e))?;
                self.enter()?;
                let value = visitor.visit_map(Entries {
                    reader: &mut *self,
                    left: declared,
                })?;
                self.depth -= 1;
                Ok(value)
            }
            Type::Tag => {
                // Tag 1 (a timestamp) and any other: the content is the value.
                self.decoder.tag().map_err(|e| self.fail(e))?;
                self.enter()?;
                let value = self.deserialize_any(visitor)?;
                self.depth -= 1;
                Ok(value)
            }
            other => Err(CborError::at(
                format!("unexpected CBOR {other}"),
                self.decoder.position(),
            )),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, CborError> {
        // `null` (0xf6) and `undefined` (0xf7) are absent.
        if matches!(self.peek()?, 0xf6 | 0xf7) {
            self.step();
            return visitor.visit_none();
        }
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, CborError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, CborError> {
        match self.kind()? {
            Type::String | Type::StringIndef => {
                let name = self.text()?;
                visitor.visit_enum(name.into_deserializer())
            }
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, CborError> {
        // Skipping walks the item without building it; depth still counts.
        self.enter()?;
        self.decoder.skip().map_err(|e| self.fail(e))?;
        self.depth -= 1;
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

/// An array's items.
struct Items<'a, 'de> {
    reader: &'a mut Reader<'de>,
    /// Items still declared; `None` for an indefinite array.
    left: Option<u64>,
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = CborError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, CborError> {
        match &mut self.left {
            Some(0) => return Ok(None),
            Some(n) => *n -= 1,
            None if self.reader.at_break()? => return Ok(None),
            None => {}
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        self.reader.plausible(self.left)
    }
}

/// A map's entries.
struct Entries<'a, 'de> {
    reader: &'a mut Reader<'de>,
    left: Option<u64>,
}

impl<'de> de::MapAccess<'de> for Entries<'_, 'de> {
    type Error = CborError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, CborError> {
        match &mut self.left {
            Some(0) => return Ok(None),
            Some(n) => *n -= 1,
            None if self.reader.at_break()? => return Ok(None),
            None => {}
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, CborError> {
        seed.deserialize(&mut *self.reader)
    }

    fn size_hint(&self) -> Option<usize> {
        self.reader.plausible(self.left).map(|n| n / 2)
    }
}
