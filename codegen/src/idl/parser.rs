//! Tokens -> [`syntax::File`](crate::idl::syntax::File) by recursive descent, one function per grammar rule
//! of the Smithy 2.0 IDL. Layout rules are checked from the tokens' trivia flags:
//! `SP` positions must stay on the line, `BR` positions need a line break, and
//! version 1.0 files are held to the 1.0 feature set.

use super::lexer::{Token, TokenKind};
use super::syntax::*;
use super::{Located, Position};

/// Parses one file's tokens.
pub fn parse(tokens: Vec<Token>) -> Result<File, Located> {
    let mut parser = Parser {
        tokens,
        index: 0,
        version: Version::V1,
        input_suffix: "Input".into(),
        output_suffix: "Output".into(),
        inline_shapes: Vec::new(),
        open: Vec::new(),
    };
    parser.file()
}

/// How deep `{`, `[` and `(` may nest, shape bodies included.
pub(super) const MAX_NESTING: usize = 128;

struct Parser {
    tokens: Vec<Token>,
    index: usize,
    version: Version,
    input_suffix: String,
    output_suffix: String,
    /// Inline operation inputs and outputs, added to the file after their operation.
    inline_shapes: Vec<ShapeDef>,
    /// The delimiters open where the parser stands (innermost last), so that an
    /// error lines later can say which one was never closed.
    open: Vec<(Position, String)>,
}

type Parsed<T> = Result<T, Located>;

/// Member names of list and map bodies.
const LIST_MEMBERS: &[&str] = &["member"];
const MAP_MEMBERS: &[&str] = &["key", "value"];

impl Parser {
    fn peek(&self) -> &Token {
        &self.tokens[self.index.min(self.tokens.len() - 1)]
    }

    fn peek_at(&self, ahead: usize) -> &Token {
        &self.tokens[(self.index + ahead).min(self.tokens.len() - 1)]
    }

    /// Consumes the current token (the last one, `Eof` or `Error`, is never
    /// consumed). Its text moves out: the parser never looks back at a kind.
    fn next(&mut self) -> Token {
        if self.index >= self.tokens.len() - 1 {
            return self.peek().clone();
        }
        let token = &mut self.tokens[self.index];
        let taken = Token {
            kind: std::mem::replace(&mut token.kind, TokenKind::Eof),
            at: token.at,
            end: token.end,
            spaced: token.spaced,
            on_new_line: token.on_new_line,
            doc: token.doc.take(),
        };
        self.index += 1;
        taken
    }

    fn at(&self) -> Position {
        self.peek().at
    }

    fn unexpected(&self, expected: &str) -> Located {
        let message = format!("expected {expected}, found {}", self.peek().kind.describe());
        // Lines after a delimiter that is still open, the mistake is most
        // likely that it was never closed: point there.
        if let Some((opened, what)) = self.open.last() {
            if self.at().line > opened.line {
                let at = self.at();
                return self.fail(Located::new(
                    *opened,
                    format!(
                        "this {what} is never closed (at line {}, column {}: {message})",
                        at.line, at.column
                    ),
                ));
            }
        }
        self.fail(Located::new(self.at(), message))
    }

    /// Consumes the opening delimiter `kind` and remembers it as `what` until
    /// [`Parser::close`].
    fn open(&mut self, kind: TokenKind, what: impl Into<String>) -> Parsed<()> {
        let at = self.expect(kind)?.at;
        // Node values recurse: a bound keeps a hostile file from exhausting
        // the stack. serde_json stops JSON AST models at the same depth.
        if self.open.len() >= MAX_NESTING {
            return Err(Located::new(
                at,
                format!("values nest deeper than {MAX_NESTING} levels"),
            ));
        }
        self.open.push((at, what.into()));
        Ok(())
    }

    /// Consumes the closing delimiter of the innermost [`Parser::open`].
    fn close(&mut self, kind: TokenKind) -> Parsed<()> {
        self.expect(kind)?;
        self.open.pop();
        Ok(())
    }

    /// `error`, unless the parser stands at text the lexer could not read: then
    /// that is the first error of the file.
    fn fail(&self, error: Located) -> Located {
        match &self.peek().kind {
            TokenKind::Error(message) => Located::new(self.at(), message.clone()),
            _ => error,
        }
    }

    /// Where the previous token ends (where a missing thing on its line belongs).
    fn previous_end(&self) -> Position {
        self.index
            .checked_sub(1)
            .map_or_else(|| self.at(), |i| self.tokens[i].end)
    }

    fn is_word(&self, word: &str) -> bool {
        matches!(&self.peek().kind, TokenKind::Word(w) if w == word)
    }

    fn expect(&mut self, kind: TokenKind) -> Parsed<Token> {
        if self.peek().kind == kind {
            Ok(self.next())
        } else {
            Err(self.unexpected(&kind.describe()))
        }
    }

    /// `SP`: the next token is separated by spaces and stays on the line.
    fn expect_space(&self, what: &str) -> Parsed<()> {
        let token = self.peek();
        if token.on_new_line || token.kind == TokenKind::Eof {
            Err(self.fail(Located::new(
                self.previous_end(),
                format!("expected {what} on the same line, found {}", describe_break(token)),
            )))
        } else if !token.spaced {
            Err(self.fail(Located::new(token.at, format!("expected a space before {what}"))))
        } else {
            Ok(())
        }
    }

    /// `*SP`: the next token stays on the line.
    fn expect_same_line(&self, what: &str) -> Parsed<()> {
        let token = self.peek();
        if token.on_new_line {
            Err(self.fail(Located::new(
                self.previous_end(),
                format!("expected {what} on the same line, found {}", describe_break(token)),
            )))
        } else {
            Ok(())
        }
    }

    /// `BR`: the next token starts a new line (or the file ends).
    fn expect_line_break(&self) -> Parsed<()> {
        let token = self.peek();
        if token.on_new_line || token.kind == TokenKind::Eof {
            Ok(())
        } else {
            Err(self.fail(Located::new(
                token.at,
                format!("expected a line break, found {}", token.kind.describe()),
            )))
        }
    }

    fn require_v2(&self, at: Position, feature: &str) -> Parsed<()> {
        if self.version == Version::V1 {
            Err(Located::new(
                at,
                format!(
                    "Smithy IDL 2.0 is needed for {feature}, but this file is version 1.0 (add `$version: \"2.0\"`)"
                ),
            ))
        } else {
            Ok(())
        }
    }

    fn file(&mut self) -> Parsed<File> {
        let mut file = File {
            version: Version::V1,
            metadata: Vec::new(),
            namespace: None,
            uses: Vec::new(),
            shapes: Vec::new(),
            applies: Vec::new(),
        };
        self.control_section(&mut file)?;
        while self.is_word("metadata") {
            self.next();
            file.metadata.push(self.metadata_statement()?);
        }
        if self.peek().kind == TokenKind::Eof {
            return Ok(file);
        }
        if !self.is_word("namespace") {
            return Err(self.unexpected("a `namespace` statement (shapes need a namespace)"));
        }
        self.next();
        self.expect_space("a namespace")?;
        let namespace = self.word("a namespace")?;
        if !is_namespace(&namespace.value) {
            return Err(Located::new(
                namespace.at,
                format!("`{}` is not a namespace", namespace.value),
            ));
        }
        self.expect_line_break()?;
        file.namespace = Some(namespace);
        while self.is_word("use") {
            self.next();
            self.expect_space("a shape id")?;
            let id = self.word("an absolute shape id")?;
            if !is_absolute_root_id(&id.value) {
                return Err(Located::new(
                    id.at,
                    format!(
                        "`use` needs an absolute shape id without a member (`namespace#Name`), found `{}`",
                        id.value
                    ),
                ));
            }
            self.expect_line_break()?;
            file.uses.push(id);
        }
        while self.peek().kind != TokenKind::Eof {
            self.shape_or_apply(&mut file)?;
            self.expect_line_break()?;
        }
        Ok(file)
    }

    fn control_section(&mut self, file: &mut File) -> Parsed<()> {
        let mut seen: Vec<String> = Vec::new();
        while matches!(self.peek().kind, TokenKind::DollarWord(_)) {
            let token = self.next();
            let (TokenKind::DollarWord(key), key_at) = (token.kind, token.at) else {
                break;
            };
            if seen.contains(&key) {
                return Err(Located::new(
                    key_at,
                    format!("the control statement `${key}` is given twice"),
                ));
            }
            seen.push(key.clone());
            self.expect_same_line("`:`")?;
            self.expect(TokenKind::Colon)?;
            self.expect_same_line("a value")?;
            let value_at = self.at();
            let value = self.node()?;
            self.expect_line_break()?;
            let text = match (&key[..], value) {
                ("version" | "operationInputSuffix" | "operationOutputSuffix", Node::Str(s)) => s,
                ("version" | "operationInputSuffix" | "operationOutputSuffix", _) => {
                    return Err(Located::new(value_at, format!("`${key}` must be a string")))
                }
                // Unknown control statements are allowed (and ignored) by the spec.
                _ => continue,
            };
            match &key[..] {
                "version" => {
                    file.version = match text.as_str() {
                        "1" | "1.0" => Version::V1,
                        "2" | "2.0" => Version::V2,
                        other => {
                            return Err(Located::new(
                                value_at,
                                format!("unsupported Smithy IDL version \"{other}\" (this reader knows 1.0 and 2.0)"),
                            ))
                        }
                    };
                    self.version = file.version;
                }
                "operationInputSuffix" => self.input_suffix = self.suffix(text, value_at)?,
                _ => self.output_suffix = self.suffix(text, value_at)?,
            }
        }
        Ok(())
    }

    fn suffix(&self, text: String, at: Position) -> Parsed<String> {
        if text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !text.is_empty() {
            Ok(text)
        } else {
            Err(Located::new(
                at,
                format!("an operation suffix must be identifier characters, found \"{text}\""),
            ))
        }
    }

    fn metadata_statement(&mut self) -> Parsed<(Spanned<String>, Node)> {
        self.expect_space("a metadata key")?;
        let at = self.at();
        let key = match &self.peek().kind {
            TokenKind::Str(_) => self.next().kind.into_text(),
            TokenKind::Word(w) if is_identifier(w) => self.next().kind.into_text(),
            _ => return Err(self.unexpected("a metadata key (an identifier or a quoted string)")),
        };
        self.expect_same_line("`=`")?;
        self.expect(TokenKind::Equal)?;
        self.expect_same_line("a value")?;
        let value = self.node()?;
        self.expect_line_break()?;
        Ok((Spanned { value: key, at }, value))
    }

    /// A word token (identifier, namespace or shape id).
    fn word(&mut self, expected: &str) -> Parsed<Spanned<String>> {
        match self.peek().kind {
            TokenKind::Word(_) => {
                let token = self.next();
                Ok(Spanned {
                    at: token.at,
                    value: token.kind.into_text(),
                })
            }
            _ => Err(self.unexpected(expected)),
        }
    }

    /// A shape id reference (relative or absolute, with an optional member).
    fn shape_id(&mut self, allow_member: bool) -> Parsed<Spanned<String>> {
        let id = self.word("a shape id")?;
        let valid = if allow_member {
            is_shape_id(&id.value)
        } else {
            is_shape_id(&id.value) && !id.value.contains('$')
        };
        if !valid {
            return Err(Located::new(
                id.at,
                format!("`{}` is not a valid shape id here", id.value),
            ));
        }
        Ok(id)
    }

    fn shape_name(&mut self) -> Parsed<Spanned<String>> {
        self.expect_space("a shape name")?;
        let name = self.word("a shape name")?;
        if !is_identifier(&name.value) {
            return Err(Located::new(
                name.at,
                format!("a shape name must be an identifier, found `{}`", name.value),
            ));
        }
        Ok(name)
    }

    /// `TraitStatements`, with the doc comment before the first of them.
    fn trait_statements(&mut self) -> Parsed<(Vec<TraitApplication>, Option<String>)> {
        let doc = self.peek().doc.clone();
        let mut traits = Vec::new();
        while self.peek().kind == TokenKind::At {
            traits.push(self.trait_application()?);
        }
        Ok((traits, doc))
    }

    fn trait_application(&mut self) -> Parsed<TraitApplication> {
        self.expect(TokenKind::At)?;
        if self.peek().spaced {
            return Err(Located::new(self.at(), "expected a trait name right after `@`"));
        }
        let id = self.shape_id(false)?;
        if self.peek().kind != TokenKind::LParen || self.peek().spaced {
            return Ok(TraitApplication { id, value: None });
        }
        self.open(TokenKind::LParen, format!("`(` of `@{}`", id.value))?;
        if self.peek().kind == TokenKind::RParen {
            self.close(TokenKind::RParen)?;
            return Ok(TraitApplication { id, value: None });
        }
        let structured = matches!(self.peek().kind, TokenKind::Word(_) | TokenKind::Str(_))
            && self.peek_at(1).kind == TokenKind::Colon;
        let value = if structured {
            let mut entries = Vec::new();
            while self.peek().kind != TokenKind::RParen {
                entries.push(self.object_entry(&entries)?);
            }
            Node::Object(entries)
        } else {
            self.node()?
        };
        self.close(TokenKind::RParen)?;
        Ok(TraitApplication { id, value: Some(value) })
    }

    fn shape_or_apply(&mut self, file: &mut File) -> Parsed<()> {
        let start = self.at();
        let (traits, doc) = self.trait_statements()?;
        let keyword = self.word("a shape statement or `apply`")?;
        if keyword.value == "apply" {
            if !traits.is_empty() {
                return Err(Located::new(start, "traits cannot be applied to an `apply` statement"));
            }
            file.applies.push(self.apply()?);
            return Ok(());
        }
        let Some(shape_type) = ShapeType::from_keyword(&keyword.value) else {
            let hint = match keyword.value.as_str() {
                "namespace" => " (a file has one `namespace` statement, before its shapes)",
                "use" | "metadata" => " (`use` and `metadata` statements come before the shapes)",
                _ => "",
            };
            return Err(Located::new(
                keyword.at,
                format!("unknown shape type `{}`{hint}", keyword.value),
            ));
        };
        let shape = self.shape(shape_type, keyword.at, traits, doc)?;
        file.shapes.push(shape);
        file.shapes.append(&mut self.inline_shapes);
        Ok(())
    }

    fn apply(&mut self) -> Parsed<ApplyDef> {
        self.expect_space("a shape id")?;
        let target = self.shape_id(true)?;
        if !self.peek().spaced {
            return Err(Located::new(self.at(), "expected whitespace after the shape id"));
        }
        let traits = if self.peek().kind == TokenKind::LBrace {
            self.next();
            let (traits, _) = self.trait_statements()?;
            self.expect(TokenKind::RBrace)?;
            traits
        } else if self.peek().kind == TokenKind::At {
            vec![self.trait_application()?]
        } else {
            return Err(self.unexpected("`@` or `{` after the shape id"));
        };
        Ok(ApplyDef { target, traits })
    }

    fn shape(
        &mut self,
        shape_type: ShapeType,
        keyword_at: Position,
        traits: Vec<TraitApplication>,
        doc: Option<String>,
    ) -> Parsed<ShapeDef> {
        match shape_type {
            ShapeType::Enum | ShapeType::IntEnum => {
                self.require_v2(keyword_at, "`enum` and `intEnum` shapes")?;
            }
            ShapeType::Set if self.version == Version::V2 => {
                return Err(Located::new(
                    keyword_at,
                    "`set` shapes are not part of Smithy 2.0: use a `list` with `@uniqueItems`",
                ))
            }
            _ => {}
        }
        let name = self.shape_name()?;
        let mut shape = ShapeDef {
            name,
            shape_type,
            traits,
            doc,
            mixins: Vec::new(),
            for_resource: None,
            members: Vec::new(),
            properties: Vec::new(),
            operation: OperationBody::default(),
        };
        let takes_resource = matches!(
            shape_type,
            ShapeType::Structure | ShapeType::Union | ShapeType::List | ShapeType::Map
        );
        if takes_resource && self.is_word("for") && !self.peek().on_new_line {
            shape.for_resource = Some(self.for_resource()?);
        }
        if self.is_word("with") && !self.peek().on_new_line {
            shape.mixins = self.mixins()?;
        }
        match shape_type {
            ShapeType::Simple(_) => {}
            ShapeType::Enum | ShapeType::IntEnum => {
                shape.members = self.enum_members()?;
                if shape.members.is_empty() {
                    return Err(Located::new(
                        shape.name.at,
                        format!("`{}` needs at least one member", shape.name.value),
                    ));
                }
            }
            ShapeType::List | ShapeType::Set => {
                shape.members = self.members(Some(LIST_MEMBERS))?;
                self.require_members(&shape, LIST_MEMBERS)?;
            }
            ShapeType::Map => {
                shape.members = self.members(Some(MAP_MEMBERS))?;
                self.require_members(&shape, MAP_MEMBERS)?;
            }
            ShapeType::Structure | ShapeType::Union => shape.members = self.members(None)?,
            ShapeType::Service | ShapeType::Resource => {
                self.expect(TokenKind::LBrace)?;
                let mut entries: Vec<(Spanned<String>, Node)> = Vec::new();
                while self.peek().kind != TokenKind::RBrace {
                    let at = self.at();
                    let (key, value) = self.object_key_value()?;
                    if entries.iter().any(|(k, _)| k.value == key) {
                        return Err(Located::new(at, format!("the property `{key}` is given twice")));
                    }
                    entries.push((Spanned { value: key, at }, value));
                }
                self.next();
                shape.properties = entries;
            }
            ShapeType::Operation => shape.operation = self.operation_body(&shape.name.value)?,
        }
        Ok(shape)
    }

    /// Lists and maps must declare their members unless a mixin provides them.
    fn require_members(&self, shape: &ShapeDef, names: &[&str]) -> Parsed<()> {
        if !shape.mixins.is_empty() {
            return Ok(());
        }
        let missing: Vec<&str> = names
            .iter()
            .filter(|n| !shape.members.iter().any(|m| m.name.value == **n))
            .copied()
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(Located::new(
                shape.name.at,
                format!(
                    "`{}` is missing its `{}` member",
                    shape.name.value,
                    missing.join("` and `")
                ),
            ))
        }
    }

    fn for_resource(&mut self) -> Parsed<Spanned<String>> {
        let at = self.next().at;
        self.require_v2(at, "`for` (binding a shape to a resource)")?;
        self.expect_space("a resource shape id")?;
        self.shape_id(false)
    }

    fn mixins(&mut self) -> Parsed<Vec<Spanned<String>>> {
        let at = self.next().at;
        self.require_v2(at, "mixins (`with [...]`)")?;
        self.expect(TokenKind::LBracket)?;
        let mut mixins = vec![self.shape_id(false)?];
        while self.peek().kind != TokenKind::RBracket {
            mixins.push(self.shape_id(false)?);
        }
        self.next();
        Ok(mixins)
    }

    fn enum_members(&mut self) -> Parsed<Vec<MemberDef>> {
        self.open(TokenKind::LBrace, "`{` of the members")?;
        let mut members: Vec<MemberDef> = Vec::new();
        while self.peek().kind != TokenKind::RBrace {
            let (traits, doc) = self.trait_statements()?;
            let name = self.word("an enum member name or `}`")?;
            if !is_identifier(&name.value) {
                return Err(Located::new(name.at, format!("`{}` is not a member name", name.value)));
            }
            check_unique(&members, &name)?;
            let value = self.value_assignment()?;
            members.push(MemberDef {
                name,
                target: None,
                traits,
                doc,
                value,
            });
        }
        self.close(TokenKind::RBrace)?;
        Ok(members)
    }

    /// `*SP "=" *SP NodeValue BR`, when an `=` follows on the line.
    fn value_assignment(&mut self) -> Parsed<Option<Spanned<Node>>> {
        if self.peek().kind != TokenKind::Equal || self.peek().on_new_line {
            return Ok(None);
        }
        let at = self.next().at;
        self.require_v2(at, "`= value` assignments")?;
        self.expect_same_line("a value after `=`")?;
        let value = self.node()?;
        self.expect_line_break()?;
        Ok(Some(Spanned { value, at }))
    }

    /// `ShapeMembers`; `only` restricts the names (lists and maps).
    fn members(&mut self, only: Option<&[&str]>) -> Parsed<Vec<MemberDef>> {
        self.open(TokenKind::LBrace, "`{` of the members")?;
        let mut members: Vec<MemberDef> = Vec::new();
        while self.peek().kind != TokenKind::RBrace {
            let (traits, doc) = self.trait_statements()?;
            let (name, target) = match &self.peek().kind {
                TokenKind::DollarWord(_) => {
                    let token = self.next();
                    self.require_v2(token.at, "elided members (`$name`)")?;
                    (
                        Spanned {
                            at: token.at,
                            value: token.kind.into_text(),
                        },
                        None,
                    )
                }
                TokenKind::Word(name) if is_identifier(name) => {
                    let token = self.next();
                    let (name, at) = (token.kind.into_text(), token.at);
                    self.expect_same_line("`:`")?;
                    self.expect(TokenKind::Colon)?;
                    self.expect_same_line("the member's target")?;
                    let target = self.shape_id(false)?;
                    (Spanned { value: name, at }, Some(target))
                }
                _ => return Err(self.unexpected("a member (`name: Target` or `$name`) or `}`")),
            };
            if let Some(only) = only {
                if !only.contains(&name.value.as_str()) {
                    return Err(Located::new(
                        name.at,
                        format!(
                            "unexpected member `{}` (expected `{}`)",
                            name.value,
                            only.join("` or `")
                        ),
                    ));
                }
            }
            check_unique(&members, &name)?;
            let value = self.value_assignment()?;
            members.push(MemberDef {
                name,
                target,
                traits,
                doc,
                value,
            });
        }
        self.close(TokenKind::RBrace)?;
        Ok(members)
    }

    fn operation_body(&mut self, operation: &str) -> Parsed<OperationBody> {
        self.expect(TokenKind::LBrace)?;
        let mut body = OperationBody::default();
        let mut seen: Vec<String> = Vec::new();
        while self.peek().kind != TokenKind::RBrace {
            let key = self.word("`input`, `output`, `errors` or `}`")?;
            if seen.contains(&key.value) {
                return Err(Located::new(
                    key.at,
                    format!("the operation property `{}` is given twice", key.value),
                ));
            }
            seen.push(key.value.clone());
            match key.value.as_str() {
                "input" | "output" => {
                    let io = self.io_target(operation, &key.value)?;
                    if key.value == "input" {
                        body.input = Some(io);
                    } else {
                        body.output = Some(io);
                    }
                }
                "errors" => {
                    self.expect(TokenKind::Colon)?;
                    self.expect(TokenKind::LBracket)?;
                    while self.peek().kind != TokenKind::RBracket {
                        body.errors.push(self.shape_id(false)?);
                    }
                    self.next();
                }
                other => {
                    return Err(Located::new(
                        key.at,
                        format!("unknown operation property `{other}` (expected `input`, `output` or `errors`)"),
                    ))
                }
            }
        }
        self.next();
        Ok(body)
    }

    fn io_target(&mut self, operation: &str, which: &str) -> Parsed<Spanned<String>> {
        match self.peek().kind {
            TokenKind::Colon => {
                self.next();
                self.shape_id(false)
            }
            TokenKind::Walrus => {
                let at = self.next().at;
                self.require_v2(at, "inline operation input and output (`:=`)")?;
                let (mut traits, doc) = self.trait_statements()?;
                let (suffix, marker) = if which == "input" {
                    (&self.input_suffix, "smithy.api#input")
                } else {
                    (&self.output_suffix, "smithy.api#output")
                };
                let name = Spanned {
                    value: format!("{operation}{suffix}"),
                    at,
                };
                traits.push(TraitApplication {
                    id: Spanned {
                        value: marker.to_owned(),
                        at,
                    },
                    value: None,
                });
                let mut shape = ShapeDef {
                    name: name.clone(),
                    shape_type: ShapeType::Structure,
                    traits,
                    doc,
                    mixins: Vec::new(),
                    for_resource: None,
                    members: Vec::new(),
                    properties: Vec::new(),
                    operation: OperationBody::default(),
                };
                if self.is_word("for") {
                    shape.for_resource = Some(self.for_resource()?);
                }
                if self.is_word("with") {
                    shape.mixins = self.mixins()?;
                }
                shape.members = self.members(None)?;
                self.inline_shapes.push(shape);
                Ok(name)
            }
            _ => Err(self.unexpected("`:` or `:=`")),
        }
    }

    fn node(&mut self) -> Parsed<Node> {
        match self.peek().kind {
            TokenKind::LBrace => {
                self.open(TokenKind::LBrace, "`{`")?;
                let mut entries = Vec::new();
                while self.peek().kind != TokenKind::RBrace {
                    entries.push(self.object_entry(&entries)?);
                }
                self.close(TokenKind::RBrace)?;
                return Ok(Node::Object(entries));
            }
            TokenKind::LBracket => {
                self.open(TokenKind::LBracket, "`[`")?;
                let mut items = Vec::new();
                while self.peek().kind != TokenKind::RBracket {
                    items.push(self.node()?);
                }
                self.close(TokenKind::RBracket)?;
                return Ok(Node::Array(items));
            }
            TokenKind::Str(_) | TokenKind::TextBlock(_) | TokenKind::Number(_) | TokenKind::Word(_) => {}
            _ => return Err(self.unexpected("a value (string, text block, number, shape id, `{` or `[`)")),
        }
        let token = self.next();
        let at = token.at;
        Ok(match token.kind {
            TokenKind::Number(n) => Node::Number(Spanned { value: n, at }),
            TokenKind::Word(w) => match w.as_str() {
                "true" => Node::Bool(true),
                "false" => Node::Bool(false),
                "null" => Node::Null,
                _ if is_shape_id(&w) => Node::Id(Spanned { value: w, at }),
                _ => return Err(Located::new(at, format!("`{w}` is not a valid shape id"))),
            },
            other => Node::Str(other.into_text()),
        })
    }

    /// `key: value` of an object (quoted or identifier key).
    fn object_key_value(&mut self) -> Parsed<(String, Node)> {
        let key = match &self.peek().kind {
            TokenKind::Str(_) => self.next().kind.into_text(),
            TokenKind::Word(w) if is_identifier(w) => self.next().kind.into_text(),
            _ => return Err(self.unexpected("an object key (an identifier or a quoted string) or `}`")),
        };
        self.expect(TokenKind::Colon)?;
        let value = self.node()?;
        Ok((key, value))
    }

    /// [`Self::object_key_value`], refusing a key the object already has.
    fn object_entry(&mut self, entries: &[(String, Node)]) -> Parsed<(String, Node)> {
        let at = self.at();
        let (key, value) = self.object_key_value()?;
        if entries.iter().any(|(k, _)| *k == key) {
            return Err(Located::new(
                at,
                format!("the key `{key}` is given twice in this object"),
            ));
        }
        Ok((key, value))
    }
}

fn check_unique(members: &[MemberDef], name: &Spanned<String>) -> Parsed<()> {
    if members.iter().any(|m| m.name.value == name.value) {
        Err(Located::new(
            name.at,
            format!("the member `{}` is declared twice", name.value),
        ))
    } else {
        Ok(())
    }
}

fn describe_break(token: &Token) -> String {
    if token.kind == TokenKind::Eof {
        "the end of the file".into()
    } else {
        format!("a line break before {}", token.kind.describe())
    }
}

/// `Identifier`: a letter, or underscores followed by a letter or digit, then word characters.
pub fn is_identifier(s: &str) -> bool {
    let trimmed = s.trim_start_matches('_');
    let mut chars = trimmed.chars();
    let first_ok = match chars.next() {
        Some(c) if c.is_ascii_alphabetic() => true,
        Some(c) if c.is_ascii_digit() => trimmed.len() < s.len(),
        _ => false,
    };
    first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

pub fn is_namespace(s: &str) -> bool {
    s.split('.').all(is_identifier)
}

/// `namespace#Name`.
pub fn is_absolute_root_id(s: &str) -> bool {
    matches!(s.split_once('#'), Some((ns, name)) if is_namespace(ns) && is_identifier(name))
}

/// Any shape id: `Name`, `ns#Name`, with an optional `$member`.
pub fn is_shape_id(s: &str) -> bool {
    let (root, member) = match s.split_once('$') {
        Some((root, member)) => (root, Some(member)),
        None => (s, None),
    };
    let root_ok = if root.contains('#') {
        is_absolute_root_id(root)
    } else {
        is_identifier(root)
    };
    root_ok && member.is_none_or(is_identifier)
}
