//! Model documentation (HTML in AWS models, plain text in ours) -> rustdoc Markdown.
//! Only the handful of tags AWS uses are understood; anything else keeps its text.
//! Square brackets are escaped so rustdoc never mistakes prose for intra-doc links.

/// Converts documentation to Markdown lines (paragraphs separated by an empty line).
pub fn to_markdown(html: &str) -> Vec<String> {
    let mut out = Renderer::default();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.text(&rest[..lt]);
        let after = &rest[lt..];
        match after.find('>') {
            Some(gt) if is_tag(&after[1..gt]) => {
                out.tag(&after[1..gt]);
                rest = &after[gt + 1..];
            }
            _ => {
                out.literal("&lt;");
                rest = &after[1..];
            }
        }
    }
    out.text(rest);
    out.finish()
}

/// HTML tags AWS documentation uses; any other `<...>` is prose (`List<String>`).
const KNOWN_TAGS: &[&str] = &[
    "a",
    "b",
    "br",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "fullname",
    "h1",
    "h2",
    "h3",
    "h4",
    "i",
    "important",
    "li",
    "note",
    "ol",
    "p",
    "pre",
    "span",
    "strong",
    "sub",
    "sup",
    "ul",
    "u",
    "title",
];

fn is_tag(inner: &str) -> bool {
    let name: String = inner
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let rest = &inner.trim_start_matches('/')[name.len()..];
    KNOWN_TAGS.contains(&name.as_str()) && (rest.is_empty() || rest.starts_with([' ', '/', '\n', '\t']))
}

#[derive(Default)]
struct Renderer {
    paragraphs: Vec<String>,
    current: String,
    link: Option<(String, String)>,
    list_depth: usize,
    in_code: bool,
}

impl Renderer {
    fn text(&mut self, raw: &str) {
        let decoded = decode_entities(raw);
        for (i, word) in decoded.split_whitespace().enumerate() {
            let word = if self.in_code {
                word.replace('`', "'")
            } else {
                prose_word(word)
            };
            let leading_space = i > 0 || decoded.starts_with(char::is_whitespace);
            self.push_word(&word, leading_space);
        }
        if decoded.ends_with(char::is_whitespace) && !decoded.trim().is_empty() {
            self.pending_space();
        }
    }

    fn literal(&mut self, s: &str) {
        self.push_word(s, false);
    }

    fn pending_space(&mut self) {
        let target = self.target();
        if !target.is_empty() && !target.ends_with(' ') {
            target.push(' ');
        }
    }

    fn push_word(&mut self, word: &str, leading_space: bool) {
        let target = self.target();
        if leading_space && !target.is_empty() && !target.ends_with(' ') && !target.ends_with('\n') {
            target.push(' ');
        }
        target.push_str(word);
    }

    fn target(&mut self) -> &mut String {
        match &mut self.link {
            Some((_, text)) => text,
            None => &mut self.current,
        }
    }

    fn tag(&mut self, inner: &str) {
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("p" | "note" | "important" | "div" | "dl" | "dd" | "dt", _) => self.break_paragraph(),
            ("br", _) => self.break_paragraph(),
            ("ul" | "ol", false) => {
                self.break_paragraph();
                self.list_depth += 1;
            }
            ("ul" | "ol", true) => {
                self.break_paragraph();
                self.list_depth = self.list_depth.saturating_sub(1);
            }
            ("li", false) => {
                self.break_paragraph();
                let indent = "  ".repeat(self.list_depth.saturating_sub(1));
                self.current.push_str(&format!("{indent}- "));
            }
            ("li", true) => self.break_paragraph(),
            ("code", false) => {
                self.pending_space_if_word();
                self.target().push('`');
                self.in_code = true;
            }
            ("code", true) => {
                self.target().push('`');
                self.in_code = false;
            }
            ("b" | "strong", _) => self.target().push_str("**"),
            ("i" | "em", _) => self.target().push('*'),
            ("a", false) => {
                let href = attribute(inner, "href").unwrap_or_default();
                self.pending_space_if_word();
                self.link = Some((href, String::new()));
            }
            ("a", true) => {
                if let Some((href, text)) = self.link.take() {
                    let href = link_target(&href);
                    let rendered = match href {
                        None => text,
                        Some(href) if text.is_empty() => format!("<{href}>"),
                        Some(href) => format!("[{text}]({href})"),
                    };
                    self.current.push_str(&rendered);
                }
            }
            _ => {}
        }
    }

    fn pending_space_if_word(&mut self) {
        let target = self.target();
        if target.ends_with(|c: char| c.is_alphanumeric() || c == ',' || c == '.') {
            target.push(' ');
        }
    }

    fn break_paragraph(&mut self) {
        // A `<p>` right inside `<li>` continues the item instead of splitting it.
        if self.link.is_none() && self.current.trim_start() == "- " {
            return;
        }
        if let Some((href, text)) = self.link.take() {
            match link_target(&href) {
                Some(href) => self.current.push_str(&format!("{text} <{href}>")),
                None => self.current.push_str(&text),
            }
        }
        let text = self.current.trim_end();
        let body = text.trim_start();
        // A nested list item keeps its indent; anything else starts at the margin.
        let para = balance_backticks(if body.starts_with("- ") { text } else { body });
        if !para.is_empty() {
            self.paragraphs.push(para);
        }
        self.current.clear();
    }

    fn finish(mut self) -> Vec<String> {
        self.break_paragraph();
        let mut lines = Vec::new();
        for (i, para) in self.paragraphs.iter().enumerate() {
            let is_item = para.trim_start().starts_with("- ");
            let prev_item = i > 0 && self.paragraphs[i - 1].trim_start().starts_with("- ");
            if i > 0 && !(is_item && prev_item) {
                lines.push(String::new());
            }
            lines.push(para.clone());
        }
        lines
    }
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[start..];
    let quote = rest.chars().next()?;
    if quote == '"' || quote == '\'' {
        let end = rest[1..].find(quote)?;
        Some(rest[1..1 + end].to_owned())
    } else {
        Some(rest.split_whitespace().next()?.to_owned())
    }
}

fn decode_entities(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// A word of prose: a URL in it (`(see https://x.y/z).`) becomes an
/// autolink, so rustdoc sees no bare URL; the rest is escaped.
fn prose_word(word: &str) -> String {
    let Some(start) = word.find("https://").or_else(|| word.find("http://")) else {
        return escape(word);
    };
    let tail = &word[start..];
    let end = tail
        .trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '\'', '"'])
        .len();
    format!("{}<{}>{}", escape(&word[..start]), &tail[..end], escape(&tail[end..]))
}

/// Where a link may point in rustdoc: an absolute URL (spaces and
/// parentheses encoded) or a page anchor. `None` for anything else (a bare
/// name would be read as an intra-doc link to an item that does not exist).
fn link_target(href: &str) -> Option<String> {
    let href = href.trim();
    let absolute = href.starts_with("http://") || href.starts_with("https://") || href.starts_with("mailto:");
    if !absolute {
        return None;
    }
    Some(
        href.replace(' ', "%20")
            .replace('(', "%28")
            .replace(')', "%29")
            .replace('<', "%3C")
            .replace('>', "%3E"),
    )
}

/// A paragraph whose backticks cannot all pair up gets them escaped, so a
/// stray one does not swallow the text after it into a code span.
fn balance_backticks(paragraph: &str) -> String {
    let unescaped = paragraph
        .match_indices('`')
        .filter(|(i, _)| !paragraph[..*i].ends_with('\\'))
        .count();
    if unescaped % 2 == 0 {
        paragraph.to_owned()
    } else {
        paragraph.replace('`', "\\`")
    }
}

/// Escapes Markdown link brackets and stray angle brackets in prose.
fn escape(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// Model text (a pattern, a value) as a Markdown code span that survives any
/// content: control characters and line separators are shown as escapes (a
/// carriage return in a doc comment does not compile), and the fence is longer
/// than any run of backticks inside.
pub fn inline_code(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
            shown.extend(c.escape_debug());
        } else {
            shown.push(c);
        }
    }
    let longest_run = shown.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if shown.starts_with('`') || shown.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{shown}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_code_survives_any_text() {
        assert_eq!(inline_code("^[a-z]+$"), "`^[a-z]+$`");
        assert_eq!(inline_code("a\rb\nc\u{2028}"), "`a\\rb\\nc\\u{2028}`");
        assert_eq!(inline_code("x`y"), "``x`y``");
        assert_eq!(inline_code("`"), "`` ` ``");
    }

    #[test]
    fn plain_text_passes_through() {
        assert_eq!(to_markdown("A job template."), vec!["A job template."]);
    }

    #[test]
    fn paragraphs_code_and_links() {
        let md = to_markdown(
            "<p>The <code>id</code> of a [thing].</p><p>See <a href=\"https://example.com/x\">the guide</a>.</p>",
        );
        assert_eq!(
            md,
            vec![
                "The `id` of a \\[thing\\].",
                "",
                "See [the guide](https://example.com/x)."
            ]
        );
    }

    #[test]
    fn lists_and_entities() {
        let md = to_markdown("<p>Either:</p><ul><li><p>a &amp; b</p></li><li>c</li></ul>");
        assert_eq!(md, vec!["Either:", "", "- a & b", "- c"]);
    }

    /// What rustdoc warns about with `-D warnings`: bare URLs, links that
    /// read as intra-doc links, and code spans that never close.
    #[test]
    fn nothing_rustdoc_warns_about_survives() {
        assert_eq!(
            to_markdown("See the guide (https://example.com/a/b)."),
            vec!["See the guide (<https://example.com/a/b>)."]
        );
        assert_eq!(
            to_markdown("<a href=\"ListThings\">ListThings</a> and <a href=\"https://x.y/a b(c)\">this</a>"),
            vec!["ListThings and [this](https://x.y/a%20b%28c%29)"]
        );
        assert_eq!(to_markdown("<a href=\"#Top\">top</a>"), vec!["top"]);
        assert_eq!(to_markdown("a `b` c"), vec!["a `b` c"]);
        assert_eq!(to_markdown("a `b c"), vec!["a \\`b c"]);
    }

    #[test]
    fn stray_angle_brackets_are_escaped() {
        assert_eq!(
            to_markdown("List<String> and 1 < 2"),
            vec!["List&lt;String&gt; and 1 &lt; 2"]
        );
    }

    #[test]
    fn nested_lists_indent_and_come_back_out() {
        let md = to_markdown("<ul><li>a<ol><li>b</li></ol></li><li>c</li></ul><p>after</p>");
        assert_eq!(md, vec!["- a", "  - b", "- c", "", "after"]);
    }

    #[test]
    fn code_after_a_word_or_punctuation_gets_a_space() {
        assert_eq!(to_markdown("See,<code>x</code>"), vec!["See, `x`"]);
        assert_eq!(to_markdown("end.<code>x</code>"), vec!["end. `x`"]);
        assert_eq!(to_markdown("word<code>x</code>"), vec!["word `x`"]);
        assert_eq!(to_markdown("(<code>x</code>)"), vec!["(`x`)"]);
    }
}
