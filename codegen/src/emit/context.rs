//! What the per-shape emitters look up in the whole crate (today: pattern
//! constants), in a module of its own so that emitters depend on it and not on
//! the module that drives them.

use std::collections::BTreeMap;

use heck::ToShoutySnakeCase;
use proc_macro2::TokenStream;

use super::symbols::{self, Symbols, RULES};
use super::validate;
use crate::error::Result;
use crate::ir::rust::{CrateIr, PatternDef, Protocol, ValueKind, ValueType};
use crate::Mount;

/// Lookups the per-shape emitters need from the whole crate.
pub struct Context {
    pattern_consts: BTreeMap<String, PatternDef>,
    /// Constraint sets by their `Rules` expression: the constant's name.
    rules: BTreeMap<String, String>,
    /// Every constant of the `rules` module, in name order: a value position
    /// that has the set (for its docs) and the expression's text.
    rule_defs: BTreeMap<String, (ValueType, String)>,
    /// Some checked position has no rules of its own ([`Context::uses_none`]).
    uses_none: bool,
    /// The crate's protocol.
    pub protocol: Protocol,
    /// The paths generated code names things by ([`super::symbols`]).
    pub symbols: Symbols,
}

impl Context {
    /// The context of `ir`'s files, mounted at `mount`; an error when the
    /// mount's paths are not Rust paths.
    pub fn new(ir: &CrateIr, mount: &Mount) -> Result<Self> {
        Ok(Self::with_symbols(ir, Symbols::new(mount)?))
    }

    /// The context of `ir`'s files with the default mount (a generated crate).
    pub fn for_crate(ir: &CrateIr) -> Self {
        Self::with_symbols(ir, Symbols::default())
    }

    fn with_symbols(ir: &CrateIr, symbols: Symbols) -> Self {
        let mut ctx = Self {
            pattern_consts: ir
                .patterns
                .iter()
                .map(|p| (p.translated.regex.clone(), p.clone()))
                .collect(),
            protocol: ir.protocol.clone(),
            symbols,
            rules: BTreeMap::new(),
            rule_defs: BTreeMap::new(),
            uses_none: false,
        };
        let fields = ir.structures.iter().flat_map(|s| s.fields.iter().map(|f| &f.value));
        let variants = ir
            .unions
            .iter()
            .flat_map(|u| u.variants.iter().filter_map(|v| v.value.as_ref()));
        for value in fields.chain(variants) {
            ctx.register_rules(value);
        }
        let checked_fields = ir.structures.iter().flat_map(|s| {
            s.fields
                .iter()
                .filter(|f| validate::member_checked(f))
                .map(|f| &f.value)
        });
        let checked_variants = ir.unions.iter().flat_map(|u| {
            u.variants
                .iter()
                .filter_map(|v| v.value.as_ref().filter(|value| validate::has_checks(value)))
        });
        ctx.uses_none = checked_fields.chain(checked_variants).any(|v| ctx.rules(v).is_none());
        ctx
    }

    /// Gives `v`'s constraint set (and those of its items) a constant, named
    /// after the first shape that has it.
    fn register_rules(&mut self, v: &ValueType) {
        match &v.kind {
            ValueKind::List { element, .. } => self.register_rules(element),
            ValueKind::Map { key, value, .. } => {
                self.register_rules(key);
                self.register_rules(value);
            }
            _ => {}
        }
        let Some(key) = self.rules_key(v) else {
            return;
        };
        if self.rules.contains_key(&key) {
            return;
        }
        let text = key.clone();
        let base = v.shape.name().to_shouty_snake_case();
        let mut name = base.clone();
        let mut n = 1;
        while self.rule_defs.contains_key(&name) {
            n += 1;
            name = format!("{base}_{n}");
        }
        self.rules.insert(key, name.clone());
        self.rule_defs.insert(name, (v.clone(), text));
    }

    /// The constant of the `rules` module holding `v`'s rules, if any.
    pub fn rules(&self, v: &ValueType) -> Option<proc_macro2::Ident> {
        self.rules
            .get(&self.rules_key(v)?)
            .map(|name| quote::format_ident!("{}", name))
    }

    /// A reference to `v`'s rules for a check: its constant, or `Rules::NONE`
    /// where the position adds nothing (a structure's members check
    /// themselves).
    pub fn rules_ref(&self, v: &ValueType) -> TokenStream {
        let name = self.rules(v).unwrap_or_else(|| quote::format_ident!("NONE"));
        quote::quote!(&#RULES::#name)
    }

    /// The text of `v`'s `Rules` expression, the key of its constant: written
    /// the same whichever file asks and wherever the tree is mounted, so that
    /// a set registered here is found from any file. Nested
    /// positions name their constants (siblings in the `rules` module).
    fn rules_key(&self, v: &ValueType) -> Option<String> {
        symbols::file_independent(|| {
            let child = |item: &ValueType| match self.rules(item) {
                Some(name) => quote::quote!(&#name),
                None => quote::quote!(&Rules::NONE),
            };
            validate::rules_expr(v, &|regex| self.pattern_const(regex), &child).map(|expr| expr.to_string())
        })
    }

    /// Whether a position of the crate is checked against no rules of its
    /// own (a structure held as is), so the `rules` module has `NONE`.
    pub fn uses_none(&self) -> bool {
        self.uses_none
    }

    /// Every constant of the `rules` module: its name, a value position with
    /// its rules, and the expression's text.
    pub fn rule_defs(&self) -> impl Iterator<Item = (&String, &ValueType, &str)> {
        self.rule_defs.iter().map(|(name, (v, text))| (name, v, text.as_str()))
    }

    /// The constant holding a translated pattern.
    pub fn pattern_const(&self, regex: &str) -> Option<String> {
        self.pattern_consts.get(regex).map(|p| p.const_name.clone())
    }

    /// The definition of a translated pattern.
    pub fn pattern(&self, regex: &str) -> Option<&PatternDef> {
        self.pattern_consts.get(regex)
    }
}
