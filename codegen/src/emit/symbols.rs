//! The one table of paths generated code names things by: the runtime crate
//! (`::smithy_codegen_runtime` unless the settings say otherwise) and the
//! module the generated tree is mounted at (`crate`, or wherever a build
//! script's user includes it), both from [`crate::Mount`]; and whether the
//! prelude's names are written short (`emit::prelude`).
//!
//! Emitters write [`RUNTIME`] and [`ROOT`] where a path starts; the table for
//! the file being emitted is set on its thread ([`with`]), since token
//! streams never leave the thread that makes them. Generated modules thus
//! name the runtime by its own path, never through a re-export of the crate
//! they are in.

use std::cell::RefCell;

use proc_macro2::TokenStream;
use quote::ToTokens;

use crate::error::{CodegenError, Result};
use crate::Mount;

/// The paths of one crate's generated code, shared by every emitting thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbols {
    /// The runtime crate's path, as written (`::smithy_codegen_runtime`).
    pub runtime: String,
    /// The path of the module the generated tree is mounted at (`crate`).
    pub root: String,
    /// Whether the prelude's names are written short (no type of the crate
    /// takes one).
    pub short_prelude: bool,
}

impl Symbols {
    /// The table for `mount`; an error when either path is not a Rust path.
    pub fn new(mount: &Mount, short_prelude: bool) -> Result<Self> {
        for (what, path) in [("runtime", &mount.runtime), ("root", &mount.root)] {
            syn::parse_str::<syn::Path>(path).map_err(|e| CodegenError::Settings {
                message: format!("the {what} path `{path}` is not a Rust path: {e}"),
            })?;
        }
        Ok(Self {
            runtime: mount.runtime.clone(),
            root: mount.root.clone(),
            short_prelude,
        })
    }

    /// The same table with the prelude's names in full (for text that must
    /// not depend on the file it is emitted for).
    pub fn with_full_prelude(&self) -> Self {
        Self {
            short_prelude: false,
            ..self.clone()
        }
    }
}

impl Default for Symbols {
    fn default() -> Self {
        let mount = Mount::default();
        Self {
            runtime: mount.runtime,
            root: mount.root,
            short_prelude: false,
        }
    }
}

/// A table's paths as tokens, on the thread that emits.
struct Current {
    runtime: TokenStream,
    root: TokenStream,
    runtime_text: String,
    root_text: String,
    short_prelude: bool,
}

impl Current {
    fn of(symbols: &Symbols) -> Self {
        // Checked in `Symbols::new`; the default table is valid.
        let path = |text: &str| {
            syn::parse_str::<syn::Path>(text)
                .map(|p| p.to_token_stream())
                .unwrap_or_default()
        };
        Self {
            runtime: path(&symbols.runtime),
            root: path(&symbols.root),
            runtime_text: symbols.runtime.clone(),
            root_text: symbols.root.clone(),
            short_prelude: symbols.short_prelude,
        }
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Current>> = const { RefCell::new(None) };
    /// The module whose `mod.rs` is being emitted: its types are in scope
    /// there (re-exported), so they are named bare.
    static MODULE: RefCell<Option<crate::ir::rust::Module>> = const { RefCell::new(None) };
}

/// Runs `emit` for the `mod.rs` of `module` (see [`in_scope`]).
pub fn in_module<R>(module: &crate::ir::rust::Module, emit: impl FnOnce() -> R) -> R {
    struct Restore(Option<crate::ir::rust::Module>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            MODULE.with(|cell| *cell.borrow_mut() = previous);
        }
    }
    let previous = MODULE.with(|cell| cell.borrow_mut().replace(module.clone()));
    let _restore = Restore(previous);
    emit()
}

/// Whether types of `module` are in scope by their names in the file being
/// emitted (the module's own `mod.rs`).
pub fn in_scope(module: &crate::ir::rust::Module) -> bool {
    MODULE.with(|cell| cell.borrow().as_ref() == Some(module))
}

fn current<R>(read: impl FnOnce(&Current) -> R) -> R {
    CURRENT.with(|cell| match cell.borrow().as_ref() {
        Some(current) => read(current),
        None => read(&Current::of(&Symbols::default())),
    })
}

/// Runs `emit` with `symbols` as this thread's table, then restores the one
/// set before (also when `emit` panics).
pub fn with<R>(symbols: &Symbols, emit: impl FnOnce() -> R) -> R {
    struct Restore(Option<Current>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            CURRENT.with(|cell| *cell.borrow_mut() = previous);
        }
    }
    let previous = CURRENT.with(|cell| cell.borrow_mut().replace(Current::of(symbols)));
    let _restore = Restore(previous);
    emit()
}

/// Whether this thread's table writes the prelude's names short.
pub fn short_prelude() -> bool {
    current(|c| c.short_prelude)
}

/// The runtime crate's path as text, for doc links.
pub fn runtime_text() -> String {
    current(|c| c.runtime_text.clone())
}

/// The generated tree's mount point as text, for doc links (`crate`).
pub fn root_text() -> String {
    current(|c| c.root_text.clone())
}

/// The runtime crate: `#RUNTIME::wire::Plain`.
pub struct Runtime;
/// The module the generated tree is mounted at: `#ROOT::types::X`.
pub struct Root;

pub const RUNTIME: Runtime = Runtime;
pub const ROOT: Root = Root;

impl ToTokens for Runtime {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        current(|c| tokens.extend(c.runtime.clone()));
    }
}

impl ToTokens for Root {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        current(|c| tokens.extend(c.root.clone()));
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    #[test]
    fn paths_follow_the_table_set_on_this_thread() {
        let tokens = || quote!(#RUNTIME::wire::Plain; #ROOT::types::X);
        assert_eq!(
            tokens().to_string(),
            quote!(::smithy_codegen_runtime::wire::Plain; crate::types::X).to_string()
        );
        let mount = Mount {
            runtime: "::rt".into(),
            root: "crate::weather".into(),
        };
        let symbols = Symbols::new(&mount, false).expect("valid paths");
        let inside = with(&symbols, || (tokens().to_string(), root_text()));
        assert_eq!(
            inside.0,
            quote!(::rt::wire::Plain; crate::weather::types::X).to_string()
        );
        assert_eq!(inside.1, "crate::weather");
        // Restored afterwards, also after a panic.
        assert_eq!(root_text(), "crate");
        let _ = std::panic::catch_unwind(|| with(&symbols, || panic!("emit failed")));
        assert_eq!(root_text(), "crate");
    }

    #[test]
    fn a_mount_that_is_not_a_path_is_refused() {
        let mount = Mount {
            runtime: "::rt".into(),
            root: "crate::".into(),
        };
        let error = Symbols::new(&mount, false).expect_err("not a path");
        assert!(error.to_string().contains("`crate::`"), "{error}");
    }
}
