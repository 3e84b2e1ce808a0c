//! A model -> Smithy IDL 2.0, one file per namespace: readable (doc comments,
//! relative names where they resolve back to the same shape, `= value` for
//! defaults and enum values) and exact (reading the files back gives the same
//! model, which the tests check on every shared AWS model).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::Value;

use super::parser::{is_identifier, is_namespace};
use super::prelude;
use crate::ast::{Member, Model, Reference, Shape, Traits};
use crate::error::{CodegenError, Result};

const DOCUMENTATION: &str = "smithy.api#documentation";
const DEFAULT: &str = "smithy.api#default";
const ENUM_VALUE: &str = "smithy.api#enumValue";
const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";

/// One written file: the namespace it holds and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdlFile {
    pub namespace: String,
    pub text: String,
}

/// The IDL files of `model` as files to write: `<namespace>.smithy` each
/// (`metadata.smithy` for a model of metadata alone).
pub fn files(model: &Model) -> Result<Vec<crate::GeneratedFile>> {
    Ok(write(model)?
        .into_iter()
        .map(|f| crate::GeneratedFile {
            path: if f.namespace.is_empty() {
                "metadata.smithy".to_owned()
            } else {
                format!("{}.smithy", f.namespace)
            },
            contents: f.text,
        })
        .collect())
}

/// Writes `model` as IDL, one file per namespace in namespace order. Metadata goes
/// into the first file only (a second copy would concatenate its lists on load).
/// A model whose ids or member names are not Smithy identifiers (JSON AST can
/// spell anything) cannot be written, and the error names the first such name.
pub fn write(model: &Model) -> Result<Vec<IdlFile>> {
    check_names(model)?;
    let mut namespaces: BTreeMap<&str, Vec<(&str, &Shape)>> = BTreeMap::new();
    for (id, shape) in &model.shapes {
        let namespace = id.split('#').next().unwrap_or_default();
        namespaces.entry(namespace).or_default().push((id.as_str(), shape));
    }
    let defined: BTreeSet<&str> = model
        .shapes
        .iter()
        .filter(|(_, s)| !matches!(s, Shape::Apply(_)))
        .map(|(id, _)| id.as_str())
        .collect();
    let list_traits: BTreeSet<&str> = model
        .shapes
        .iter()
        .filter(|(_, s)| matches!(s, Shape::List(_) | Shape::Set(_)))
        .map(|(id, _)| id.as_str())
        .collect();
    let version = if model.is_version_2() { "2.0" } else { "1.0" };
    let mut files = Vec::new();
    let mut metadata_written = false;
    for (namespace, shapes) in &namespaces {
        let writer = Writer {
            namespace,
            defined: &defined,
            list_traits: &list_traits,
            out: String::new(),
        };
        let metadata = if metadata_written { None } else { Some(&model.metadata) };
        metadata_written = true;
        files.push(IdlFile {
            namespace: (*namespace).to_owned(),
            text: writer.file(version, metadata, shapes),
        });
    }
    if !metadata_written && !model.metadata.is_empty() {
        let writer = Writer {
            namespace: "",
            defined: &defined,
            list_traits: &list_traits,
            out: String::new(),
        };
        files.push(IdlFile {
            namespace: String::new(),
            text: writer.file(version, Some(&model.metadata), &[]),
        });
    }
    Ok(files)
}

fn check_names(model: &Model) -> Result<()> {
    let unwritable = |id: &str, what: String| CodegenError::Unsupported {
        id: id.to_owned(),
        message: format!("{what} is not a Smithy identifier, so the model cannot be written as IDL"),
    };
    for (id, shape) in &model.shapes {
        let (namespace, name) = id.split_once('#').unwrap_or(("", id));
        let root = name.split('$').next().unwrap_or(name);
        if !is_namespace(namespace) {
            return Err(unwritable(id, format!("the namespace `{namespace}`")));
        }
        if !is_identifier(root) {
            return Err(unwritable(id, format!("the shape name `{root}`")));
        }
        if let Some(member) = shape.member_names().into_iter().find(|m| !is_identifier(m)) {
            return Err(unwritable(id, format!("the member name `{member}`")));
        }
    }
    Ok(())
}

struct Writer<'a> {
    namespace: &'a str,
    defined: &'a BTreeSet<&'a str>,
    /// Trait shapes that are lists: their empty value is written `@id`, like `{}` for the others.
    list_traits: &'a BTreeSet<&'a str>,
    out: String,
}

impl Writer<'_> {
    fn file(mut self, version: &str, metadata: Option<&BTreeMap<String, Value>>, shapes: &[(&str, &Shape)]) -> String {
        let _ = writeln!(self.out, "$version: \"{version}\"\n");
        if let Some(metadata) = metadata.filter(|m| !m.is_empty()) {
            for (key, value) in metadata {
                let key = if is_identifier(key) { key.clone() } else { quote(key) };
                let _ = writeln!(self.out, "metadata {key} = {}", node(value, 0));
            }
            self.out.push('\n');
        }
        if shapes.is_empty() {
            return self.out;
        }
        let _ = writeln!(self.out, "namespace {}", self.namespace);
        let mut applies = Vec::new();
        for (id, shape) in shapes {
            let name = id.rsplit('#').next().unwrap_or(id);
            match shape {
                Shape::Apply(apply) => applies.push((name, &apply.traits)),
                shape => {
                    self.out.push('\n');
                    self.shape(name, shape);
                }
            }
        }
        for (target, traits) in applies {
            let _ = writeln!(self.out, "\napply {target} {{");
            for (id, value) in traits {
                self.trait_line(id, value, 1);
            }
            self.out.push_str("}\n");
        }
        self.out
    }

    /// How to write `id` so that it resolves back to `id` from this namespace.
    fn name(&self, id: &str) -> String {
        let Some((namespace, name)) = id.split_once('#') else {
            return id.to_owned();
        };
        let root = name.split('$').next().unwrap_or(name);
        let local = format!("{}#{root}", self.namespace);
        let relative = if namespace == self.namespace {
            self.defined.contains(local.as_str()) || !prelude::is_public(root)
        } else {
            namespace == prelude::NAMESPACE && prelude::is_public(root) && !self.defined.contains(local.as_str())
        };
        if relative {
            name.to_owned()
        } else {
            id.to_owned()
        }
    }

    fn indent(&mut self, level: usize) {
        for _ in 0..level {
            self.out.push_str("    ");
        }
    }

    /// Documentation as `///` lines (a trait where a comment cannot hold it), then
    /// the other traits, each on a line.
    fn traits(&mut self, traits: &Traits, level: usize, skip: &[&str]) {
        if let Some(Value::String(doc)) = traits.get(DOCUMENTATION) {
            if !doc.contains('\r') {
                for line in doc.split('\n') {
                    self.indent(level);
                    if line.is_empty() {
                        self.out.push_str("///\n");
                    } else {
                        let _ = writeln!(self.out, "/// {line}");
                    }
                }
            }
        }
        for (id, value) in traits {
            let documented = id == DOCUMENTATION && value.as_str().is_some_and(|d| !d.contains('\r'));
            if documented || skip.contains(&id.as_str()) {
                continue;
            }
            self.trait_line(id, value, level);
        }
    }

    fn trait_line(&mut self, id: &str, value: &Value, level: usize) {
        self.indent(level);
        let name = self.name(id);
        let annotation = match value {
            Value::Object(o) => o.is_empty() && !self.is_list_trait(id),
            Value::Array(a) => a.is_empty() && self.is_list_trait(id),
            _ => false,
        };
        if annotation {
            let _ = writeln!(self.out, "@{name}");
            return;
        }
        match value {
            Value::Object(o) if !o.is_empty() && o.keys().all(|k| is_identifier(k)) => {
                let entries: Vec<String> = o.iter().map(|(k, v)| format!("{k}: {}", node(v, level))).collect();
                let _ = writeln!(self.out, "@{name}({})", entries.join(", "));
            }
            other => {
                let _ = writeln!(self.out, "@{name}({})", node(other, level));
            }
        }
    }

    fn is_list_trait(&self, id: &str) -> bool {
        if self.list_traits.contains(id) {
            return true;
        }
        id.strip_prefix("smithy.api#")
            .and_then(|name| prelude::SHAPES.iter().find(|(n, _)| *n == name))
            .is_some_and(|(_, t)| matches!(*t, "list" | "set"))
    }

    fn mixins(&self, mixins: &[Reference]) -> String {
        if mixins.is_empty() {
            return String::new();
        }
        let names: Vec<String> = mixins.iter().map(|m| self.name(&m.target)).collect();
        format!(" with [{}]", names.join(", "))
    }

    fn shape(&mut self, name: &str, shape: &Shape) {
        let mut extra_traits;
        let traits = if let Shape::Set(c) = shape {
            // IDL 2.0 has no `set`: a list with unique items is its 2.0 form.
            extra_traits = c.traits.clone();
            extra_traits.insert(UNIQUE_ITEMS.to_owned(), Value::Object(Default::default()));
            &extra_traits
        } else {
            shape.traits()
        };
        self.traits(traits, 0, &[]);
        let keyword = match shape {
            Shape::Set(_) => "list",
            other => other.type_name(),
        };
        let mixins = self.mixins(shape.mixins());
        match shape {
            Shape::Enum(a) | Shape::IntEnum(a) => {
                let _ = writeln!(self.out, "{keyword} {name}{mixins} {{");
                for (member_name, member) in &a.members.0 {
                    self.enum_member(member_name, member, matches!(shape, Shape::IntEnum(_)));
                }
                self.out.push_str("}\n");
            }
            Shape::Structure(a) | Shape::Union(a) => {
                let _ = writeln!(self.out, "{keyword} {name}{mixins} {{");
                for (i, (member_name, member)) in a.members.0.iter().enumerate() {
                    // A blank line before a member with docs or traits keeps them apart.
                    let plain = member.traits.is_empty() || member.traits.keys().all(|k| k == DEFAULT);
                    if i > 0 && !plain {
                        self.out.push('\n');
                    }
                    self.member(member_name, member);
                }
                self.out.push_str("}\n");
            }
            Shape::List(c) | Shape::Set(c) => {
                let _ = writeln!(self.out, "{keyword} {name}{mixins} {{");
                if let Some(member) = &c.member {
                    self.member("member", member);
                }
                self.out.push_str("}\n");
            }
            Shape::Map(m) => {
                let _ = writeln!(self.out, "{keyword} {name}{mixins} {{");
                for (member_name, member) in [("key", &m.key), ("value", &m.value)] {
                    if let Some(member) = member {
                        self.member(member_name, member);
                    }
                }
                self.out.push_str("}\n");
            }
            Shape::Operation(o) => {
                let _ = writeln!(self.out, "operation {name}{mixins} {{");
                self.property_reference("input", o.input.as_ref());
                self.property_reference("output", o.output.as_ref());
                self.property_list("errors", &o.errors);
                self.out.push_str("}\n");
            }
            Shape::Service(s) => {
                let _ = writeln!(self.out, "service {name}{mixins} {{");
                if let Some(version) = &s.version {
                    let _ = writeln!(self.out, "    version: {}", quote(version));
                }
                self.property_list("operations", &s.operations);
                self.property_list("resources", &s.resources);
                self.property_list("errors", &s.errors);
                if !s.rename.is_empty() {
                    self.out.push_str("    rename: {\n");
                    for (from, to) in &s.rename {
                        let _ = writeln!(self.out, "        {}: {}", quote(from), quote(to));
                    }
                    self.out.push_str("    }\n");
                }
                self.out.push_str("}\n");
            }
            Shape::Resource(r) => {
                let _ = writeln!(self.out, "resource {name}{mixins} {{");
                self.property_map("identifiers", &r.identifiers);
                self.property_map("properties", &r.properties);
                for (key, value) in [
                    ("create", &r.create),
                    ("put", &r.put),
                    ("read", &r.read),
                    ("update", &r.update),
                    ("delete", &r.delete),
                    ("list", &r.list),
                ] {
                    self.property_reference(key, value.as_ref());
                }
                self.property_list("operations", &r.operations);
                self.property_list("collectionOperations", &r.collection_operations);
                self.property_list("resources", &r.resources);
                self.out.push_str("}\n");
            }
            Shape::Apply(_) => {}
            simple => {
                let _ = writeln!(self.out, "{} {name}{mixins}", simple.type_name());
            }
        }
    }

    fn member(&mut self, name: &str, member: &Member) {
        self.traits(&member.traits, 1, &[DEFAULT]);
        self.indent(1);
        let _ = write!(self.out, "{name}: {}", self.name(&member.target));
        if let Some(default) = member.traits.get(DEFAULT) {
            let _ = write!(self.out, " = {}", node(default, 1));
        }
        self.out.push('\n');
    }

    fn enum_member(&mut self, name: &str, member: &Member, int: bool) {
        let value = member.traits.get(ENUM_VALUE);
        // A string enum member whose value is its name needs no `= value`.
        let implicit = !int && value.and_then(Value::as_str) == Some(name);
        let assignable = match value {
            Some(Value::String(_)) => !int,
            Some(Value::Number(n)) => int && n.is_i64(),
            _ => false,
        };
        let skip: &[&str] = if implicit || assignable { &[ENUM_VALUE] } else { &[] };
        self.traits(&member.traits, 1, skip);
        self.indent(1);
        self.out.push_str(name);
        if let (false, true, Some(value)) = (implicit, assignable, value) {
            let _ = write!(self.out, " = {}", node(value, 1));
        }
        self.out.push('\n');
    }

    fn property_reference(&mut self, key: &str, reference: Option<&Reference>) {
        if let Some(r) = reference {
            let _ = writeln!(self.out, "    {key}: {}", self.name(&r.target));
        }
    }

    fn property_list(&mut self, key: &str, references: &[Reference]) {
        if references.is_empty() {
            return;
        }
        let _ = writeln!(self.out, "    {key}: [");
        for r in references {
            let _ = writeln!(self.out, "        {}", self.name(&r.target));
        }
        self.out.push_str("    ]\n");
    }

    fn property_map(&mut self, key: &str, references: &BTreeMap<String, Reference>) {
        if references.is_empty() {
            return;
        }
        let _ = writeln!(self.out, "    {key}: {{");
        for (name, r) in references {
            let name = if is_identifier(name) { name.clone() } else { quote(name) };
            let _ = writeln!(self.out, "        {name}: {}", self.name(&r.target));
        }
        self.out.push_str("    }\n");
    }
}

/// A node value in IDL syntax. Strings are always quoted (an unquoted one would
/// be read as a shape id); short arrays and objects stay on one line.
fn node(value: &Value, level: usize) -> String {
    let one_line = render(value, None);
    if one_line.len() <= 80 || !matches!(value, Value::Array(_) | Value::Object(_)) {
        return one_line;
    }
    render(value, Some(level))
}

fn render(value: &Value, level: Option<usize>) -> String {
    let pad = |l: usize| "    ".repeat(l);
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => quote(s),
        Value::Array(items) => {
            if items.is_empty() {
                return "[]".into();
            }
            match level {
                None => format!(
                    "[{}]",
                    items.iter().map(|i| render(i, None)).collect::<Vec<_>>().join(", ")
                ),
                Some(l) => {
                    let mut out = "[\n".to_owned();
                    for item in items {
                        let _ = writeln!(out, "{}{}", pad(l + 1), node(item, l + 1));
                    }
                    out.push_str(&pad(l));
                    out.push(']');
                    out
                }
            }
        }
        Value::Object(map) => {
            if map.is_empty() {
                return "{}".into();
            }
            let key = |k: &String| if is_identifier(k) { k.clone() } else { quote(k) };
            match level {
                None => format!(
                    "{{ {} }}",
                    map.iter()
                        .map(|(k, v)| format!("{}: {}", key(k), render(v, None)))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                Some(l) => {
                    let mut out = "{\n".to_owned();
                    for (k, v) in map {
                        let _ = writeln!(out, "{}{}: {}", pad(l + 1), key(k), node(v, l + 1));
                    }
                    out.push_str(&pad(l));
                    out.push('}');
                    out
                }
            }
        }
    }
}

/// A quoted IDL string: quotes, backslashes and control characters escaped.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast;

    #[test]
    fn names_idl_cannot_spell_are_refused() {
        let json = r#"{"smithy":"2.0","shapes":{"a.b#E":{"type":"enum","members":{
            "a-b":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":"x"}}}}}}"#;
        let error = write(&Model::parse(json).unwrap()).unwrap_err().to_string();
        assert!(error.contains("`a.b#E`") && error.contains("`a-b`"), "{error}");
    }

    #[test]
    fn quoting_survives_the_lexer() {
        for text in ["plain", "a \"quoted\" \\ word", "line\nbreak\r\ttab\u{1}", "üñí©ødé 😀"] {
            let quoted = quote(text);
            let raw = &quoted[1..quoted.len() - 1];
            assert_eq!(super::super::text::quoted(raw).unwrap(), text);
        }
    }

    #[test]
    fn names_are_relative_only_where_they_resolve_back() {
        let defined: BTreeSet<&str> = ["a.b#Foo", "a.b#String"].into_iter().collect();
        let none = BTreeSet::new();
        let writer = Writer {
            namespace: "a.b",
            defined: &defined,
            list_traits: &none,
            out: String::new(),
        };
        assert_eq!(writer.name("a.b#Foo"), "Foo");
        assert_eq!(writer.name("a.b#Foo$bar"), "Foo$bar");
        // A local `String` shadows the prelude's.
        assert_eq!(writer.name("smithy.api#String"), "smithy.api#String");
        assert_eq!(writer.name("a.b#String"), "String");
        assert_eq!(writer.name("smithy.api#Integer"), "Integer");
        assert_eq!(writer.name("smithy.api#required"), "required");
        // Not defined here and a prelude name: only the absolute id reads back.
        assert_eq!(writer.name("a.b#Integer"), "a.b#Integer");
        assert_eq!(writer.name("c.d#Bar"), "c.d#Bar");
    }

    #[test]
    fn a_model_reads_back_equal() {
        let json = r#"{"smithy":"2.0","metadata":{"k":[1,"two"]},"shapes":{
            "a.b#S":{"type":"structure","mixins":[{"target":"a.b#M"}],"members":{
                "x":{"target":"smithy.api#Integer","traits":{"smithy.api#default":0,"smithy.api#documentation":"Line one\n\n  indented"}},
                "y":{"target":"a.b#E","traits":{"smithy.api#documentation":"with\r\ncarriage return"}}},
                "traits":{"smithy.api#tags":[],"smithy.api#references":[{"resource":"a.b#R"}],"smithy.api#deprecated":{}}},
            "a.b#M":{"type":"structure","members":{"z":{"target":"smithy.api#String"}},"traits":{"smithy.api#mixin":{}}},
            "a.b#S$z":{"type":"apply","traits":{"smithy.api#pattern":"^a$"}},
            "a.b#E":{"type":"enum","members":{"A":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":"A"}},
                "B":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":"b"}}}},
            "a.b#I":{"type":"intEnum","members":{"ONE":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":1}}}},
            "a.b#R":{"type":"resource","identifiers":{"id":{"target":"smithy.api#String"}},"read":{"target":"a.b#Op"}},
            "a.b#Op":{"type":"operation","input":{"target":"smithy.api#Unit"},"errors":[{"target":"c.d#Err"}]},
            "c.d#Err":{"type":"structure","traits":{"smithy.api#error":"client","smithy.api#http":{"method":"GET","uri":"/"}}},
            "a.b#Svc":{"type":"service","version":"1","operations":[{"target":"a.b#Op"}],"rename":{"c.d#Err":"Oops"}}
        }}"#;
        let model = Model::parse(json).unwrap();
        let files = write(&model).unwrap();
        assert_eq!(files.len(), 2);
        let sources: Vec<ast::assemble::Source> = files
            .iter()
            .map(|f| ast::assemble::Source::new(format!("{}.smithy", f.namespace), f.text.clone()))
            .collect();
        let read_back = ast::assemble::assemble(&sources).unwrap_or_else(|e| panic!("{e}\n{}", files[0].text));
        assert_eq!(read_back, model, "{}", files[0].text);
    }
}
