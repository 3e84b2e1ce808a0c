//! Placement and naming: Rust paths must not collide, and names within a
//! scope are made unique.

use super::*;

pub(super) fn check_collisions(paths: &BTreeMap<ShapeId, RustPath>) -> Result<()> {
    let mut seen: BTreeMap<(&Module, String), &ShapeId> = BTreeMap::new();
    for (id, path) in paths {
        // Files are named in snake case, so `FooBar` and `Foobar`-style pairs collide too.
        let key = (&path.module, names::module_name(&path.name));
        if let Some(other) = seen.insert(key, id) {
            return Err(CodegenError::NameCollision {
                id: id.to_string(),
                message: format!(
                    "`{other}` and `{id}` both become `{}` (or its file)",
                    path.segments().join("::")
                ),
            });
        }
    }
    Ok(())
}

/// Gives each name a unique spelling by suffixing repeats (`name`, `name_2`, ...).
pub(super) struct UniqueNames {
    taken: BTreeSet<String>,
    separator: &'static str,
}

impl UniqueNames {
    pub(super) fn new(reserved: &[&str], separator: &'static str) -> Self {
        Self {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
            separator,
        }
    }

    pub(super) fn claim(&mut self, wanted: String) -> String {
        if self.taken.insert(wanted.clone()) {
            return wanted;
        }
        // `r#type` repeated becomes `type_2`, which needs no escaping.
        let base = wanted.strip_prefix("r#").unwrap_or(&wanted).to_owned();
        (2..)
            .map(|n| format!("{base}{}{n}", self.separator))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or(wanted)
    }
}
