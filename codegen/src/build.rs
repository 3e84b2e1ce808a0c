//! The entry point for build scripts: Smithy models in, one Rust file out,
//! under `OUT_DIR`, for the crate to `include!` where it wants the types.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), smithy_codegen::build::Error> {
//!     smithy_codegen::build::Config::new()
//!         .model("model/weather.smithy")
//!         .mount_at("crate::weather")
//!         .generate()?;
//!     Ok(())
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! pub mod weather {
//!     include!(concat!(env!("OUT_DIR"), "/weather.rs"));
//! }
//! ```
//!
//! The crate depends on `smithy-codegen-runtime`, `serde`, `serde_json`,
//! `time` and `http`, which the generated code names by their own paths.
//! Every file read is announced with `cargo:rerun-if-changed`, and an error
//! prints as `file:line:col: what` (`Error`'s `Debug` is its message, so
//! `fn main() -> Result<(), Error>` reports it as it should).

use std::fmt;
use std::path::{Path, PathBuf};

use crate::ir::pattern::Dialect;
use crate::{disk, package, Operations, Settings};

/// A failure of [`Config::generate`], printed as its message.
pub struct Error(String);

impl Error {
    /// What went wrong, and where (`file:line:col` for model errors).
    pub fn message(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The message itself: a build script's `main` returning `Result` prints
/// errors with `Debug`.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl From<String> for Error {
    fn from(message: String) -> Self {
        Self(message)
    }
}

impl From<crate::CodegenError> for Error {
    fn from(error: crate::CodegenError) -> Self {
        Self(error.to_string())
    }
}

/// What to generate and where, in the manner of `prost_build::Config`.
#[derive(Debug, Clone)]
pub struct Config {
    models: Vec<PathBuf>,
    operations: Vec<String>,
    service: Option<String>,
    settings: Settings,
    out_dir: Option<PathBuf>,
    file_name: Option<String>,
    cargo_directives: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}

impl Config {
    /// Every operation of every service, mounted at the crate root, without
    /// proptest strategies, written to `OUT_DIR`.
    pub fn new() -> Self {
        Self {
            models: Vec::new(),
            operations: Vec::new(),
            service: None,
            settings: Settings {
                strategies: false,
                ..Settings::default()
            },
            out_dir: None,
            file_name: None,
            cargo_directives: true,
        }
    }

    /// A model file (`.smithy` or `.json`) or a folder of them; all merge
    /// into one model.
    pub fn model(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.models.push(path.as_ref().to_path_buf());
        self
    }

    /// Generate this operation (by name or absolute shape id); without any,
    /// every operation is generated.
    pub fn operation(&mut self, name: impl Into<String>) -> &mut Self {
        self.operations.push(name.into());
        self
    }

    /// Generate every operation of this service (for models holding several).
    pub fn service(&mut self, name: impl Into<String>) -> &mut Self {
        self.service = Some(name.into());
        self
    }

    /// The module the crate includes the generated file in (`crate::weather`
    /// for `pub mod weather { include!(...) }` in `lib.rs`); `crate` by default.
    pub fn mount_at(&mut self, module: impl Into<String>) -> &mut Self {
        self.settings.mount.root = module.into();
        self
    }

    /// The path of the runtime crate, when the crate renames the dependency
    /// (`::smithy_codegen_runtime` by default).
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.settings.mount.runtime = path.into();
        self
    }

    /// Generate proptest strategies too (the `strategies` module, behind the
    /// crate's `proptest` feature, which must then exist).
    pub fn strategies(&mut self, on: bool) -> &mut Self {
        self.settings.strategies = on;
        self
    }

    /// How to read `@pattern`s (default: Java for AWS models, ECMA-262 otherwise).
    pub fn pattern_dialect(&mut self, dialect: Dialect) -> &mut Self {
        self.settings.pattern_dialect = Some(dialect);
        self
    }

    /// Derive `path` on the type of `shape` (an absolute shape id), or on
    /// every generated type for `"*"`.
    pub fn derive(&mut self, shape: impl Into<String>, path: impl Into<String>) -> &mut Self {
        self.settings.types.derives.push((shape.into(), path.into()));
        self
    }

    /// Put `attribute` (`#[...]`) on the type of `shape`, or on every
    /// generated type for `"*"`.
    pub fn attribute(&mut self, shape: impl Into<String>, attribute: impl Into<String>) -> &mut Self {
        self.settings.types.attributes.push((shape.into(), attribute.into()));
        self
    }

    /// Let the type at `path` (a crate generated with the same runtime)
    /// stand for `shape`: it is not generated, and members that target it
    /// hold that type.
    pub fn extern_type(&mut self, shape: impl Into<String>, path: impl Into<String>) -> &mut Self {
        self.settings.types.extern_types.insert(shape.into(), path.into());
        self
    }

    /// Write to this folder instead of `OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// The file's name (default: the first model's stem, `weather.rs`).
    pub fn file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = Some(name.into());
        self
    }

    /// Let traits no shape defines through, each with a warning, instead of
    /// failing.
    pub fn allow_unknown_traits(&mut self, on: bool) -> &mut Self {
        self.settings.allow_unknown_traits = on;
        self
    }

    /// Whether to print `cargo:rerun-if-changed` and `cargo:warning` lines
    /// (default: yes).
    pub fn cargo_directives(&mut self, on: bool) -> &mut Self {
        self.cargo_directives = on;
        self
    }

    /// Generates the file and returns its path.
    pub fn generate(&self) -> Result<PathBuf, Error> {
        let first = self
            .models
            .first()
            .ok_or_else(|| Error("no model: call `Config::model` with a `.smithy` or `.json` file or folder".into()))?;
        if self.cargo_directives {
            for path in &self.models {
                // A folder: cargo watches every file in it.
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        let sources = disk::read_sources(&self.models)?;
        if self.cargo_directives {
            for source in &sources {
                println!("cargo:rerun-if-changed={}", source.name);
            }
        }
        let model = crate::ast::assemble::assemble(&sources)?;
        let operations = match (&self.service, self.operations.is_empty()) {
            (Some(service), _) => Operations::Service(service.clone()),
            (None, true) => Operations::All,
            (None, false) => Operations::Named(self.operations.clone()),
        };
        let names: Vec<String> = self.models.iter().map(|p| p.display().to_string()).collect();
        let settings = Settings {
            header: String::new(),
            ..self.settings.clone()
        };
        let generated = crate::generate_model(&model, &operations, &settings)?;
        if self.cargo_directives {
            for warning in generated.report.warnings.iter().chain(&generated.report.notes) {
                println!("cargo:warning={warning}");
            }
        }
        let header = format!(
            "// @generated by smithy-codegen's build-script API from {}. Do not edit.\n\n",
            names.join(", ")
        );
        let text = package::single_file(&header, &generated.files);
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or_else(|| {
                Error("OUT_DIR is not set: run from a build script, or call `Config::out_dir`".into())
            })?,
        };
        let file_name = match &self.file_name {
            Some(name) => name.clone(),
            None => format!("{}.rs", default_stem(first)),
        };
        disk::write_file(&out_dir, &file_name, &text)?;
        Ok(out_dir.join(file_name))
    }
}

/// `weather` for `model/weather.smithy` (and for a folder `model/weather/`).
fn default_stem(model: &Path) -> String {
    let stem = model.file_stem().and_then(|s| s.to_str()).unwrap_or("model");
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if stem.is_empty() {
        "model".to_owned()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_file_names_rust_accepts() {
        assert_eq!(default_stem(Path::new("model/weather.smithy")), "weather");
        assert_eq!(default_stem(Path::new("iot-2015-05-28.json")), "iot_2015_05_28");
    }

    #[test]
    fn errors_print_as_their_message() {
        let error = Error("model.smithy:3:4: expected `}`".into());
        assert_eq!(format!("{error:?}"), "model.smithy:3:4: expected `}`");
    }

    #[test]
    fn a_config_without_a_model_says_so() {
        let error = Config::new().cargo_directives(false).generate().expect_err("no model");
        assert!(error.message().contains("Config::model"), "{error}");
    }
}
