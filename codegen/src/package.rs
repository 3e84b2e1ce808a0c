//! A crate around the generated modules: `Cargo.toml`, `lib.rs` and a README
//! to start from. The runtime is a dependency (`smithy-codegen-runtime`), never
//! a copy, so values of every generated crate share its types.

use std::fmt::Write as _;
use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::GeneratedFile;

/// The runtime crate's package name.
pub const RUNTIME_CRATE: &str = "smithy-codegen-runtime";
/// The version of the runtime this generator writes code for, which generated
/// crates require.
pub const RUNTIME_VERSION: &str = "0.1.0";

/// Dependency lines of generated crates besides the runtime; the versions
/// follow the workspace's (a test checks).
pub const DEPENDENCIES: &str = r#"serde = "1.0.219"
serde_json = { version = "1.0.140", features = ["float_roundtrip", "raw_value"] }
time = { version = "0.3.41", features = ["formatting", "parsing", "macros"] }
http = "1.1"
proptest = { version = "1.6", optional = true }
"#;

/// Where a generated crate finds the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeSource {
    /// A version requirement on the published crate.
    Version(String),
    /// A checkout of the runtime crate, as the generated `Cargo.toml` writes
    /// it: relative to the generated crate, or absolute. The version goes
    /// beside it, so `cargo package` turns it into a requirement.
    Path(String),
}

impl RuntimeSource {
    /// The runtime source this generator was built from, while it is still
    /// where it was built (`cargo install --path` builds in place).
    pub fn built_with() -> Option<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
        let dir = fs::canonicalize(dir).ok()?;
        is_runtime_crate(&dir).then_some(dir)
    }

    /// A path dependency on the runtime checkout `runtime` (a folder holding
    /// its `Cargo.toml`), written relative to `crate_dir` when both lie under
    /// one folder other than the filesystem root. An error names the folder
    /// when it holds no runtime crate.
    pub fn checkout(runtime: &Path, crate_dir: &Path) -> Result<Self, String> {
        let real = fs::canonicalize(runtime).map_err(|e| format!("--runtime-path {}: {e}", runtime.display()))?;
        if !is_runtime_crate(&real) {
            return Err(format!(
                "--runtime-path {}: no Cargo.toml of the package `{RUNTIME_CRATE}` there",
                runtime.display()
            ));
        }
        let from = absolute_folder(crate_dir);
        let written = relative(&from, &real).unwrap_or(real);
        Ok(Self::Path(written.display().to_string().replace('\\', "/")))
    }

    /// The dependency line, asking for the runtime `features` the code needs.
    pub fn dependency(&self, features: &[String]) -> String {
        let features = if features.is_empty() {
            String::new()
        } else {
            format!(", features = {}", toml_list(features))
        };
        match self {
            Self::Version(v) if features.is_empty() => format!("{RUNTIME_CRATE} = {}\n", toml_string(v)),
            Self::Version(v) => format!("{RUNTIME_CRATE} = {{ version = {}{features} }}\n", toml_string(v)),
            Self::Path(p) => format!(
                "{RUNTIME_CRATE} = {{ version = \"{RUNTIME_VERSION}\", path = {}{features} }}\n",
                toml_string(p)
            ),
        }
    }
}

/// Whether `dir` holds the runtime crate's manifest.
fn is_runtime_crate(dir: &Path) -> bool {
    fs::read_to_string(dir.join("Cargo.toml")).is_ok_and(|m| m.contains(&format!("name = \"{RUNTIME_CRATE}\"")))
}

/// `dir` made absolute and resolved as far as it exists (a crate folder may
/// not exist yet).
fn absolute_folder(dir: &Path) -> PathBuf {
    let absolute = if dir.is_absolute() {
        dir.to_path_buf()
    } else {
        std::env::current_dir().map_or_else(|_| dir.to_path_buf(), |cwd| cwd.join(dir))
    };
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |path, name| path.join(name));
        }
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// `to` relative to the folder `from` (both absolute), when they share a
/// folder other than the root.
fn relative(from: &Path, to: &Path) -> Option<PathBuf> {
    let from: Vec<Component> = from.components().collect();
    let to_parts: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    // Only the root (and a Windows prefix) in common: absolute reads better.
    if from[..common]
        .iter()
        .all(|c| matches!(c, Component::RootDir | Component::Prefix(_)))
    {
        return None;
    }
    let mut path = PathBuf::new();
    for _ in common..from.len() {
        path.push("..");
    }
    for part in &to_parts[common..] {
        path.push(part);
    }
    Some(path)
}

/// The nearest folder above `dir` whose `Cargo.toml` has a `[workspace]`
/// table: a crate generated there belongs to that workspace (or must be
/// excluded from it), so it gets no `[workspace]` table of its own.
pub fn enclosing_workspace(dir: &Path) -> Option<PathBuf> {
    let dir = absolute_folder(dir);
    dir.ancestors().skip(1).find_map(|folder| {
        let manifest = fs::read_to_string(folder.join("Cargo.toml")).ok()?;
        manifest
            .lines()
            .any(|line| line.trim() == "[workspace]")
            .then(|| folder.to_path_buf())
    })
}

/// `["a", "b"]`, a TOML array of strings.
fn toml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|f| toml_string(f)).collect();
    format!("[{}]", quoted.join(", "))
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// What a standalone crate says about itself in `Cargo.toml` and its README.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateInfo {
    /// Features of the runtime the generated code needs.
    pub runtime_features: Vec<String>,
    pub name: String,
    pub version: String,
    /// The model's `@title`, or the crate name.
    pub title: String,
    pub description: Option<String>,
    pub license: String,
    /// Where the crate's source lives, if the user says.
    pub repository: Option<String>,
    /// The model file's name, for the README.
    pub model: String,
    /// The operations generated, by name.
    pub operations: Vec<String>,
    /// Whether the crate has the generated proptest strategies (and the
    /// `proptest` feature).
    pub strategies: bool,
    /// Whether the crate is a workspace of its own (an empty `[workspace]`
    /// table); `false` inside another workspace (see [`enclosing_workspace`]).
    pub own_workspace: bool,
    /// The command that regenerates it, for the `@generated` headers.
    pub command: String,
    /// Lines added to `[dependencies]` as given (the crates of extern types).
    pub dependencies: Vec<String>,
    /// Dependencies whose `proptest` feature the crate's turns on (see
    /// [`extern_crates`]).
    pub proptest_forward: Vec<String>,
}

/// The names of the `dependencies` (TOML lines) whose crates provide the
/// `extern_types` (whose paths start with the crate's name): their
/// `proptest` feature must come with the generated crate's, since the
/// generated strategies use those types' own.
pub fn extern_crates(dependencies: &[String], extern_types: &[String]) -> Vec<String> {
    let mut names: Vec<String> = dependencies
        .iter()
        .filter_map(|line| {
            line.split_once('=')
                .map(|(key, _)| key.trim().trim_matches('"').to_owned())
        })
        .filter(|key| {
            let lib = key.replace('-', "_");
            extern_types
                .iter()
                .any(|path| path.trim_start_matches("::").split("::").next() == Some(lib.as_str()))
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

impl CrateInfo {
    fn description(&self) -> String {
        self.description.clone().unwrap_or_else(|| {
            format!(
                "Typed, validated models for {}, generated from its Smithy model.",
                self.title
            )
        })
    }

    /// A README to start from: written once when the crate has none, then the
    /// user's (never in the manifest, never rewritten).
    pub fn readme(&self) -> String {
        let count = match self.operations.len() {
            1 => "1 operation".to_owned(),
            n => format!("{n} operations"),
        };
        let mut out = format!(
            "# {}\n\n{}\n\nGenerated by smithy-codegen from `{}` ({count}). Regenerate it rather than editing it.\n\n## Operations\n\n",
            self.name,
            self.description(),
            self.model,
        );
        for op in &self.operations {
            let _ = writeln!(out, "- `{op}`");
        }
        out.push_str(
            "\nEach operation module holds the input, the output, the error enum and the\n\
             sans-IO `request`/`response` functions; `types` holds the shapes they use.\n\
             Errors, blobs, documents and validation come from `smithy-codegen-runtime`.\n",
        );
        out
    }
}

/// The `lib.rs` of a crate whose modules are generated: the generated module
/// tree mounted at the crate root, and the crates its API speaks re-exported
/// for users (the generated code itself names each by its own path).
pub fn lib_rs(
    header: &str,
    doc: &str,
    strategies: bool,
    runtime_features: &[String],
    generated: &[GeneratedFile],
) -> String {
    let mut strategies = if strategies {
        "#[cfg(feature = \"proptest\")]\npub use generated::strategies;\n".to_owned()
    } else {
        String::new()
    };
    // The XML protocols' schemas, named from the tree's root as the rest is.
    if runtime_features.iter().any(|f| f == "xml") {
        strategies.push_str("pub(crate) use generated::schemas;\n");
    }
    // The optional modules the generated tree has, beside `operation` and `types`.
    let has = |file: &str| generated.iter().any(|f| f.path == file);
    let mut modules = Vec::new();
    if has("endpoint.rs") {
        modules.push("endpoint");
    }
    modules.push("operation");
    if has("server.rs") {
        modules.push("server");
    }
    modules.push("types");
    let modules = modules.join(", ");
    format!(
        "{header}\n\n{doc}\n\n#![warn(missing_docs)]\n\n#[rustfmt::skip]\nmod generated;\n\n\
         /// The sans-IO operation layer speaks `http` requests and responses.\n\
         pub use http;\n\
         /// The runtime shared by every generated crate: its errors, `Blob`, `Document`\n\
         /// and `Validate` are the same types in every crate.\n\
         pub use smithy_codegen_runtime as runtime;\n\
         /// Timestamps are `time::OffsetDateTime`.\n\
         pub use time;\n\n\
         #[allow(unused_imports)] // models without @pattern have no pattern constants\n\
         pub(crate) use generated::patterns;\n\
         {strategies}\
         pub use generated::{{{modules}}};\n"
    )
}

/// The `[features]` table of a generated crate; `proptest` also turns on
/// the `proptest` feature of the crates in `forward` (those of extern types).
pub fn features(strategies: bool, forward: &[String]) -> String {
    let mut out = String::from("[features]\ndefault = []\n");
    if strategies {
        let forwarded: String = forward.iter().map(|name| format!(", \"{name}/proptest\"")).collect();
        let _ = writeln!(
            out,
            "## Generated proptest strategies for every type.\nproptest = [\"dep:proptest\", \"smithy-codegen-runtime/proptest\"{forwarded}]"
        );
    }
    out
}

/// The files of a standalone crate, relative to its root: a manifest with the
/// metadata `cargo package` asks for, `lib.rs` and the generated code. (The
/// README is the user's after the first run: see [`CrateInfo::readme`].)
pub fn crate_files(info: &CrateInfo, runtime: &RuntimeSource, generated: &[GeneratedFile]) -> Vec<GeneratedFile> {
    let header = format!("// @generated by `{}`. Do not edit by hand.", info.command);
    let dependencies: String = DEPENDENCIES
        .lines()
        .filter(|l| info.strategies || !l.starts_with("proptest"))
        .chain(info.dependencies.iter().map(String::as_str))
        .map(|l| format!("{l}\n"))
        .collect();
    let workspace = if info.own_workspace {
        "\n# A crate of its own, not a member of any enclosing workspace.\n[workspace]\n"
    } else {
        ""
    };
    let mut manifest = format!("# @generated by `{}`. Do not edit by hand.\n[package]\n", info.command);
    let _ = writeln!(manifest, "name = {}", toml_string(&info.name));
    let _ = writeln!(manifest, "version = {}", toml_string(&info.version));
    let _ = writeln!(manifest, "description = {}", toml_string(&info.description()));
    let _ = writeln!(manifest, "license = {}", toml_string(&info.license));
    manifest.push_str("readme = \"README.md\"\n");
    let _ = writeln!(
        manifest,
        "documentation = {}",
        toml_string(&format!("https://docs.rs/{}", info.name))
    );
    if let Some(repository) = &info.repository {
        let _ = writeln!(manifest, "repository = {}", toml_string(repository));
    }
    let _ = write!(
        manifest,
        "edition = \"2021\"\nrust-version = \"1.88\"\n\n[dependencies]\n{}{dependencies}\n{}{workspace}",
        runtime.dependency(&info.runtime_features),
        features(info.strategies, &info.proptest_forward),
    );
    let doc = format!(
        "//! Typed, validated models for {}, generated from its Smithy model.",
        info.title.replace('"', "'")
    );
    let mut files = vec![
        GeneratedFile {
            path: "Cargo.toml".into(),
            contents: manifest,
        },
        GeneratedFile {
            path: "src/lib.rs".into(),
            contents: lib_rs(&header, &doc, info.strategies, &info.runtime_features, generated),
        },
    ];
    files.extend(generated.iter().map(|f| GeneratedFile {
        path: format!("src/generated/{}", f.path),
        contents: f.contents.clone(),
    }));
    files
}

/// The generated module tree as one file, each `mod x;` replaced by the
/// module's file inline (`mod x { ... }`), under `header`: what a build
/// script writes for `include!`. The root's inner docs are left out, since
/// an included file cannot carry inner attributes; every file's own header
/// goes too.
pub fn single_file(header: &str, files: &[GeneratedFile]) -> String {
    let by_path: std::collections::BTreeMap<&str, &str> =
        files.iter().map(|f| (f.path.as_str(), f.contents.as_str())).collect();
    let mut out = String::from(header);
    let root = by_path.get("mod.rs").copied().unwrap_or_default();
    let body = strip_header(root);
    let body: Vec<&str> = body.lines().skip_while(|l| l.starts_with("//!")).collect();
    inline_modules(&body.join("\n"), "", 0, &by_path, &mut out);
    out
}

/// A file's text without its leading `//` comment lines and the blank line
/// after them (the `@generated` header).
fn strip_header(text: &str) -> &str {
    let mut rest = text;
    while let Some(line) = rest.lines().next() {
        if !(line.starts_with("// ") || line == "//" || line.is_empty()) {
            break;
        }
        rest = &rest[line.len()..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    rest
}

/// Writes `body` (a file of the folder `dir`) at `depth`, with each
/// `mod x;` replaced by that module's file, inline.
fn inline_modules(
    body: &str,
    dir: &str,
    depth: usize,
    files: &std::collections::BTreeMap<&str, &str>,
    out: &mut String,
) {
    let indent = "    ".repeat(depth);
    for line in body.lines() {
        let trimmed = line.trim_start();
        let declared = trimmed
            .strip_suffix(';')
            .and_then(|head| head.rsplit_once("mod "))
            .filter(|(visibility, name)| {
                (visibility.is_empty() || visibility.starts_with("pub")) && !name.contains([' ', '{'])
            });
        let child = declared.and_then(|(visibility, name)| {
            let stem = name.strip_prefix("r#").unwrap_or(name);
            let own = format!("{dir}{stem}.rs");
            let folder = format!("{dir}{stem}/mod.rs");
            let text = files.get(own.as_str()).or_else(|| files.get(folder.as_str()))?;
            Some((visibility, name, *text, format!("{dir}{stem}/")))
        });
        match child {
            Some((visibility, name, text, child_dir)) => {
                // The file's inner docs become outer docs of the inline
                // module, after those its parent gave it (one style each).
                let body = strip_header(text);
                let docs: Vec<&str> = body.lines().take_while(|l| l.starts_with("//!")).collect();
                let own_indent = &line[..line.len() - trimmed.len()];
                let after_docs = out
                    .trim_end()
                    .lines()
                    .last()
                    .is_some_and(|l| l.trim_start().starts_with("///"));
                if !docs.is_empty() && after_docs {
                    let _ = writeln!(out, "{indent}{own_indent}///");
                }
                for doc in &docs {
                    let _ = writeln!(out, "{indent}{own_indent}///{}", &doc[3..]);
                }
                let _ = writeln!(out, "{indent}{own_indent}{visibility}mod {name} {{");
                let rest: Vec<&str> = body.lines().skip(docs.len()).collect();
                inline_modules(&rest.join("\n"), &child_dir, depth + 1, files, out);
                let _ = writeln!(out, "{indent}}}");
            }
            None if line.is_empty() => out.push('\n'),
            None => {
                out.push_str(&indent);
                out.push_str(line);
                out.push('\n');
            }
        }
    }
}

/// A crate name from a model file name: `iot-2015-05-28.json` -> `iot-models`.
pub fn default_crate_name(model: &Path) -> String {
    let stem = model.file_stem().and_then(|s| s.to_str()).unwrap_or("smithy");
    let parts: Vec<&str> = stem.split('-').collect();
    // Drop a trailing YYYY-MM-DD API version.
    let keep = if parts.len() > 3
        && parts[parts.len() - 3..]
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
    {
        &parts[..parts.len() - 3]
    } else {
        &parts[..]
    };
    let base: String = keep
        .join("-")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("{}-models", base.trim_matches('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_module_tree_becomes_one_file() {
        let file = |path: &str, contents: &str| GeneratedFile {
            path: path.into(),
            contents: contents.into(),
        };
        let files = [
            file("mod.rs", "// @generated\n\n//! Root docs.\npub mod types;\npub(crate) mod patterns;\n"),
            file("patterns.rs", "// @generated\n\npub(crate) const P: u8 = 1;\n"),
            file(
                "types/mod.rs",
                "// @generated\n\n//! Types.\nmod r#type;\npub use self::r#type::Type;\n/// Builders.\npub mod builders {\n    pub use super::r#type::TypeBuilder;\n}\n\npub mod error;\n",
            ),
            file("types/type.rs", "// @generated\n\npub struct Type;\npub struct TypeBuilder;\n"),
            file("types/error/mod.rs", "// @generated\n\n//! Errors.\n"),
        ];
        let text = single_file("// one file\n", &files);
        assert_eq!(
            text,
            "// one file\n/// Types.\npub mod types {\n    mod r#type {\n        pub struct Type;\n        pub struct TypeBuilder;\n    }\n    pub use self::r#type::Type;\n    /// Builders.\n    pub mod builders {\n        pub use super::r#type::TypeBuilder;\n    }\n\n    /// Errors.\n    pub mod error {\n    }\n}\npub(crate) mod patterns {\n    pub(crate) const P: u8 = 1;\n}\n"
        );
    }

    #[test]
    fn crate_names() {
        assert_eq!(default_crate_name(Path::new("x/iot-2015-05-28.json")), "iot-models");
        assert_eq!(
            default_crate_name(Path::new("bedrock-runtime-2023-09-30.json")),
            "bedrock-runtime-models"
        );
        assert_eq!(default_crate_name(Path::new("My_Model.json")), "my-model-models");
    }

    #[test]
    fn the_runtime_requirement_is_the_runtime_crates_version() {
        let manifest = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/Cargo.toml"))
            .expect("runtime manifest");
        assert!(
            manifest
                .lines()
                .any(|l| l == format!("version = \"{RUNTIME_VERSION}\"")),
            "runtime/Cargo.toml's version is not {RUNTIME_VERSION}"
        );
        assert!(manifest.contains(&format!("name = \"{RUNTIME_CRATE}\"")));
    }

    #[test]
    fn the_generator_knows_the_runtime_it_was_built_with() {
        let dir = RuntimeSource::built_with().expect("this checkout holds the runtime");
        assert!(dir.join("src/lib.rs").is_file(), "{}", dir.display());
    }

    #[test]
    fn runtime_features_reach_the_dependency_line() {
        let features = vec!["checksum".to_owned(), "compression".to_owned()];
        assert_eq!(
            RuntimeSource::Version("0.1".into()).dependency(&features),
            "smithy-codegen-runtime = { version = \"0.1\", features = [\"checksum\", \"compression\"] }\n"
        );
        assert_eq!(
            RuntimeSource::Version("0.1".into()).dependency(&[]),
            "smithy-codegen-runtime = \"0.1\"\n"
        );
        assert_eq!(
            RuntimeSource::Path("../runtime".into()).dependency(&[]),
            format!("smithy-codegen-runtime = {{ version = \"{RUNTIME_VERSION}\", path = \"../runtime\" }}\n")
        );
    }

    #[test]
    fn runtime_paths_are_checked_and_written_relative_to_the_crate() {
        let runtime = RuntimeSource::built_with().expect("this checkout holds the runtime");
        let workspace = runtime.parent().expect("parent");
        let source = RuntimeSource::checkout(&runtime, &workspace.join("target/x/new-crate")).expect("a runtime");
        assert_eq!(source, RuntimeSource::Path("../../../runtime".into()));
        let error = RuntimeSource::checkout(&workspace.join("codegen"), workspace).expect_err("not the runtime");
        assert!(error.contains("no Cargo.toml of the package"), "{error}");
        assert!(RuntimeSource::checkout(Path::new("/no/such/folder"), workspace).is_err());
        assert_eq!(relative(Path::new("/a/b"), Path::new("/c/d")), None);
        assert_eq!(
            relative(Path::new("/a/b"), Path::new("/a/c")),
            Some(PathBuf::from("../c"))
        );
    }

    #[test]
    fn a_folder_inside_this_workspace_has_an_enclosing_workspace() {
        let runtime = RuntimeSource::built_with().expect("this checkout holds the runtime");
        let workspace = runtime.parent().expect("parent");
        assert_eq!(enclosing_workspace(&runtime.join("new")), Some(workspace.to_path_buf()));
        assert_eq!(enclosing_workspace(Path::new("/")), None);
    }

    #[test]
    fn dependency_versions_follow_the_workspace() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let workspace = fs::read_to_string(root.join("Cargo.toml")).expect("workspace manifest");
        for name in ["serde", "serde_json", "time", "http", "proptest"] {
            let version = |text: &str| -> Option<String> {
                let line = text.lines().find(|l| l.starts_with(&format!("{name} =")))?;
                let start = line.find('"')? + 1;
                let end = line[start..].find('"')? + start;
                Some(line[start..end].to_owned())
            };
            let ours = version(DEPENDENCIES);
            let theirs = version(&workspace);
            assert!(
                ours.is_some() && ours == theirs,
                "{name}: {ours:?} vs workspace {theirs:?}"
            );
        }
    }
}
