//! Names of the standard prelude (`Option`, `Some`, `Result`, `String`,
//! `Clone`, `Default`, ...) in generated code.
//!
//! A model may name a shape `Option` or `Result`, and the file defining it
//! would then capture the bare name: there (and only there) the name is
//! written in full (`::std::option::Option`); everywhere else short. Which
//! names a file defines is the emitting thread's table's
//! (`emit::symbols`).

use proc_macro2::{Ident, Punct, Spacing, Span, TokenStream};
use quote::{ToTokens, TokenStreamExt};

use super::symbols;

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
    pub(super) fn short(&self) -> &'static str {
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
pub(super) const ALL: [PreludeName; 19] = [
    OPTION, SOME, NONE, RESULT, OK, ERR, STRING, VEC, BOX, DEFAULT, CLONE, COPY, PARTIAL_EQ, EQ, INTO, FROM, AS_REF,
    DEBUG, HASH,
];

impl ToTokens for PreludeName {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        if symbols::prelude_short(self.short()) {
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

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    #[test]
    fn names_are_short_unless_the_file_defines_them() {
        let tokens = || quote!(#OPTION<#STRING> = #SOME(#VEC::new()); #RESULT<(), ()> = #ERR(()); #NONE; #OK; #BOX);
        let (short, _) = symbols::for_file(&symbols::Symbols::default(), &[], None, tokens);
        assert_eq!(
            short.to_string(),
            quote!(Option<String> = Some(Vec::new()); Result<(), ()> = Err(()); None; Ok; Box).to_string()
        );
        let defines = ["Option".to_owned(), "Box".to_owned()];
        let (shadowed, _) = symbols::for_file(&symbols::Symbols::default(), &defines, None, tokens);
        assert_eq!(
            shadowed.to_string(),
            quote!(::std::option::Option<String> = Some(Vec::new());
                Result<(), ()> = Err(()); None; Ok; ::std::boxed::Box)
            .to_string()
        );
        let full = symbols::full_paths(true, tokens);
        assert!(full.to_string().starts_with(":: std :: option :: Option"), "{full}");
    }
}
