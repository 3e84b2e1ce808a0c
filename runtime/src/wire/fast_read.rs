//! A JSON reader for response bodies that gives up rather than differ.
//!
//! serde_json stays the reference: this reader either produces exactly the
//! value serde_json would (the same visitor calls with the same values) or
//! returns `None`, and the caller asks serde_json, whose answer (value or
//! error message) is final. It gives up on what is rare in responses and
//! costly to mirror exactly: surrogate escapes, integers outside `i64`/`u64`,
//! `-0`, `f32`/`i128`/`u128`/bytes/enum requests, serde_json's raw values
//! (documents), nesting deeper than 100 levels, member names read as numbers
//! or booleans (maps keyed by them), and every error, its own or a
//! visitor's.
//!
//! What it does differently is cheaper, not different: the body's UTF-8 is
//! checked once, and a string with escapes is decoded straight into the
//! `String` the visitor receives, eight bytes at a time between escapes
//! (serde_json decodes into a scratch buffer, checks it, then copies it).

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Visitor};

/// `body` as `T`, or `None` where serde_json must decide.
#[inline]
pub fn read<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
    let text = std::str::from_utf8(body).ok()?;
    let mut reader = Reader { text, pos: 0, depth: 0 };
    let value = T::deserialize(&mut reader).ok()?;
    reader.skip_whitespace();
    if reader.pos == text.len() {
        Some(value)
    } else {
        None
    }
}

/// Why this reader gave up; never shown to anyone (serde_json reads the body
/// again and reports).
#[derive(Debug)]
pub struct GaveUp;

impl fmt::Display for GaveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("left to serde_json")
    }
}

impl std::error::Error for GaveUp {}

impl de::Error for GaveUp {
    fn custom<T: fmt::Display>(_: T) -> Self {
        GaveUp
    }
}

type Result<T> = std::result::Result<T, GaveUp>;

/// Deeper nesting is left to serde_json, which refuses a body from 128 levels.
const MAX_DEPTH: u16 = 100;

struct Reader<'de> {
    text: &'de str,
    pos: usize,
    depth: u16,
}

/// `0x0101_0101_0101_0101`: a byte value repeated across a word.
const ONES: u64 = u64::MAX / 255;

/// The bytes that end a run of plain string content: `"`, `\` and controls.
#[inline]
fn special_mask(chunk: u64) -> u64 {
    const HIGH: u64 = ONES << 7;
    let control = chunk.wrapping_sub(ONES * 0x20) & !chunk;
    let quote = (chunk ^ (ONES * u64::from(b'"'))).wrapping_sub(ONES) & !(chunk ^ (ONES * u64::from(b'"')));
    let backslash = (chunk ^ (ONES * u64::from(b'\\'))).wrapping_sub(ONES) & !(chunk ^ (ONES * u64::from(b'\\')));
    (control | quote | backslash) & HIGH
}

/// A string's content: borrowed when it had no escapes.
enum Text<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl<'de> Reader<'de> {
    #[inline]
    fn bytes(&self) -> &'de [u8] {
        self.text.as_bytes()
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    #[inline]
    fn skip_whitespace(&mut self) {
        // Most calls stand on a token already: every whitespace byte is at
        // most a space.
        if self.peek().is_some_and(|byte| byte > b' ') {
            return;
        }
        self.skip_whitespace_run();
    }

    /// Skips whitespace from `pos`; a pretty-printed body's indentation eight
    /// spaces at a time.
    fn skip_whitespace_run(&mut self) {
        let bytes = self.bytes();
        let mut at = self.pos;
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(at) {
            at += 1;
            while let Some(word) = bytes.get(at..at + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
                let spaces = ((u64::from_le_bytes(word) ^ (ONES * u64::from(b' '))).trailing_zeros() / 8) as usize;
                at += spaces;
                if spaces < 8 {
                    break;
                }
            }
        }
        self.pos = at;
    }

    /// The next value's first byte, after whitespace.
    #[inline]
    fn peek_value(&mut self) -> Result<u8> {
        self.skip_whitespace();
        self.peek().ok_or(GaveUp)
    }

    #[inline]
    fn expect_literal(&mut self, literal: &[u8]) -> Result<()> {
        if self.bytes()[self.pos..].starts_with(literal) {
            self.pos += literal.len();
            Ok(())
        } else {
            Err(GaveUp)
        }
    }

    /// Where the next `"`, `\` or control byte is, from `from`.
    #[inline]
    fn next_special(&self, from: usize) -> Option<usize> {
        let rest = self.bytes().get(from..)?;
        let mut words = rest.chunks_exact(8);
        let mut at = from;
        for word in words.by_ref() {
            let mask = special_mask(u64::from_le_bytes(word.try_into().ok()?));
            if mask != 0 {
                return Some(at + (mask.trailing_zeros() / 8) as usize);
            }
            at += 8;
        }
        words
            .remainder()
            .iter()
            .position(|b| matches!(b, b'"' | b'\\' | 0..=0x1f))
            .map(|i| at + i)
    }

    /// Reads a string whose opening quote is at `pos`: a slice of the body
    /// when it has no escapes (nearly always; inlined), else decoded.
    #[inline(always)]
    fn read_text(&mut self) -> Result<Text<'de>> {
        let start = self.pos + 1;
        let at = self.next_special(start).ok_or(GaveUp)?;
        if self.bytes()[at] == b'"' {
            self.pos = at + 1;
            return Ok(Text::Borrowed(&self.text[start..at]));
        }
        self.read_escaped(start, at).map(Text::Owned)
    }

    /// The string from `start` whose first escape (or control byte) is at
    /// `at`, decoded; kept out of line so the plain case stays small.
    #[cold]
    #[inline(never)]
    fn read_escaped(&mut self, start: usize, at: usize) -> Result<String> {
        let mut out = Vec::with_capacity((at - start) * 2 + 16);
        out.extend_from_slice(&self.bytes()[start..at]);
        let end = decode_from(self.bytes(), at, &mut out)?;
        self.pos = end + 1;
        // Runs of the (valid) body cut at ASCII bytes, and whole characters.
        String::from_utf8(out).map_err(|_| GaveUp)
    }

    /// Reads a number as serde_json does: a non-negative integer as `u64`, a
    /// negative one as `i64`, anything with a fraction or exponent as the
    /// nearest `f64`.
    fn visit_number<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let bytes = self.bytes();
        let start = self.pos;
        let negative = bytes.get(start) == Some(&b'-');
        let digits = start + usize::from(negative);
        let mut at = digits_end(bytes, digits)?;
        // No leading zero.
        if bytes[digits] == b'0' && at - digits > 1 {
            return Err(GaveUp);
        }
        let mut float = false;
        if bytes.get(at) == Some(&b'.') {
            at = digits_end(bytes, at + 1)?;
            float = true;
        }
        if let Some(b'e' | b'E') = bytes.get(at) {
            at += 1;
            if let Some(b'+' | b'-') = bytes.get(at) {
                at += 1;
            }
            at = digits_end(bytes, at)?;
            float = true;
        }
        let number = &self.text[start..at];
        self.pos = at;
        if float {
            let value: f64 = number.parse().map_err(|_| GaveUp)?;
            return if value.is_finite() {
                visitor.visit_f64(value)
            } else {
                Err(GaveUp)
            };
        }
        if negative {
            // `-0` and values below i64::MIN are floats to serde_json.
            match number.parse::<i64>() {
                Ok(value) if value < 0 => visitor.visit_i64(value),
                _ => Err(GaveUp),
            }
        } else {
            visitor.visit_u64(number.parse().map_err(|_| GaveUp)?)
        }
    }

    #[inline]
    fn nest(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(GaveUp);
        }
        self.pos += 1;
        Ok(())
    }

    fn visit_seq<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.nested(b']', |items| visitor.visit_seq(items))
    }

    fn visit_map<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.nested(b'}', |items| visitor.visit_map(items))
    }

    /// Reads the array or object whose opening bracket is at `pos` with
    /// `read`, then its closing `bracket`.
    #[inline]
    fn nested<T>(&mut self, bracket: u8, read: impl FnOnce(Items<'_, 'de>) -> Result<T>) -> Result<T> {
        self.nest()?;
        let value = read(Items {
            reader: self,
            first: true,
        })?;
        self.close(bracket)?;
        Ok(value)
    }

    /// The closing bracket after a visitor took the elements it wanted (it
    /// must have taken them all).
    #[inline]
    fn close(&mut self, bracket: u8) -> Result<()> {
        if self.peek_value()? != bracket {
            return Err(GaveUp);
        }
        self.pos += 1;
        self.depth -= 1;
        Ok(())
    }

    /// Before an element or entry: the `,` after the previous one, or the
    /// end. `true` when there is one.
    #[inline]
    fn has_next(&mut self, first: &mut bool, end: u8) -> Result<bool> {
        let byte = self.peek_value()?;
        if byte == end {
            return Ok(false);
        }
        if !std::mem::take(first) {
            if byte != b',' {
                return Err(GaveUp);
            }
            // A trailing comma leaves `]` or `}` where the next element or
            // member name must start: reading that gives up.
            self.pos += 1;
        }
        Ok(true)
    }
}

/// The end of the run of ASCII digits from `start`, which must not be empty.
#[inline]
fn digits_end(bytes: &[u8], start: usize) -> Result<usize> {
    let mut at = start;
    while bytes.get(at).is_some_and(u8::is_ascii_digit) {
        at += 1;
    }
    if at == start {
        return Err(GaveUp);
    }
    Ok(at)
}

/// Decodes string content from the special byte at `at` on into `out`;
/// where the closing quote is.
///
/// Between escapes it copies eight bytes at a time, each word whole (one
/// store) and then cut back to its first special byte: escape-dense strings
/// (JSON documents inside a string) are mostly short runs.
fn decode_from(bytes: &[u8], mut at: usize, out: &mut Vec<u8>) -> Result<usize> {
    loop {
        match bytes[at] {
            b'"' => return Ok(at),
            b'\\' => at = decode_escape(bytes, at + 1, out)?,
            _ => return Err(GaveUp),
        }
        loop {
            let Some(word) = bytes.get(at..at + 8) else {
                let run = bytes[at..]
                    .iter()
                    .position(|b| matches!(b, b'"' | b'\\' | 0..=0x1f))
                    .ok_or(GaveUp)?;
                out.extend_from_slice(&bytes[at..at + run]);
                at += run;
                break;
            };
            let word: [u8; 8] = word.try_into().map_err(|_| GaveUp)?;
            out.extend_from_slice(&word);
            let mask = special_mask(u64::from_le_bytes(word));
            if mask != 0 {
                let run = (mask.trailing_zeros() / 8) as usize;
                out.truncate(out.len() - 8 + run);
                at += run;
                break;
            }
            at += 8;
        }
    }
}

/// Decodes the escape whose `\` is at `at - 1` into `out`; where the string
/// goes on.
fn decode_escape(bytes: &[u8], at: usize, out: &mut Vec<u8>) -> Result<usize> {
    let decoded = match bytes.get(at).ok_or(GaveUp)? {
        b'"' => b'"',
        b'\\' => b'\\',
        b'/' => b'/',
        b'b' => 0x08,
        b'f' => 0x0c,
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        b'u' => {
            let hex = bytes.get(at + 1..at + 5).ok_or(GaveUp)?;
            let mut unit = 0u32;
            for digit in hex {
                unit = unit * 16 + char::from(*digit).to_digit(16).ok_or(GaveUp)?;
            }
            // Surrogates (pairs and lone halves) are serde_json's.
            let decoded = char::from_u32(unit).ok_or(GaveUp)?;
            out.extend_from_slice(decoded.encode_utf8(&mut [0; 4]).as_bytes());
            return Ok(at + 5);
        }
        _ => return Err(GaveUp),
    };
    out.push(decoded);
    Ok(at + 1)
}

/// `Deserializer` methods that leave the body to serde_json.
macro_rules! give_up {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
                Err(GaveUp)
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = GaveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek_value()? {
            b'n' => {
                self.expect_literal(b"null")?;
                visitor.visit_unit()
            }
            b't' => {
                self.expect_literal(b"true")?;
                visitor.visit_bool(true)
            }
            b'f' => {
                self.expect_literal(b"false")?;
                visitor.visit_bool(false)
            }
            b'"' => self.deserialize_str(visitor),
            b'[' => self.visit_seq(visitor),
            b'{' => self.visit_map(visitor),
            b'-' | b'0'..=b'9' => self.visit_number(visitor),
            _ => Err(GaveUp),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.peek_value()? != b'"' {
            return self.deserialize_any(visitor);
        }
        match self.read_text()? {
            Text::Borrowed(text) => visitor.visit_borrowed_str(text),
            Text::Owned(text) => visitor.visit_string(text),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    /// Member names and string values (the common case) without the
    /// dispatch on the first byte.
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.peek_value()? == b'n' {
            self.expect_literal(b"null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value> {
        // serde_json's raw values (documents, big numbers) go by this name.
        if name.starts_with("$serde_json") {
            return Err(GaveUp);
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.peek_value()? {
            b'{' => self.visit_map(visitor),
            b'[' => self.visit_seq(visitor),
            _ => Err(GaveUp),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.skip_whitespace();
        self.expect_literal(b"null")?;
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    // Types whose JSON reading serde_json defines its own way.
    give_up!(deserialize_f32 deserialize_i128 deserialize_u128 deserialize_bytes deserialize_byte_buf);

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GaveUp)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 u8 u16 u32 u64 f64 char seq tuple
        tuple_struct map ignored_any
    }
}

/// A JSON array's elements or an object's entries, read in turn.
struct Items<'r, 'de> {
    reader: &'r mut Reader<'de>,
    /// No item has been read yet (so none is preceded by a comma).
    first: bool,
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = GaveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if !self.reader.has_next(&mut self.first, b']')? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, 'de> {
    type Error = GaveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !self.reader.has_next(&mut self.first, b'}')? {
            return Ok(None);
        }
        if self.reader.peek_value()? != b'"' {
            return Err(GaveUp);
        }
        let name = self.reader.read_text()?;
        seed.deserialize(MemberName(name)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        if self.reader.peek_value()? != b':' {
            return Err(GaveUp);
        }
        self.reader.pos += 1;
        seed.deserialize(&mut *self.reader)
    }
}

/// A member name, already read, for the key's seed: a string to every
/// request (as serde_json's, except that it reads no numbers or booleans out
/// of names: a visitor that wanted those refuses a string, and gives up).
struct MemberName<'de>(Text<'de>);

impl<'de> de::Deserializer<'de> for MemberName<'de> {
    type Error = GaveUp;

    #[inline]
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.0 {
            Text::Borrowed(text) => visitor.visit_borrowed_str(text),
            Text::Owned(text) => visitor.visit_string(text),
        }
    }

    // A bytes visitor takes a string as its bytes; serde_json's own call.
    give_up!(deserialize_bytes deserialize_byte_buf);

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct
        enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::Value;

    use super::read;

    /// What serde_json makes of `body`, when this reader reads it.
    fn agrees(body: &[u8]) -> Option<bool> {
        let fast = read::<Value>(body)?;
        Some(serde_json::from_slice::<Value>(body).ok() == Some(fast))
    }

    #[test]
    fn reads_as_serde_json_or_gives_up_on_the_listed_cases() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let deep = nested(150);
        let shallow = nested(90);
        let cases: Vec<(&[u8], bool)> = vec![
            // (body, read here)
            (br#"{"a":"plain","b":"","c":"\"\\\/\b\f\n\r\t"}"#, true),
            (br#"{"a":"\u0000\u001f\u00e9\u20AC\uFFFF","b":"caf\u00e9"}"#, true),
            ("{\"é\":\"naïve ✓ 😀\"}".as_bytes(), true),
            (
                br#"["1234567\"","12345678\"","123456789\"","1234567890123456\"x"]"#,
                true,
            ),
            (br#"["\"\"\"\"\"\"\"\"\"\"","a\\b\\c\\d\\e\\f\\g\\h\\i"]"#, true),
            (
                br#"[0,1,-1,18446744073709551615,-9223372036854775808,1.5,-2.5e-3,1E2,1e+2,0.1]"#,
                true,
            ),
            (
                br#"[2.2250738585072014e-308,1.7976931348623157e308,5e-324,1e-400]"#,
                true,
            ),
            (
                b" \n\t\r{ \"a\" : [ true , false , null ] ,\n        \"b\":{}}  \n",
                true,
            ),
            (br#"{"a":1,"a":2}"#, true),
            (br#"{"c":{"d":-0.0,"e":1.5e3,"f":-7}}"#, true),
            (shallow.as_bytes(), true),
            // serde_json's to read or refuse
            (br#"["\uD83D\uDE00"]"#, false),
            (br#"["\uD800"]"#, false),
            (br#"["\uDC00x"]"#, false),
            (br#"[-0]"#, false),
            (br#"[18446744073709551616]"#, false),
            (br#"[-9223372036854775809]"#, false),
            (br#"[1e400]"#, false),
            (deep.as_bytes(), false),
            (br#"{"a":01}"#, false),
            (br#"{"a":1.}"#, false),
            (br#"{"a":.5}"#, false),
            (br#"{"a":-}"#, false),
            (br#"{"a":1e}"#, false),
            (b"{\"a\":\"raw\tcontrol\"}", false),
            (b"{\"a\":\"\xff\"}", false),
            (br#"{"a":"\x"}"#, false),
            (br#"{"a":"\u12"}"#, false),
            (br#"{"a":"unterminated}"#, false),
            (br#"{"a":[1,2,]}"#, false),
            (br#"{"a":1,}"#, false),
            (br#"[,1]"#, false),
            (br#"{"a" 1}"#, false),
            (br#"{1:2}"#, false),
            (br#"{"a":1} x"#, false),
            (br#"{"a":1}{"b":2}"#, false),
            (br#"nul"#, false),
            (br#"tru"#, false),
            (b"", false),
            (b"   ", false),
        ];
        let mut wrong = Vec::new();
        for (body, read_here) in &cases {
            let outcome = agrees(body);
            if outcome != read_here.then_some(true) {
                wrong.push(format!("{}: {outcome:?}", String::from_utf8_lossy(body)));
            }
        }
        assert!(wrong.is_empty(), "read differently than listed: {wrong:#?}");
    }

    #[test]
    fn random_documents_read_as_serde_json_reads_them() {
        // Strings mixing runs of every length with every escape, around the
        // eight-byte words the string scan reads.
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move |below: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % below
        };
        const PIECES: &[&str] = &[
            "a",
            "bcdefgh",
            "ijklmnopq",
            "é",
            "€",
            "😀",
            "\\\"",
            "\\\\",
            "\\/",
            "\\n",
            "\\t",
            "\\u00e9",
            "\\u0041",
            " ",
        ];
        let mut read_here = 0;
        for round in 0..2_000 {
            let mut body = String::from("{");
            for member in 0..next(6) {
                if member > 0 {
                    body.push(',');
                }
                let mut text = String::new();
                for _ in 0..next(12) {
                    text.push_str(PIECES[next(PIECES.len() as u64) as usize]);
                }
                body.push_str(&format!("\"k{member}{text}\":"));
                match next(4) {
                    0 => body.push_str(&format!("\"{text}\"")),
                    1 => body.push_str(&format!("{}", next(1 << 40) as i64 - (1 << 39))),
                    2 => body.push_str(&format!("{}e-{}", next(1 << 30), next(20))),
                    _ => body.push_str(&format!("[\"{text}\", null, {{\"x\": [true]}}]")),
                }
            }
            body.push('}');
            // The same, pretty-printed with an indentation of every width.
            let indent = format!(",\n{}", " ".repeat(round % 19));
            let pretty = body.replace(',', &indent);
            for body in [&body, &pretty] {
                match agrees(body.as_bytes()) {
                    Some(true) => read_here += 1,
                    Some(false) => panic!("round {round} read differently: {body}"),
                    None => panic!("round {round} gave up on plain JSON: {body}"),
                }
            }
        }
        assert_eq!(read_here, 4_000);
    }

    #[test]
    fn typed_reads_match_serde_json() {
        type Typed = (
            Vec<u8>,
            BTreeMap<String, Option<f64>>,
            String,
            (bool, bool),
            Option<char>,
        );
        let body = br#"[[1,2,3],{"x":null,"y":1.5},"\u00e9t\u00e9",[true,false],"\n"]"#;
        let fast = read::<Typed>(body).expect("read here");
        assert_eq!(Some(fast), serde_json::from_slice::<Typed>(body).ok());
        // A visitor's own refusal (300 is no u8) leaves the body to serde_json.
        assert!(read::<Typed>(br#"[[300],{},"",[true,true],null]"#).is_none());
        // So does a tuple with an element too many.
        assert!(read::<Typed>(br#"[[],{},"",[true,true,true],null]"#).is_none());
        // Member names are strings here; serde_json also reads numbers and
        // booleans out of them, so such maps are its own.
        let numbered = br#"{"1":true,"20":false}"#;
        assert!(read::<BTreeMap<u32, bool>>(numbered).is_none());
        assert!(serde_json::from_slice::<BTreeMap<u32, bool>>(numbered).is_ok());
        assert!(read::<BTreeMap<bool, u8>>(br#"{"true":1}"#).is_none());
        // Names with escapes reach the visitor decoded.
        let escaped = br#"{"a\u00e9\n":1,"plain":2}"#;
        assert_eq!(
            read::<BTreeMap<String, u8>>(escaped),
            serde_json::from_slice::<BTreeMap<String, u8>>(escaped).ok()
        );
        // serde_json's raw values are its own.
        assert!(read::<Box<serde_json::value::RawValue>>(br#"{"a":1}"#).is_none());
    }
}
