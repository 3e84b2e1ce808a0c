//! Several sources -> one [`Model`]: IDL files and JSON AST files in any mix,
//! merged by Smithy's rules. Identical duplicate shapes agree; different ones
//! conflict. Metadata lists concatenate, equal values agree, anything else
//! conflicts. `apply` (IDL statements and JSON `apply` entries alike) lands on
//! the shape or member it names when the model declares it, and stays an `apply`
//! for members a shape inherits from its mixins. Shapes from Smithy 1.0 sources
//! are upgraded to 2.0 ([`super::upgrade`]), so the merged model is always 2.0.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{Apply, Locations, Model, Shape, Traits};
use crate::error::{CodegenError, Result};
use crate::idl::{self, lower};

/// One model file: its name (for messages and to tell IDL from JSON) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub name: String,
    pub text: String,
}

/// The two forms a model file can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Idl,
    Json,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
        }
    }

    /// `.smithy` files are IDL, `.json` files JSON AST.
    pub fn format(&self) -> Result<Format> {
        if self.name.ends_with(".smithy") {
            Ok(Format::Idl)
        } else if self.name.ends_with(".json") {
            Ok(Format::Json)
        } else {
            Err(CodegenError::Document {
                message: format!(
                    "`{}` is neither a `.smithy` (IDL) nor a `.json` (JSON AST) file",
                    self.name
                ),
            })
        }
    }
}

/// Where a shape, trait or metadata entry came from, for conflict messages.
fn origin(file: &str, at: Option<idl::Position>) -> String {
    match at {
        Some(at) => format!("{file}:{at}"),
        None => file.to_owned(),
    }
}

/// Loads and merges `sources` into one model (nothing resolved beyond names).
pub fn assemble(sources: &[Source]) -> Result<Model> {
    let mut idl_files = Vec::new();
    let mut json_models = Vec::new();
    for source in sources {
        match source.format()? {
            Format::Idl => {
                let file = idl::parse(&source.text).map_err(|e| e.in_file(&source.name))?;
                idl_files.push((source.name.as_str(), file));
            }
            Format::Json => {
                let model = Model::parse(&source.text).map_err(|e| CodegenError::InFile {
                    file: source.name.clone(),
                    error: Box::new(e),
                })?;
                json_models.push((source.name.as_str(), model));
            }
        }
    }
    let mut index = lower::Index::new();
    for (_, model) in &json_models {
        index.add_json(model);
    }
    for (_, file) in &idl_files {
        index.add_idl_names(file);
    }
    for (name, file) in &idl_files {
        index.add_idl_structure(file).map_err(|e| e.in_file(name))?;
    }
    let mut merged = Merged::default();
    for (name, model) in json_models {
        for id in model.shapes.keys() {
            merged
                .locations
                .shapes
                .entry(id.clone())
                .or_insert_with(|| name.to_owned());
        }
        let version_1 = model.version.starts_with('1');
        for (key, value) in model.metadata {
            merged.metadata(key, value, origin(name, None))?;
        }
        for (id, shape) in model.shapes {
            match shape {
                Shape::Apply(apply) => merged.applies.push((id, apply.traits, origin(name, None))),
                shape => {
                    if version_1 {
                        merged.version_1_shapes.insert(id.clone());
                    }
                    merged.shape(id, shape, origin(name, None))?
                }
            }
        }
    }
    for (name, file) in &idl_files {
        let lowered = lower::lower(file, &index).map_err(|e| e.in_file(name))?;
        let version_1 = file.version == idl::syntax::Version::V1;
        for (id, _, at) in &lowered.shapes {
            merged
                .locations
                .shapes
                .entry(id.clone())
                .or_insert_with(|| origin(name, Some(*at)));
        }
        for (owner, trait_id, at) in &lowered.traits {
            merged
                .locations
                .traits
                .entry((owner.clone(), trait_id.clone()))
                .or_insert_with(|| origin(name, Some(*at)));
        }
        for (key, value, at) in lowered.metadata {
            merged.metadata(key, value, origin(name, Some(at)))?;
        }
        for (id, shape, at) in lowered.shapes {
            if version_1 {
                merged.version_1_shapes.insert(id.clone());
            }
            merged.shape(id, shape, origin(name, Some(at)))?;
        }
        for (target, traits, at) in lowered.applies {
            merged.applies.push((target, traits, origin(name, Some(at))));
        }
    }
    merged.finish()
}

#[derive(Default)]
struct Merged {
    /// Shapes from Smithy 1.0 sources, upgraded once the model is whole.
    version_1_shapes: BTreeSet<String>,
    metadata: BTreeMap<String, (Value, String)>,
    shapes: BTreeMap<String, (Shape, String)>,
    applies: Vec<(String, Traits, String)>,
    locations: Locations,
}

impl Merged {
    fn metadata(&mut self, key: String, value: Value, from: String) -> Result<()> {
        match self.metadata.get_mut(&key) {
            None => {
                self.metadata.insert(key, (value, from));
            }
            Some((existing, _)) if *existing == value => {}
            Some((Value::Array(existing), _)) if value.is_array() => {
                if let Value::Array(more) = value {
                    existing.extend(more);
                }
            }
            Some((_, first)) => {
                return Err(CodegenError::Conflict {
                    message: format!("metadata `{key}` is set at {first} and again, to a different value, at {from}"),
                })
            }
        }
        Ok(())
    }

    fn shape(&mut self, id: String, shape: Shape, from: String) -> Result<()> {
        match self.shapes.get(&id) {
            None => {
                self.shapes.insert(id, (shape, from));
                Ok(())
            }
            Some((existing, _)) if *existing == shape => Ok(()),
            Some((_, first)) => Err(CodegenError::Conflict {
                message: format!("shape `{id}` is defined at {first} and, differently, at {from}"),
            }),
        }
    }

    fn finish(mut self) -> Result<Model> {
        let mut pending: BTreeMap<String, Traits> = BTreeMap::new();
        for (target, traits, from) in std::mem::take(&mut self.applies) {
            let (root, member) = match target.split_once('$') {
                Some((root, member)) => (root, Some(member)),
                None => (target.as_str(), None),
            };
            let declared = self.shapes.get_mut(root).and_then(|(shape, _)| match member {
                None => Some(shape.traits_mut()),
                Some(member) => shape.member_mut(member).map(|m| &mut m.traits),
            });
            let destination = match declared {
                Some(traits) => traits,
                None => pending.entry(target.clone()).or_default(),
            };
            for (id, value) in traits {
                lower::merge_trait(destination, id, value).map_err(|m| CodegenError::Conflict {
                    message: format!("`apply {target}` at {from}: {m}"),
                })?;
            }
        }
        let mut shapes: BTreeMap<String, Shape> = self.shapes.into_iter().map(|(id, (s, _))| (id, s)).collect();
        super::upgrade::upgrade(&mut shapes, &self.version_1_shapes);
        for (target, traits) in pending {
            shapes.insert(target, Shape::Apply(Apply { traits }));
        }
        Ok(Model {
            version: "2.0".to_owned(),
            metadata: self.metadata.into_iter().map(|(k, (v, _))| (k, v)).collect(),
            shapes,
            locations: self.locations,
        })
    }
}
