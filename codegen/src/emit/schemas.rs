//! `schemas.rs` of the XML protocols' crates: one static per structure and
//! union, list and map, saying how XML and query requests name their parts
//! (element and attribute names, namespaces, flattening, item and entry
//! names, ec2Query keys). The runtime's XML reader and writers walk them
//! beside the types' serde impls, so the formats add data here, not code.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToShoutySnakeCase;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::docs::doc_text;
use super::symbols::{RUNTIME, SCHEMAS};
use crate::ir::rust::{
    CrateIr, FieldDef, HttpBinding, OperationDef, Protocol, RustPath, StructureDef, UnionDef, ValueKind, ValueType,
    XmlMember, XmlNamespace,
};

/// The static describing the structure or union at `p`.
pub fn schema_name(ir: &CrateIr, p: &RustPath) -> Ident {
    let base = ir.strategy_fns.get(p).cloned().unwrap_or_else(|| p.name.clone());
    format_ident!("{}", base.to_shouty_snake_case())
}

/// `&schemas::X`: a reference to the schema of the type at `p`.
pub fn schema_ref(ir: &CrateIr, p: &RustPath) -> TokenStream {
    let name = schema_name(ir, p);
    quote!(&#SCHEMAS::#name)
}

/// The static listing the errors of `op` with their schemas.
pub fn errors_ref(op: &OperationDef) -> TokenStream {
    let name = format_ident!("{}", errors_static_name(op));
    quote!(#SCHEMAS::#name)
}

fn errors_static_name(op: &OperationDef) -> String {
    format!("{}_ERRORS", op.module.trim_start_matches("r#").to_shouty_snake_case())
}

/// `runtime::xml::Name` for an element `local` with `namespace`.
pub fn name_tokens(local: &str, namespace: Option<&XmlNamespace>) -> TokenStream {
    let plain = quote!(#RUNTIME::xml::Name::plain(#local));
    match namespace {
        Some(ns) => {
            let uri = &ns.uri;
            let prefix = match &ns.prefix {
                Some(p) => quote!(Some(#p)),
                None => quote!(None),
            };
            quote!(#plain.in_namespace(#uri, #prefix))
        }
        None => plain,
    }
}

/// The file: every structure's and union's schema, the lists and maps they
/// hold, and each operation's errors.
pub fn emit(ir: &CrateIr) -> TokenStream {
    let mut collections = Collections::default();
    // Lists and maps take names no structure, union or error list has.
    let taken = ir
        .structures
        .iter()
        .map(|s| schema_name(ir, &s.path))
        .chain(ir.unions.iter().map(|u| schema_name(ir, &u.path)))
        .map(|name| name.to_string())
        .chain(ir.operations.iter().map(errors_static_name));
    collections.taken.extend(taken);
    let used = used(ir);
    let structures: Vec<TokenStream> = ir
        .structures
        .iter()
        .filter(|s| used.contains(&s.path))
        .map(|s| structure(ir, s, &mut collections))
        .collect();
    let unions: Vec<TokenStream> = ir
        .unions
        .iter()
        .filter(|u| used.contains(&u.path))
        .map(|u| union(ir, u, &mut collections))
        .collect();
    let errors = ir.operations.iter().map(|op| {
        let name = format_ident!("{}", errors_static_name(op));
        let entries = op.errors.iter().map(|e| {
            let code = &e.code;
            let schema = schema_name(ir, &e.path);
            quote!((#code, &#schema))
        });
        let doc = doc_text(&format!(
            " The errors of `{}`, by the code a response names them with.",
            op.name
        ));
        quote! {
            #[doc = #doc]
            pub(crate) static #name: &#RUNTIME::xml::protocol::ErrorSchemas = &[#(#entries),*];
        }
    });
    let collections = collections.defs.into_values();
    quote! {
        #![doc = " How the XML protocols name each structure's parts: element and attribute names, namespaces, flattening, list items, map entries and query keys."]
        #(#structures)*
        #(#unions)*
        #(#collections)*
        #(#errors)*
    }
}

/// The types whose schemas the operations read or write: the bodies
/// (query inputs whole, restXml inputs when members are left for the body),
/// structure and union payloads, outputs, errors, and what they hold.
fn used(ir: &CrateIr) -> BTreeSet<RustPath> {
    let find = |p: &RustPath| ir.structures.iter().find(|s| &s.path == p);
    let payload = |s: &StructureDef| {
        s.fields
            .iter()
            .find(|f| f.http == Some(HttpBinding::Payload))
            .map(|f| match &f.value.kind {
                ValueKind::Structure { path } | ValueKind::Union { path } => Some(path.clone()),
                _ => None,
            })
    };
    let mut roots = Vec::new();
    for op in &ir.operations {
        roots.extend(op.errors.iter().map(|e| e.path.clone()));
        roots.push(op.output.clone());
        if let Some(Some(target)) = find(&op.output).and_then(payload) {
            roots.push(target);
        }
        let Some(input) = find(&op.input) else { continue };
        match payload(input) {
            _ if ir.protocol.is_query() => roots.push(input.path.clone()),
            Some(Some(target)) => roots.push(target),
            Some(None) => {}
            None if input.fields.iter().any(|f| f.http.is_none()) => roots.push(input.path.clone()),
            None => {}
        }
    }
    let mut used = BTreeSet::new();
    while let Some(p) = roots.pop() {
        if !used.insert(p.clone()) {
            continue;
        }
        let values: Vec<&ValueType> = match find(&p) {
            Some(s) => s.fields.iter().map(|f| &f.value).collect(),
            None => ir
                .unions
                .iter()
                .filter(|u| u.path == p)
                .flat_map(|u| u.variants.iter().filter_map(|v| v.value.as_ref()))
                .collect(),
        };
        for v in values {
            named_types(v, &mut roots);
        }
    }
    used
}

/// The structures and unions a value holds, at any depth of lists and maps.
fn named_types(v: &ValueType, out: &mut Vec<RustPath>) {
    match &v.kind {
        ValueKind::Structure { path } | ValueKind::Union { path } if !path.is_external() => out.push(path.clone()),
        ValueKind::List { element, .. } => named_types(element, out),
        ValueKind::Map { value, .. } => named_types(value, out),
        _ => {}
    }
}

fn structure(ir: &CrateIr, s: &StructureDef, collections: &mut Collections) -> TokenStream {
    let name = schema_name(ir, &s.path);
    let root = name_tokens(&s.xml.name, s.xml.namespace.as_ref());
    // Under restXml, members bound to a response's headers, status or
    // payload are never body elements: a reader must not take them from the
    // body. (Labels and query bind only in requests, which leave them out of
    // the body themselves; in an output they are body members. The query
    // protocols ignore HTTP bindings.)
    let rest = ir.protocol.is_rest();
    let in_body = |f: &&FieldDef| {
        !rest
            || !matches!(
                f.http,
                Some(
                    HttpBinding::Header(_)
                        | HttpBinding::PrefixHeaders(_)
                        | HttpBinding::ResponseCode
                        | HttpBinding::Payload
                )
            )
    };
    let members = s
        .fields
        .iter()
        .filter(in_body)
        .map(|f| member(ir, &f.wire_name, &f.member, &f.value.xml, Some(&f.value), collections));
    let doc = doc_text(&format!(" `{}`.", s.id));
    quote! {
        #[doc = #doc]
        pub(crate) static #name: #RUNTIME::xml::Structure = #RUNTIME::xml::Structure {
            name: #root,
            members: &[#(#members),*],
        };
    }
}

fn union(ir: &CrateIr, u: &UnionDef, collections: &mut Collections) -> TokenStream {
    let name = schema_name(ir, &u.path);
    let root = name_tokens(&u.xml.name, u.xml.namespace.as_ref());
    let members = u
        .variants
        .iter()
        .map(|v| member(ir, &v.wire_name, &v.member, &v.xml, v.value.as_ref(), collections));
    let doc = doc_text(&format!(" `{}`.", u.id));
    quote! {
        #[doc = #doc]
        pub(crate) static #name: #RUNTIME::xml::Structure = #RUNTIME::xml::Structure {
            name: #root,
            members: &[#(#members),*],
        };
    }
}

/// `Member::new(key, layout)` and what differs from the defaults.
fn member(
    ir: &CrateIr,
    key: &str,
    member_name: &str,
    xml: &XmlMember,
    value: Option<&ValueType>,
    collections: &mut Collections,
) -> TokenStream {
    let layout = match value {
        Some(v) => layout(ir, v, collections),
        None => quote!(#RUNTIME::xml::Value::Scalar),
    };
    let mut tokens = quote!(#RUNTIME::xml::Member::new(#key, #layout));
    let name = xml.name.as_deref().unwrap_or(member_name);
    if name != key {
        tokens.extend(quote!(.named(#name)));
    }
    if matches!(ir.protocol, Protocol::Ec2Query) {
        let query = match &xml.ec2_query_name {
            Some(q) => q.clone(),
            None => capitalized(name),
        };
        if query != name {
            tokens.extend(quote!(.query(#query)));
        }
    }
    if let Some(ns) = &xml.namespace {
        let uri = &ns.uri;
        let prefix = match &ns.prefix {
            Some(p) => quote!(Some(#p)),
            None => quote!(None),
        };
        tokens.extend(quote!(.in_namespace(#uri, #prefix)));
    }
    if xml.attribute {
        tokens.extend(quote!(.attribute()));
    }
    if xml.flattened {
        tokens.extend(quote!(.flattened()));
    }
    tokens
}

fn capitalized(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `runtime::xml::Value` of a value position.
fn layout(ir: &CrateIr, v: &ValueType, collections: &mut Collections) -> TokenStream {
    match &v.kind {
        ValueKind::Structure { path } | ValueKind::Union { path } if !path.is_external() => {
            let name = schema_name(ir, path);
            quote!(#RUNTIME::xml::Value::Structure(&#name))
        }
        ValueKind::List { element, .. } => {
            let item = name_tokens(
                element.xml.name.as_deref().unwrap_or("member"),
                element.xml.namespace.as_ref(),
            );
            let items = layout(ir, element, collections);
            let def = quote!(#RUNTIME::xml::List { item: #item, value: #items });
            let name = collections.name(v, "List", def);
            quote!(#RUNTIME::xml::Value::List(&#name))
        }
        ValueKind::Map { key, value, .. } => {
            let key_name = name_tokens(key.xml.name.as_deref().unwrap_or("key"), key.xml.namespace.as_ref());
            let value_name = name_tokens(
                value.xml.name.as_deref().unwrap_or("value"),
                value.xml.namespace.as_ref(),
            );
            let values = layout(ir, value, collections);
            let def = quote!(#RUNTIME::xml::Map { key: #key_name, value_name: #value_name, value: #values });
            let name = collections.name(v, "Map", def);
            quote!(#RUNTIME::xml::Value::Map(&#name))
        }
        _ => quote!(#RUNTIME::xml::Value::Scalar),
    }
}

/// The list and map statics, one per distinct layout, named after the
/// first shape that has it.
#[derive(Default)]
struct Collections {
    /// Layout text -> its static's name.
    names: BTreeMap<String, Ident>,
    /// Static name -> definition.
    defs: BTreeMap<String, TokenStream>,
    /// The names of the other statics.
    taken: BTreeSet<String>,
}

impl Collections {
    fn name(&mut self, v: &ValueType, kind: &str, def: TokenStream) -> Ident {
        let key = def.to_string();
        if let Some(name) = self.names.get(&key) {
            return name.clone();
        }
        let base = v.shape.name().to_shouty_snake_case();
        let mut name = base.clone();
        let mut n = 1;
        while self.defs.contains_key(&name) || self.taken.contains(&name) {
            n += 1;
            name = format!("{base}_{n}");
        }
        let ident = format_ident!("{}", name);
        let doc = doc_text(&format!(" `{}`.", v.shape));
        let ty = format_ident!("{}", kind);
        self.defs.insert(
            name,
            quote! {
                #[doc = #doc]
                pub(crate) static #ident: #RUNTIME::xml::#ty = #def;
            },
        );
        self.names.insert(key, ident.clone());
        ident
    }
}
