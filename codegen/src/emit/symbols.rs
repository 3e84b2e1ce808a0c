//! The one policy for every path generated code writes, decided here, where
//! the facts are: the runtime crate and the generated tree's mount point
//! (both from [`crate::Mount`]), the modules a file imports by a short name,
//! and the prelude's names, written short unless the file defines an item of
//! that name. The format stage only lays out what this module decided.
//!
//! Emitters write [`RUNTIME`], [`STRATEGIES`], [`TYPES`], [`OPERATION`],
//! [`RULES`], [`SCHEMAS`], [`FMT`] (`runtime::x`, `types::X`, ...) and [`ROOT`] (the
//! mount point itself) where a path starts; each records the `use` the file
//! then needs ([`for_file`] returns them). Inside an inline module, which a
//! file's imports do not reach, and for text that must not depend on the
//! file ([`full_paths`]), they write the whole path instead. The table is set
//! on the thread that emits the file, since token streams never leave it.

use std::cell::RefCell;
use std::collections::BTreeSet;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, ToTokens};

use crate::error::{CodegenError, Result};
use crate::ir::rust::Module;
use crate::Mount;

/// The paths of one crate's generated code, shared by every emitting thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbols {
    /// The runtime crate's path, as written (`::smithy_codegen_runtime`).
    pub runtime: String,
    /// The path of the module the generated tree is mounted at (`crate`).
    pub root: String,
}

impl Symbols {
    /// The table for `mount`; an error when either path is not a Rust path.
    pub fn new(mount: &Mount) -> Result<Self> {
        for (what, path) in [("runtime", &mount.runtime), ("root", &mount.root)] {
            syn::parse_str::<syn::Path>(path).map_err(|e| CodegenError::Settings {
                message: format!("the {what} path `{path}` is not a Rust path: {e}"),
            })?;
        }
        Ok(Self {
            runtime: mount.runtime.trim_end_matches("::").to_owned(),
            root: mount.root.trim_end_matches("::").to_owned(),
        })
    }
}

impl Default for Symbols {
    fn default() -> Self {
        let mount = Mount::default();
        Self {
            runtime: mount.runtime,
            root: mount.root,
        }
    }
}

/// A module generated files name often, by a short name and a `use`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Import {
    Runtime,
    Strategies,
    Types,
    Operation,
    Rules,
    Schemas,
    Fmt,
}

impl Import {
    /// The short name the file uses.
    fn name(self) -> &'static str {
        match self {
            Import::Runtime => "runtime",
            Import::Strategies => "strategies",
            Import::Types => "types",
            Import::Operation => "operation",
            Import::Rules => "rules",
            Import::Schemas => "schemas",
            Import::Fmt => "fmt",
        }
    }

    /// The whole path of the module.
    fn path(self, symbols: &Symbols) -> String {
        match self {
            Import::Runtime => symbols.runtime.clone(),
            Import::Strategies => format!("{}::strategies", symbols.runtime),
            Import::Types => format!("{}::types", symbols.root),
            Import::Operation => format!("{}::operation", symbols.root),
            Import::Rules => format!("{}::patterns::rules", symbols.root),
            Import::Schemas => format!("{}::schemas", symbols.root),
            Import::Fmt => "::std::fmt".to_owned(),
        }
    }

    /// `use <path>;`, or `use <path> as <name>;` where the names differ
    /// (`std` is written as the 2018 edition writes it).
    pub fn item(self, symbols: &Symbols) -> TokenStream {
        let path = self.path(symbols);
        let path = path
            .strip_prefix("::std::")
            .map_or(path.clone(), |rest| format!("std::{rest}"));
        let tokens: TokenStream = path.parse().unwrap_or_default();
        let last = path.rsplit("::").next().unwrap_or_default();
        if last == self.name() {
            quote!(use #tokens;)
        } else {
            let name = Ident::new(self.name(), Span::call_site());
            quote!(use #tokens as #name;)
        }
    }
}

/// What the file being emitted on this thread writes paths by.
struct Current {
    symbols: Symbols,
    /// Names the file's items and modules take: prelude and import names
    /// among them are written in full.
    shadowed: BTreeSet<String>,
    /// Whole paths for everything (inline modules, file-independent text).
    full: bool,
    /// The module whose `mod.rs` this is: its types are named bare.
    module: Option<Module>,
    /// The imports the file's tokens need so far.
    used: BTreeSet<Import>,
}

thread_local! {
    static CURRENT: RefCell<Option<Current>> = const { RefCell::new(None) };
}

fn current<R>(read: impl FnOnce(&mut Current) -> R) -> R {
    CURRENT.with(|cell| {
        let mut cell = cell.borrow_mut();
        let current = cell.get_or_insert_with(whole_paths);
        read(current)
    })
}

/// A table that writes whole paths with the default mount (for code emitted
/// outside any file, such as tests').
fn whole_paths() -> Current {
    Current {
        symbols: Symbols::default(),
        shadowed: BTreeSet::new(),
        full: true,
        module: None,
        used: BTreeSet::new(),
    }
}

/// Runs `emit` with `table` as this thread's, then restores the one before
/// (also when `emit` panics) and returns `table` as `emit` left it.
fn scoped<R>(table: Current, emit: impl FnOnce() -> R) -> (R, Current) {
    struct Restore(Option<Current>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            CURRENT.with(|cell| *cell.borrow_mut() = previous);
        }
    }
    let previous = CURRENT.with(|cell| cell.borrow_mut().replace(table));
    let restore = Restore(previous);
    let result = emit();
    let table = CURRENT
        .with(|cell| cell.borrow_mut().take())
        .unwrap_or_else(whole_paths);
    drop(restore);
    (result, table)
}

/// Emits one file: `defines` are the names its items and modules take
/// (prelude names and import names among them are written in full in it),
/// `module` the module whose
/// `mod.rs` it is. Returns the tokens and the imports they need, in order.
pub fn for_file(
    symbols: &Symbols,
    defines: &[String],
    module: Option<&Module>,
    emit: impl FnOnce() -> TokenStream,
) -> (TokenStream, Vec<TokenStream>) {
    let table = Current {
        symbols: symbols.clone(),
        shadowed: defines.iter().cloned().collect(),
        full: false,
        module: module.cloned(),
        used: BTreeSet::new(),
    };
    let (tokens, table) = scoped(table, emit);
    let mut imports: Vec<(String, TokenStream)> = table
        .used
        .iter()
        .map(|import| {
            let item = import.item(symbols);
            (import.path(symbols).trim_start_matches("::").to_owned(), item)
        })
        .collect();
    // In path order, as rustfmt sorts imports.
    imports.sort_by(|a, b| a.0.cmp(&b.0));
    (tokens, imports.into_iter().map(|(_, item)| item).collect())
}

/// Runs `emit` writing whole paths (an inline module's contents, which the
/// file's imports do not reach; text keyed the same from every file). The
/// prelude's names stay short unless `full_prelude`.
pub fn full_paths<R>(full_prelude: bool, emit: impl FnOnce() -> R) -> R {
    let table = current(|c| Current {
        symbols: c.symbols.clone(),
        shadowed: if full_prelude {
            prelude_names()
        } else {
            c.shadowed.clone()
        },
        full: true,
        module: None,
        used: BTreeSet::new(),
    });
    scoped(table, emit).0
}

/// Runs `emit` writing text that is the same in every file and under every
/// mount: whole paths from the default mount, the prelude in full (keys of
/// tables shared by files, never written out).
pub fn file_independent<R>(emit: impl FnOnce() -> R) -> R {
    let table = Current {
        shadowed: prelude_names(),
        ..whole_paths()
    };
    scoped(table, emit).0
}

/// Runs `emit` with `symbols` as the whole-path table (for tests and text
/// that does not belong to a file).
pub fn with<R>(symbols: &Symbols, emit: impl FnOnce() -> R) -> R {
    let table = Current {
        symbols: symbols.clone(),
        ..whole_paths()
    };
    scoped(table, emit).0
}

fn prelude_names() -> BTreeSet<String> {
    super::prelude::ALL.iter().map(|p| p.short().to_owned()).collect()
}

/// Whether the prelude's name `name` is written short in this file.
pub fn prelude_short(name: &str) -> bool {
    current(|c| !c.shadowed.contains(name))
}

/// Whether types of `module` are named bare here (its own `mod.rs`).
pub fn in_scope(module: &Module) -> bool {
    current(|c| !c.full && c.module.as_ref() == Some(module))
}

/// The runtime crate's path as text, for doc links.
pub fn runtime_text() -> String {
    current(|c| c.symbols.runtime.clone())
}

/// The generated tree's mount point as text, for doc links (`crate`).
pub fn root_text() -> String {
    current(|c| c.symbols.root.clone())
}

/// A module by its short name (recording its import), or by its whole path.
fn module_tokens(import: Import, tokens: &mut TokenStream) {
    let written = current(|c| {
        // A file that declares an item of the short name (a module `types`)
        // names the other one in full.
        if c.full || c.shadowed.contains(import.name()) {
            import.path(&c.symbols)
        } else {
            c.used.insert(import);
            import.name().to_owned()
        }
    });
    tokens.extend(written.parse::<TokenStream>().unwrap_or_default());
}

/// A path-start symbol.
pub struct Symbol(Import);

/// The runtime crate: `#RUNTIME::wire::Plain`.
pub const RUNTIME: Symbol = Symbol(Import::Runtime);
/// The runtime's strategies: `#STRATEGIES::list(...)`.
pub const STRATEGIES: Symbol = Symbol(Import::Strategies);
/// The generated `types` module: `#TYPES::AbortConfig`.
pub const TYPES: Symbol = Symbol(Import::Types);
/// The generated `operation` module: `#OPERATION::get_thing::GetThingInput`.
pub const OPERATION: Symbol = Symbol(Import::Operation);
/// The constraint statics: `#RULES::JOB_ID`.
pub const RULES: Symbol = Symbol(Import::Rules);
/// The XML protocols' schemas: `#SCHEMAS::GET_THING_INPUT`.
pub const SCHEMAS: Symbol = Symbol(Import::Schemas);
/// `std::fmt`: `#FMT::Formatter`.
pub const FMT: Symbol = Symbol(Import::Fmt);

impl ToTokens for Symbol {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        module_tokens(self.0, tokens);
    }
}

/// The module the generated tree is mounted at, always in full:
/// `#ROOT::patterns::X`.
pub struct Root;
pub const ROOT: Root = Root;

impl ToTokens for Root {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let root = current(|c| c.symbols.root.clone());
        tokens.extend(root.parse::<TokenStream>().unwrap_or_default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_paths_record_their_imports() {
        let mount = Mount {
            runtime: "::rt".into(),
            root: "crate::weather".into(),
        };
        let symbols = Symbols::new(&mount).expect("valid paths");
        let (tokens, imports) = for_file(&symbols, &[], None, || {
            let inline = full_paths(false, || quote!(#RUNTIME::x));
            quote!(#RUNTIME::wire::Plain; #TYPES::X; #FMT::Debug; #inline)
        });
        assert_eq!(
            tokens.to_string(),
            quote!(runtime::wire::Plain; types::X; fmt::Debug; ::rt::x).to_string()
        );
        let imports: Vec<String> = imports.iter().map(ToString::to_string).collect();
        assert_eq!(
            imports,
            [
                quote!(
                    use crate::weather::types;
                )
                .to_string(),
                quote!(
                    use ::rt as runtime;
                )
                .to_string(),
                quote!(
                    use std::fmt;
                )
                .to_string(),
            ]
        );
        assert_eq!(root_text(), "crate", "restored afterwards");
        let _ = std::panic::catch_unwind(|| for_file(&symbols, &[], None, || panic!("emit failed")));
        assert_eq!(root_text(), "crate");
    }

    #[test]
    fn a_module_of_the_import_name_keeps_the_whole_path() {
        let defines = ["types".to_owned()];
        let (tokens, imports) = for_file(&Symbols::default(), &defines, None, || quote!(#TYPES::X; #RUNTIME::y));
        assert_eq!(tokens.to_string(), quote!(crate::types::X; runtime::y).to_string());
        assert_eq!(imports.len(), 1, "only the runtime is imported");
    }

    #[test]
    fn a_mount_that_is_not_a_path_is_refused() {
        let mount = Mount {
            runtime: "::rt".into(),
            root: "crate::".into(),
        };
        let error = Symbols::new(&mount).expect_err("not a path");
        assert!(error.to_string().contains("`crate::`"), "{error}");
    }
}
