//! CBOR to values: a serde `Deserializer` over minicbor's decoder that lends
//! strings and byte strings from the body where they are whole, skips tags
//! (tag 1 marks a timestamp, whose number the codec reads), and bounds both
//! nesting and the lengths it trusts.
//!
//! The heads a response is made of (integers, definite text, arrays and maps,
//! `true`, `false`, `null`, doubles, tags) are decoded here from the body's
//! bytes; everything else, and every malformed item, is left to minicbor,
//! which reports it. The fast path gives up rather than differs.

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
    let value = T::deserialize(&mut reader).map_err(|e| reader.locate(*e.0))?;
    let end = reader.decoder.position();
    if end != body.len() {
        return Err(CborError::at("more data after the body's item", end));
    }
    Ok(value)
}

/// The reader's error: a [`CborError`] behind one pointer. Every layer of a
/// read passes a `Result` up, and one the size of a pointer travels in
/// registers where the 40-byte error would go through memory.
#[derive(Debug)]
struct Failed(Box<CborError>);

impl Failed {
    fn new(message: impl Into<String>) -> Self {
        Self(Box::new(CborError::new(message)))
    }

    fn at(message: impl Into<String>, position: usize) -> Self {
        Self(Box::new(CborError::at(message, position)))
    }
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Failed {}

impl de::Error for Failed {
    #[cold]
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Self::new(msg.to_string())
    }
}

struct Reader<'de> {
    decoder: Decoder<'de>,
    depth: usize,
}

/// `bytes` as text when they are UTF-8. Most text on the wire (member names,
/// enum values, ARNs) is short and ASCII, which a word-wise check settles in a
/// few instructions; `std::str::from_utf8` costs a call and its setup per
/// string, which was a third of reading a typical response.
#[inline]
fn utf8(bytes: &[u8]) -> Option<&str> {
    if bytes.is_ascii() {
        // SAFETY: every byte is below 0x80, and ASCII is valid UTF-8.
        Some(unsafe { std::str::from_utf8_unchecked(bytes) })
    } else {
        std::str::from_utf8(bytes).ok()
    }
}

/// A definite item head: major type, additional information, the argument
/// (a length, a value, or a float's bits) and where the content starts.
struct Head {
    major: u8,
    info: u8,
    argument: u64,
    end: usize,
}

impl<'de> Reader<'de> {
    /// Gives an error without a position the decoder's.
    fn locate(&self, e: CborError) -> CborError {
        match e.position {
            Some(_) => e,
            None => CborError::at(e.message, self.decoder.position()),
        }
    }

    fn fail(&self, e: minicbor::decode::Error) -> Failed {
        Failed::at(e.to_string(), self.decoder.position())
    }

    fn kind(&self) -> Result<Type, Failed> {
        self.decoder.datatype().map_err(|e| self.fail(e))
    }

    /// The initial byte of the next item (major type and length info).
    #[inline]
    fn peek(&self) -> Result<u8, Failed> {
        let at = self.decoder.position();
        match self.decoder.input().get(at) {
            Some(&byte) => Ok(byte),
            None => Err(Failed::at("the body ends where an item was expected", at)),
        }
    }

    fn enter(&mut self) -> Result<(), Failed> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Failed::at(
                format!("items nest deeper than {MAX_DEPTH} levels"),
                self.decoder.position(),
            ));
        }
        Ok(())
    }

    /// Consumes the `break` that ends an indefinite array or map, if next.
    fn at_break(&mut self) -> Result<bool, Failed> {
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

    /// The next item's head when it is definite and whole: major type 0-5
    /// with a length or value, or a simple value or float of major type 7.
    /// `None` leaves the item to minicbor (indefinite lengths, reserved
    /// values, a body that ends inside the head), which reports what is wrong.
    #[inline]
    fn definite_head(&self) -> Option<Head> {
        let input = self.decoder.input();
        let at = self.decoder.position();
        let first = *input.get(at)?;
        let info = first & 0x1f;
        let (argument, end) = match info {
            0..=23 => (u64::from(info), at + 1),
            24 => (u64::from(*input.get(at + 1)?), at + 2),
            25 => (
                u64::from(u16::from_be_bytes(input.get(at + 1..at + 3)?.try_into().ok()?)),
                at + 3,
            ),
            26 => (
                u64::from(u32::from_be_bytes(input.get(at + 1..at + 5)?.try_into().ok()?)),
                at + 5,
            ),
            27 => (u64::from_be_bytes(input.get(at + 1..at + 9)?.try_into().ok()?), at + 9),
            _ => return None,
        };
        Some(Head {
            major: first >> 5,
            info,
            argument,
            end,
        })
    }

    /// A definite text string's content when the body holds all of it and it
    /// is UTF-8, stepping past it; `None` leaves the error to minicbor.
    #[inline]
    fn whole_text(&mut self, head: &Head) -> Option<&'de str> {
        let input: &'de [u8] = self.decoder.input();
        let end = head.end.checked_add(usize::try_from(head.argument).ok()?)?;
        let text = utf8(input.get(head.end..end)?)?;
        self.decoder.set_position(end);
        Some(text)
    }

    /// A text string of at most 255 bytes (a member name, an enum value, most
    /// identifiers), read from its first one or two bytes; anything else is
    /// left to [`deserialize_any`](de::Deserializer::deserialize_any).
    #[inline]
    fn short_text(&mut self) -> Option<&'de str> {
        let input: &'de [u8] = self.decoder.input();
        let at = self.decoder.position();
        let (len, start) = match *input.get(at)? {
            first @ 0x60..=0x77 => (usize::from(first - 0x60), at + 1),
            0x78 => (usize::from(*input.get(at + 1)?), at + 2),
            _ => return None,
        };
        let text = utf8(input.get(start..start + len)?)?;
        self.decoder.set_position(start + len);
        Some(text)
    }

    /// Visits an array of `declared` items (`None`: indefinite) whose head
    /// has been read.
    fn items<V: Visitor<'de>>(&mut self, declared: Option<u64>, visitor: V) -> Result<V::Value, Failed> {
        self.enter()?;
        let value = visitor.visit_seq(Items {
            reader: &mut *self,
            left: declared,
        })?;
        self.depth -= 1;
        Ok(value)
    }

    /// Visits a map of `declared` entries (`None`: indefinite) whose head
    /// has been read.
    fn entries<V: Visitor<'de>>(&mut self, declared: Option<u64>, visitor: V) -> Result<V::Value, Failed> {
        self.enter()?;
        let value = visitor.visit_map(Entries {
            reader: &mut *self,
            left: declared,
        })?;
        self.depth -= 1;
        Ok(value)
    }

    fn text(&mut self) -> Result<String, Failed> {
        let mut out = String::new();
        let chunks = self.decoder.str_iter().map_err(|e| Failed::new(e.to_string()))?;
        for chunk in chunks {
            out.push_str(chunk.map_err(|e| Failed::new(e.to_string()))?);
        }
        Ok(out)
    }

    fn byte_string(&mut self) -> Result<Vec<u8>, Failed> {
        let mut out = Vec::new();
        let chunks = self.decoder.bytes_iter().map_err(|e| Failed::new(e.to_string()))?;
        for chunk in chunks {
            out.extend_from_slice(chunk.map_err(|e| Failed::new(e.to_string()))?);
        }
        Ok(out)
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Failed;

    fn is_human_readable(&self) -> bool {
        false
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failed> {
        if let Some(head) = self.definite_head() {
            match head.major {
                0 => {
                    self.decoder.set_position(head.end);
                    return visitor.visit_u64(head.argument);
                }
                1 => {
                    if let Ok(magnitude) = i64::try_from(head.argument) {
                        self.decoder.set_position(head.end);
                        return visitor.visit_i64(-1 - magnitude);
                    }
                }
                3 => {
                    if let Some(text) = self.whole_text(&head) {
                        return visitor.visit_borrowed_str(text);
                    }
                }
                4 => {
                    self.decoder.set_position(head.end);
                    return self.items(Some(head.argument), visitor);
                }
                5 => {
                    self.decoder.set_position(head.end);
                    return self.entries(Some(head.argument), visitor);
                }
                6 => {
                    // Tag 1 (a timestamp) and any other: the content is the value.
                    self.decoder.set_position(head.end);
                    self.enter()?;
                    let value = self.deserialize_any(visitor)?;
                    self.depth -= 1;
                    return Ok(value);
                }
                7 => match head.info {
                    20 | 21 => {
                        self.decoder.set_position(head.end);
                        return visitor.visit_bool(head.info == 21);
                    }
                    22 | 23 => {
                        self.decoder.set_position(head.end);
                        return visitor.visit_unit();
                    }
                    27 => {
                        self.decoder.set_position(head.end);
                        return visitor.visit_f64(f64::from_bits(head.argument));
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        // Everything else (indefinite lengths, tags, half and single
        // floats, integers past `i64`, malformed items) as minicbor reads it.
        let kind = self.kind()?;
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
                self.items(declared, visitor)
            }
            Type::Map | Type::MapIndef => {
                let declared = self.decoder.map().map_err(|e| self.fail(e))?;
                self.entries(declared, visitor)
            }
            Type::Tag => {
                // Tag 1 (a timestamp) and any other: the content is the value.
                self.decoder.tag().map_err(|e| self.fail(e))?;
                self.enter()?;
                let value = self.deserialize_any(visitor)?;
                self.depth -= 1;
                Ok(value)
            }
            other => Err(Failed::at(format!("unexpected CBOR {other}"), self.decoder.position())),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failed> {
        // `null` (0xf6) and `undefined` (0xf7) are absent; a body that ends
        // here is reported by the value's reader.
        let at = self.decoder.position();
        if let Some(0xf6 | 0xf7) = self.decoder.input().get(at) {
            self.decoder.set_position(at + 1);
            return visitor.visit_none();
        }
        visitor.visit_some(self)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failed> {
        // A map of at most 23 entries (most structures) has its length in
        // its first byte.
        let at = self.decoder.position();
        if let Some(&first @ 0xa0..=0xb7) = self.decoder.input().get(at) {
            self.decoder.set_position(at + 1);
            return self.entries(Some(u64::from(first - 0xa0)), visitor);
        }
        self.deserialize_any(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Failed> {
        self.deserialize_map(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failed> {
        let at = self.decoder.position();
        if let Some(&first @ 0x80..=0x97) = self.decoder.input().get(at) {
            self.decoder.set_position(at + 1);
            return self.items(Some(u64::from(first - 0x80)), visitor);
        }
        self.deserialize_any(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failed> {
        match self.short_text() {
            Some(text) => visitor.visit_borrowed_str(text),
            None => self.deserialize_any(visitor),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failed> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failed> {
        self.deserialize_str(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Failed> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Failed> {
        match self.kind()? {
            Type::String | Type::StringIndef => {
                let name = self.text()?;
                visitor.visit_enum(name.into_deserializer())
            }
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failed> {
        // Skipping walks the item without building it; depth still counts.
        self.enter()?;
        self.decoder.skip().map_err(|e| self.fail(e))?;
        self.depth -= 1;
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char
        bytes byte_buf unit unit_struct tuple tuple_struct
    }
}

/// An array's items.
struct Items<'a, 'de> {
    reader: &'a mut Reader<'de>,
    /// Items still declared; `None` for an indefinite array.
    left: Option<u64>,
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = Failed;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Failed> {
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
    type Error = Failed;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Failed> {
        match &mut self.left {
            Some(0) => return Ok(None),
            Some(n) => *n -= 1,
            None if self.reader.at_break()? => return Ok(None),
            None => {}
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Failed> {
        seed.deserialize(&mut *self.reader)
    }

    fn size_hint(&self) -> Option<usize> {
        self.reader.plausible(self.left).map(|n| n / 2)
    }
}
