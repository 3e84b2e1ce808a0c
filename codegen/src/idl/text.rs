//! String literals: line endings normalized to `\n`, escapes interpreted, and for
//! text blocks the incidental indentation removed first (so `\n` escapes are
//! content, not layout).

/// The value of a quoted string whose text between the quotes is `raw`.
pub fn quoted(raw: &str) -> Result<String, String> {
    unescape(&normalize_line_endings(raw)).map_err(|e| format!("invalid string: {e}"))
}

/// The value of a text block whose text between the `"""` is `raw`.
pub fn block(raw: &str) -> Result<String, String> {
    let normalized = normalize_line_endings(raw);
    let Some(body) = normalized.strip_prefix('\n') else {
        return Err(if normalized.is_empty() {
            "invalid text block: it is empty (a text block needs a line break after its opening `\"\"\"`)".into()
        } else {
            "invalid text block: the opening `\"\"\"` must be followed by a line break".into()
        });
    };
    unescape(&strip_incidental_whitespace(body)).map_err(|e| format!("invalid text block: {e}"))
}

/// `raw` with `\r\n` and `\r` as `\n`, borrowed when it has neither (a
/// 100 MB string is then copied once, by `unescape`, not twice).
fn normalize_line_endings(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.contains('\r') {
        std::borrow::Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(raw)
    }
}

fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c == ' ' || c == '\t')
}

fn indentation(line: &str) -> usize {
    line.chars().take_while(|&c| c == ' ' || c == '\t').count()
}

/// Removes the indentation all lines share (blank lines do not count, the line of
/// the closing delimiter always does) and every line's trailing whitespace.
fn strip_incidental_whitespace(body: &str) -> String {
    let lines: Vec<&str> = body.split('\n').collect();
    let last = lines.len() - 1;
    let common = lines
        .iter()
        .enumerate()
        .filter(|(i, line)| *i == last || !is_blank(line))
        .map(|(_, line)| indentation(line))
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(body.len());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let content: String = line.chars().skip(common).collect();
        out.push_str(content.trim_end_matches([' ', '\t']));
    }
    out
}

fn unescape(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('/') => out.push('/'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('\n') => {}
            Some('u') => {
                let unit = hex4(&mut chars)?;
                let scalar = if (0xD800..0xDC00).contains(&unit) {
                    let low = match (chars.next(), chars.next()) {
                        (Some('\\'), Some('u')) => hex4(&mut chars)?,
                        _ => return Err(format!("`\\u{unit:04X}` is a high surrogate without a low surrogate after it")),
                    };
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(format!("`\\u{unit:04X}` is followed by `\\u{low:04X}`, which is not a low surrogate"));
                    }
                    0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    unit
                };
                let c = char::from_u32(scalar)
                    .ok_or_else(|| format!("`\\u{scalar:04X}` is a lone surrogate, which no string can hold"))?;
                out.push(c);
            }
            Some(other) => return Err(format!("`\\{other}` is not an escape (expected one of `\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX` or a line break)")),
            None => return Err("the text ends with a lone `\\`".into()),
        }
    }
    Ok(out)
}

fn hex4(chars: &mut std::str::Chars<'_>) -> Result<u32, String> {
    let mut value = 0;
    for _ in 0..4 {
        let c = chars.next().ok_or("a `\\u` escape needs four hex digits")?;
        let digit = c
            .to_digit(16)
            .ok_or_else(|| format!("a `\\u` escape needs four hex digits, found {c:?}"))?;
        value = value * 16 + digit;
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_blocks_lose_the_indentation_they_share() {
        assert_eq!(block("\n    Hello\n    There\n         ").unwrap(), "Hello\nThere\n");
        assert_eq!(block("\n    Hello").unwrap(), "Hello");
        assert_eq!(block("\n    ").unwrap(), "");
        assert_eq!(block("\n\n    ").unwrap(), "\n");
        assert_eq!(block("\n  a\n\n    b\n  ").unwrap(), "a\n\n  b\n");
        assert_eq!(block("\n    Hi \\\n    there").unwrap(), "Hi there");
        assert_eq!(block("\n    \\n kept\n    ").unwrap(), "\n kept\n");
    }

    #[test]
    fn text_blocks_need_a_line_break_first() {
        assert!(block("").unwrap_err().contains("empty"));
        assert!(block(" x").unwrap_err().contains("line break"));
    }

    #[test]
    fn escapes_and_surrogate_pairs() {
        assert_eq!(quoted(r#"a\"b\\c\/\n\t\u0041"#).unwrap(), "a\"b\\c/\n\tA");
        assert_eq!(quoted(r"\uD83D\uDE00").unwrap(), "\u{1F600}");
        assert_eq!(quoted("line\r\nbreak").unwrap(), "line\nbreak");
        assert!(quoted(r"\uD83D").unwrap_err().contains("surrogate"));
        assert!(quoted(r"\uDE00").unwrap_err().contains("lone surrogate"));
        assert!(quoted(r"\'").unwrap_err().contains("not an escape"));
        assert!(quoted(r"\u00G1").unwrap_err().contains("hex"));
    }
}
