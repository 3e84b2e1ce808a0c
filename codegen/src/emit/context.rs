//! What the per-shape emitters look up in the whole crate (today: pattern
//! constants), in a module of its own so that emitters depend on it and not on
//! the module that drives them.

use std::collections::BTreeMap;

use crate::ir::rust::{CrateIr, PatternDef, Protocol};

/// Lookups the per-shape emitters need from the whole crate.
pub struct Context {
    pattern_consts: BTreeMap<String, PatternDef>,
    /// The crate's protocol.
    pub protocol: Protocol,
}

impl Context {
    pub fn new(ir: &CrateIr) -> Self {
        Self {
            pattern_consts: ir
                .patterns
                .iter()
                .map(|p| (p.translated.regex.clone(), p.clone()))
                .collect(),
            protocol: ir.protocol.clone(),
        }
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
