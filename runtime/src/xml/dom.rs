//! An XML document read into a flat tree that borrows from the body: each
//! element's local name, attributes and text, and links to its children.
//! quick-xml does the reading (references, CDATA, comments, declarations);
//! this module bounds it: nesting deeper than [`MAX_DEPTH`] is an error, not
//! a stack, and a malformed body is an error saying what and at which byte.

use std::borrow::Cow;
use std::fmt;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// How deeply elements may nest. Generated readers recurse once per level,
/// so this bounds their stack; AWS documents stay far below it.
pub const MAX_DEPTH: usize = 256;

/// A body that is not the XML document expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    /// What is wrong.
    pub message: String,
    /// The byte offset in the body where it was found, when known.
    pub position: Option<u64>,
}

impl XmlError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            position: None,
        }
    }

    fn at(message: impl Into<String>, position: u64) -> Self {
        Self {
            message: message.into(),
            position: Some(position),
        }
    }
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(at) => write!(f, "XML at byte {at}: {}", self.message),
            None => write!(f, "XML: {}", self.message),
        }
    }
}

impl std::error::Error for XmlError {}

/// An element of a [`Document`], by index.
pub type NodeId = usize;

const NONE: usize = usize::MAX;

#[derive(Debug)]
struct Node<'a> {
    name: Cow<'a, str>,
    attributes: std::ops::Range<usize>,
    text: Cow<'a, str>,
    first_child: usize,
    last_child: usize,
    next_sibling: usize,
}

/// A parsed document: elements in document order, the root first.
#[derive(Debug)]
pub struct Document<'a> {
    nodes: Vec<Node<'a>>,
    attributes: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    /// The body, which names and values are slices of where they can be.
    source: &'a str,
}

impl<'a> Document<'a> {
    /// Reads `body`; an empty (or all-whitespace) body is a document
    /// without a root.
    pub fn parse(body: &'a [u8]) -> Result<Self, XmlError> {
        let text = std::str::from_utf8(body)
            .map_err(|e| XmlError::at(format!("the body is not UTF-8 ({e})"), e.valid_up_to() as u64))?;
        let mut reader = Reader::from_str(text);
        let mut document = Document {
            // About one element per 48 bytes of a typical AWS response; no
            // more up front than a large response needs (a body of one long
            // text has a single element).
            nodes: Vec::with_capacity((body.len() / 48).min(4096)),
            attributes: Vec::new(),
            source: text,
        };
        let mut open: Vec<NodeId> = Vec::new();
        loop {
            let position = reader.buffer_position();
            let event = reader
                .read_event()
                .map_err(|e| XmlError::at(e.to_string(), reader.error_position()))?;
            match event {
                Event::Start(start) => {
                    let id = document.element(&start, open.last().copied(), position)?;
                    open.push(id);
                    if open.len() > MAX_DEPTH {
                        return Err(XmlError::at(
                            format!("elements nest deeper than {MAX_DEPTH} levels"),
                            position,
                        ));
                    }
                }
                Event::Empty(start) => {
                    document.element(&start, open.last().copied(), position)?;
                }
                Event::End(_) => {
                    open.pop();
                }
                Event::Text(text) => {
                    if let Some(&id) = open.last() {
                        // Text after a child element (indentation) is no
                        // value's text: not even normalized.
                        if document.has_children(id) {
                            continue;
                        }
                        document.push_text(id, text.xml10_content());
                    } else if !text.xml10_content().trim().is_empty() {
                        return Err(XmlError::at("text outside the root element", position));
                    }
                }
                Event::CData(data) => {
                    if let Some(&id) = open.last() {
                        document.push_text(id, data.xml10_content());
                    }
                }
                Event::GeneralRef(reference) => {
                    let Some(&id) = open.last() else {
                        return Err(XmlError::at("a reference outside the root element", position));
                    };
                    let resolved = match reference.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => predefined(&reference.xml10_content())
                            .ok_or_else(|| {
                                XmlError::at(format!("unknown entity `&{};`", reference.xml10_content()), position)
                            })?
                            .to_owned(),
                        Err(e) => return Err(XmlError::at(e.to_string(), position)),
                    };
                    document.push_text(id, Cow::Owned(resolved));
                }
                Event::Eof => break,
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            }
        }
        if !open.is_empty() {
            return Err(XmlError::at(
                "the document ends inside an element",
                reader.buffer_position(),
            ));
        }
        Ok(document)
    }

    fn element(&mut self, start: &BytesStart<'_>, parent: Option<NodeId>, position: u64) -> Result<NodeId, XmlError> {
        if parent.is_none() && !self.nodes.is_empty() {
            return Err(XmlError::at("a second root element", position));
        }
        let name = self.reborrow(local(start.name().0));
        let first = self.attributes.len();
        // Most elements have none: skip the attribute reader for them.
        if !start.attributes_raw().trim_ascii().is_empty() {
            self.attributes(start, position)?;
        }
        let id = self.nodes.len();
        self.nodes.push(Node {
            name,
            attributes: first..self.attributes.len(),
            text: Cow::Borrowed(""),
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
        });
        if let Some(parent) = parent {
            match self.nodes[parent].last_child {
                NONE => self.nodes[parent].first_child = id,
                last => self.nodes[last].next_sibling = id,
            }
            self.nodes[parent].last_child = id;
        }
        Ok(id)
    }

    /// Records the attributes of `start` (namespace declarations aside).
    fn attributes(&mut self, start: &BytesStart<'_>, position: u64) -> Result<(), XmlError> {
        for attribute in start.attributes() {
            let attribute = attribute.map_err(|e| XmlError::at(e.to_string(), position))?;
            let key = attribute.key.0;
            if key == "xmlns" || key.starts_with("xmlns:") {
                continue;
            }
            let value = attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| XmlError::at(e.to_string(), position))?;
            let value = match value {
                Cow::Borrowed(v) => self.reborrow(v),
                Cow::Owned(v) => Cow::Owned(v),
            };
            let key = self.reborrow(local(key));
            self.attributes.push((key, value));
        }
        Ok(())
    }

    /// `part` as a slice of the body when it is one (quick-xml's events
    /// borrow the body, but their accessors lend for less), else a copy.
    fn reborrow(&self, part: &str) -> Cow<'a, str> {
        let offset = (part.as_ptr() as usize).wrapping_sub(self.source.as_ptr() as usize);
        match self.source.get(offset..offset.wrapping_add(part.len())) {
            Some(slice) if std::ptr::eq(slice.as_ptr(), part.as_ptr()) => Cow::Borrowed(slice),
            _ => Cow::Owned(part.to_owned()),
        }
    }

    fn push_text(&mut self, id: NodeId, text: Cow<'a, str>) {
        let node = &mut self.nodes[id];
        // Text between child elements (the indentation of a structure) is
        // no value's text: keep what came first, copy nothing.
        if node.first_child != NONE {
            return;
        }
        if node.text.is_empty() {
            node.text = text;
        } else {
            node.text.to_mut().push_str(&text);
        }
    }

    /// The root element, if the document has one.
    pub fn root(&self) -> Option<NodeId> {
        (!self.nodes.is_empty()).then_some(0)
    }

    /// An element's local name (without its prefix).
    pub fn name(&self, id: NodeId) -> &str {
        &self.nodes[id].name
    }

    /// The text directly inside an element (its children's text excluded).
    pub fn text(&self, id: NodeId) -> &Cow<'a, str> {
        &self.nodes[id].text
    }

    /// The value of an element's attribute `name` (local name).
    pub fn attribute(&self, id: NodeId, name: &str) -> Option<&Cow<'a, str>> {
        self.attributes[self.nodes[id].attributes.clone()]
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    /// An element's child elements, in document order.
    pub fn children(&self, id: NodeId) -> Children<'_, 'a> {
        Children {
            document: self,
            next: self.nodes[id].first_child,
        }
    }

    /// The first child element of `id` named `name`.
    pub fn child(&self, id: NodeId, name: &str) -> Option<NodeId> {
        self.children(id).find(|&c| self.name(c) == name)
    }

    /// Whether an element has child elements.
    pub fn has_children(&self, id: NodeId) -> bool {
        self.nodes[id].first_child != NONE
    }
}

/// The child elements of one element.
#[derive(Debug, Clone)]
pub struct Children<'d, 'a> {
    document: &'d Document<'a>,
    next: usize,
}

impl Iterator for Children<'_, '_> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.document.nodes[id].next_sibling;
        Some(id)
    }
}

/// `prefix:name` -> `name`. A name holds at most one colon (namespaces in
/// XML), and names are short: a plain scan beats a call to `memrchr`.
#[inline]
fn local(raw: &str) -> &str {
    match raw.bytes().position(|b| b == b':') {
        Some(colon) => &raw[colon + 1..],
        None => raw,
    }
}

/// The five entities XML predefines.
fn predefined(name: &str) -> Option<&'static str> {
    Some(match name {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "apos" => "'",
        "quot" => "\"",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_text_references_and_attributes() {
        let body = br#"<?xml version="1.0"?><a:Root xmlns:a="urn:x" id="1"><!-- c --><v>x &amp;lt;&#xD;&#10;y</v><w><![CDATA[<z>]]></w><e/></a:Root>"#;
        let doc = Document::parse(body).expect("parses");
        let root = doc.root().expect("a root");
        assert_eq!(doc.name(root), "Root");
        assert_eq!(doc.attribute(root, "id").map(|v| v.as_ref()), Some("1"));
        let children: Vec<&str> = doc.children(root).map(|c| doc.name(c)).collect();
        assert_eq!(children, ["v", "w", "e"]);
        let v = doc.child(root, "v").expect("v");
        assert_eq!(doc.text(v), "x &lt;\r\ny");
        assert_eq!(doc.text(doc.child(root, "w").expect("w")), "<z>");
    }

    #[test]
    fn malformed_documents_say_where() {
        let error = Document::parse(b"<a><b></a>").expect_err("mismatched");
        assert!(error.position.is_some(), "{error}");
        let error = Document::parse(b"<a>&bogus;</a>").expect_err("unknown entity");
        assert!(error.message.contains("bogus"), "{error}");
        let error = Document::parse(b"<a><b>").expect_err("unclosed");
        assert!(error.message.contains("ends inside"), "{error}");
        assert!(Document::parse(b"<a/><b/>").is_err(), "two roots");
        assert!(Document::parse(b"  ").expect("empty").root().is_none());
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        let error = Document::parse(deep.as_bytes()).expect_err("too deep");
        assert!(error.message.contains("nest deeper"), "{error}");
        let fine = format!("{}{}", "<a>".repeat(MAX_DEPTH), "</a>".repeat(MAX_DEPTH));
        assert!(Document::parse(fine.as_bytes()).is_ok());
    }
}
