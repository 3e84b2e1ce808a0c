//! What the XML protocols need to know of each structure and union beyond
//! its Rust type: element and attribute names, namespaces, flattening, list
//! item and map entry names, query keys. Generated crates hold one static
//! [`Structure`] per structure and union (`schemas.rs`), and the readers and
//! writers here walk them beside the types' serde impls, so a format adds
//! data to generated code, not code.

/// An `@xmlNamespace`: written as `xmlns` (or `xmlns:prefix`) on the element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Namespace {
    /// The namespace URI.
    pub uri: &'static str,
    /// The prefix it is declared with, if any.
    pub prefix: Option<&'static str>,
}

/// An element name with the namespace the element declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name {
    /// The element's local name.
    pub local: &'static str,
    /// The namespace declared on it.
    pub namespace: Option<Namespace>,
}

impl Name {
    /// `local`, without a namespace.
    pub const fn plain(local: &'static str) -> Self {
        Self { local, namespace: None }
    }

    /// The name, declaring the namespace `uri` (with `prefix`).
    pub const fn in_namespace(self, uri: &'static str, prefix: Option<&'static str>) -> Self {
        Self {
            local: self.local,
            namespace: Some(Namespace { uri, prefix }),
        }
    }
}

/// How a value is laid out beyond what its type's serde impls say.
#[derive(Debug, Clone, Copy)]
pub enum Value {
    /// Text: strings, numbers, booleans, timestamps, blobs, enums.
    Scalar,
    /// A structure or union, element per member.
    Structure(&'static Structure),
    /// A list: its items' element name and layout.
    List(&'static List),
    /// A map: its key and value element names and the values' layout.
    Map(&'static Map),
}

/// A structure or union.
#[derive(Debug)]
pub struct Structure {
    /// The element it is written as when it is a document's root (its
    /// `@xmlName`, or the shape's name) and its namespace.
    pub name: Name,
    /// Its members, in model order.
    pub members: &'static [Member],
}

impl Structure {
    /// The member the serde impls call `key`.
    pub fn member(&self, key: &str) -> Option<&'static Member> {
        self.members.iter().find(|m| m.key == key)
    }
}

/// One member of a structure or union.
#[derive(Debug)]
pub struct Member {
    /// The key the type's serde impls use for it (the member's name).
    pub key: &'static str,
    /// Its element (or attribute) name and namespace: `@xmlName` and
    /// `@xmlNamespace`, or the member's name.
    pub name: Name,
    /// Its key in awsQuery and ec2Query requests.
    pub query: &'static str,
    /// `@xmlAttribute`: written as an attribute of the parent element.
    pub attribute: bool,
    /// `@xmlFlattened`: list items or map entries are siblings named after
    /// the member, without a wrapping element.
    pub flattened: bool,
    /// The layout of its value.
    pub value: Value,
}

impl Member {
    /// The member `key`, an element of that name (and query key), laid out as
    /// `value`; the other methods change what differs.
    pub const fn new(key: &'static str, value: Value) -> Self {
        Self {
            key,
            name: Name::plain(key),
            query: key,
            attribute: false,
            flattened: false,
            value,
        }
    }

    /// Named `name` in XML and in awsQuery (`@xmlName`).
    pub const fn named(mut self, name: &'static str) -> Self {
        self.name.local = name;
        self.query = name;
        self
    }

    /// Keyed `query` in query requests (ec2Query's names).
    pub const fn query(mut self, query: &'static str) -> Self {
        self.query = query;
        self
    }

    /// Declaring the namespace `uri` (with `prefix`) on its element.
    pub const fn in_namespace(mut self, uri: &'static str, prefix: Option<&'static str>) -> Self {
        self.name = self.name.in_namespace(uri, prefix);
        self
    }

    /// An attribute of its parent (`@xmlAttribute`).
    pub const fn attribute(mut self) -> Self {
        self.attribute = true;
        self
    }

    /// A flattened list or map (`@xmlFlattened`).
    pub const fn flattened(mut self) -> Self {
        self.flattened = true;
        self
    }
}

/// A list's items.
#[derive(Debug)]
pub struct List {
    /// The element each item is written as (`member`, or the list member's `@xmlName`).
    pub item: Name,
    /// The items' layout.
    pub value: Value,
}

/// A map's entries.
#[derive(Debug)]
pub struct Map {
    /// The key's element (`key`, or the key member's `@xmlName`).
    pub key: Name,
    /// The value's element (`value`, or the value member's `@xmlName`).
    pub value_name: Name,
    /// The values' layout.
    pub value: Value,
}
