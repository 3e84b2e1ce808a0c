//! The parsed form of a `@pattern`: what it means, with the dialect's meaning of
//! every escape, class and anchor already decided, so rendering needs no dialect.

/// One regex node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// Matches the empty string.
    Empty,
    /// One literal code point.
    Char(char),
    /// One character from a set (`[...]`, `.`, `\d`, `\p{L}`, a case-folded letter).
    Class(Class),
    /// A zero-width test of the position.
    Assert(Assertion),
    Group(Box<Node>, GroupKind),
    Concat(Vec<Node>),
    Alternation(Vec<Node>),
    Repeat(Box<Repeat>),
    /// `\N`: the text group N matched.
    BackReference(u32),
}

/// A counted repetition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeat {
    pub node: Node,
    pub min: u32,
    pub max: Option<u32>,
    pub greed: Greed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Greed {
    Greedy,
    Lazy,
    /// Java's `*+`: never gives back what it matched.
    Possessive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    Capture,
    NonCapture,
    /// `(?=` `(?!` `(?<=` `(?<!`.
    Look {
        ahead: bool,
        negated: bool,
    },
    /// `(?>...)`.
    Atomic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assertion {
    /// Start of the text (`^` without multiline, `\A`).
    TextStart,
    /// End of the text (`\z`, ECMA's `$`).
    TextEnd,
    /// Java's `$` and `\Z` without multiline: the end, or just before a line
    /// terminator that ends the text.
    TextEndBeforeTerminator,
    /// Java's multiline `^`: after the start or a line terminator, never at the end.
    LineStart,
    /// Java's multiline `$`: before a line terminator or at the end.
    LineEnd,
    /// `\b`, with the dialect's idea of a word character.
    WordBoundary { ascii: bool },
    /// `\B`.
    NotWordBoundary { ascii: bool },
}

/// A character class: the intersection of its operands, each a union of items,
/// negated as a whole when `negated`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Class {
    pub negated: bool,
    pub operands: Vec<Vec<Item>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// Inclusive code point range; UTF-16 surrogates in it can never match a Rust
    /// string and are left out when rendering.
    Range(u32, u32),
    /// A Unicode property in Rust's syntax (`L`, `Script=Latin`, `White_Space`).
    Property {
        negated: bool,
        name: String,
    },
    Class(Class),
}

impl Class {
    /// A plain union of items.
    pub fn of(items: Vec<Item>) -> Self {
        Self {
            negated: false,
            operands: vec![items],
        }
    }

    /// A union of inclusive ranges.
    pub fn ranges(ranges: &[(u32, u32)]) -> Self {
        Self::of(ranges.iter().map(|&(lo, hi)| Item::Range(lo, hi)).collect())
    }

    pub fn negate(mut self) -> Self {
        self.negated = !self.negated;
        self
    }

    /// The ranges of a plain, non-negated union of ranges; `None` for anything else.
    pub fn simple_ranges(&self) -> Option<Vec<(u32, u32)>> {
        if self.negated || self.operands.len() != 1 {
            return None;
        }
        self.operands[0]
            .iter()
            .map(|item| match item {
                Item::Range(lo, hi) => Some((*lo, *hi)),
                _ => None,
            })
            .collect()
    }
}

impl Node {
    /// Matches without consuming input, whatever the text.
    pub fn is_zero_width(&self) -> bool {
        match self {
            Self::Empty | Self::Assert(_) => true,
            Self::Group(_, GroupKind::Look { .. }) => true,
            Self::Group(inner, _) => inner.is_zero_width(),
            Self::Concat(nodes) | Self::Alternation(nodes) => nodes.iter().all(Self::is_zero_width),
            Self::Repeat(r) => r.max == Some(0) || r.node.is_zero_width(),
            Self::Char(_) | Self::Class(_) | Self::BackReference(_) => false,
        }
    }
}
