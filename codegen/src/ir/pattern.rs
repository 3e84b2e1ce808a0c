//! `@pattern` values are ECMA-262 regexes, written by AWS in Java's dialect. This
//! module rewrites the constructs whose meaning differs from Rust's `regex` crate
//! (`\d \w \s .` are ASCII or ECMA-specific; Java's POSIX `\p{Alnum}` classes are
//! ASCII-only) and then compiles the result, so an unsupported pattern is a
//! generation-time error naming the shape instead of a runtime surprise.

use crate::error::{CodegenError, Result};

/// Size limit for compiled patterns, generous enough for `[^\p{C}]{1,2048}`. The
/// generated runtime uses the same limit.
pub const SIZE_LIMIT: usize = 64 * 1024 * 1024;

const ECMA_SPACE: &str =
    r"\t\n\x0B\x0C\r \xA0\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";

/// Which engine a pattern needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// `regex`: linear-time matching; used whenever it can express the pattern.
    Linear,
    /// `fancy-regex`: backtracking, only for look-around and backreferences.
    Backtracking,
}

/// Translates an ECMA-262 / Java pattern into Rust regex syntax with the same
/// meaning, then checks that it compiles: with `regex` when possible, else with
/// `fancy-regex` (look-around, backreferences). `owner` names the shape for errors.
pub fn translate(owner: &str, pattern: &str) -> Result<(String, Engine)> {
    let err = |message: String| CodegenError::InvalidPattern {
        id: owner.to_owned(),
        pattern: pattern.to_owned(),
        message,
    };
    let translated = rewrite(pattern).map_err(err)?;
    match regex::RegexBuilder::new(&translated).size_limit(SIZE_LIMIT).build() {
        Ok(_) => Ok((translated, Engine::Linear)),
        Err(linear) => {
            if needs_backtracking(&translated) {
                fancy_regex::RegexBuilder::new(&translated)
                    .delegate_size_limit(SIZE_LIMIT)
                    .build()
                    .map_err(|e| err(format!("{e}")))?;
                Ok((translated, Engine::Backtracking))
            } else {
                Err(err(first_line(&linear.to_string())))
            }
        }
    }
}

/// Look-around or a backreference: what only a backtracking engine can do.
fn needs_backtracking(regex: &str) -> bool {
    ["(?=", "(?!", "(?<=", "(?<!"].iter().any(|s| regex.contains(s))
        || regex
            .as_bytes()
            .windows(2)
            .any(|w| w[0] == b'\\' && (b'1'..=b'9').contains(&w[1]))
}

/// A pattern simple enough to check without a regex engine: `^prefix[set]+$` (or
/// `*`) where the prefix and the set are ASCII. Most AWS identifier patterns have
/// this form, and a byte loop checks them several times faster than a regex search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsciiPattern {
    /// Literal text the value must start with.
    pub prefix: String,
    /// Inclusive byte ranges every remaining character must fall in.
    pub ranges: Vec<(u8, u8)>,
    /// How many characters must follow the prefix: 0 (`*`) or 1 (`+`).
    pub at_least: usize,
}

/// Recognizes an [`AsciiPattern`] in translated regex text, or `None`.
pub fn ascii_shape(regex: &str) -> Option<AsciiPattern> {
    let body = regex.strip_prefix('^')?.strip_suffix('$')?;
    let open = body.find('[')?;
    let prefix = &body[..open];
    if !prefix
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'/' | b'-' | b'_' | b'@' | b'='))
    {
        return None;
    }
    let rest = &body[open + 1..];
    let (at_least, class) = if let Some(c) = rest.strip_suffix("]+") {
        (1, c)
    } else if let Some(c) = rest.strip_suffix("]*") {
        (0, c)
    } else {
        return None;
    };
    if class.starts_with('^') || class.is_empty() {
        return None;
    }
    // Items: `a`, `a-z`, `\-` (escaped punctuation); a `-` first or last is literal.
    let bytes = class.as_bytes();
    let mut items: Vec<(u8, bool)> = Vec::new(); // (byte, escaped)
    let mut k = 0;
    while k < bytes.len() {
        match bytes[k] {
            b'\\' => {
                let next = *bytes.get(k + 1)?;
                if !next.is_ascii_punctuation() {
                    return None;
                }
                items.push((next, true));
                k += 2;
            }
            b'[' | b']' => return None,
            b if b.is_ascii() && !b.is_ascii_control() => {
                // Rust reads `&&`, `--` and `~~` in a class as set operations.
                if matches!(b, b'&' | b'~' | b'-') && bytes.get(k + 1) == Some(&b) {
                    return None;
                }
                items.push((b, false));
                k += 1;
            }
            _ => return None,
        }
    }
    let mut ranges = Vec::new();
    let mut j = 0;
    while j < items.len() {
        let (c, _) = items[j];
        if j + 2 < items.len() && items[j + 1] == (b'-', false) {
            let (end, _) = items[j + 2];
            if end < c {
                return None;
            }
            ranges.push((c, end));
            j += 3;
        } else {
            ranges.push((c, c));
            j += 1;
        }
    }
    Some(AsciiPattern {
        prefix: prefix.to_owned(),
        ranges,
        at_least,
    })
}

/// Removes look-around groups, for generating candidate strings from a
/// backtracking pattern (candidates are still checked against the full pattern).
pub fn without_lookaround(regex: &str) -> String {
    let mut out = String::with_capacity(regex.len());
    let bytes = regex.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &regex[i..];
        if ["(?=", "(?!", "(?<=", "(?<!"].iter().any(|s| rest.starts_with(s)) {
            let mut depth = 0usize;
            let mut j = i;
            while j < bytes.len() {
                match bytes[j] {
                    b'\\' => j += 1,
                    b'(' => depth += 1,
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            i = j + 1;
            continue;
        }
        let c = rest.chars().next().unwrap_or_default();
        out.push(c);
        i += c.len_utf8().max(1);
    }
    out
}

/// The translated regex without a leading `^` and an unescaped trailing `$`: what
/// strings are generated from (the result is still checked against the full regex).
pub fn generator(regex: &str) -> String {
    let body = regex.strip_prefix('^').unwrap_or(regex);
    let trailing_backslashes = body
        .strip_suffix('$')
        .map(|b| b.chars().rev().take_while(|c| *c == '\\').count());
    match trailing_backslashes {
        Some(n) if n % 2 == 0 => body[..body.len() - 1].to_owned(),
        _ => body.to_owned(),
    }
}

fn first_line(message: &str) -> String {
    message
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(message)
        .trim()
        .to_owned()
}

fn rewrite(pattern: &str) -> std::result::Result<String, String> {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    // Depth of character classes (Rust allows nesting; ECMA does not, but translated
    // classes nest inside user classes).
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(e) = chars.next() else {
                    return Err("the pattern ends with a lone backslash".into());
                };
                match e {
                    'd' => out.push_str(if in_class { "0-9" } else { "[0-9]" }),
                    'D' => out.push_str("[^0-9]"),
                    'w' => out.push_str(if in_class { "0-9A-Za-z_" } else { "[0-9A-Za-z_]" }),
                    'W' => out.push_str("[^0-9A-Za-z_]"),
                    's' => {
                        if in_class {
                            out.push_str(ECMA_SPACE);
                        } else {
                            out.push('[');
                            out.push_str(ECMA_SPACE);
                            out.push(']');
                        }
                    }
                    'S' => {
                        out.push_str("[^");
                        out.push_str(ECMA_SPACE);
                        out.push(']');
                    }
                    'b' if !in_class => out.push_str(r"(?-u:\b)"),
                    'B' if !in_class => out.push_str(r"(?-u:\B)"),
                    'p' | 'P' => {
                        let name = property_name(&mut chars)?;
                        out.push_str(&property(e == 'P', &name, in_class));
                    }
                    '/' => out.push('/'),
                    'u' => out.push_str(&unicode_escape(&mut chars)?),
                    other => {
                        out.push('\\');
                        out.push(other);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                // A leading `]` is literal in Java; ECMA treats `[]` as empty. Keep it literal.
                if chars.peek() == Some(&']') {
                    out.push_str(r"\]");
                    chars.next();
                }
            }
            '[' => out.push_str(r"\["),
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '.' if !in_class => out.push_str(r"[^\n\r\x{2028}\x{2029}]"),
            // Rust treats `&&`, `--` and `~~` inside a class as set operators; ECMA does not.
            '&' | '~' if in_class && chars.peek() == Some(&c) => {
                out.push('\\');
                out.push(c);
            }
            '-' if in_class && chars.peek() == Some(&'-') => out.push_str(r"\-"),
            _ => out.push(c),
        }
    }
    if in_class {
        return Err("a character class is not closed".into());
    }
    Ok(out)
}

/// `\uXXXX`, combining a UTF-16 surrogate pair (`\uD800\uDC00`, Java's way of
/// writing an astral character) into one code point. A lone surrogate cannot occur
/// in a Rust string, so a pattern naming one is rejected.
fn unicode_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> std::result::Result<String, String> {
    let hex4 = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>| -> std::result::Result<u32, String> {
        let digits: String = chars.by_ref().take(4).collect();
        if digits.len() == 4 {
            u32::from_str_radix(&digits, 16).map_err(|_| format!("bad \\u escape `\\u{digits}`"))
        } else {
            Err("a \\u escape needs four hex digits".into())
        }
    };
    let unit = hex4(chars)?;
    if (0xD800..0xDC00).contains(&unit) {
        let mut lookahead = chars.clone();
        if lookahead.next() == Some('\\') && lookahead.next() == Some('u') {
            let low = hex4(&mut lookahead)?;
            if (0xDC00..0xE000).contains(&low) {
                *chars = lookahead;
                let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                return Ok(format!("\\x{{{code:X}}}"));
            }
        }
        return Err(format!(
            "lone UTF-16 surrogate \\u{unit:04X}: no Rust string can contain it"
        ));
    }
    if (0xDC00..0xE000).contains(&unit) {
        return Err(format!(
            "lone UTF-16 surrogate \\u{unit:04X}: no Rust string can contain it"
        ));
    }
    Ok(format!("\\x{{{unit:X}}}"))
}

fn property_name(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> std::result::Result<String, String> {
    match chars.next() {
        Some('{') => {
            let mut name = String::new();
            for c in chars.by_ref() {
                if c == '}' {
                    return Ok(name);
                }
                name.push(c);
            }
            Err("an unterminated \\p{...} property".into())
        }
        Some(single) => Ok(single.to_string()),
        None => Err("\\p at the end of the pattern".into()),
    }
}

/// Java's POSIX classes are ASCII-only (without `UNICODE_CHARACTER_CLASS`), so they
/// become explicit ASCII sets; Unicode properties pass through to `regex`.
fn property(negated: bool, name: &str, in_class: bool) -> String {
    let ascii = match name {
        "Lower" => Some("a-z"),
        "Upper" => Some("A-Z"),
        "ASCII" => Some(r"\x00-\x7F"),
        "Alpha" => Some("A-Za-z"),
        "Digit" => Some("0-9"),
        "Alnum" => Some("0-9A-Za-z"),
        "Punct" => Some(r"!-/:-@\[-`\{-~"),
        "Graph" => Some("!-~"),
        "Print" => Some(" -~"),
        "Blank" => Some(r" \t"),
        "Cntrl" => Some(r"\x00-\x1F\x7F"),
        "XDigit" => Some("0-9A-Fa-f"),
        "Space" => Some(r" \t\n\x0B\f\r"),
        _ => None,
    };
    if let Some(set) = ascii {
        return match (negated, in_class) {
            (false, true) => set.to_owned(),
            (false, false) => format!("[{set}]"),
            (true, _) => format!("[^{set}]"),
        };
    }
    let unicode = match name.strip_prefix("Is").or_else(|| name.strip_prefix("In")) {
        Some(rest) if !rest.is_empty() => rest,
        _ => name,
    };
    let letter = if negated { 'P' } else { 'p' };
    format!("\\{letter}{{{unicode}}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, input: &str) -> bool {
        let (translated, engine) = translate("test#Shape", pattern).expect("pattern compiles");
        match engine {
            Engine::Linear => regex::RegexBuilder::new(&translated)
                .size_limit(SIZE_LIMIT)
                .build()
                .expect("translated pattern compiles")
                .is_match(input),
            Engine::Backtracking => fancy_regex::Regex::new(&translated)
                .expect("translated pattern compiles")
                .is_match(input)
                .expect("no backtracking limit on tiny inputs"),
        }
    }

    #[test]
    fn closure_patterns_keep_their_meaning() {
        assert!(matches("^[a-zA-Z0-9_-]+$", "job_template-1"));
        assert!(!matches("^[a-zA-Z0-9_-]+$", "bad id!"));
        assert!(matches("^arn:[!-~]+$", "arn:aws:iot:us-east-1:1:jobtemplate/x"));
        assert!(!matches("^arn:[!-~]+$", "arn:with space"));
        assert!(matches(r"^[^\p{C}]+$", "line\u{2028}separator"));
        assert!(!matches(r"^[^\p{C}]+$", ""));
        assert!(!matches(r"^[^\p{C}]+$", "tab\there"));
        assert!(!matches(r"^[^\p{C}]+$", "\u{1F468}\u{200D}\u{1F469}"));
    }

    #[test]
    fn ecma_classes_are_ascii() {
        assert!(!matches(r"^\d+$", "\u{0663}"));
        assert!(matches(r"^\d+$", "42"));
        assert!(!matches(r"^\w+$", "é"));
        assert!(matches(r"^\s$", "\u{FEFF}"));
        assert!(!matches(r"^\s$", "\u{0085}"));
        assert!(!matches("^.$", "\u{2028}"));
        assert!(matches("^.$", "é"));
    }

    #[test]
    fn java_posix_classes_are_ascii() {
        assert!(matches(r"^[\p{Graph}\x20]*$", "a b~"));
        assert!(!matches(r"^[\p{Graph}\x20]*$", "é"));
        assert!(matches(r"^\p{Alnum}+$", "abc123"));
        assert!(matches(r"^\p{IsAlphabetic}+$", "héllo"));
    }

    #[test]
    fn generators_drop_outer_anchors_only() {
        assert_eq!(generator("^[a-z]+$"), "[a-z]+");
        assert_eq!(generator("[a-z]+"), "[a-z]+");
        // `\$` is a literal dollar; `\\$` is a literal backslash, then the anchor.
        assert_eq!(generator(r"^a\$"), r"a\$");
        assert_eq!(generator(r"^a\\$"), r"a\\");
    }

    #[test]
    fn ascii_shapes() {
        assert_eq!(
            ascii_shape("^[a-zA-Z0-9_-]+$"),
            Some(AsciiPattern {
                prefix: String::new(),
                ranges: vec![(b'a', b'z'), (b'A', b'Z'), (b'0', b'9'), (b'_', b'_'), (b'-', b'-')],
                at_least: 1
            })
        );
        assert_eq!(
            ascii_shape("^arn:[!-~]+$"),
            Some(AsciiPattern {
                prefix: "arn:".into(),
                ranges: vec![(b'!', b'~')],
                at_least: 1
            })
        );
        assert_eq!(ascii_shape(r"^[a-z\-\.]*$").map(|p| p.ranges.len()), Some(3));
        for not_simple in [
            r"^[^\p{C}]+$",
            "^[a-z]+",
            "[a-z]+$",
            "^[a-z]{1,3}$",
            "^a|b$",
            "^[\\x{1F600}]+$",
            "^[z-a]+$",
            "^[]+$",
        ] {
            assert_eq!(ascii_shape(not_simple), None, "{not_simple}");
        }
    }

    #[test]
    fn unanchored_patterns_search() {
        assert!(matches("[0-9]", "abc1def"));
    }

    #[test]
    fn lookaround_uses_the_backtracking_engine() {
        assert_eq!(translate("ns#S", "^(?!aws:)[a-z:]+$").unwrap().1, Engine::Backtracking);
        assert!(matches("^(?!aws:)[a-zA-Z+-=._:/]+$", "user:tag"));
        assert!(!matches("^(?!aws:)[a-zA-Z+-=._:/]+$", "aws:tag"));
        assert_eq!(translate("ns#S", "^[a-z]+$").unwrap().1, Engine::Linear);
        assert_eq!(without_lookaround("^(?!aws:)[a-z]+(?=x)$"), "^[a-z]+$");
    }

    #[test]
    fn surrogate_pairs_become_code_points() {
        let xml = r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\r\n\t]*$";
        assert!(matches(xml, "plain text\n"));
        assert!(matches(xml, "astral 😀"));
        assert!(!matches(xml, "bell \u{7}"));
        assert!(!matches(xml, "\u{FFFE}"));
        let err = translate("ns#S", r"[\uD800-\uDBFF]").unwrap_err();
        assert!(err.to_string().contains("lone UTF-16 surrogate"), "{err}");
    }

    #[test]
    fn unsupported_pattern_names_the_shape() {
        let err = translate("ns#Shape", "[a-").unwrap_err();
        assert!(
            matches!(&err, CodegenError::InvalidPattern { id, .. } if id == "ns#Shape"),
            "{err}"
        );
    }
}
