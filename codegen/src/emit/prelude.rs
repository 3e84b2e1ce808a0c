//! Names of the standard prelude (`Option`, `Some`, `Result`, `String`,
//! `Clone`, `Default`, ...) in generated code.
//!
//! A model may name a shape `Option` or `Result`, and the file defining it
//! would then capture the bare name; so in such a crate the emitter writes
//! every prelude path in full (`::std::option::Option`), and the format stage
//! shortens each one in the files that define no item of that name. When no
//! type of the crate takes one of these names (nearly always), the emitter
//! writes them short at once: the same files, from nearly a quarter fewer
//! tokens to build, re-parse and shorten (whole IoT model: 1.93M -> 1.48M).
//! Which form applies is part of the emitting thread's table of paths
//! ([`super::symbols`]).

use proc_macro2::{Ident, Punct, Spacing, Span, TokenStream};
use quote::{ToTokens, TokenStreamExt};

use super::symbols;
use crate::ir::rust::CrateIr;

/// A prelude name, written short or in full (see the module docs).
#[derive(Debug, Clone, Copy)]
pub struct PreludeName {
    /// The `std` module and the type: `option`, `Option`.
    module: &'static str,
    ty: &'static str,
    /// The variant the name stands for (`Some`), if any.
    variant: Option<&'static str>,
}

impl PreludeName {
    const fn ty(module: &'static str, ty: &'static str) -> Self {
        Self {
            module,
            ty,
            variant: None,
        }
    }

    const fn variant(module: &'static str, ty: &'static str, variant: &'static str) -> Self {
        Self {
            module,
            ty,
            variant: Some(variant),
        }
    }

    /// The name the prelude gives it.
    fn short(&self) -> &'static str {
        self.variant.unwrap_or(self.ty)
    }
}

pub const OPTION: PreludeName = PreludeName::ty("option", "Option");
pub const SOME: PreludeName = PreludeName::variant("option", "Option", "Some");
pub const NONE: PreludeName = PreludeName::variant("option", "Option", "None");
pub const RESULT: PreludeName = PreludeName::ty("result", "Result");
pub const OK: PreludeName = PreludeName::variant("result", "Result", "Ok");
pub const ERR: PreludeName = PreludeName::variant("result", "Result", "Err");
pub const STRING: PreludeName = PreludeName::ty("string", "String");
pub const VEC: PreludeName = PreludeName::ty("vec", "Vec");
pub const BOX: PreludeName = PreludeName::ty("boxed", "Box");
pub const DEFAULT: PreludeName = PreludeName::ty("default", "Default");
pub const CLONE: PreludeName = PreludeName::ty("clone", "Clone");
pub const COPY: PreludeName = PreludeName::ty("marker", "Copy");
pub const PARTIAL_EQ: PreludeName = PreludeName::ty("cmp", "PartialEq");
pub const EQ: PreludeName = PreludeName::ty("cmp", "Eq");
pub const INTO: PreludeName = PreludeName::ty("convert", "Into");
pub const FROM: PreludeName = PreludeName::ty("convert", "From");
pub const AS_REF: PreludeName = PreludeName::ty("convert", "AsRef");
/// The `Debug` and `Hash` derive macros (the prelude names them; their
/// traits are in `std::fmt` and `std::hash`).
pub const DEBUG: PreludeName = PreludeName::ty("fmt", "Debug");
pub const HASH: PreludeName = PreludeName::ty("hash", "Hash");

/// Every name above, for the check that a crate leaves them free.
const ALL: [PreludeName; 19] = [
    OPTION, SOME, NONE, RESULT, OK, ERR, STRING, VEC, BOX, DEFAULT, CLONE, COPY, PARTIAL_EQ, EQ, INTO, FROM, AS_REF,
    DEBUG, HASH,
];

impl ToTokens for PreludeName {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        if symbols::short_prelude() {
            tokens.append(Ident::new(self.short(), Span::call_site()));
            return;
        }
        let segments = ["std", self.module, self.ty].into_iter().chain(self.variant);
        for segment in segments {
            tokens.append(Punct::new(':', Spacing::Joint));
            tokens.append(Punct::new(':', Spacing::Alone));
            tokens.append(Ident::new(segment, Span::call_site()));
        }
    }
}

/// Whether `ir`'s files may use the short names: no type, operation or alias
/// of the crate takes one (the crate's other items are snake_case functions and
/// upper-case constants, which never do).
pub fn free_in(ir: &CrateIr) -> bool {
    let types = ir
        .structures
        .iter()
        .map(|s| &s.path.name)
        .chain(ir.enums.iter().map(|e| &e.path.name))
        .chain(ir.int_enums.iter().map(|e| &e.path.name))
        .chain(ir.unions.iter().map(|u| &u.path.name));
    let operations = ir
        .operations
        .iter()
        .flat_map(|op| std::iter::once(&op.name).chain(op.aliases.iter().map(|(alias, _)| alias)));
    let mut names = types.chain(operations);
    !names.any(|name| ALL.iter().any(|p| p.short() == name.trim_start_matches("r#")))
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    #[test]
    fn names_are_short_only_where_set() {
        let tokens = || quote!(#OPTION<#STRING> = #SOME(#VEC::new()); #RESULT<(), ()> = #ERR(()); #NONE; #OK; #BOX);
        assert_eq!(
            tokens().to_string(),
            quote!(::std::option::Option<::std::string::String> = ::std::option::Option::Some(::std::vec::Vec::new());
                ::std::result::Result<(), ()> = ::std::result::Result::Err(()); ::std::option::Option::None;
                ::std::result::Result::Ok; ::std::boxed::Box)
            .to_string()
        );
        let short = symbols::Symbols {
            short_prelude: true,
            ..symbols::Symbols::default()
        };
        let short = symbols::with(&short, tokens);
        assert_eq!(
            short.to_string(),
            quote!(Option<String> = Some(Vec::new()); Result<(), ()> = Err(()); None; Ok; Box).to_string()
        );
        assert!(!symbols::short_prelude(), "restored afterwards");
    }

    #[test]
    fn a_type_named_like_a_prelude_name_keeps_full_paths() {
        let crate_of = |shape: &str| {
            let model = format!(
                r#"{{"smithy": "2.0", "shapes": {{
                    "ex#Get": {{"type": "operation", "input": {{"target": "ex#GetRequest"}}}},
                    "ex#GetRequest": {{"type": "structure", "members": {{"a": {{"target": "ex#{shape}"}}}}}},
                    "ex#{shape}": {{"type": "structure", "members": {{"b": {{"target": "smithy.api#String"}}}}}}
                }}}}"#
            );
            let model = crate::ir::Model::from_json(&model).expect("resolves");
            crate::ir::rust::build(&model, &["Get"], crate::ir::pattern::Dialect::Ecma).expect("builds")
        };
        assert!(free_in(&crate_of("Settings")));
        for taken in ["Result", "Option", "String", "Some", "Box", "Default", "From"] {
            assert!(!free_in(&crate_of(taken)), "{taken}");
        }
    }
}
