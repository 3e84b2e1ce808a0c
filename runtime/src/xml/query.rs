//! Values to form parameters: the bodies of awsQuery and ec2Query requests
//! (`Action=...&Version=...&Key.member.1=...`). A value's serde impl says
//! what it holds; the schema names the keys.

use std::fmt::{Display, Write as _};

use serde::ser::{Impossible, Serialize, SerializeMap, SerializeSeq, SerializeStruct, Serializer};

use super::schema::{Member, Structure, Value};
use super::write::{MemberKey, WriteError};
use crate::http::percent_encode;

/// How list and map keys are spelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// awsQuery: `List.member.1`, `Map.entry.1.key`, `List=` for an empty list.
    AwsQuery,
    /// ec2Query: `List.1`, and an empty list is left out.
    Ec2Query,
}

/// The form body of a query request: `Action`, `Version`, then `input`'s
/// members as `schema` names them.
pub fn body<T: Serialize + ?Sized>(
    action: &str,
    version: &str,
    input: &T,
    schema: &'static Structure,
    style: Style,
) -> Result<String, WriteError> {
    let mut pairs = Vec::new();
    input.serialize(Param {
        out: &mut pairs,
        key: String::new(),
        layout: Value::Structure(schema),
        flattened: false,
        style,
    })?;
    let mut out = format!(
        "Action={}&Version={}",
        percent_encode(action, false),
        percent_encode(version, false)
    );
    for (key, value) in pairs {
        let _ = write!(
            out,
            "&{}={}",
            percent_encode(&key, false),
            percent_encode(&value, false)
        );
    }
    Ok(out)
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

/// One value under `key`.
struct Param<'a> {
    out: &'a mut Vec<(String, String)>,
    key: String,
    layout: Value,
    flattened: bool,
    style: Style,
}

impl Param<'_> {
    fn display(self, v: impl Display) -> Result<(), WriteError> {
        let text = v.to_string();
        self.out.push((self.key, text));
        Ok(())
    }
}

impl<'a> Serializer for Param<'a> {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = Items<'a>;
    type SerializeTuple = Impossible<(), WriteError>;
    type SerializeTupleStruct = Impossible<(), WriteError>;
    type SerializeTupleVariant = Impossible<(), WriteError>;
    type SerializeMap = Entries<'a>;
    type SerializeStruct = Entries<'a>;
    type SerializeStructVariant = Impossible<(), WriteError>;

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

    fn serialize_str(self, v: &str) -> Result<(), WriteError> {
        self.out.push((self.key, v.to_owned()));
        Ok(())
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), WriteError> {
        Err(WriteError("bytes have no query form".into()))
    }

    fn serialize_none(self) -> Result<(), WriteError> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), WriteError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), WriteError> {
        self.out.push((self.key, String::new()));
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), WriteError> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, v: &'static str) -> Result<(), WriteError> {
        self.serialize_str(v)
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
        Err(WriteError("an enum variant with data has no query form".into()))
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Items<'a>, WriteError> {
        let Value::List(list) = self.layout else {
            return Err(WriteError(format!("`{}` is not a list in the schema", self.key)));
        };
        // awsQuery says an empty list is there with `List=`; ec2Query leaves it out.
        if len == Some(0) && self.style == Style::AwsQuery {
            self.out.push((self.key.clone(), String::new()));
        }
        let prefix = match self.style {
            Style::AwsQuery if !self.flattened => join(&self.key, list.item.local),
            _ => self.key,
        };
        Ok(Items {
            out: self.out,
            prefix,
            layout: list.value,
            style: self.style,
            index: 0,
        })
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, WriteError> {
        Err(WriteError("a tuple has no query form".into()))
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, WriteError> {
        Err(WriteError("a tuple has no query form".into()))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, WriteError> {
        Err(WriteError("a tuple has no query form".into()))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Entries<'a>, WriteError> {
        match self.layout {
            Value::Structure(schema) => Ok(Entries::Structure {
                out: self.out,
                prefix: self.key,
                schema,
                style: self.style,
                pending: None,
            }),
            Value::Map(map) => {
                let prefix = if self.flattened || self.style == Style::Ec2Query {
                    self.key
                } else {
                    join(&self.key, "entry")
                };
                Ok(Entries::Map {
                    out: self.out,
                    prefix,
                    key_name: map.key.local,
                    value_name: map.value_name.local,
                    layout: map.value,
                    style: self.style,
                    index: 0,
                })
            }
            // A union's `Unit` member: present, without a value.
            Value::Scalar | Value::List(_) => Ok(Entries::Empty {
                out: self.out,
                key: self.key,
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
        Err(WriteError("a struct variant has no query form".into()))
    }
}

/// A list's items, numbered from 1.
struct Items<'a> {
    out: &'a mut Vec<(String, String)>,
    prefix: String,
    layout: Value,
    style: Style,
    index: usize,
}

impl SerializeSeq for Items<'_> {
    type Ok = ();
    type Error = WriteError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        self.index += 1;
        value.serialize(Param {
            out: self.out,
            key: format!("{}.{}", self.prefix, self.index),
            layout: self.layout,
            flattened: false,
            style: self.style,
        })
    }

    fn end(self) -> Result<(), WriteError> {
        Ok(())
    }
}

/// A structure's members or a map's entries.
enum Entries<'a> {
    Structure {
        out: &'a mut Vec<(String, String)>,
        prefix: String,
        schema: &'static Structure,
        style: Style,
        pending: Option<&'static Member>,
    },
    Map {
        out: &'a mut Vec<(String, String)>,
        prefix: String,
        key_name: &'static str,
        value_name: &'static str,
        layout: Value,
        style: Style,
        index: usize,
    },
    Empty {
        out: &'a mut Vec<(String, String)>,
        key: String,
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
                prefix,
                key_name,
                style,
                index,
                ..
            } => {
                *index += 1;
                key.serialize(Param {
                    out,
                    key: format!("{prefix}.{index}.{key_name}"),
                    layout: Value::Scalar,
                    flattened: false,
                    style: *style,
                })
            }
            Entries::Empty { .. } => Err(WriteError("a member of a value without members".into())),
        }
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        match self {
            Entries::Structure {
                out,
                prefix,
                style,
                pending,
                ..
            } => {
                let Some(member) = pending.take() else {
                    return Err(WriteError("a value without a key".into()));
                };
                value.serialize(Param {
                    out,
                    key: join(prefix, member.query),
                    layout: member.value,
                    flattened: member.flattened,
                    style: *style,
                })
            }
            Entries::Map {
                out,
                prefix,
                value_name,
                layout,
                style,
                index,
                ..
            } => value.serialize(Param {
                out,
                key: format!("{prefix}.{index}.{value_name}"),
                layout: *layout,
                flattened: false,
                style: *style,
            }),
            Entries::Empty { .. } => Err(WriteError("a member of a value without members".into())),
        }
    }

    fn end(self) -> Result<(), WriteError> {
        if let Entries::Empty { out, key } = self {
            out.push((key, String::new()));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::schema::{List, Map, Name};

    static ITEMS: List = List {
        item: Name::plain("member"),
        value: Value::Scalar,
    };
    static PAIRS: Map = Map {
        key: Name::plain("key"),
        value_name: Name::plain("value"),
        value: Value::Scalar,
    };
    static INPUT: Structure = Structure {
        name: Name::plain("Input"),
        members: &[
            Member {
                key: "list",
                name: Name::plain("list"),
                query: "List",
                attribute: false,
                flattened: false,
                value: Value::List(&ITEMS),
            },
            Member {
                key: "map",
                name: Name::plain("map"),
                query: "Map",
                attribute: false,
                flattened: false,
                value: Value::Map(&PAIRS),
            },
            Member {
                key: "text",
                name: Name::plain("text"),
                query: "Text",
                attribute: false,
                flattened: false,
                value: Value::Scalar,
            },
        ],
    };

    #[test]
    fn aws_and_ec2_spell_lists_and_maps_their_way() {
        let input = serde_json::json!({ "list": ["a", "b"], "map": { "k": "v" }, "text": "x y=z" });
        let aws = body("Op", "2020-01-08", &input, &INPUT, Style::AwsQuery).expect("writes");
        assert_eq!(
            aws,
            "Action=Op&Version=2020-01-08&List.member.1=a&List.member.2=b&Map.entry.1.key=k&Map.entry.1.value=v&Text=x%20y%3Dz"
        );
        let ec2 = body("Op", "2020-01-08", &input, &INPUT, Style::Ec2Query).expect("writes");
        assert_eq!(
            ec2,
            "Action=Op&Version=2020-01-08&List.1=a&List.2=b&Map.1.key=k&Map.1.value=v&Text=x%20y%3Dz"
        );
        let empty = serde_json::json!({ "list": [] });
        assert_eq!(
            body("Op", "1", &empty, &INPUT, Style::AwsQuery).expect("writes"),
            "Action=Op&Version=1&List="
        );
        assert_eq!(
            body("Op", "1", &empty, &INPUT, Style::Ec2Query).expect("writes"),
            "Action=Op&Version=1"
        );
    }
}
