//! Values from a parsed document. A value's serde impl asks for what it
//! holds; its [`Value`] layout says where XML keeps it: which child element
//! or attribute is which member, how list items and map entries are laid
//! out, flattened or wrapped. Unknown elements are skipped.

use std::borrow::Cow;
use std::fmt::Display;

use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use super::dom::{Document, NodeId, XmlError};
use super::schema::{Map, Member, Structure, Value};

/// Why a value could not be read.
#[derive(Debug)]
pub struct ReadError(String);

impl Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ReadError {}

impl de::Error for ReadError {
    fn custom<T: Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}

impl From<ReadError> for XmlError {
    fn from(e: ReadError) -> Self {
        XmlError::new(e.0)
    }
}

/// Reads a structure `T` whose member elements are `members` (not wrapped
/// in an element of its own: S3's `@s3UnwrappedXmlOutput`).
pub fn from_members<'a, T: de::Deserialize<'a>>(
    document: &Document<'a>,
    members: Vec<NodeId>,
    schema: &'static Structure,
) -> Result<T, XmlError> {
    Ok(T::deserialize(Node {
        document,
        content: Content::Elements(members),
        layout: Value::Structure(schema),
    })?)
}

/// Reads a `T` from the element `node` (none: an element without content),
/// laid out as `layout`.
pub fn from_node<'a, T: de::Deserialize<'a>>(
    document: &Document<'a>,
    node: Option<NodeId>,
    layout: Value,
) -> Result<T, XmlError> {
    let content = match node {
        Some(id) => Content::Element(id),
        None => Content::Empty,
    };
    Ok(T::deserialize(Node {
        document,
        content,
        layout,
    })?)
}

/// Where a value is.
#[derive(Debug, Clone)]
enum Content<'a> {
    /// One element.
    Element(NodeId),
    /// The siblings of a flattened list or map.
    Elements(Vec<NodeId>),
    /// An attribute's value.
    Text(Cow<'a, str>),
    /// Nothing: a document without a root.
    Empty,
}

/// A value in a document, with its layout.
struct Node<'d, 'a> {
    document: &'d Document<'a>,
    content: Content<'a>,
    layout: Value,
}

impl<'d, 'a> Node<'d, 'a> {
    fn describe(&self) -> String {
        match &self.content {
            Content::Element(id) => format!("<{}>", self.document.name(*id)),
            Content::Elements(ids) => match ids.first() {
                Some(id) => format!("<{}>", self.document.name(*id)),
                None => "an empty list".into(),
            },
            Content::Text(_) => "an attribute".into(),
            Content::Empty => "an empty document".into(),
        }
    }

    fn text(&self) -> Result<Cow<'a, str>, ReadError> {
        match &self.content {
            Content::Element(id) => Ok(self.document.text(*id).clone()),
            Content::Text(text) => Ok(text.clone()),
            Content::Empty => Ok(Cow::Borrowed("")),
            Content::Elements(_) => Err(ReadError(format!("{} holds a list, not text", self.describe()))),
        }
    }

    fn parse<T: std::str::FromStr>(&self, what: &str) -> Result<T, ReadError> {
        let text = self.text()?;
        text.trim()
            .parse()
            .map_err(|_| ReadError(format!("{} holds {:?}, not {what}", self.describe(), text)))
    }

    fn float(&self) -> Result<f64, ReadError> {
        let text = self.text()?;
        match text.trim() {
            "NaN" => Ok(f64::NAN),
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            other => other
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or_else(|| ReadError(format!("{} holds {:?}, not a number", self.describe(), text))),
        }
    }

    /// The elements a list's items are: a flattened list's siblings, or a
    /// wrapper's children.
    fn items(&self) -> Vec<NodeId> {
        match &self.content {
            Content::Element(id) => self.document.children(*id).collect(),
            Content::Elements(ids) => ids.clone(),
            Content::Text(_) | Content::Empty => Vec::new(),
        }
    }

    fn child(&self, id: NodeId, layout: Value) -> Node<'d, 'a> {
        Node {
            document: self.document,
            content: Content::Element(id),
            layout,
        }
    }
}

macro_rules! parsed {
    ($($method:ident => $visit:ident: $t:ty, $what:literal;)*) => {
        $(fn $method<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, ReadError> {
            visitor.$visit(self.parse::<$t>($what)?)
        })*
    };
}

impl<'d, 'a> Deserializer<'a> for Node<'d, 'a> {
    type Error = ReadError;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.layout {
            Value::Structure(_) | Value::Map(_) => self.deserialize_map(visitor),
            Value::List(_) => self.deserialize_seq(visitor),
            Value::Scalar => {
                if let Content::Element(id) = self.content {
                    if self.document.has_children(id) {
                        return self.deserialize_map(visitor);
                    }
                }
                let text = self.text()?;
                let trimmed = text.trim();
                if let Ok(v) = trimmed.parse::<i64>() {
                    // `-0` is a negative zero to a float's reader, not the integer 0.
                    if v == 0 && trimmed.starts_with('-') {
                        visitor.visit_f64(-0.0)
                    } else {
                        visitor.visit_i64(v)
                    }
                } else if let Ok(v) = trimmed.parse::<u64>() {
                    visitor.visit_u64(v)
                } else if trimmed.bytes().any(|b| b.is_ascii_digit()) && trimmed.parse::<f64>().is_ok() {
                    visitor.visit_f64(self.float()?)
                } else {
                    match text {
                        Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
                        Cow::Owned(s) => visitor.visit_string(s),
                    }
                }
            }
        }
    }

    fn deserialize_bool<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.text()?.trim() {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            other => Err(ReadError(format!("{} holds {other:?}, not a boolean", self.describe()))),
        }
    }

    parsed! {
        deserialize_i8 => visit_i8: i8, "a byte";
        deserialize_i16 => visit_i16: i16, "a short";
        deserialize_i32 => visit_i32: i32, "an integer";
        deserialize_i64 => visit_i64: i64, "a long";
        deserialize_u8 => visit_u8: u8, "an unsigned byte";
        deserialize_u16 => visit_u16: u16, "an unsigned short";
        deserialize_u32 => visit_u32: u32, "an unsigned integer";
        deserialize_u64 => visit_u64: u64, "an unsigned long";
        deserialize_char => visit_char: char, "a character";
    }

    fn deserialize_f32<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, ReadError> {
        visitor.visit_f32(self.float()? as f32)
    }

    fn deserialize_f64<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, ReadError> {
        visitor.visit_f64(self.float()?)
    }

    fn deserialize_str<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.text()? {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
    }

    fn deserialize_string<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.content {
            Content::Empty => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, ReadError> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'a>>(self, _: &'static str, visitor: V) -> Result<V::Value, ReadError> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(self, _: &'static str, visitor: V) -> Result<V::Value, ReadError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, ReadError> {
        let Value::List(list) = self.layout else {
            return Err(ReadError(format!("{} is not a list here", self.describe())));
        };
        let items = self.items();
        visitor.visit_seq(Items {
            node: self,
            items: items.into_iter(),
            layout: list.value,
        })
    }

    fn deserialize_tuple<V: Visitor<'a>>(self, _: usize, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.layout {
            Value::Structure(schema) => visitor.visit_map(Members {
                node: self,
                schema,
                next: 0,
                pending: None,
            }),
            Value::Map(map) => {
                let entries = self.items();
                visitor.visit_map(Entries {
                    node: self,
                    map,
                    entries: entries.into_iter(),
                    pending: None,
                })
            }
            // What the schema does not describe (an unknown union member
            // kept as a document): child names and their content.
            Value::Scalar | Value::List(_) => {
                let children = match self.content {
                    Content::Element(id) => self.document.children(id).collect(),
                    _ => Vec::new(),
                };
                visitor.visit_map(Children {
                    node: self,
                    children: children.into_iter(),
                    pending: None,
                })
            }
        }
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        let text = self.text()?.into_owned();
        visitor.visit_enum(text.into_deserializer())
    }

    fn deserialize_identifier<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, ReadError> {
        visitor.visit_unit()
    }
}

/// A list's items.
struct Items<'d, 'a> {
    node: Node<'d, 'a>,
    items: std::vec::IntoIter<NodeId>,
    layout: Value,
}

impl<'a> SeqAccess<'a> for Items<'_, 'a> {
    type Error = ReadError;

    fn next_element_seed<T: DeserializeSeed<'a>>(&mut self, seed: T) -> Result<Option<T::Value>, ReadError> {
        match self.items.next() {
            Some(id) => seed.deserialize(self.node.child(id, self.layout)).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// A structure's members that are present, keyed as its serde impl keys them.
struct Members<'d, 'a> {
    node: Node<'d, 'a>,
    schema: &'static Structure,
    next: usize,
    pending: Option<Node<'d, 'a>>,
}

impl<'d, 'a> Members<'d, 'a> {
    /// Where `member` is, if it is there: among the children of the
    /// structure's element, or among the member elements given.
    fn find(&self, member: &Member) -> Option<Content<'a>> {
        let document = self.node.document;
        match &self.node.content {
            Content::Element(id) if member.attribute => {
                document.attribute(*id, member.name.local).cloned().map(Content::Text)
            }
            Content::Element(id) => self.pick(document.children(*id), member),
            Content::Elements(ids) if !member.attribute => self.pick(ids.iter().copied(), member),
            Content::Elements(_) | Content::Text(_) | Content::Empty => None,
        }
    }

    /// The elements among `elements` that hold `member`.
    fn pick(&self, elements: impl Iterator<Item = NodeId>, member: &Member) -> Option<Content<'a>> {
        let document = self.node.document;
        let named = elements.filter(|&c| document.name(c) == member.name.local);
        if member.flattened {
            let all: Vec<NodeId> = named.collect();
            return (!all.is_empty()).then_some(Content::Elements(all));
        }
        // The last occurrence wins, as a repeated JSON key does.
        named.last().map(Content::Element)
    }
}

impl<'a> MapAccess<'a> for Members<'_, 'a> {
    type Error = ReadError;

    fn next_key_seed<K: DeserializeSeed<'a>>(&mut self, seed: K) -> Result<Option<K::Value>, ReadError> {
        while let Some(member) = self.schema.members.get(self.next) {
            self.next += 1;
            if let Some(content) = self.find(member) {
                self.pending = Some(Node {
                    document: self.node.document,
                    content,
                    layout: member.value,
                });
                return seed.deserialize(Key(member.key)).map(Some);
            }
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value, ReadError> {
        match self.pending.take() {
            Some(node) => seed.deserialize(node),
            None => Err(ReadError("a value asked for before its key".into())),
        }
    }
}

/// A map's entries: key and value elements inside each entry.
struct Entries<'d, 'a> {
    node: Node<'d, 'a>,
    map: &'static Map,
    entries: std::vec::IntoIter<NodeId>,
    pending: Option<NodeId>,
}

impl<'a> MapAccess<'a> for Entries<'_, 'a> {
    type Error = ReadError;

    fn next_key_seed<K: DeserializeSeed<'a>>(&mut self, seed: K) -> Result<Option<K::Value>, ReadError> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        let document = self.node.document;
        let key = document.child(entry, self.map.key.local).ok_or_else(|| {
            ReadError(format!(
                "a map entry in {} has no <{}>",
                self.node.describe(),
                self.map.key.local
            ))
        })?;
        self.pending = Some(entry);
        seed.deserialize(self.node.child(key, Value::Scalar)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value, ReadError> {
        let Some(entry) = self.pending.take() else {
            return Err(ReadError("a value asked for before its key".into()));
        };
        let document = self.node.document;
        let content = match document.child(entry, self.map.value_name.local) {
            Some(value) => Content::Element(value),
            None => Content::Empty,
        };
        seed.deserialize(Node {
            document,
            content,
            layout: self.map.value,
        })
    }
}

/// Child elements by name, for content no schema describes.
struct Children<'d, 'a> {
    node: Node<'d, 'a>,
    children: std::vec::IntoIter<NodeId>,
    pending: Option<NodeId>,
}

impl<'a> MapAccess<'a> for Children<'_, 'a> {
    type Error = ReadError;

    fn next_key_seed<K: DeserializeSeed<'a>>(&mut self, seed: K) -> Result<Option<K::Value>, ReadError> {
        let Some(child) = self.children.next() else {
            return Ok(None);
        };
        self.pending = Some(child);
        let name: de::value::StringDeserializer<ReadError> =
            self.node.document.name(child).to_owned().into_deserializer();
        seed.deserialize(name).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value, ReadError> {
        match self.pending.take() {
            Some(child) => seed.deserialize(self.node.child(child, Value::Scalar)),
            None => Err(ReadError("a value asked for before its key".into())),
        }
    }
}

/// A member key, borrowed for as long as the document.
struct Key<'a>(&'a str);

impl<'de> Deserializer<'de> for Key<'de> {
    type Error = ReadError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        visitor.visit_borrowed_str(self.0)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::xml::schema::{List, Name};

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
        name: Name::plain("Thing"),
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

    /// Read as generated structures are: members by key through `ReadFields`.
    #[derive(Debug, Default, PartialEq)]
    struct Thing {
        name: Option<String>,
        items: Option<Vec<String>>,
        flat: Option<Vec<i32>>,
        tags: Option<BTreeMap<String, bool>>,
        id: Option<String>,
    }

    impl crate::wire::ReadFields for Thing {
        fn read_field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
            match key {
                "name" => self.name = crate::wire::read(map)?,
                "items" => self.items = crate::wire::read(map)?,
                "flat" => self.flat = crate::wire::read(map)?,
                "tags" => self.tags = crate::wire::read(map)?,
                "id" => self.id = crate::wire::read(map)?,
                _ => return Ok(false),
            }
            Ok(true)
        }
    }

    impl<'de> de::Deserialize<'de> for Thing {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            crate::wire::deserialize_fields(deserializer, "Thing")
        }
    }

    fn read(body: &str) -> Result<Thing, XmlError> {
        let document = Document::parse(body.as_bytes())?;
        from_node(&document, document.root(), Value::Structure(&THING))
    }

    #[test]
    fn members_come_from_elements_attributes_and_siblings() {
        let thing = read(
            r#"<Thing id="7"><Name>a &amp; b</Name><skip><x/></skip><items><member>x</member><member>y</member></items>
               <flat>1</flat><other/><flat>2</flat><tags><entry><k>t</k><v>true</v></entry></tags></Thing>"#,
        )
        .expect("reads");
        assert_eq!(
            thing,
            Thing {
                name: Some("a & b".into()),
                items: Some(vec!["x".into(), "y".into()]),
                flat: Some(vec![1, 2]),
                tags: Some(BTreeMap::from([("t".into(), true)])),
                id: Some("7".into()),
            }
        );
    }

    #[test]
    fn wrong_text_is_an_error_naming_the_element() {
        let error = read("<Thing><flat>one</flat></Thing>").expect_err("not a number");
        assert!(
            error.to_string().contains("<flat> holds \"one\", not an integer"),
            "{error}"
        );
    }
}
