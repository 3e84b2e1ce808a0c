//! Writes [`Node`]s as Rust regex syntax: for `regex` when the pattern allows
//! linear-time matching, else for `fancy-regex`; and, separately, as the anchor-
//! and look-around-free text proptest generates candidate strings from.

use std::fmt::Write as _;

use super::ast::{Assertion, Class, Greed, GroupKind, Item, Node};

/// Rendered regex text and whether it needs the backtracking engine.
pub struct Rendered {
    pub regex: String,
    pub backtracking: bool,
}

/// Whether Java's end anchor can be handled by matching twice, on the text and
/// on the text without its final line terminator (what the runtime's
/// `line_end` does), rendering `$` as a plain `\z`: true when every `$` ends the
/// pattern (nothing consuming follows it), and nothing else in the pattern
/// looks at the end of the text or around (a look-around would see the text
/// without its terminator). Otherwise `$` is rendered exactly, with look-arounds.
pub fn final_terminator_strippable(node: &Node) -> bool {
    fn walk(node: &Node, tail: bool, seen_dollar: &mut bool) -> bool {
        match node {
            Node::Empty | Node::Char(_) | Node::Class(_) | Node::BackReference(_) => true,
            Node::Assert(Assertion::TextEndBeforeTerminator) => {
                *seen_dollar = true;
                tail
            }
            Node::Assert(Assertion::TextEnd | Assertion::LineStart | Assertion::LineEnd) => false,
            Node::Assert(_) => true,
            Node::Group(_, GroupKind::Look { .. }) => false,
            Node::Group(inner, _) => walk(inner, tail, seen_dollar),
            Node::Concat(nodes) => nodes
                .iter()
                .enumerate()
                .all(|(i, n)| walk(n, tail && nodes[i + 1..].iter().all(Node::is_zero_width), seen_dollar)),
            Node::Alternation(branches) => branches.iter().all(|b| walk(b, tail, seen_dollar)),
            Node::Repeat(r) => walk(&r.node, tail && r.max == Some(1), seen_dollar),
        }
    }
    let mut seen_dollar = false;
    walk(node, true, &mut seen_dollar) && seen_dollar
}

/// Renders for matching; with `strip`, Java's `$` as `\z` (see
/// [`final_terminator_strippable`]).
pub fn matcher(node: &Node, strip: bool) -> Rendered {
    let mut r = Renderer {
        out: String::new(),
        backtracking: false,
        generation: false,
        strip,
    };
    r.inside(node);
    Rendered {
        regex: r.out,
        backtracking: r.backtracking,
    }
}

/// Renders for generating strings: anchors, boundaries and look-arounds dropped
/// (candidates are checked against the full pattern afterwards).
pub fn generator(node: &Node) -> String {
    let mut r = Renderer {
        out: String::new(),
        backtracking: false,
        generation: true,
        strip: false,
    };
    r.inside(node);
    r.out
}

/// Renders one class on its own, `[...]`.
pub fn class(class: &Class) -> String {
    let mut r = Renderer {
        out: String::new(),
        backtracking: false,
        generation: false,
        strip: false,
    };
    r.class(class);
    r.out
}

struct Renderer {
    out: String,
    backtracking: bool,
    generation: bool,
    /// Java's `$` is `\z`: the runtime also matches without a final terminator.
    strip: bool,
}

impl Renderer {
    fn node(&mut self, node: &Node) {
        match node {
            Node::Empty => {}
            Node::Char(c) => literal(&mut self.out, *c),
            Node::Class(class) => self.class(class),
            Node::Assert(assertion) => self.assertion(*assertion),
            Node::Group(inner, kind) => self.group(inner, *kind),
            Node::Concat(nodes) => {
                for n in nodes {
                    self.node(n);
                }
            }
            Node::Alternation(branches) => {
                self.out.push_str("(?:");
                self.branches(branches);
                self.out.push(')');
            }
            Node::Repeat(repeat) => {
                let single = matches!(repeat.node, Node::Char(_) | Node::Class(_));
                let atomic = repeat.greed == Greed::Possessive
                    && !(single && Some(repeat.min) == repeat.max)
                    && !self.generation;
                if atomic {
                    // A possessive repetition never gives back: an atomic group.
                    self.backtracking = true;
                    self.out.push_str("(?>");
                }
                let bare = matches!(
                    repeat.node,
                    Node::Char(_)
                        | Node::Class(_)
                        | Node::Group(_, GroupKind::Capture | GroupKind::NonCapture | GroupKind::Atomic)
                );
                if !bare {
                    self.out.push_str("(?:");
                }
                self.node(&repeat.node);
                if !bare {
                    self.out.push(')');
                }
                match (repeat.min, repeat.max) {
                    (0, None) => self.out.push('*'),
                    (1, None) => self.out.push('+'),
                    (0, Some(1)) => self.out.push('?'),
                    (min, None) => {
                        let _ = write!(self.out, "{{{min},}}");
                    }
                    (min, Some(max)) if min == max => {
                        let _ = write!(self.out, "{{{min}}}");
                    }
                    (min, Some(max)) => {
                        let _ = write!(self.out, "{{{min},{max}}}");
                    }
                }
                if repeat.greed == Greed::Lazy && !self.generation {
                    self.out.push('?');
                }
                if atomic {
                    self.out.push(')');
                }
            }
            Node::BackReference(n) => {
                if !self.generation {
                    self.backtracking = true;
                    // In a group, so a following digit is not read as part of it.
                    let _ = write!(self.out, "(?:\\{n})");
                }
            }
        }
    }

    /// `a|b|c`, for a group or the whole pattern to enclose.
    fn branches(&mut self, branches: &[Node]) {
        for (i, b) in branches.iter().enumerate() {
            if i > 0 {
                self.out.push('|');
            }
            self.node(b);
        }
    }

    /// A group's contents: an alternation needs no group of its own inside it.
    fn inside(&mut self, inner: &Node) {
        match inner {
            Node::Alternation(branches) => self.branches(branches),
            other => self.node(other),
        }
    }

    fn group(&mut self, inner: &Node, kind: GroupKind) {
        match kind {
            GroupKind::Capture | GroupKind::NonCapture => {
                self.out.push_str(if kind == GroupKind::Capture { "(" } else { "(?:" });
                self.inside(inner);
                self.out.push(')');
            }
            GroupKind::Look { .. } if self.generation => {}
            GroupKind::Look { ahead, negated } => {
                self.backtracking = true;
                self.out.push_str(match (ahead, negated) {
                    (true, false) => "(?=",
                    (true, true) => "(?!",
                    (false, false) => "(?<=",
                    (false, true) => "(?<!",
                });
                self.inside(inner);
                self.out.push(')');
            }
            GroupKind::Atomic => {
                if !self.generation {
                    self.backtracking = true;
                }
                self.out.push_str(if self.generation { "(?:" } else { "(?>" });
                self.inside(inner);
                self.out.push(')');
            }
        }
    }

    fn assertion(&mut self, assertion: Assertion) {
        if self.generation {
            return;
        }
        let text = match assertion {
            Assertion::TextStart => "^".to_owned(),
            Assertion::TextEnd => r"\z".to_owned(),
            // Java's `$`: the end, or before a final `\r\n` or line terminator (but
            // not between `\r` and `\n`).
            Assertion::TextEndBeforeTerminator if self.strip => r"\z".to_owned(),
            Assertion::TextEndBeforeTerminator => {
                self.backtracking = true;
                r"(?:\z|(?=\r\n\z)|(?=[\r\x{85}\x{2028}\x{2029}]\z)|(?<!\r)(?=\n\z))".to_owned()
            }
            // Java's multiline anchors: `^` after any line terminator but never at
            // the end of the text, `$` before one (not between `\r` and `\n`).
            Assertion::LineStart => {
                self.backtracking = true;
                r"(?:^|(?<=[\n\x{85}\x{2028}\x{2029}])|(?<=\r)(?!\n))(?!\z)".to_owned()
            }
            Assertion::LineEnd => {
                self.backtracking = true;
                r"(?:\z|(?=[\r\x{85}\x{2028}\x{2029}])|(?<!\r)(?=\n))".to_owned()
            }
            Assertion::WordBoundary { ascii: false } => r"\b".to_owned(),
            Assertion::WordBoundary { ascii: true } => r"(?-u:\b)".to_owned(),
            Assertion::NotWordBoundary { ascii: false } => r"\B".to_owned(),
            Assertion::NotWordBoundary { ascii: true } => r"(?-u:\B)".to_owned(),
        };
        self.out.push_str(&text);
    }

    fn class(&mut self, class: &Class) {
        self.out.push('[');
        if class.negated {
            self.out.push('^');
        }
        for (i, operand) in class.operands.iter().enumerate() {
            if i > 0 {
                self.out.push_str("&&");
            }
            let before = self.out.len();
            self.union(operand);
            if self.out.len() == before {
                // An empty union (only surrogates, `[]`): a set with no member.
                self.out.push_str(r"[^\x{0}-\x{10FFFF}]");
            }
        }
        if class.operands.is_empty() {
            self.out.push_str(r"[^\x{0}-\x{10FFFF}]");
        }
        self.out.push(']');
    }

    /// The items of a union, side by side; a plain nested union is inlined.
    fn union(&mut self, items: &[Item]) {
        for item in items {
            match item {
                Item::Range(lo, hi) => {
                    // Surrogates can never match: keep what lies outside them.
                    if *lo < 0xD800 {
                        range(&mut self.out, *lo, (*hi).min(0xD7FF));
                    }
                    if *hi > 0xDFFF {
                        range(&mut self.out, (*lo).max(0xE000), *hi);
                    }
                }
                Item::Property { negated, name } => {
                    let _ = write!(self.out, "\\{}{{{name}}}", if *negated { 'P' } else { 'p' });
                }
                Item::Class(nested) if !nested.negated && nested.operands.len() == 1 => {
                    self.union(&nested.operands[0]);
                }
                Item::Class(nested) => self.class(nested),
            }
        }
    }
}

/// One code point as regex text: itself when plainly alphanumeric, else escaped.
fn literal(out: &mut String, c: char) {
    if matches!(c, '\t' | '\n' | '\r') {
        range(out, u32::from(c), u32::from(c));
    } else if c.is_ascii_alphanumeric() || c == ' ' || c == '_' {
        out.push(c);
    } else if is_meta(c) {
        out.push('\\');
        out.push(c);
    } else if c.is_ascii_graphic() {
        out.push(c);
    } else {
        let _ = write!(out, "\\x{{{:X}}}", u32::from(c));
    }
}

/// An inclusive range as class text (nothing for an empty range).
fn range(out: &mut String, lo: u32, hi: u32) {
    let one = |out: &mut String, code: u32| match char::from_u32(code) {
        Some(c) if c.is_ascii_alphanumeric() || c == '_' || c == ' ' => out.push(c),
        Some('\t') => out.push_str("\\t"),
        Some('\n') => out.push_str("\\n"),
        Some('\r') => out.push_str("\\r"),
        Some(c) if is_meta(c) => {
            out.push('\\');
            out.push(c);
        }
        Some(c) if c.is_ascii_graphic() => out.push(c),
        _ => {
            let _ = write!(out, "\\x{{{code:X}}}");
        }
    };
    if lo > hi {
        return;
    }
    one(out, lo);
    if hi > lo {
        out.push('-');
        one(out, hi);
    }
}

/// Characters with a meaning in Rust regex syntax (inside or outside a class);
/// escaping any other, such as `<`, is an error or a different construct there.
fn is_meta(c: char) -> bool {
    matches!(
        c,
        '\\' | '.' | '+' | '*' | '?' | '(' | ')' | '|' | '[' | ']' | '{' | '}' | '^' | '$' | '#' | '&' | '-' | '~'
    )
}
