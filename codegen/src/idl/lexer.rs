//! Characters -> tokens. Whitespace (spaces, tabs, line breaks and commas) and
//! comments are not tokens; each token records what separated it from the one
//! before, because the grammar cares (`SP` must stay on the line, `BR` needs a
//! line break, shape ids allow nothing). Documentation comments (`///`) ride on
//! the token they precede, where the parser decides whether they document it.

use super::text;
use super::{Located, Position};

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub enum TokenKind {
    /// An identifier, namespace or shape id, lexed whole (`a.b#C$d`).
    Word(String),
    /// `$name`: a control key or an elided member.
    DollarWord(String),
    /// A quoted string, escapes already interpreted.
    Str(String),
    /// A `"""` text block, incidental whitespace removed and escapes interpreted.
    TextBlock(String),
    /// A number as written (kept as text so nothing is lost before lowering).
    Number(String),
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    LParen,
    RParen,
    Colon,
    /// `:=`, inline operation input and output.
    Walrus,
    Equal,
    At,
    /// A `.`, `#` or `$` that is not part of a word: always an error where it stands.
    Stray(char),
    /// Text that is no token; the message says why. It ends the token stream, and
    /// is reported only if the parser gets that far (as a lazy lexer would).
    Error(String),
    Eof,
}

impl TokenKind {
    /// The text a word, string, text block or number token carries (empty for the others).
    pub fn into_text(self) -> String {
        match self {
            TokenKind::Word(t)
            | TokenKind::DollarWord(t)
            | TokenKind::Str(t)
            | TokenKind::TextBlock(t)
            | TokenKind::Number(t)
            | TokenKind::Error(t) => t,
            _ => String::new(),
        }
    }

    /// How the token reads in an error message.
    pub fn describe(&self) -> String {
        match self {
            TokenKind::Word(w) => format!("`{w}`"),
            TokenKind::DollarWord(w) => format!("`${w}`"),
            TokenKind::Str(_) => "a string".into(),
            TokenKind::TextBlock(_) => "a text block".into(),
            TokenKind::Number(n) => format!("the number `{n}`"),
            TokenKind::LBrace => "`{`".into(),
            TokenKind::RBrace => "`}`".into(),
            TokenKind::LBracket => "`[`".into(),
            TokenKind::RBracket => "`]`".into(),
            TokenKind::LParen => "`(`".into(),
            TokenKind::RParen => "`)`".into(),
            TokenKind::Colon => "`:`".into(),
            TokenKind::Walrus => "`:=`".into(),
            TokenKind::Equal => "`=`".into(),
            TokenKind::At => "`@`".into(),
            TokenKind::Stray(c) => format!("`{c}`"),
            TokenKind::Error(message) => message.clone(),
            TokenKind::Eof => "the end of the file".into(),
        }
    }
}

/// A token with its position and what came before it.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    pub at: Position,
    /// Just past its last character.
    pub end: Position,
    /// Whitespace, commas or comments separate it from the previous token.
    pub spaced: bool,
    /// A line break (or a comment, which ends one) separates it from the previous token.
    pub on_new_line: bool,
    /// The `///` lines directly before it, joined with `\n`.
    pub doc: Option<String>,
}

/// Splits `source` into tokens, ending with [`TokenKind::Eof`] or, where the
/// text stops making tokens, [`TokenKind::Error`].
pub fn tokenize(source: &str) -> Vec<Token> {
    let mut lexer = Lexer {
        chars: source.char_indices().peekable(),
        source,
        line: 1,
        column: 1,
    };
    let mut tokens = Vec::new();
    // Open delimiters: past the parser's limit the stream ends, so a file of
    // a hundred thousand `[` costs the lexer a few tokens, not one each.
    let mut depth = 0usize;
    loop {
        let start = lexer.position();
        let (trivia, kind) = match lexer.skip_trivia() {
            Err(e) => (None, Err(e)),
            Ok(trivia) => {
                let kind = match lexer.peek() {
                    None => Ok(TokenKind::Eof),
                    Some(c) => {
                        let at = lexer.position();
                        lexer.token(c, at)
                    }
                };
                (Some(trivia), kind)
            }
        };
        let trivia = trivia.unwrap_or(Trivia {
            spaced: false,
            new_line: false,
            doc: None,
            token_at: start,
        });
        let (mut kind, at) = match kind {
            Ok(kind) => (kind, trivia.token_at),
            Err(e) => (TokenKind::Error(e.message), e.at),
        };
        match kind {
            TokenKind::LBrace | TokenKind::LBracket | TokenKind::LParen => depth += 1,
            TokenKind::RBrace | TokenKind::RBracket | TokenKind::RParen => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > super::parser::MAX_NESTING {
            kind = TokenKind::Error(format!("values nest deeper than {} levels", super::parser::MAX_NESTING));
        }
        let done = matches!(kind, TokenKind::Eof | TokenKind::Error(_));
        tokens.push(Token {
            kind,
            at,
            end: lexer.position(),
            spaced: trivia.spaced,
            on_new_line: trivia.new_line,
            doc: trivia.doc,
        });
        if done {
            return tokens;
        }
    }
}

struct Trivia {
    spaced: bool,
    new_line: bool,
    doc: Option<String>,
    /// Where the token after the trivia starts.
    token_at: Position,
}

struct Lexer<'a> {
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    source: &'a str,
    line: usize,
    column: usize,
}

fn is_identifier_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl Lexer<'_> {
    fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.chars.peek().map(|&(_, c)| c)
    }

    /// The character after the next one.
    fn peek_second(&self) -> Option<char> {
        let mut ahead = self.chars.clone();
        ahead.next();
        ahead.next().map(|(_, c)| c)
    }

    fn offset(&mut self) -> usize {
        self.chars.peek().map_or(self.source.len(), |&(i, _)| i)
    }

    fn bump(&mut self) -> Option<char> {
        let (_, c) = self.chars.next()?;
        if c == '\n' || (c == '\r' && self.peek() != Some('\n')) {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn error(&self, at: Position, message: impl Into<String>) -> Located {
        Located::new(at, message)
    }

    fn skip_trivia(&mut self) -> Result<Trivia, Located> {
        let at_start = self.offset() == 0;
        let mut trivia = Trivia {
            spaced: false,
            new_line: false,
            doc: None,
            token_at: self.position(),
        };
        let mut doc_lines: Vec<String> = Vec::new();
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | ',' => {
                    self.bump();
                }
                '\n' | '\r' => {
                    self.bump();
                    trivia.new_line = true;
                }
                '/' => {
                    let at = self.position();
                    self.bump();
                    if self.peek() != Some('/') {
                        return Err(self.error(at, "expected `//` to start a comment, found a single `/`"));
                    }
                    self.bump();
                    let is_doc = self.peek() == Some('/');
                    if is_doc {
                        self.bump();
                    }
                    let start = self.offset();
                    while !matches!(self.peek(), None | Some('\n' | '\r')) {
                        self.bump();
                    }
                    let end = self.offset();
                    // A `///` after a token on its line documents nothing.
                    let trailing = !trivia.new_line && !at_start;
                    if is_doc && !trailing {
                        let line = &self.source[start..end];
                        doc_lines.push(line.strip_prefix(' ').unwrap_or(line).to_owned());
                    } else {
                        doc_lines.clear();
                    }
                    trivia.new_line = true;
                }
                _ => break,
            }
            trivia.spaced = true;
        }
        if !doc_lines.is_empty() {
            trivia.doc = Some(doc_lines.join("\n"));
        }
        trivia.token_at = self.position();
        Ok(trivia)
    }

    fn token(&mut self, c: char, at: Position) -> Result<TokenKind, Located> {
        let single = |lexer: &mut Self, kind| {
            lexer.bump();
            Ok(kind)
        };
        match c {
            '{' => single(self, TokenKind::LBrace),
            '}' => single(self, TokenKind::RBrace),
            '[' => single(self, TokenKind::LBracket),
            ']' => single(self, TokenKind::RBracket),
            '(' => single(self, TokenKind::LParen),
            ')' => single(self, TokenKind::RParen),
            '=' => single(self, TokenKind::Equal),
            '@' => single(self, TokenKind::At),
            ':' => {
                self.bump();
                if self.peek() == Some('=') {
                    self.bump();
                    Ok(TokenKind::Walrus)
                } else {
                    Ok(TokenKind::Colon)
                }
            }
            '$' if self.peek_second().is_some_and(is_identifier_start) => {
                self.bump();
                Ok(TokenKind::DollarWord(self.identifier()))
            }
            '.' | '#' | '$' => single(self, TokenKind::Stray(c)),
            '"' => self.string(at),
            '-' | '0'..='9' => self.number(at),
            c if is_identifier_start(c) => Ok(TokenKind::Word(self.word())),
            other => Err(self.error(at, format!("unexpected character {other:?}"))),
        }
    }

    /// Moves past identifier characters.
    fn skip_identifier(&mut self) {
        while self.peek().is_some_and(is_identifier_char) {
            self.bump();
        }
    }

    fn identifier(&mut self) -> String {
        let start = self.offset();
        self.skip_identifier();
        let end = self.offset();
        self.source[start..end].to_owned()
    }

    /// An identifier, and the `.ns`, `#Name` and `$member` parts glued to it.
    fn word(&mut self) -> String {
        let start = self.offset();
        self.skip_identifier();
        while self.peek() == Some('.') && self.peek_second().is_some_and(is_identifier_start) {
            self.bump();
            self.skip_identifier();
        }
        for separator in ['#', '$'] {
            if self.peek() == Some(separator) && self.peek_second().is_some_and(is_identifier_start) {
                self.bump();
                self.skip_identifier();
            }
        }
        let end = self.offset();
        self.source[start..end].to_owned()
    }

    fn number(&mut self, at: Position) -> Result<TokenKind, Located> {
        let start = self.offset();
        let digits = |lexer: &mut Self, after: &str| -> Result<(), Located> {
            if !lexer.peek().is_some_and(|c| c.is_ascii_digit()) {
                let so_far = &lexer.source[start..lexer.offset()];
                return Err(lexer.error(
                    at,
                    format!("invalid number `{so_far}`: {after} must be followed by a digit"),
                ));
            }
            while lexer.peek().is_some_and(|c| c.is_ascii_digit()) {
                lexer.bump();
            }
            Ok(())
        };
        if self.peek() == Some('-') {
            self.bump();
            digits(self, "`-`")?;
        } else {
            digits(self, "a number")?;
        }
        if self.peek() == Some('.') {
            self.bump();
            digits(self, "`.`")?;
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            self.bump();
            if matches!(self.peek(), Some('+' | '-')) {
                self.bump();
            }
            digits(self, "an exponent")?;
        }
        let end = self.offset();
        Ok(TokenKind::Number(self.source[start..end].to_owned()))
    }

    /// A quoted string or a text block; both end at an unescaped `"` (`"""`).
    fn string(&mut self, at: Position) -> Result<TokenKind, Located> {
        self.bump();
        let block = self.peek() == Some('"') && self.peek_second() == Some('"');
        if block {
            self.bump();
            self.bump();
        } else if self.peek() == Some('"') {
            self.bump();
            return Ok(TokenKind::Str(String::new()));
        }
        let start = self.offset();
        loop {
            match self.peek() {
                None => {
                    let what = if block { "text block" } else { "string" };
                    // Reported where it opens: the end of the file says nothing.
                    return Err(self.error(
                        at,
                        format!("this {what} is never closed: it runs to the end of the file"),
                    ));
                }
                Some('\\') => {
                    self.bump();
                    self.bump();
                }
                Some('"') => {
                    let end = self.offset();
                    if !block {
                        self.bump();
                        let raw = &self.source[start..end];
                        return text::quoted(raw).map(TokenKind::Str).map_err(|m| self.error(at, m));
                    }
                    let mut ahead = self.chars.clone();
                    ahead.next();
                    let closes = matches!((ahead.next(), ahead.next()), (Some((_, '"')), Some((_, '"'))));
                    self.bump();
                    if closes {
                        self.bump();
                        self.bump();
                        let raw = &self.source[start..end];
                        return text::block(raw)
                            .map(TokenKind::TextBlock)
                            .map_err(|m| self.error(at, m));
                    }
                }
                Some(_) => {
                    self.bump();
                }
            }
        }
    }
}
