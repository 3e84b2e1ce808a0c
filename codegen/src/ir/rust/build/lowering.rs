//! Lowering: each shape of the closure into its Rust definition.

use super::*;

impl Builder<'_> {
    /// Places an operation's own input and output structures in its module
    /// (`operation::<module>::<Op>Input`); shared ones are already in `types`.
    pub(super) fn place_io(&mut self, op_id: &ShapeId, module: &str, shared: &BTreeMap<ShapeId, Role>) -> Result<()> {
        let ShapeKind::Operation(op) = &self.model.get(op_id)?.kind else {
            return Err(CodegenError::UnknownOperation {
                name: op_id.to_string(),
                suggestion: None,
            });
        };
        let name = names::type_name(op_id.name());
        for (target, suffix, role) in [(&op.input, "Input", Role::Input), (&op.output, "Output", Role::Output)] {
            let Some(id) = target
                .as_ref()
                .filter(|id| **id != prelude::unit() && !shared.contains_key(*id))
            else {
                continue;
            };
            let target = self.model.get(id)?;
            if !matches!(target.kind, ShapeKind::Structure(_)) {
                return Err(CodegenError::MalformedShape {
                    id: op_id.to_string(),
                    message: format!(
                        "{} `{id}` is a {}, not a structure",
                        suffix.to_lowercase(),
                        target.kind.type_name()
                    ),
                });
            }
            let path = RustPath {
                module: Module::Operation(module.to_owned()),
                name: format!("{name}{suffix}"),
            };
            if let Some(previous) = self.paths.insert(id.clone(), path.clone()) {
                if previous != path {
                    return Err(CodegenError::Unsupported {
                        id: id.to_string(),
                        message: format!(
                            "the structure is the input or output of two operations ({} and {})",
                            previous.segments().join("::"),
                            path.segments().join("::")
                        ),
                    });
                }
            }
            self.files.insert(id.clone(), naming::io_stem(&role).to_owned());
            self.roles.insert(id.clone(), role);
        }
        Ok(())
    }

    /// An operation's definition, once every shape has its final path.
    pub(super) fn operation(
        &mut self,
        op_id: &ShapeId,
        module: &str,
        synthesized: &mut Vec<StructureDef>,
        shared: &BTreeMap<ShapeId, Role>,
    ) -> Result<OperationDef> {
        let shape = self.model.get(op_id)?;
        let ShapeKind::Operation(op) = &shape.kind else {
            return Err(CodegenError::UnknownOperation {
                name: op_id.to_string(),
                suggestion: None,
            });
        };
        let owner = op_id.to_string();
        let name = names::type_name(op_id.name());
        let mut aliases = Vec::new();
        let mut io = |target: &Option<ShapeId>, suffix: &str, role: Role| -> Result<RustPath> {
            let own = RustPath {
                module: Module::Operation(module.to_owned()),
                name: format!("{name}{suffix}"),
            };
            match target.as_ref().filter(|id| **id != prelude::unit()) {
                Some(id) if shared.contains_key(id) => {
                    let shared_path = self.path(id)?;
                    aliases.push((own.name, shared_path.clone()));
                    Ok(shared_path)
                }
                Some(id) => self.path(id),
                None => {
                    // `Unit` or absent: an empty structure, so every operation has both types.
                    let id = ShapeId::parse(&format!("{}#{name}{suffix}", op_id.namespace()))?;
                    synthesized.push(StructureDef {
                        id,
                        path: own.clone(),
                        file: naming::io_stem(&role).to_owned(),
                        docs: vec![format!("`{name}` takes no {} members.", suffix.to_lowercase())],
                        role,
                        fields: Vec::new(),
                        eq_hash: true,
                        sensitive: false,
                        extras: Extras::default(),
                        xml: XmlShape {
                            name: own.name.clone(),
                            namespace: None,
                        },
                    });
                    Ok(own)
                }
            }
        };
        let input = io(&op.input, "Input", Role::Input)?;
        let output = io(&op.output, "Output", Role::Output)?;
        let mut errors = Vec::new();
        let mut variants = naming::error_variant_scope();
        for error_id in &op.errors {
            let error_shape = self.model.get(error_id)?;
            if error_shape.traits.error(&error_id.to_string())?.is_none() {
                return Err(CodegenError::MalformedShape {
                    id: owner.clone(),
                    message: format!("`{error_id}` is listed as an error but has no `smithy.api#error` trait"),
                });
            }
            let path = self.path(error_id)?;
            errors.push(ErrorRef {
                variant: variants.claim(path.name.clone()),
                path,
                code: self.error_code(error_shape)?,
            });
        }
        Ok(OperationDef {
            id: op_id.clone(),
            name,
            module: module.to_owned(),
            docs: self.docs(&shape.traits, &owner)?,
            input,
            has_input: op.input.as_ref().is_some_and(|id| *id != prelude::unit()),
            has_output: op.output.as_ref().is_some_and(|id| *id != prelude::unit()),
            output,
            errors,
            http: shape.traits.http(&owner)?,
            host_prefix: shape
                .traits
                .get("smithy.api#endpoint")
                .and_then(|e| e.get("hostPrefix"))
                .and_then(Value::as_str)
                .map(str::to_owned),
            gzip_request: shape
                .traits
                .get("smithy.api#requestCompression")
                .and_then(|c| c.get("encodings"))
                .and_then(Value::as_array)
                .is_some_and(|e| e.iter().any(|e| e.as_str() == Some("gzip"))),
            checksum_required: shape.traits.has("smithy.api#httpChecksumRequired"),
            unwrapped_xml_output: shape.traits.has("aws.customizations#s3UnwrappedXmlOutput"),
            aliases,
            large_variant: false,
        })
    }

    pub(super) fn error_role(&self, shape: &Shape) -> Result<Option<Role>> {
        let owner = shape.id.to_string();
        let Some(fault) = shape.traits.error(&owner)? else {
            return Ok(None);
        };
        let query_status = match self.protocol {
            Protocol::AwsQuery => xml::query_error(&shape.traits, &owner)?.and_then(|(_, status)| status),
            _ => None,
        };
        Ok(Some(Role::Error(ErrorInfo {
            code: self.error_code(shape)?,
            fault,
            http_status: shape.traits.http_error(&owner)?.or(query_status),
            retryable: shape.traits.has(RETRYABLE),
            throttling: shape
                .traits
                .get(RETRYABLE)
                .and_then(|v| v.get("throttling"))
                .and_then(Value::as_bool)
                .unwrap_or(false),
            query_code: xml::query_error(&shape.traits, &owner)?.map(|(code, _)| code),
        })))
    }

    /// The code an error response names the error by: the shape's name, or
    /// in awsQuery the `@awsQueryError` code when there is one.
    fn error_code(&self, shape: &Shape) -> Result<String> {
        if matches!(self.protocol, Protocol::AwsQuery) {
            if let Some((code, _)) = xml::query_error(&shape.traits, &shape.id.to_string())? {
                return Ok(code);
            }
        }
        Ok(shape.id.name().to_owned())
    }

    pub(super) fn structure(&mut self, shape: &Shape, members: &[Member], role: Role) -> Result<StructureDef> {
        let owner = shape.id.to_string();
        let path = self.path(&shape.id)?;
        let is_input = matches!(role, Role::Input) || shape.traits.has(INPUT);
        let mut fields = Vec::new();
        let mut rust_names = naming::member_scope();
        for member in members {
            let member_id = shape.id.member(&member.name);
            let rust_name = rust_names.claim_with(names::field_name(&member.name), naming::MEMBER_DERIVED);
            let target = self.model.get(&member.target)?;
            if member.target == prelude::unit() {
                return Err(CodegenError::Unsupported {
                    id: member_id,
                    message: "structure members cannot target `smithy.api#Unit`".into(),
                });
            }
            let mut value = self.value_type(&member_id, member)?;
            let http = http_binding(member);
            apply_binding_timestamp_default(
                &mut value,
                http.as_ref(),
                &member.traits,
                &target.traits,
                self.protocol.body_timestamp_format(),
            );
            let required = member.traits.has(REQUIRED);
            let default = member
                .traits
                .get(DEFAULT)
                .or_else(|| target.traits.get(DEFAULT))
                .filter(|v| !v.is_null())
                .cloned();
            let client_optional = is_input || member.traits.has(CLIENT_OPTIONAL);
            let optional = client_optional || (!required && default.is_none());
            let docs = self.member_docs(member, target, &member_id)?;
            let wire_name = self.wire_name(member, &member_id)?;
            let deprecated = member
                .traits
                .get(DEPRECATED)
                .or_else(|| target.traits.get(DEPRECATED))
                .map(|d| d.get("message").and_then(Value::as_str).unwrap_or_default().to_owned());
            let streaming = target.traits.has(STREAMING);
            if streaming {
                self.notes.insert(format!(
                    "`{member_id}` is a @streaming {}: generated as an in-memory value",
                    target.kind.type_name()
                ));
            }
            if let Some(value_default) = &default {
                if !super::defaults::fits(&value, value_default) {
                    return Err(CodegenError::InvalidTrait {
                        id: member_id,
                        trait_id: DEFAULT.into(),
                        message: format!(
                            "{value_default} is not a valid default for a {}",
                            target.kind.type_name()
                        ),
                    });
                }
            }
            fields.push(FieldDef {
                member: member.name.clone(),
                wire_name,
                rust_name,
                docs,
                value,
                server_default: if optional { default.clone() } else { None },
                presence: match (optional, default) {
                    (true, _) if required => Presence::RequiredOptional,
                    (true, _) => Presence::Optional,
                    (false, Some(value)) => Presence::Default { value, required },
                    (false, None) => Presence::Required,
                },
                boxed: false,
                http,
                deprecated,
                idempotency_token: member.traits.has(IDEMPOTENCY_TOKEN),
                media_type: target
                    .traits
                    .get("smithy.api#mediaType")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                streaming,
            });
        }
        Ok(StructureDef {
            id: shape.id.clone(),
            file: self.file(&shape.id)?,
            path,
            docs: self.docs(&shape.traits, &owner)?,
            role,
            fields,
            eq_hash: false,
            sensitive: shape.traits.has(SENSITIVE),
            extras: Extras::default(),
            xml: xml::shape(&shape.traits, shape.id.name(), &owner)?,
        })
    }

    pub(super) fn enumeration(&self, shape: &Shape, members: &[Member]) -> Result<EnumDef> {
        let mut variants = Vec::new();
        for member in members {
            let member_id = shape.id.member(&member.name);
            let value = match member.traits.enum_value(&member_id)? {
                Some(EnumValue::String(v)) => v,
                Some(EnumValue::Int(_)) => {
                    return Err(CodegenError::InvalidTrait {
                        id: member_id,
                        trait_id: ENUM_VALUE.into(),
                        message: "a string enum value must be a string".into(),
                    })
                }
                None => member.name.clone(),
            };
            variants.push((
                member.name.clone(),
                value,
                self.docs(&member.traits, &member_id)?,
                member.traits.has(INTERNAL),
            ));
        }
        self.enum_def(shape, variants)
    }

    /// A `string` with the Smithy 1.0 `@enum` trait becomes an enum like any other.
    pub(super) fn legacy_enumeration(&self, shape: &Shape) -> Result<EnumDef> {
        let variants = self.legacy_enums[&shape.id]
            .iter()
            .map(|e| (e.name.clone(), e.value.clone(), e.docs.clone(), e.internal))
            .collect();
        self.enum_def(shape, variants)
    }

    pub(super) fn enum_def(
        &self,
        shape: &Shape,
        variants: Vec<(String, String, Vec<String>, bool)>,
    ) -> Result<EnumDef> {
        let owner = shape.id.to_string();
        let path = self.path(&shape.id)?;
        let mut rust_names = naming::variant_scope();
        let mut seen_values = BTreeSet::new();
        let mut out = Vec::new();
        for (name, value, docs, internal) in variants {
            if !seen_values.insert(value.clone()) {
                return Err(CodegenError::InvalidTrait {
                    id: shape.id.member(&name),
                    trait_id: ENUM_VALUE.into(),
                    message: format!("the value \"{value}\" is used twice"),
                });
            }
            out.push(VariantDef {
                rust_name: rust_names.claim(names::variant_name(&name)),
                value,
                docs,
                internal,
            });
        }
        Ok(EnumDef {
            id: shape.id.clone(),
            file: self.file(&shape.id)?,
            path,
            docs: self.docs(&shape.traits, &owner)?,
            variants: out,
            extras: Extras::default(),
        })
    }

    pub(super) fn int_enumeration(&self, shape: &Shape, members: &[Member]) -> Result<IntEnumDef> {
        let owner = shape.id.to_string();
        let path = self.path(&shape.id)?;
        let mut rust_names = naming::variant_scope();
        let mut seen = BTreeSet::new();
        let mut variants = Vec::new();
        for member in members {
            let member_id = shape.id.member(&member.name);
            let value = match member.traits.enum_value(&member_id)? {
                Some(EnumValue::Int(v)) => i32::try_from(v).map_err(|_| CodegenError::InvalidTrait {
                    id: member_id.clone(),
                    trait_id: ENUM_VALUE.into(),
                    message: format!("{v} does not fit an intEnum (32-bit integer)"),
                })?,
                _ => {
                    return Err(CodegenError::InvalidTrait {
                        id: member_id,
                        trait_id: ENUM_VALUE.into(),
                        message: "intEnum members need an integer `enumValue`".into(),
                    })
                }
            };
            if !seen.insert(value) {
                return Err(CodegenError::InvalidTrait {
                    id: member_id,
                    trait_id: ENUM_VALUE.into(),
                    message: format!("the value {value} is used twice"),
                });
            }
            variants.push(IntVariantDef {
                rust_name: rust_names.claim(names::variant_name(&member.name)),
                value,
                docs: self.docs(&member.traits, &member_id)?,
            });
        }
        Ok(IntEnumDef {
            id: shape.id.clone(),
            file: self.file(&shape.id)?,
            path,
            docs: self.docs(&shape.traits, &owner)?,
            variants,
            extras: Extras::default(),
        })
    }

    pub(super) fn union(&mut self, shape: &Shape, members: &[Member]) -> Result<UnionDef> {
        let owner = shape.id.to_string();
        let path = self.path(&shape.id)?;
        let mut rust_names = naming::variant_scope();
        let mut variants = Vec::new();
        for member in members {
            let member_id = shape.id.member(&member.name);
            let value = if member.target == prelude::unit() {
                None
            } else {
                Some(self.value_type(&member_id, member)?)
            };
            let target = self.model.get(&member.target)?;
            let docs = self.member_docs(member, target, &member_id)?;
            let wire_name = self.wire_name(member, &member_id)?;
            variants.push(UnionVariant {
                member: member.name.clone(),
                wire_name,
                rust_name: rust_names.claim(names::variant_name(&member.name)),
                docs,
                value,
                boxed: false,
                xml: xml::member(&member.traits, &member_id)?,
            });
        }
        let event_stream = shape.traits.has(STREAMING);
        if event_stream {
            self.notes.insert(format!(
                "`{owner}` is an event stream (@streaming union): generated as a plain union of its events; framing is not modelled"
            ));
        }
        Ok(UnionDef {
            id: shape.id.clone(),
            file: self.file(&shape.id)?,
            path,
            docs: self.docs(&shape.traits, &owner)?,
            variants,
            eq_hash: false,
            sensitive: shape.traits.has(SENSITIVE),
            event_stream,
            large_variant: false,
            extras: Extras::default(),
            xml: xml::shape(&shape.traits, shape.id.name(), &owner)?,
        })
    }
}
