//! Stage 3, emit: IR -> one token stream per file, laid out like the AWS SDK
//! (`types`, `types::error`, `operation::<name>`). Items are collected in
//! `BTreeMap`s keyed by path, so output order never depends on hash order.

mod builder;
mod context;
mod defaults;
mod docs;
mod endpoint;
mod enumeration;
mod http;
mod int_enum;
mod operation;
mod patterns;
mod prelude;
mod protocol_tests;
mod rules;
mod schemas;
mod serde_impls;
mod server;
mod server_rest;
mod server_tests;
mod strategies;
mod structure;
pub mod symbols;
mod types;
mod union;
pub mod validate;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::rust::{CrateIr, EnumDef, Export, IntEnumDef, Module, StructureDef, UnionDef};
pub use context::Context;
use types::ident;

/// A file to write, relative to the generated module's directory.
pub struct EmittedFile {
    pub path: String,
    pub tokens: TokenStream,
}

/// One file of the generated module tree, planned but not yet emitted. Every
/// job emits on its own from the IR (token streams cannot cross threads, so
/// a job is what a worker thread takes: it emits and formats its file).
pub struct FileJob<'ir> {
    pub path: String,
    what: What<'ir>,
}

/// What a [`FileJob`] writes.
enum What<'ir> {
    Structure(&'ir StructureDef),
    Enum(&'ir EnumDef),
    Union(&'ir UnionDef),
    IntEnum(&'ir IntEnumDef),
    Module {
        module: Module,
        doc: String,
        entries: Vec<(String, Vec<Export>)>,
    },
    OperationIndex,
    Patterns,
    Schemas,
    Strategies,
    ProtocolTests(&'ir [crate::ExpectedFailure]),
    Endpoint,
    EndpointTests(&'ir [crate::ExpectedFailure]),
    Server,
    ServerTests(&'ir [crate::ExpectedFailure]),
    Root {
        strategies: bool,
        protocol_tests: bool,
        schemas: bool,
        endpoint: bool,
        endpoint_tests: bool,
        server: bool,
        server_tests: bool,
    },
}

/// Emits every file of the generated module tree.
pub fn emit(ir: &CrateIr) -> Vec<EmittedFile> {
    emit_with(ir, true)
}

/// [`emit`], leaving out the proptest strategies unless `strategies`.
pub fn emit_with(ir: &CrateIr, strategies: bool) -> Vec<EmittedFile> {
    emit_all(ir, strategies, None)
}

/// [`emit_with`], plus the model's protocol compliance cases as tests when
/// `protocol_tests` is given (the cases expected to fail).
pub fn emit_all(ir: &CrateIr, strategies: bool, protocol_tests: Option<&[crate::ExpectedFailure]>) -> Vec<EmittedFile> {
    let ctx = Context::for_crate(ir);
    plan(ir, strategies, protocol_tests)
        .into_iter()
        .map(|job| EmittedFile {
            tokens: job.emit(ir, &ctx),
            path: job.path,
        })
        .collect()
}

/// Every file of the generated module tree, in path order, ready to emit in
/// any order or on any thread.
pub fn plan<'ir>(
    ir: &'ir CrateIr,
    strategies: bool,
    protocol_tests: Option<&'ir [crate::ExpectedFailure]>,
) -> Vec<FileJob<'ir>> {
    let mut files: BTreeMap<String, What<'ir>> = BTreeMap::new();
    // module -> (file stem, what the file exports)
    let mut modules: BTreeMap<Module, Vec<(String, Vec<Export>)>> = BTreeMap::new();

    for s in &ir.structures {
        let dir = module_dir(&s.path.module);
        files.insert(format!("{dir}/{}.rs", s.file), What::Structure(s));
        modules
            .entry(s.path.module.clone())
            .or_default()
            .push((s.file.clone(), s.exports()));
    }
    for e in &ir.enums {
        let dir = module_dir(&e.path.module);
        files.insert(format!("{dir}/{}.rs", e.file), What::Enum(e));
        modules
            .entry(e.path.module.clone())
            .or_default()
            .push((e.file.clone(), vec![Export::Type(e.path.name.clone())]));
    }
    for u in &ir.unions {
        let dir = module_dir(&u.path.module);
        files.insert(format!("{dir}/{}.rs", u.file), What::Union(u));
        modules
            .entry(u.path.module.clone())
            .or_default()
            .push((u.file.clone(), vec![Export::Type(u.path.name.clone())]));
    }
    for e in &ir.int_enums {
        let dir = module_dir(&e.path.module);
        files.insert(format!("{dir}/{}.rs", e.file), What::IntEnum(e));
        modules
            .entry(e.path.module.clone())
            .or_default()
            .push((e.file.clone(), vec![Export::Type(e.path.name.clone())]));
    }
    modules.entry(Module::Types).or_default();
    modules.entry(Module::Errors).or_default();
    for op in &ir.operations {
        modules.entry(Module::Operation(op.module.clone())).or_default();
    }

    for (module, mut entries) in modules {
        entries.sort();
        let dir = module_dir(&module);
        let doc = match &module {
            Module::Types => "Structures and enums of the model.".to_owned(),
            Module::Errors => "Errors the service can return.".to_owned(),
            Module::Operation(name) => match ir.operations.iter().find(|o| &o.module == name) {
                Some(op) => format!("The `{}` operation: input, output and errors.", op.name),
                None => format!("The `{name}` operation."),
            },
            // Extern types are another crate's: no module of theirs is planned.
            Module::External(_) => continue,
        };
        files.insert(format!("{dir}/mod.rs"), What::Module { module, doc, entries });
    }
    files.insert("operation/mod.rs".to_owned(), What::OperationIndex);
    files.insert("patterns.rs".to_owned(), What::Patterns);
    if ir.protocol.is_xml() {
        files.insert("schemas.rs".to_owned(), What::Schemas);
    }
    if strategies {
        files.insert("strategies.rs".to_owned(), What::Strategies);
    }
    let protocol_tests_wanted = protocol_tests;
    let protocol_tests = protocol_tests.filter(|_| protocol_tests::has_cases(ir));
    if let Some(failures) = protocol_tests {
        files.insert("protocol_tests.rs".to_owned(), What::ProtocolTests(failures));
    }
    let endpoint = ir.endpoints.is_some();
    if endpoint {
        files.insert("endpoint.rs".to_owned(), What::Endpoint);
    }
    let endpoint_failures =
        protocol_tests_wanted.filter(|_| ir.endpoints.as_ref().is_some_and(|e| !e.tests.is_empty()));
    let endpoint_tests = endpoint_failures.is_some();
    if let Some(failures) = endpoint_failures {
        files.insert("endpoint_tests.rs".to_owned(), What::EndpointTests(failures));
    }
    if ir.server {
        files.insert("server.rs".to_owned(), What::Server);
    }
    let server_failures = protocol_tests_wanted.filter(|_| server_tests::has_cases(ir));
    if let Some(failures) = server_failures {
        files.insert("server_tests.rs".to_owned(), What::ServerTests(failures));
    }
    files.insert(
        "mod.rs".to_owned(),
        What::Root {
            strategies,
            protocol_tests: protocol_tests.is_some(),
            schemas: ir.protocol.is_xml(),
            endpoint,
            endpoint_tests,
            server: ir.server,
            server_tests: server_failures.is_some(),
        },
    );
    files.into_iter().map(|(path, what)| FileJob { path, what }).collect()
}

impl FileJob<'_> {
    /// The file's tokens, its imports after its inner attributes; `ctx` is
    /// the [`Context`] of the same `ir`.
    pub fn emit(&self, ir: &CrateIr, ctx: &Context) -> TokenStream {
        let module = match &self.what {
            What::Module { module, .. } => Some(module),
            _ => None,
        };
        let (tokens, imports) = symbols::for_file(&ctx.symbols, &self.defines(ir), module, || self.emit_what(ir, ctx));
        with_imports(tokens, &imports)
    }

    /// The names the file's items and modules take: a prelude or import name
    /// among them is written in full in this file.
    fn defines(&self, ir: &CrateIr) -> Vec<String> {
        let owned = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
        match &self.what {
            What::Structure(s) => vec![s.path.name.clone(), s.builder_name()],
            What::Enum(e) => vec![e.path.name.clone()],
            What::Union(u) => vec![u.path.name.clone()],
            What::IntEnum(e) => vec![e.path.name.clone()],
            What::Module { module, entries, .. } => {
                let mut names = owned(&["error", "builders", "input", "output"]);
                for (stem, exports) in entries {
                    names.push(stem.clone());
                    names.extend(exports.iter().map(|export| match export {
                        Export::Type(name) | Export::Builder(name) => name.clone(),
                    }));
                }
                if let Module::Operation(name) = module {
                    if let Some(op) = ir.operations.iter().find(|o| &o.module == name) {
                        names.push(op.name.clone());
                        names.push(format!("{}Error", op.name));
                        names.extend(op.aliases.iter().map(|(alias, _)| alias.clone()));
                    }
                }
                names
            }
            What::OperationIndex => ir.operations.iter().map(|o| o.module.clone()).collect(),
            What::Patterns => owned(&["rules", "tests"]),
            What::Root { .. } => owned(&[
                "endpoint",
                "endpoint_tests",
                "operation",
                "patterns",
                "protocol_tests",
                "schemas",
                "server",
                "server_tests",
                "strategies",
                "types",
            ]),
            What::Server => owned(&["CONTENT_TYPE", "ROUTER", "Request", "parse", "reject", "router"]),
            What::Endpoint => owned(&[
                "Params",
                "Endpoint",
                "ResolveError",
                "RULE_SET",
                "PARTITIONS",
                "resolve",
                "rule_set",
            ]),
            What::Strategies
            | What::ProtocolTests(_)
            | What::Schemas
            | What::EndpointTests(_)
            | What::ServerTests(_) => Vec::new(),
        }
    }

    fn emit_what(&self, ir: &CrateIr, ctx: &Context) -> TokenStream {
        match &self.what {
            What::Structure(s) => structure::emit(s, ctx),
            What::Enum(e) => enumeration::emit(e),
            What::Union(u) => union::emit(u, ctx),
            What::IntEnum(e) => int_enum::emit(e),
            What::Module { module, doc, entries } => {
                let extra = match module {
                    Module::Types => quote!(
                        pub mod error;
                    ),
                    Module::Errors | Module::External(_) => TokenStream::new(),
                    Module::Operation(name) => ir
                        .operations
                        .iter()
                        .find(|o| &o.module == name)
                        .map(|op| {
                            let http = http::emit(op, ir);
                            let endpoint = endpoint::operation_params(op, ir);
                            operation::emit(op, quote!(#http #endpoint))
                        })
                        .unwrap_or_default(),
                };
                module_file(doc, entries, extra)
            }
            What::OperationIndex => {
                let operations = ir.operations.iter().map(|o| ident(&o.module));
                let op_docs = ir
                    .operations
                    .iter()
                    .map(|o| docs::doc_text(&format!(" The `{}` operation.", o.name)));
                quote! {
                    #![doc = " One module per operation."]
                    #(#[doc = #op_docs] pub mod #operations;)*
                }
            }
            What::Patterns => {
                let patterns = patterns::emit(&ir.patterns);
                let rules = rules::emit(ctx);
                quote!(#patterns #rules)
            }
            What::Schemas => schemas::emit(ir),
            What::Strategies => strategies::emit(ir, ctx),
            What::ProtocolTests(failures) => protocol_tests::emit(ir, failures).unwrap_or_default(),
            What::Endpoint => ir
                .endpoints
                .as_ref()
                .map(|e| endpoint::module(e, ir.service_name.as_deref().unwrap_or("the service")))
                .unwrap_or_default(),
            What::EndpointTests(failures) => endpoint::tests(ir, &protocol_tests::Shapes::new(ir), failures),
            What::Server => server::emit(ir),
            What::ServerTests(failures) => server_tests::emit(ir, failures),
            What::Root {
                strategies,
                protocol_tests,
                schemas,
                endpoint,
                endpoint_tests,
                server,
                server_tests,
            } => {
                let server_mod = server.then(|| {
                    quote!(
                        pub mod server;
                    )
                });
                let server_tests_mod = server_tests.then(|| {
                    quote! {
                        #[cfg(test)]
                        mod server_tests;
                    }
                });
                let endpoint_mod = endpoint.then(|| {
                    quote!(
                        pub mod endpoint;
                    )
                });
                let endpoint_tests_mod = endpoint_tests.then(|| {
                    quote! {
                        #[cfg(test)]
                        mod endpoint_tests;
                    }
                });
                let schemas_mod = schemas.then(|| {
                    quote!(
                        pub(crate) mod schemas;
                    )
                });
                let strategies_mod = strategies.then(|| {
                    quote! {
                        #[cfg(feature = "proptest")]
                        pub mod strategies;
                    }
                });
                let tests_mod = protocol_tests.then(|| {
                    quote! {
                        #[cfg(test)]
                        mod protocol_tests;
                    }
                });
                quote! {
                    #![doc = " Code generated from the Smithy model."]
                    #endpoint_mod
                    #endpoint_tests_mod
                    pub mod operation;
                    pub(crate) mod patterns;
                    #tests_mod
                    #schemas_mod
                    #server_mod
                    #server_tests_mod
                    #strategies_mod
                    pub mod types;
                }
            }
        }
    }

    /// A rough measure of the work this file takes, so that the largest files
    /// are started first when several threads share the jobs.
    pub fn weight(&self, ir: &CrateIr) -> usize {
        match &self.what {
            What::Structure(s) => 4 + s.fields.len(),
            What::Union(u) => 4 + u.variants.len(),
            What::Enum(e) => 2 + e.variants.len() / 4,
            What::IntEnum(e) => 2 + e.variants.len() / 4,
            What::Module { module, entries, .. } => match module {
                Module::Operation(_) => 16 + entries.len(),
                _ => 1 + entries.len() / 8,
            },
            What::Strategies => ir.structures.iter().map(|s| 2 + s.fields.len()).sum::<usize>() + ir.enums.len(),
            What::ProtocolTests(_) => 4 * (ir.protocol_tests.requests.len() + ir.protocol_tests.responses.len()),
            What::Endpoint => 4,
            What::EndpointTests(_) => ir.endpoints.as_ref().map_or(1, |e| 2 * e.tests.len()),
            What::Server => 2 * ir.operations.len(),
            What::ServerTests(_) => {
                let tests = &ir.protocol_tests;
                4 * (tests.server_requests.len() + tests.server_responses.len()) + 2 * tests.malformed.len()
            }
            What::Schemas => ir.structures.len() + ir.unions.len(),
            What::OperationIndex | What::Patterns | What::Root { .. } => 1,
        }
    }
}

fn module_dir(module: &Module) -> String {
    match module {
        Module::Types => "types".to_owned(),
        Module::Errors => "types/error".to_owned(),
        Module::Operation(name) => format!("operation/{name}"),
        // Never a folder of the generated tree (extern types are not generated).
        Module::External(module) => module.replace("::", "/"),
    }
}

fn module_file(doc: &str, entries: &[(String, Vec<Export>)], extra: TokenStream) -> TokenStream {
    let doc = docs::doc_text(&format!(" {doc}"));
    let mods = entries.iter().map(|(stem, _)| {
        let m = ident(stem);
        quote!(mod #m;)
    });
    let uses = entries.iter().flat_map(|(stem, names)| {
        let m = ident(stem);
        names
            .iter()
            .filter_map(|export| match export {
                Export::Type(n) => Some(ident(n)),
                Export::Builder(_) => None,
            })
            .map(move |n| quote!(pub use self::#m::#n;))
            .collect::<Vec<_>>()
    });
    let builders: Vec<TokenStream> = entries
        .iter()
        .flat_map(|(stem, names)| {
            let m = ident(stem);
            names
                .iter()
                .filter_map(|export| match export {
                    Export::Builder(n) => Some(ident(n)),
                    Export::Type(_) => None,
                })
                .map(move |n| quote!(pub use super::#m::#n;))
                .collect::<Vec<_>>()
        })
        .collect();
    let builders_mod = (!builders.is_empty()).then(|| {
        quote! {
            /// Builders for the types of this module.
            pub mod builders {
                #(#builders)*
            }
        }
    });
    quote! {
        #![doc = #doc]
        #(#mods)*
        #(#uses)*
        #builders_mod
        #extra
    }
}

/// `tokens` with the `use` items `imports` after its inner attributes
/// (`#![...]`, which must open a file).
fn with_imports(tokens: TokenStream, imports: &[TokenStream]) -> TokenStream {
    use proc_macro2::{Delimiter, TokenTree};
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut split = 0;
    while let [TokenTree::Punct(hash), TokenTree::Punct(bang), TokenTree::Group(group), ..] = &trees[split..] {
        if hash.as_char() != '#' || bang.as_char() != '!' || group.delimiter() != Delimiter::Bracket {
            break;
        }
        split += 3;
    }
    let (inner, rest) = trees.split_at(split);
    let mut out: TokenStream = inner.iter().cloned().collect();
    out.extend(imports.iter().cloned());
    out.extend(rest.iter().cloned());
    out
}
