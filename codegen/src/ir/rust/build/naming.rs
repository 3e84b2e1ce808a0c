//! Every name the generated code uses, decided once, by one rule (see
//! [`crate::ir::names`]): in each scope the generator's own names come first;
//! a name from the model that meets one of them gives way with a suffix (`_`
//! in snake_case, `Value` in CamelCase); two model names equal in one scope
//! are told apart by a number, the later shape (in id order) taking `2`, `3`,
//! ... (`_2` in snake_case).

use super::*;

/// Names that Rust resolves before a child module of the same name: a module
/// called `std` would make `std::fmt` ambiguous in its parent.
const SPECIAL_MODULES: &[&str] = &["std", "core", "alloc", "mod"];

/// Child modules the generator writes in `types/` besides one per type, and
/// the folder's own name (a child named like its parent reads as a mistake).
const TYPES_MODULES: &[&str] = &["types", "error", "builders"];

/// Child modules the generator writes in `types/error/` besides one per
/// error, and the folder's own name.
const ERROR_MODULES: &[&str] = &["error", "builders"];

/// Methods and fields every structure or builder has, which members' getters
/// and setters must not take (`builder` -> `builder_`).
const MEMBER_RESERVED: &[&str] = &[
    "builder",
    "validate",
    "from_json_strict",
    "build",
    "build_unchecked",
    CORRECTIONS_FIELD,
];

/// The forward-compatibility variant of every enum and union.
pub(super) const UNKNOWN_VARIANT: &str = "Unknown";
/// The variant of every operation error enum for errors the model does not name.
pub(super) const UNHANDLED_VARIANT: &str = "Unhandled";

/// The case of a scope's names, which decides how a name gives way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Case {
    /// Modules, files, functions, fields: `error` -> `error_`, repeats `_2`.
    Snake,
    /// Types and variants: `Unknown` -> `UnknownValue`, repeats `2`.
    Camel,
}

/// One naming scope: reserved names first, then model names as claimed.
#[derive(Debug)]
pub(super) struct Scope {
    reserved: BTreeSet<String>,
    taken: BTreeSet<String>,
    case: Case,
}

impl Scope {
    pub(super) fn new(case: Case, reserved: &[&str]) -> Self {
        Self {
            reserved: reserved.iter().map(|s| (*s).to_owned()).collect(),
            taken: BTreeSet::new(),
            case,
        }
    }

    /// The name `wanted` gets in this scope.
    pub(super) fn claim(&mut self, wanted: String) -> String {
        self.claim_with(wanted, &[""])
    }

    /// Like [`claim`](Self::claim), for a name that brings derived names with
    /// it (a field `x` also has `set_x`, a strategy `x` also `x_at`): each
    /// prefix-suffix pair must be free too, and all are taken together.
    pub(super) fn claim_with(&mut self, wanted: String, derived: &[&str]) -> String {
        let base = names::bare(&wanted).to_owned();
        let variants = |candidate: &str| -> Vec<String> {
            derived
                .iter()
                .map(|pattern| {
                    if pattern.is_empty() {
                        candidate.to_owned()
                    } else {
                        pattern.replace('*', candidate.trim_end_matches('_'))
                    }
                })
                .collect()
        };
        let mut candidate = wanted.clone();
        // A reserved name gives way once, with the scope's suffix.
        if variants(names::bare(&candidate))
            .iter()
            .any(|n| self.reserved.contains(n))
        {
            candidate = match self.case {
                Case::Snake => format!("{base}_"),
                Case::Camel => format!("{base}Value"),
            };
        }
        let free = |scope: &Self, c: &str| {
            variants(names::bare(c))
                .iter()
                .all(|n| !scope.reserved.contains(n) && !scope.taken.contains(n))
        };
        if !free(self, &candidate) {
            let stem = names::bare(&candidate).trim_end_matches('_').to_owned();
            let separator = match self.case {
                Case::Snake => "_",
                Case::Camel => "",
            };
            candidate = (2..)
                .map(|n| format!("{stem}{separator}{n}"))
                .find(|c| free(self, c))
                .unwrap_or(candidate);
        }
        for n in variants(names::bare(&candidate)) {
            self.taken.insert(n);
        }
        candidate
    }
}

/// The scope of a structure's members: their getters and setters, on the
/// structure and on its builder (`x`, `set_x`).
pub(super) fn member_scope() -> Scope {
    Scope::new(Case::Snake, MEMBER_RESERVED)
}

/// The derived names of a member's field (see [`member_scope`]).
pub(super) const MEMBER_DERIVED: &[&str] = &["", "set_*"];

/// The scope of an enum's or union's variants.
pub(super) fn variant_scope() -> Scope {
    Scope::new(Case::Camel, &[UNKNOWN_VARIANT])
}

/// The scope of an operation error enum's variants.
pub(super) fn error_variant_scope() -> Scope {
    Scope::new(Case::Camel, &[UNHANDLED_VARIANT])
}

/// Operation module names (`operation::<name>`), in the operations' order.
pub(super) fn operation_modules(op_ids: &[ShapeId]) -> Vec<String> {
    let mut scope = Scope::new(Case::Snake, SPECIAL_MODULES);
    op_ids
        .iter()
        .map(|id| scope.claim(names::module_name(id.name())))
        .collect()
}

/// Makes type names unique within each module; a renamed shape gets a note.
pub(super) fn settle_type_names(paths: &mut BTreeMap<ShapeId, RustPath>, notes: &mut BTreeSet<String>) {
    let mut scopes: BTreeMap<Module, Scope> = BTreeMap::new();
    // Operation inputs and outputs are named by the generator (`<Op>Input`),
    // so they are claimed first; model shapes follow in id order.
    let (generated, modelled): (Vec<_>, Vec<_>) = paths
        .iter_mut()
        .partition(|(_, path)| matches!(path.module, Module::Operation(_)));
    for (id, path) in generated.into_iter().chain(modelled) {
        if path.is_external() {
            continue;
        }
        let scope = scopes
            .entry(path.module.clone())
            .or_insert_with(|| Scope::new(Case::Camel, &[]));
        let name = scope.claim(path.name.clone());
        if name != path.name {
            notes.insert(format!(
                "`{id}` is generated as `{}`: `{}` is taken in that module",
                RustPath {
                    module: path.module.clone(),
                    name: name.clone()
                }
                .segments()
                .join("::"),
                path.name
            ));
            path.name = name;
        }
    }
}

/// File stems of the types in `types/` and `types/error/` (operation inputs
/// and outputs are `input` and `output`), given way to the modules the
/// generator writes there.
pub(super) fn file_stems(paths: &BTreeMap<ShapeId, RustPath>) -> BTreeMap<ShapeId, String> {
    let types_reserved: Vec<&str> = SPECIAL_MODULES.iter().chain(TYPES_MODULES).copied().collect();
    let errors_reserved: Vec<&str> = SPECIAL_MODULES.iter().chain(ERROR_MODULES).copied().collect();
    let mut types = Scope::new(Case::Snake, &types_reserved);
    let mut errors = Scope::new(Case::Snake, &errors_reserved);
    let mut stems = BTreeMap::new();
    for (id, path) in paths {
        let scope = match &path.module {
            Module::Types => &mut types,
            Module::Errors => &mut errors,
            Module::Operation(_) | Module::External(_) => continue,
        };
        stems.insert(id.clone(), scope.claim(names::module_name(&path.name)));
    }
    stems
}

/// The file stem of an operation's input or output structure.
pub(super) fn io_stem(role: &Role) -> &'static str {
    match role {
        Role::Input => "input",
        _ => "output",
    }
}

/// The strategy functions of `strategies.rs`, one per type (with its `_at`
/// and `_invalid` companions), unique across the crate.
pub(super) fn strategy_names<'a>(types: impl IntoIterator<Item = &'a RustPath>) -> BTreeMap<RustPath, String> {
    let mut types: Vec<&RustPath> = types.into_iter().collect();
    types.sort();
    let mut scope = Scope::new(Case::Snake, &[]);
    types
        .into_iter()
        .map(|path| {
            let name = scope.claim_with(names::module_name(&path.name), &["", "*_at", "*_invalid"]);
            (path.clone(), name)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_names_give_way_with_the_scope_suffix() {
        let mut snake = Scope::new(Case::Snake, &["error", "builders"]);
        assert_eq!(snake.claim("error".into()), "error_");
        assert_eq!(snake.claim("errors".into()), "errors");
        assert_eq!(snake.claim("error".into()), "error_2", "the second one is a repeat");
        let mut camel = Scope::new(Case::Camel, &["Unhandled"]);
        assert_eq!(camel.claim("Unhandled".into()), "UnhandledValue");
        assert_eq!(camel.claim("Thing".into()), "Thing");
        assert_eq!(camel.claim("Thing".into()), "Thing2");
        assert_eq!(camel.claim("Thing".into()), "Thing3");
    }

    #[test]
    fn derived_names_are_claimed_with_their_base() {
        let mut fields = member_scope();
        assert_eq!(fields.claim_with("threshold".into(), MEMBER_DERIVED), "threshold");
        // `setThreshold`'s getter would be the setter of `threshold`.
        assert_eq!(
            fields.claim_with("set_threshold".into(), MEMBER_DERIVED),
            "set_threshold_2"
        );
        assert_eq!(fields.claim_with("builder".into(), MEMBER_DERIVED), "builder_");
        assert_eq!(fields.claim_with("r#type".into(), MEMBER_DERIVED), "r#type");
        assert_eq!(fields.claim_with("r#type".into(), MEMBER_DERIVED), "type_2");

        let strategies = strategy_names([
            &RustPath {
                module: Module::Types,
                name: "Error".into(),
            },
            &RustPath {
                module: Module::Types,
                name: "ErrorAt".into(),
            },
            &RustPath {
                module: Module::Errors,
                name: "Error".into(),
            },
        ]);
        let names: Vec<&str> = strategies.values().map(String::as_str).collect();
        assert_eq!(names, ["error", "error_at_2", "error_2"]);
    }

    #[test]
    fn operation_modules_are_unique() {
        let ids: Vec<ShapeId> = ["a#GetFoo", "a#Get_Foo", "b#Std", "a#Type"]
            .iter()
            .map(|id| ShapeId::parse(id).expect("id"))
            .collect();
        assert_eq!(operation_modules(&ids), ["get_foo", "get_foo_2", "std_", "type_"]);
    }

    #[test]
    fn files_give_way_to_the_generators_modules() {
        let id = |n: &str| ShapeId::parse(&format!("a.b#{n}")).expect("id");
        let path = |module: Module, name: &str| RustPath {
            module,
            name: name.into(),
        };
        let paths: BTreeMap<ShapeId, RustPath> = [
            (id("Error"), path(Module::Types, "Error")),
            (id("Builders"), path(Module::Types, "Builders")),
            (id("Std"), path(Module::Types, "Std")),
            (id("_Error"), path(Module::Errors, "Error")),
            (id("Oops"), path(Module::Errors, "Builders")),
        ]
        .into_iter()
        .collect();
        let stems = file_stems(&paths);
        assert_eq!(stems[&id("Error")], "error_");
        assert_eq!(stems[&id("Builders")], "builders_");
        assert_eq!(stems[&id("Std")], "std_");
        assert_eq!(stems[&id("_Error")], "error_");
        assert_eq!(stems[&id("Oops")], "builders_");
    }
}
