//! Stage 3, emit: IR -> one token stream per file, laid out like the AWS SDK
//! (`types`, `types::error`, `operation::<name>`). Items are collected in
//! `BTreeMap`s keyed by path, so output order never depends on hash order.

mod builder;
mod context;
mod defaults;
mod docs;
mod enumeration;
mod http;
mod int_enum;
mod operation;
mod patterns;
mod protocol_tests;
mod serde_impls;
mod strategies;
mod structure;
mod types;
mod union;
pub mod validate;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::rust::{CrateIr, Export, Module, StructureDef};
pub use context::Context;
use types::ident;

/// A file to write, relative to the generated module's directory.
pub struct EmittedFile {
    pub path: String,
    pub tokens: TokenStream,
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
    let ctx = Context::new(ir);
    let mut files: BTreeMap<String, TokenStream> = BTreeMap::new();
    // module -> (file stem, what the file exports)
    let mut modules: BTreeMap<Module, Vec<(String, Vec<Export>)>> = BTreeMap::new();

    for s in &ir.structures {
        let dir = module_dir(&s.path.module);
        files.insert(format!("{dir}/{}.rs", file_stem(s)), structure::emit(s, &ctx));
        modules.entry(s.path.module.clone()).or_default().push((
            file_stem(s),
            vec![
                Export::Type(s.path.name.clone()),
                Export::Builder(format!("{}Builder", s.path.name)),
            ],
        ));
    }
    for e in &ir.enums {
        let dir = module_dir(&e.path.module);
        files.insert(format!("{dir}/{}.rs", e.file), enumeration::emit(e));
        modules
            .entry(e.path.module.clone())
            .or_default()
            .push((e.file.clone(), vec![Export::Type(e.path.name.clone())]));
    }
    for u in &ir.unions {
        let dir = module_dir(&u.path.module);
        files.insert(format!("{dir}/{}.rs", u.file), union::emit(u, &ctx));
        modules
            .entry(u.path.module.clone())
            .or_default()
            .push((u.file.clone(), vec![Export::Type(u.path.name.clone())]));
    }
    for e in &ir.int_enums {
        let dir = module_dir(&e.path.module);
        files.insert(format!("{dir}/{}.rs", e.file), int_enum::emit(e));
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

    for (module, entries) in &modules {
        let mut entries = entries.clone();
        entries.sort();
        let dir = module_dir(module);
        let op = match module {
            Module::Operation(name) => ir.operations.iter().find(|o| &o.module == name),
            _ => None,
        };
        let extra = match module {
            Module::Types => quote!(
                pub mod error;
            ),
            Module::Errors => TokenStream::new(),
            Module::Operation(_) => op
                .map(|op| {
                    let marker = operation::emit(op);
                    let functions = http::emit(op, ir);
                    quote!(#marker #functions)
                })
                .unwrap_or_default(),
        };
        let doc = match (module, op) {
            (Module::Types, _) => "Structures and enums of the model.".to_owned(),
            (Module::Errors, _) => "Errors the service can return.".to_owned(),
            (Module::Operation(_), Some(op)) => format!("The `{}` operation: input, output and errors.", op.name),
            (Module::Operation(name), None) => format!("The `{name}` operation."),
        };
        files.insert(format!("{dir}/mod.rs"), module_file(&dir, &doc, &entries, extra));
    }
    let operations = ir.operations.iter().map(|o| ident(&o.module));
    let op_docs = ir.operations.iter().map(|o| format!(" The `{}` operation.", o.name));
    files.insert(
        "operation/mod.rs".to_owned(),
        quote! {
            #![doc = " One module per operation."]
            #(#[doc = #op_docs] pub mod #operations;)*
        },
    );
    files.insert("patterns.rs".to_owned(), patterns::emit(&ir.patterns));
    let strategies_mod = strategies.then(|| {
        files.insert("strategies.rs".to_owned(), strategies::emit(ir, &ctx));
        quote! {
            #[cfg(feature = "proptest")]
            pub mod strategies;
        }
    });
    let tests_mod = protocol_tests
        .and_then(|failures| protocol_tests::emit(ir, failures))
        .map(|tokens| {
            files.insert("protocol_tests.rs".to_owned(), tokens);
            quote! {
                #[cfg(test)]
                mod protocol_tests;
            }
        });
    files.insert(
        "mod.rs".to_owned(),
        quote! {
            #![doc = " Code generated from the Smithy model."]
            pub mod operation;
            pub(crate) mod patterns;
            #tests_mod
            #strategies_mod
            pub mod types;
        },
    );
    files
        .into_iter()
        .map(|(path, tokens)| EmittedFile { path, tokens })
        .collect()
}

fn file_stem(s: &StructureDef) -> String {
    match &s.path.module {
        Module::Operation(_) if s.path.name.ends_with("Input") => "input".to_owned(),
        Module::Operation(_) if s.path.name.ends_with("Output") => "output".to_owned(),
        _ => s.file.clone(),
    }
}

fn module_dir(module: &Module) -> String {
    match module {
        Module::Types => "types".to_owned(),
        Module::Errors => "types/error".to_owned(),
        Module::Operation(name) => format!("operation/{name}"),
    }
}

fn module_file(dir: &str, doc: &str, entries: &[(String, Vec<Export>)], extra: TokenStream) -> TokenStream {
    let doc = format!(" {doc}");
    let parent = dir.rsplit('/').next().unwrap_or(dir);
    let mods = entries.iter().map(|(stem, _)| {
        let m = ident(stem);
        if stem == parent {
            // A shape named like its module (an error called `Error`).
            quote!(#[allow(clippy::module_inception)] mod #m;)
        } else {
            quote!(mod #m;)
        }
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
