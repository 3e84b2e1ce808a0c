//! Values to XML text. A value's serde impl says what it holds; its
//! [`Value`] layout says how XML names it: element per member, attributes,
//! namespaces, list items and map entries, flattened or wrapped.

use std::fmt::{self, Display, Write as _};

use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeSeq, SerializeStruct, Serializer};

use super::schema::{Member, Name, Namespace, Structure, Value};

/// A value that cannot be written as XML (a type the schema does not
/// describe, a member it does not know).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteError(pub(crate) String);

impl Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write XML: {}", self.0)
    }
}

impl std::error::Error for WriteError {}

impl ser::Error for WriteError {
    fn custom<T: Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}

/// `value` as a document whose root element is `root`, laid out as `layout`.
pub fn to_string<T: Serialize + ?Sized>(value: &T, root: Name, layout: Value) -> Result<String, WriteError> {
    let mut out = String::new();
    value.serialize(Element {
        out: &mut out,
        name: root,
        layout,
        flattened: false,
    })?;
    Ok(out)
}

/// Appends `text` with the characters XML text cannot hold escaped (`&`,
/// `<`, `>`, `"`, `'`, and carriage returns, which a reader would otherwise
/// turn into line feeds).
pub(crate) fn escape_into(out: &mut String, text: &str) {
    escape(out, text, &['&', '<', '>', '"', '\'', '\r']);
}

/// [`escape_into`] for an attribute value, where a reader also turns line
/// feeds and tabs into spaces unless they are written as references.
fn escape_attribute_into(out: &mut String, text: &str) {
    escape(out, text, &['&', '<', '>', '"', '\'', '\r', '\n', '\t']);
}

fn escape(out: &mut String, text: &str, special: &[char]) {
    let mut rest = text;
    while let Some(at) = rest.find(special) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            b'\n' => "&#xA;",
            b'\t' => "&#x9;",
            _ => "&#xD;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

fn namespace_attribute(out: &mut String, namespace: Option<Namespace>) {
    if let Some(ns) = namespace {
        match ns.prefix {
            Some(prefix) => {
                out.push_str(" xmlns:");
                out.push_str(prefix);
            }
            None => out.push_str(" xmlns"),
        }
        out.push_str("=\"");
        escape_attribute_into(out, ns.uri);
        out.push('"');
    }
}

fn open(out: &mut String, name: Name) {
    out.push('<');
    out.push_str(name.local);
    namespace_attribute(out, name.namespace);
    out.push('>');
}

fn close(out: &mut String, name: Name) {
    out.push_str("</");
    out.push_str(name.local);
    out.push('>');
}

fn unsupported(what: &str) -> WriteError {
    WriteError(format!("{what} has no XML form"))
}

/// Writes one value as the element `name` (a flattened list or map: as
/// several sibling elements of that name).
struct Element<'a> {
    out: &'a mut String,
    name: Name,
    layout: Value,
    flattened: bool,
}

impl Element<'_> {
    fn text(self, text: impl Display) -> Result<(), WriteError> {
        open(self.out, self.name);
        let mut escaped = String::new();
        let _ = write!(escaped, "{text}");
        escape_into(self.out, &escaped);
        close(self.out, self.name);
        Ok(())
    }
}

macro_rules! display_scalars {
    ($($method:ident: $t:ty),*) => {
        $(fn $method(self, v: $t) -> Result<(), WriteError> {
            self.text(v)
        })*
    };
}

impl<'a> Serializer for Element<'a> {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = Items<'a>;
    type SerializeTuple = Impossible<(), WriteError>;
    type SerializeTupleStruct = Impossible<(), WriteError>;
    type SerializeTupleVariant = Impossible<(), WriteError>;
    type SerializeMap = Entries<'a>;
    type SerializeStruct = Entries<'a>;
    type SerializeStructVariant = Impossible<(), WriteError>;

    display_scalars!(
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_f32: f32,
        serialize_f64: f64,
        serialize_char: char
    );

    fn serialize_str(self, v: &str) -> Result<(), WriteError> {
        open(self.out, self.name);
        escape_into(self.out, v);
        close(self.out, self.name);
        Ok(())
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), WriteError> {
        Err(unsupported("a byte string"))
    }

    fn serialize_none(self) -> Result<(), WriteError> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), WriteError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), WriteError> {
        open(self.out, self.name);
        close(self.out, self.name);
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), WriteError> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), WriteError> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), WriteError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), WriteError> {
        Err(unsupported("an enum variant with data"))
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Items<'a>, WriteError> {
        let Value::List(list) = self.layout else {
            return Err(unsupported(&format!(
                "a list at <{}> (the schema has no list there)",
                self.name.local
            )));
        };
        if self.flattened {
            // Each item takes the member's name, in the namespace of the
            // list's member (the member's own namespace is not written).
            let item = Name {
                local: self.name.local,
                namespace: list.item.namespace,
            };
            return Ok(Items {
                out: self.out,
                item,
                layout: list.value,
                wrapper: None,
            });
        }
        open(self.out, self.name);
        Ok(Items {
            out: self.out,
            item: list.item,
            layout: list.value,
            wrapper: Some(self.name),
        })
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, WriteError> {
        Err(unsupported("a tuple"))
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, WriteError> {
        Err(unsupported("a tuple struct"))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, WriteError> {
        Err(unsupported("a tuple variant"))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Entries<'a>, WriteError> {
        match self.layout {
            Value::Structure(schema) => {
                let mut start = String::new();
                start.push('<');
                start.push_str(self.name.local);
                namespace_attribute(&mut start, self.name.namespace);
                Ok(Entries::Structure {
                    out: self.out,
                    name: self.name,
                    schema,
                    start,
                    body: String::new(),
                    pending: None,
                })
            }
            Value::Map(map) => {
                if !self.flattened {
                    open(self.out, self.name);
                }
                Ok(Entries::Map {
                    out: self.out,
                    name: self.name,
                    flattened: self.flattened,
                    key: map.key,
                    value_name: map.value_name,
                    layout: map.value,
                })
            }
            // A member without a value (a union's `Unit` member): an empty element.
            Value::Scalar | Value::List(_) => Ok(Entries::Empty {
                out: self.out,
                name: self.name,
            }),
        }
    }

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Entries<'a>, WriteError> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, WriteError> {
        Err(unsupported("a struct variant"))
    }
}

/// A list's items, each an element.
pub(crate) struct Items<'a> {
    out: &'a mut String,
    item: Name,
    layout: Value,
    wrapper: Option<Name>,
}

impl SerializeSeq for Items<'_> {
    type Ok = ();
    type Error = WriteError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        value.serialize(Element {
            out: self.out,
            name: self.item,
            layout: self.layout,
            flattened: false,
        })
    }

    fn end(self) -> Result<(), WriteError> {
        if let Some(wrapper) = self.wrapper {
            close(self.out, wrapper);
        }
        Ok(())
    }
}

/// A structure's members or a map's entries.
pub(crate) enum Entries<'a> {
    Structure {
        out: &'a mut String,
        name: Name,
        schema: &'static Structure,
        /// The start tag so far: attributes come in member order, so the
        /// children wait in `body` until the last member is known.
        start: String,
        body: String,
        pending: Option<&'static Member>,
    },
    Map {
        out: &'a mut String,
        name: Name,
        flattened: bool,
        key: Name,
        value_name: Name,
        layout: Value,
    },
    Empty {
        out: &'a mut String,
        name: Name,
    },
}

impl SerializeMap for Entries<'_> {
    type Ok = ();
    type Error = WriteError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), WriteError> {
        match self {
            Entries::Structure { schema, pending, .. } => {
                *pending = Some(key.serialize(MemberKey(schema))?);
                Ok(())
            }
            Entries::Map {
                out,
                name,
                flattened,
                key: key_name,
                ..
            } => {
                if *flattened {
                    open(out, *name);
                } else {
                    out.push_str("<entry>");
                }
                open(out, *key_name);
                key.serialize(Text(out))?;
                close(out, *key_name);
                Ok(())
            }
            Entries::Empty { .. } => Err(unsupported("a member of an empty element")),
        }
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        match self {
            Entries::Structure {
                start, body, pending, ..
            } => {
                let Some(member) = pending.take() else {
                    return Err(WriteError("a value without a key".into()));
                };
                if member.attribute {
                    value.serialize(Attribute {
                        out: start,
                        name: member.name.local,
                    })
                } else {
                    value.serialize(Element {
                        out: body,
                        name: member.name,
                        layout: member.value,
                        flattened: member.flattened,
                    })
                }
            }
            Entries::Map {
                out,
                name,
                flattened,
                value_name,
                layout,
                ..
            } => {
                value.serialize(Element {
                    out,
                    name: *value_name,
                    layout: *layout,
                    flattened: false,
                })?;
                if *flattened {
                    close(out, *name);
                } else {
                    out.push_str("</entry>");
                }
                Ok(())
            }
            Entries::Empty { .. } => Err(unsupported("a member of an empty element")),
        }
    }

    fn end(self) -> Result<(), WriteError> {
        match self {
            Entries::Structure {
                out, name, start, body, ..
            } => {
                out.push_str(&start);
                out.push('>');
                out.push_str(&body);
                close(out, name);
            }
            Entries::Map {
                out, name, flattened, ..
            } => {
                if !flattened {
                    close(out, name);
                }
            }
            Entries::Empty { out, name } => {
                open(out, name);
                close(out, name);
            }
        }
        Ok(())
    }
}

impl SerializeStruct for Entries<'_> {
    type Ok = ();
    type Error = WriteError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), WriteError> {
        SerializeMap::serialize_entry(self, key, value)
    }

    fn end(self) -> Result<(), WriteError> {
        SerializeMap::end(self)
    }
}

/// Finds the member a structure's serde impl names by its key.
pub(crate) struct MemberKey(pub(crate) &'static Structure);

impl Serializer for MemberKey {
    type Ok = &'static Member;
    type Error = WriteError;
    type SerializeSeq = Impossible<&'static Member, WriteError>;
    type SerializeTuple = Impossible<&'static Member, WriteError>;
    type SerializeTupleStruct = Impossible<&'static Member, WriteError>;
    type SerializeTupleVariant = Impossible<&'static Member, WriteError>;
    type SerializeMap = Impossible<&'static Member, WriteError>;
    type SerializeStruct = Impossible<&'static Member, WriteError>;
    type SerializeStructVariant = Impossible<&'static Member, WriteError>;

    fn serialize_str(self, key: &str) -> Result<&'static Member, WriteError> {
        self.0
            .member(key)
            .ok_or_else(|| WriteError(format!("`{key}` is not a member of {}", self.0.name.local)))
    }

    serde_key_only!(&'static Member);
}

/// Text content (a map key): only scalars.
struct Text<'a>(&'a mut String);

impl Text<'_> {
    fn display(self, v: impl Display) -> Result<(), WriteError> {
        let mut text = String::new();
        let _ = write!(text, "{v}");
        escape_into(self.0, &text);
        Ok(())
    }
}

impl Serializer for Text<'_> {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = Impossible<(), WriteError>;
    type SerializeTuple = Impossible<(), WriteError>;
    type SerializeTupleStruct = Impossible<(), WriteError>;
    type SerializeTupleVariant = Impossible<(), WriteError>;
    type SerializeMap = Impossible<(), WriteError>;
    type SerializeStruct = Impossible<(), WriteError>;
    type SerializeStructVariant = Impossible<(), WriteError>;

    fn serialize_str(self, v: &str) -> Result<(), WriteError> {
        escape_into(self.0, v);
        Ok(())
    }

    serde_scalars_via_display!();
}

/// An attribute of the element being started: ` name="value"`.
struct Attribute<'a> {
    out: &'a mut String,
    name: &'static str,
}

impl Attribute<'_> {
    fn display(self, v: impl Display) -> Result<(), WriteError> {
        let mut text = String::new();
        let _ = write!(text, "{v}");
        self.serialize_str(&text)
    }
}

impl Serializer for Attribute<'_> {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = Impossible<(), WriteError>;
    type SerializeTuple = Impossible<(), WriteError>;
    type SerializeTupleStruct = Impossible<(), WriteError>;
    type SerializeTupleVariant = Impossible<(), WriteError>;
    type SerializeMap = Impossible<(), WriteError>;
    type SerializeStruct = Impossible<(), WriteError>;
    type SerializeStructVariant = Impossible<(), WriteError>;

    fn serialize_str(self, v: &str) -> Result<(), WriteError> {
        self.out.push(' ');
        self.out.push_str(self.name);
        self.out.push_str("=\"");
        escape_attribute_into(self.out, v);
        self.out.push('"');
        Ok(())
    }

    serde_scalars_via_display!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::schema::{List, Map};

    static ITEMS: List = List {
        item: Name::plain("member"),
        value: Value::Scalar,
    };
    static TAGS: Map = Map {
        key: Name::plain("k"),
        value_name: Name::plain("v"),
        value: Value::Scalar,
    };
    static THING: Structure = Structure {
        name: Name {
            local: "Thing",
            namespace: Some(Namespace {
                uri: "https://example.com/",
                prefix: None,
            }),
        },
        members: &[
            Member {
                key: "name",
                name: Name::plain("Name"),
                query: "Name",
                attribute: false,
                flattened: false,
                value: Value::Scalar,
            },
            Member {
                key: "items",
                name: Name::plain("items"),
                query: "items",
                attribute: false,
                flattened: false,
                value: Value::List(&ITEMS),
            },
            Member {
                key: "flat",
                name: Name::plain("flat"),
                query: "flat",
                attribute: false,
                flattened: true,
                value: Value::List(&ITEMS),
            },
            Member {
                key: "tags",
                name: Name::plain("tags"),
                query: "tags",
                attribute: false,
                flattened: false,
                value: Value::Map(&TAGS),
            },
            Member {
                key: "id",
                name: Name::plain("id"),
                query: "id",
                attribute: true,
                flattened: false,
                value: Value::Scalar,
            },
        ],
    };

    #[test]
    fn members_lists_maps_and_attributes_follow_the_schema() {
        // (A JSON object's members come in key order; the attribute, last
        // among them, still lands in the start tag.)
        let value = serde_json::json!({
            "name": "a<b & 'c'",
            "items": ["x", "y"],
            "flat": [1, 2],
            "tags": { "t": true },
            "id": "7",
        });
        let xml = to_string(&value, THING.name, Value::Structure(&THING)).expect("writes");
        assert_eq!(
            xml,
            "<Thing xmlns=\"https://example.com/\" id=\"7\"><flat>1</flat><flat>2</flat>\
             <items><member>x</member><member>y</member></items><Name>a&lt;b &amp; &apos;c&apos;</Name>\
             <tags><entry><k>t</k><v>true</v></entry></tags></Thing>"
        );
    }

    #[test]
    fn an_unknown_member_is_an_error_not_a_guess() {
        let value = serde_json::json!({ "other": 1 });
        let error = to_string(&value, THING.name, Value::Structure(&THING)).expect_err("unknown");
        assert!(
            error.to_string().contains("`other` is not a member of Thing"),
            "{error}"
        );
    }
}
