//! Patterns with a shape simple enough to check without a regex engine, found on
//! the parsed pattern: most AWS identifiers are `^prefix[set]+$` over ASCII (a
//! byte loop), and `^[class]{n,m}$` is a class check plus a character count (a
//! regex for it would hold the class m times: `[^\p{C}]{1,2048}` exceeds any
//! sensible size limit).

use super::ast::{Assertion, Class, Node};

/// `^prefix[set]+$` (or `*`) where the prefix and the set are ASCII.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsciiPattern {
    /// Literal text the value must start with.
    pub prefix: String,
    /// Inclusive byte ranges every remaining character must fall in.
    pub ranges: Vec<(u8, u8)>,
    /// How many characters must follow the prefix: 0 (`*`) or 1 (`+`).
    pub at_least: usize,
}

/// `^[class]{min,max}$`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundedPattern {
    /// The class as Rust regex text, `[...]`.
    pub class: String,
    pub min: u32,
    pub max: u32,
}

/// The anchored middle of `^ ... $`: the nodes between the anchors. (Java's `$`
/// is the translation's `line_end`, which the runtime applies to any matcher.)
fn anchored(node: &Node) -> Option<&[Node]> {
    let Node::Concat(nodes) = node else { return None };
    let (Node::Assert(Assertion::TextStart), Node::Assert(end)) = (nodes.first()?, nodes.last()?) else {
        return None;
    };
    if !matches!(end, Assertion::TextEnd | Assertion::TextEndBeforeTerminator) {
        return None;
    }
    Some(&nodes[1..nodes.len() - 1])
}

fn ascii_ranges(class: &Class) -> Option<Vec<(u8, u8)>> {
    class
        .simple_ranges()?
        .into_iter()
        .map(|(lo, hi)| Some((u8::try_from(lo).ok()?, u8::try_from(hi).ok()?)))
        .filter(|r| r.is_none_or(|(lo, hi)| lo <= hi))
        .map(|r| r.filter(|(_, hi)| *hi < 0x80))
        .collect()
}

pub fn ascii(node: &Node) -> Option<AsciiPattern> {
    let middle = anchored(node)?;
    let (last, prefix) = middle.split_last()?;
    let prefix = prefix
        .iter()
        .map(|n| match n {
            Node::Char(c) if c.is_ascii() => Some(*c),
            _ => None,
        })
        .collect::<Option<String>>()?;
    let Node::Repeat(repeat) = last else { return None };
    if repeat.max.is_some() || repeat.min > 1 {
        return None;
    }
    let Node::Class(class) = &repeat.node else { return None };
    let ranges = ascii_ranges(class)?;
    if ranges.is_empty() {
        return None;
    }
    Some(AsciiPattern {
        prefix,
        ranges,
        at_least: repeat.min as usize,
    })
}

pub fn bounded(node: &Node) -> Option<BoundedPattern> {
    let middle = anchored(node)?;
    let [Node::Repeat(repeat)] = middle else { return None };
    let max = repeat.max?;
    // Greedy, lazy or possessive: over one class anchored at both ends, all alike.
    let Node::Class(class) = &repeat.node else { return None };
    (max >= 2).then(|| BoundedPattern {
        class: super::render::class(class),
        min: repeat.min,
        max,
    })
}
