//! Reads a pattern into [`Node`]s. The syntax is java.util.regex's (a superset of
//! what AWS models use, and close to ECMA-262's), plus ECMA's `\u{...}`; what each
//! construct means comes from the [`Dialect`]. Errors say what was found where.

use super::ast::{Assertion, Class, Greed, GroupKind, Item, Node, Repeat};
use super::sets;
use super::Dialect;

/// Parses `pattern` in `dialect`.
pub fn parse(pattern: &str, dialect: Dialect) -> Result<Node, String> {
    let mut parser = Parser {
        chars: pattern.chars().collect(),
        pos: 0,
        dialect,
        flags: Flags::default(),
        groups: 0,
    };
    let node = parser.alternation()?;
    match parser.peek() {
        None => Ok(node),
        Some(c) => Err(parser.error(&format!("unexpected `{c}` (an unopened group?)"))),
    }
}

/// Inline flags (`(?i)`, `(?s:...)`), scoped to the group they appear in.
#[derive(Debug, Clone, Copy, Default)]
struct Flags {
    /// `i`: ASCII case-insensitive, as Java's default `CASE_INSENSITIVE`.
    case_insensitive: bool,
    /// `s`: `.` matches line terminators too.
    dot_all: bool,
    /// `m`: `^` and `$` at line boundaries.
    multiline: bool,
    /// `x`: white space and `#` comments are ignored.
    comments: bool,
    /// `d`: only `\n` is a line terminator.
    unix_lines: bool,
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    dialect: Dialect,
    flags: Flags,
    /// Capturing groups opened so far (Java reads `\17` by how many exist).
    groups: u32,
}

/// What an escape stands for.
enum Escape {
    Char(u32),
    Class(Class),
    Node(Node),
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn error(&self, message: &str) -> String {
        format!("{message} at character {}", self.pos + 1)
    }

    /// In comments mode, skips white space and `#` comments.
    fn skip_ignored(&mut self) {
        if !self.flags.comments {
            return;
        }
        while let Some(c) = self.peek() {
            if c.is_whitespace() {
                self.pos += 1;
            } else if c == '#' {
                while let Some(c) = self.next() {
                    if c == '\n' {
                        break;
                    }
                }
            } else {
                break;
            }
        }
    }

    fn alternation(&mut self) -> Result<Node, String> {
        let saved = self.flags;
        let mut branches = vec![self.concat()?];
        while self.eat('|') {
            branches.push(self.concat()?);
        }
        // Inline flags end with the group that holds them.
        self.flags = saved;
        Ok(if branches.len() == 1 {
            branches.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alternation(branches)
        })
    }

    fn concat(&mut self) -> Result<Node, String> {
        let mut nodes = Vec::new();
        loop {
            self.skip_ignored();
            match self.peek() {
                None | Some('|') | Some(')') => break,
                _ => {}
            }
            let Some(atom) = self.atom()? else { continue };
            let node = self.quantified(atom)?;
            nodes.push(node);
        }
        Ok(match nodes.len() {
            0 => Node::Empty,
            1 => nodes.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(nodes),
        })
    }

    /// One atom, or `None` for a construct that matches nothing by itself (an
    /// inline flag group, `\Q\E`).
    fn atom(&mut self) -> Result<Option<Node>, String> {
        let Some(c) = self.next() else {
            return Ok(None);
        };
        let node = match c {
            '(' => return self.group(),
            '[' => Node::Class(self.class()?),
            '.' => Node::Class(if self.flags.dot_all {
                sets::any()
            } else if self.flags.unix_lines {
                Class::ranges(&[(0x0A, 0x0A)]).negate()
            } else {
                sets::dot(self.dialect)
            }),
            '^' => Node::Assert(if self.flags.multiline {
                Assertion::LineStart
            } else {
                Assertion::TextStart
            }),
            '$' => Node::Assert(match (self.flags.multiline, self.dialect) {
                (true, _) => Assertion::LineEnd,
                (false, Dialect::Java) => Assertion::TextEndBeforeTerminator,
                (false, Dialect::Ecma) => Assertion::TextEnd,
            }),
            '\\' => match self.escape(false)? {
                Escape::Char(code) => self.literal(code)?,
                Escape::Class(class) => Node::Class(class),
                Escape::Node(node) => node,
            },
            '*' | '+' | '?' => return Err(self.error(&format!("`{c}` has nothing to repeat"))),
            '{' if self.quantifier_braces(self.pos - 1).is_some() => {
                return Err(self.error("a `{` quantifier has nothing to repeat"))
            }
            other => self.literal(u32::from(other))?,
        };
        Ok(Some(node))
    }

    /// A literal, case-folded (ASCII only, as Java's default) under `(?i)`.
    fn literal(&self, code: u32) -> Result<Node, String> {
        let c = char::from_u32(code);
        match c {
            Some(c) if self.flags.case_insensitive && c.is_ascii_alphabetic() => {
                let (lower, upper) = (c.to_ascii_lowercase(), c.to_ascii_uppercase());
                Ok(Node::Class(Class::ranges(&[
                    (u32::from(upper), u32::from(upper)),
                    (u32::from(lower), u32::from(lower)),
                ])))
            }
            Some(c) => Ok(Node::Char(c)),
            // A lone UTF-16 surrogate: no Rust string holds one, so it never matches.
            None => Ok(Node::Class(Class::default())),
        }
    }

    /// After `(`.
    fn group(&mut self) -> Result<Option<Node>, String> {
        let kind = if self.eat('?') {
            match self.next() {
                Some(':') => GroupKind::NonCapture,
                Some('=') => GroupKind::Look {
                    ahead: true,
                    negated: false,
                },
                Some('!') => GroupKind::Look {
                    ahead: true,
                    negated: true,
                },
                Some('>') => GroupKind::Atomic,
                Some('<') if self.eat('=') => GroupKind::Look {
                    ahead: false,
                    negated: false,
                },
                Some('<') if self.eat('!') => GroupKind::Look {
                    ahead: false,
                    negated: true,
                },
                Some('<') => {
                    // A named group: numbered like any other capture.
                    while let Some(c) = self.next() {
                        if c == '>' {
                            break;
                        }
                        if !c.is_ascii_alphanumeric() && c != '_' {
                            return Err(self.error("a group name takes letters and digits only"));
                        }
                    }
                    self.groups += 1;
                    GroupKind::Capture
                }
                Some(c) if c.is_ascii_alphabetic() || c == '-' => {
                    self.pos -= 1;
                    return self.flag_group();
                }
                other => {
                    return Err(self.error(&format!(
                        "unknown group construct `(?{}`",
                        other.map(String::from).unwrap_or_default()
                    )))
                }
            }
        } else {
            self.groups += 1;
            GroupKind::Capture
        };
        let inner = self.alternation()?;
        if !self.eat(')') {
            return Err(self.error("a group is not closed"));
        }
        Ok(Some(Node::Group(Box::new(inner), kind)))
    }

    /// `(?flags)` (for the rest of the enclosing group) or `(?flags:...)`.
    fn flag_group(&mut self) -> Result<Option<Node>, String> {
        let mut flags = self.flags;
        let mut on = true;
        loop {
            let Some(c) = self.next() else {
                return Err(self.error("an inline flag group is not closed"));
            };
            match c {
                '-' => on = false,
                'i' => flags.case_insensitive = on,
                's' => flags.dot_all = on,
                'm' => flags.multiline = on,
                'x' => flags.comments = on,
                'd' => flags.unix_lines = on,
                // Unicode case folding and classes: not modelled; AWS models do not use them.
                'u' | 'U' => return Err(self.error(&format!("the inline flag `{c}` is not supported"))),
                ')' => {
                    self.flags = flags;
                    return Ok(None);
                }
                ':' => {
                    let saved = self.flags;
                    self.flags = flags;
                    let inner = self.alternation()?;
                    self.flags = saved;
                    if !self.eat(')') {
                        return Err(self.error("a group is not closed"));
                    }
                    return Ok(Some(Node::Group(Box::new(inner), GroupKind::NonCapture)));
                }
                other => return Err(self.error(&format!("unknown inline flag `{other}`"))),
            }
        }
    }

    /// `{n}`, `{n,}` or `{n,m}` starting at `open` (the `{`), without consuming
    /// it: `(min, max, index after the '}')`.
    fn quantifier_braces(&self, open: usize) -> Option<(u32, Option<u32>, usize)> {
        if self.chars.get(open) != Some(&'{') {
            return None;
        }
        let mut i = open + 1;
        let number = |i: &mut usize| -> Option<u32> {
            let start = *i;
            while self.chars.get(*i).is_some_and(char::is_ascii_digit) {
                *i += 1;
            }
            self.chars[start..*i].iter().collect::<String>().parse().ok()
        };
        let min = number(&mut i)?;
        let max = if self.chars.get(i) == Some(&',') {
            i += 1;
            if self.chars.get(i) == Some(&'}') {
                None
            } else {
                Some(number(&mut i)?)
            }
        } else {
            Some(min)
        };
        (self.chars.get(i) == Some(&'}')).then_some((min, max, i + 1))
    }

    fn quantified(&mut self, atom: Node) -> Result<Node, String> {
        let mut node = atom;
        loop {
            self.skip_ignored();
            let (min, max) = match self.peek() {
                Some('*') => {
                    self.pos += 1;
                    (0, None)
                }
                Some('+') => {
                    self.pos += 1;
                    (1, None)
                }
                Some('?') => {
                    self.pos += 1;
                    (0, Some(1))
                }
                Some('{') => match self.quantifier_braces(self.pos) {
                    Some((min, max, end)) => {
                        if max.is_some_and(|max| max < min) {
                            return Err(self.error("a `{min,max}` quantifier has max below min"));
                        }
                        self.pos = end;
                        (min, max)
                    }
                    None => return Ok(node),
                },
                _ => return Ok(node),
            };
            let greed = if self.eat('?') {
                Greed::Lazy
            } else if self.eat('+') {
                Greed::Possessive
            } else {
                Greed::Greedy
            };
            node = if node.is_zero_width() {
                // Repeating a zero-width test tests once (or not at all).
                if min == 0 {
                    Node::Empty
                } else {
                    node
                }
            } else {
                Node::Repeat(Box::new(Repeat { node, min, max, greed }))
            };
        }
    }

    /// After `[`: a class, with Java's nested classes and `&&` intersections.
    fn class(&mut self) -> Result<Class, String> {
        let negated = self.eat('^');
        let mut operands: Vec<Vec<Item>> = vec![Vec::new()];
        let mut first = true;
        loop {
            if self.flags.comments {
                self.skip_ignored();
            }
            let Some(c) = self.peek() else {
                return Err(self.error("a character class is not closed"));
            };
            match c {
                // A `]` first in the class is literal (Java).
                ']' if !first || self.dialect == Dialect::Ecma => {
                    self.pos += 1;
                    break;
                }
                '[' => {
                    self.pos += 1;
                    let nested = self.class()?;
                    if let Some(operand) = operands.last_mut() {
                        operand.push(Item::Class(nested));
                    }
                }
                '&' if self.peek_at(1) == Some('&') => {
                    self.pos += 2;
                    operands.push(Vec::new());
                }
                _ => {
                    let items = self.class_atom()?;
                    if let Some(operand) = operands.last_mut() {
                        operand.extend(items);
                    }
                }
            }
            first = false;
        }
        // `[a&&]`: an empty operand is no constraint.
        if operands.len() > 1 {
            operands.retain(|o| !o.is_empty());
        }
        if self.flags.case_insensitive {
            for operand in &mut operands {
                fold_ascii_case(operand);
            }
        }
        Ok(Class { negated, operands })
    }

    /// One member of a class: a character, a range, or a class escape. A `-` after
    /// a class escape, or before `]` or `[`, is a literal.
    fn class_atom(&mut self) -> Result<Vec<Item>, String> {
        let start = match self.class_char()? {
            Escape::Char(code) => code,
            Escape::Class(class) => return Ok(vec![Item::Class(class)]),
            Escape::Node(_) => return Err(self.error("this escape cannot stand in a character class")),
        };
        if self.peek() == Some('-') && !matches!(self.peek_at(1), Some(']') | Some('[') | None) {
            self.pos += 1;
            let end = match self.class_char()? {
                Escape::Char(code) => code,
                _ => return Err(self.error("a class escape cannot end a range")),
            };
            if end < start {
                return Err(self.error("a character range ends below its start"));
            }
            return Ok(vec![Item::Range(start, end)]);
        }
        Ok(vec![Item::Range(start, start)])
    }

    fn class_char(&mut self) -> Result<Escape, String> {
        match self.next() {
            Some('\\') => self.escape(true),
            Some(c) => Ok(Escape::Char(u32::from(c))),
            None => Err(self.error("a character class is not closed")),
        }
    }

    /// After `\`.
    fn escape(&mut self, in_class: bool) -> Result<Escape, String> {
        let Some(c) = self.next() else {
            return Err(self.error("the pattern ends with a lone backslash"));
        };
        let java = self.dialect == Dialect::Java;
        if let Some(class) = sets::escape_class(self.dialect, c) {
            return Ok(Escape::Class(class));
        }
        Ok(match c {
            't' => Escape::Char(0x09),
            'n' => Escape::Char(0x0A),
            'r' => Escape::Char(0x0D),
            'f' => Escape::Char(0x0C),
            'v' => Escape::Char(0x0B), // ECMA; Java's `\v` is a class, above
            'a' if java => Escape::Char(0x07),
            'e' if java => Escape::Char(0x1B),
            'b' if in_class && !java => Escape::Char(0x08),
            'c' => {
                let Some(letter) = self.next() else {
                    return Err(self.error("`\\c` needs a letter"));
                };
                Escape::Char(if java {
                    u32::from(letter) ^ 0x40
                } else {
                    u32::from(letter) % 32
                })
            }
            '0' => Escape::Char(self.octal(java)),
            'x' => Escape::Char(self.hex_escape()?),
            'u' => self.unicode_escape()?,
            'p' | 'P' => {
                let name = self.property_name()?;
                Escape::Class(sets::property(self.dialect, &name, c == 'P').map_err(|e| self.error(&e))?)
            }
            '1'..='9' if !in_class => Escape::Node(Node::BackReference(self.back_reference(c))),
            'k' if !in_class && self.peek() == Some('<') => {
                return Err(self.error("named back-references (`\\k<name>`) are not supported"))
            }
            'b' | 'B' if !in_class => {
                let ascii = !java;
                Escape::Node(Node::Assert(if c == 'b' {
                    Assertion::WordBoundary { ascii }
                } else {
                    Assertion::NotWordBoundary { ascii }
                }))
            }
            'A' | 'G' if !in_class && java => Escape::Node(Node::Assert(Assertion::TextStart)),
            'z' if !in_class && java => Escape::Node(Node::Assert(Assertion::TextEnd)),
            'Z' if !in_class && java => Escape::Node(Node::Assert(Assertion::TextEndBeforeTerminator)),
            'R' if !in_class && java => Escape::Node(Node::Alternation(vec![
                Node::Concat(vec![Node::Char('\r'), Node::Char('\n')]),
                Node::Class(Class::ranges(&[(0x0A, 0x0D), (0x85, 0x85), (0x2028, 0x2029)])),
            ])),
            'Q' if !in_class => {
                let mut quoted = Vec::new();
                while let Some(q) = self.next() {
                    if q == '\\' && self.peek() == Some('E') {
                        self.pos += 1;
                        break;
                    }
                    quoted.push(self.literal(u32::from(q))?);
                }
                Escape::Node(Node::Group(Box::new(Node::Concat(quoted)), GroupKind::NonCapture))
            }
            'E' if java => Escape::Node(Node::Empty),
            other if other.is_ascii_alphanumeric() => {
                return Err(self.error(&format!("unknown escape `\\{other}`")));
            }
            other => Escape::Char(u32::from(other)),
        })
    }

    /// Java: `\0n`, `\0nn`, `\0mnn` (m <= 3). ECMA: `\0` is NUL.
    fn octal(&mut self, java: bool) -> u32 {
        if !java {
            return 0;
        }
        let mut value = 0u32;
        let mut digits = 0;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(8)) {
            let next = value * 8 + d;
            if digits == 3 || next > 0o377 {
                break;
            }
            value = next;
            digits += 1;
            self.pos += 1;
        }
        value
    }

    fn hex_digits(&mut self, count: usize) -> Result<u32, String> {
        let mut value = 0u32;
        for _ in 0..count {
            let digit = self
                .next()
                .and_then(|c| c.to_digit(16))
                .ok_or_else(|| self.error("expected a hex digit"))?;
            value = value * 16 + digit;
        }
        Ok(value)
    }

    /// `\xhh` or `\x{h...}`.
    fn hex_escape(&mut self) -> Result<u32, String> {
        if self.eat('{') {
            self.braced_hex()
        } else {
            self.hex_digits(2)
        }
    }

    fn braced_hex(&mut self) -> Result<u32, String> {
        let mut value = 0u32;
        let mut any = false;
        while let Some(digit) = self.peek().and_then(|c| c.to_digit(16)) {
            self.pos += 1;
            any = true;
            value = value.saturating_mul(16).saturating_add(digit);
        }
        if !any || !self.eat('}') || value > 0x10FFFF {
            return Err(self.error("expected a code point in hex, then `}`"));
        }
        Ok(value)
    }

    /// `\uXXXX` (a surrogate pair written as two escapes is one code point) or
    /// ECMA's `\u{...}`.
    fn unicode_escape(&mut self) -> Result<Escape, String> {
        if self.eat('{') {
            return Ok(Escape::Char(self.braced_hex()?));
        }
        let unit = self.hex_digits(4)?;
        if (0xD800..0xDC00).contains(&unit) && self.peek() == Some('\\') && self.peek_at(1) == Some('u') {
            let saved = self.pos;
            self.pos += 2;
            match self.hex_digits(4) {
                Ok(low) if (0xDC00..0xE000).contains(&low) => {
                    return Ok(Escape::Char(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)));
                }
                _ => self.pos = saved,
            }
        }
        Ok(Escape::Char(unit))
    }

    fn property_name(&mut self) -> Result<String, String> {
        match self.next() {
            Some('{') => {
                let mut name = String::new();
                while let Some(c) = self.next() {
                    if c == '}' {
                        return Ok(name);
                    }
                    name.push(c);
                }
                Err(self.error("an unterminated \\p{...} property"))
            }
            Some(single) => Ok(single.to_string()),
            None => Err(self.error("\\p at the end of the pattern")),
        }
    }

    /// Java reads further digits only while the number names an existing group.
    fn back_reference(&mut self, first: char) -> u32 {
        let mut number = first.to_digit(10).unwrap_or(1);
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            let longer = number * 10 + d;
            if longer > self.groups {
                break;
            }
            number = longer;
            self.pos += 1;
        }
        number
    }
}

/// Adds the other ASCII case of every ASCII letter the items' ranges hold.
fn fold_ascii_case(items: &mut Vec<Item>) {
    let mut extra = Vec::new();
    for item in items.iter() {
        if let Item::Range(lo, hi) = *item {
            for (from, to) in [(0x41u32, 0x61u32), (0x61, 0x41)] {
                let (a, b) = (lo.max(from), hi.min(from + 25));
                if a <= b {
                    extra.push(Item::Range(a - from + to, b - from + to));
                }
            }
        }
    }
    items.extend(extra);
}
