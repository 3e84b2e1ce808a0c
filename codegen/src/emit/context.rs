//! What the per-shape emitters look up in the whole crate (today: pattern
//! constants), in a module of its own so that emitters depend on it and not on
//! the module that drives them.

use std::collections::BTreeMap;

use heck::ToShoutySnakeCase;

use super::validate;
use crate::ir::rust::{CrateIr, PatternDef, Protocol, ValueKind, ValueType};

/// Lookups the per-shape emitters need from the whole crate.
pub struct Context {
    pattern_consts: BTreeMap<String, PatternDef>,
    /// Constraint sets by their `Rules` expression: the constant's name.
    rules: BTreeMap<String, String>,
    /// Every constant of the `rules` module, in name order: a value position
    /// that has the set (to render it from) and the shape it was named after.
    rule_defs: BTreeMap<String, ValueType>,
    /// The crate's protocol.
    pub protocol: Protocol,
    /// Whether files write `Option`, `String`, ... short ([`super::prelude`]).
    pub short_prelude: bool,
}

impl Context {
    pub fn new(ir: &CrateIr) -> Self {
        let mut ctx = Self {
            pattern_consts: ir
                .patterns
                .iter()
                .map(|p| (p.translated.regex.clone(), p.clone()))
                .collect(),
            protocol: ir.protocol.clone(),
            short_prelude: super::prelude::free_in(ir),
            rules: BTreeMap::new(),
            rule_defs: BTreeMap::new(),
        };
        let fields = ir.structures.iter().flat_map(|s| s.fields.iter().map(|f| &f.value));
        let variants = ir
            .unions
            .iter()
            .flat_map(|u| u.variants.iter().filter_map(|v| v.value.as_ref()));
        for value in fields.chain(variants) {
            ctx.register_rules(value);
        }
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
        let base = v.shape.name().to_shouty_snake_case();
        let mut name = base.clone();
        let mut n = 1;
        while self.rule_defs.contains_key(&name) {
            n += 1;
            name = format!("{base}_{n}");
        }
        self.rules.insert(key, name.clone());
        self.rule_defs.insert(name, v.clone());
    }

    /// The constant of the `rules` module holding `v`'s constraints, if any.
    pub fn rules(&self, v: &ValueType) -> Option<proc_macro2::Ident> {
        self.rules
            .get(&self.rules_key(v)?)
            .map(|name| quote::format_ident!("{}", name))
    }

    /// The text of `v`'s `Rules` expression, the key of its constant: always
    /// written with full prelude paths, whichever form the file being emitted
    /// uses, so that a set registered here is found from any file.
    fn rules_key(&self, v: &ValueType) -> Option<String> {
        super::prelude::for_crate(false, || {
            validate::rules_expr(v, &|regex| self.pattern_const(regex)).map(|expr| expr.to_string())
        })
    }

    /// Whether the crate has constraint sets (and so a `rules` module).
    pub fn has_rules(&self) -> bool {
        !self.rule_defs.is_empty()
    }

    /// Every constant of the `rules` module: its name and a value position with its constraints.
    pub fn rule_defs(&self) -> impl Iterator<Item = (&String, &ValueType)> {
        self.rule_defs.iter()
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
