//! `@pattern` values, translated into matchers with the meaning their authors
//! gave them. Smithy says patterns are ECMA-262; AWS writes them for
//! java.util.regex, which AWS services validate with, so models of AWS services
//! are read as Java and others as ECMA-262 ([`Dialect`]).
//!
//! The stages: `parse` reads the pattern into an `ast` in which every escape,
//! class and anchor already has its dialect's meaning; `shape` recognizes
//! patterns a byte loop or a counted class check can match; `render` writes the
//! rest as Rust regex syntax, for linear-time `regex` unless the pattern needs
//! look-around, back-references or possessive repetition (`fancy-regex`).

mod ast;
mod parse;
mod render;
mod sets;
mod shape;

pub use shape::{AsciiPattern, BoundedPattern};

use crate::error::{CodegenError, Result};

/// Size limit for compiled patterns. The generated runtime uses the same limit.
pub const SIZE_LIMIT: usize = 64 * 1024 * 1024;

/// Whose regex meaning a model's patterns have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    /// java.util.regex: what AWS services validate with. `$` also matches before a
    /// final line terminator, `\s` and the POSIX classes are ASCII, `[\w-_]` holds
    /// a `-`, `\p{LD}` and friends exist.
    Java,
    /// ECMA-262 with the `u` flag, as the Smithy specification says.
    #[default]
    Ecma,
}

/// Which engine a pattern needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// `regex`: linear-time matching; used whenever it can express the pattern.
    Linear,
    /// `fancy-regex`: backtracking, only for look-around, back-references and
    /// possessive repetition.
    Backtracking,
}

/// A specialised matcher that needs no regex engine for the whole pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Specialised {
    Ascii(AsciiPattern),
    Bounded(BoundedPattern),
}

/// A pattern ready to emit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translated {
    /// Rust regex syntax with the pattern's meaning (for `engine`).
    pub regex: String,
    pub engine: Engine,
    /// What proptest generates candidate strings from: anchors, boundaries and
    /// look-arounds left out; candidates are checked against the pattern itself.
    pub generator: String,
    /// A cheaper matcher with the same meaning, when the pattern has its shape.
    pub specialised: Option<Specialised>,
    /// Java's `$` ends the pattern: a value also matches when it does without its
    /// final line terminator (`regex` holds `\z` for that `$`).
    pub line_end: bool,
}

/// Translates `pattern` in `dialect`, and proves the result compiles. `owner`
/// names the shape for errors.
pub fn translate(owner: &str, pattern: &str, dialect: Dialect) -> Result<Translated> {
    let err = |message: String| CodegenError::InvalidPattern {
        id: owner.to_owned(),
        pattern: pattern.to_owned(),
        message,
    };
    let node = parse::parse(pattern, dialect).map_err(err)?;
    let line_end = render::final_terminator_strippable(&node);
    let rendered = render::matcher(&node, line_end);
    let specialised = shape::ascii(&node)
        .map(Specialised::Ascii)
        .or_else(|| shape::bounded(&node).map(Specialised::Bounded));
    let engine = if rendered.backtracking {
        Engine::Backtracking
    } else {
        Engine::Linear
    };
    match &specialised {
        Some(Specialised::Bounded(b)) => compile(&format!("^{}*\\z", b.class), Engine::Linear),
        Some(Specialised::Ascii(_)) => Ok(()),
        None => compile(&rendered.regex, engine),
    }
    .map_err(err)?;
    Ok(Translated {
        regex: rendered.regex,
        engine,
        generator: render::generator(&node),
        specialised,
        line_end,
    })
}

/// Compiles `regex` as the runtime will.
pub fn compile(regex: &str, engine: Engine) -> std::result::Result<(), String> {
    match engine {
        Engine::Linear => regex::RegexBuilder::new(regex)
            .size_limit(SIZE_LIMIT)
            .build()
            .map(drop)
            .map_err(|e| last_line(&e.to_string())),
        Engine::Backtracking => fancy_regex::RegexBuilder::new(regex)
            .delegate_size_limit(SIZE_LIMIT)
            .build()
            .map(drop)
            .map_err(|e| last_line(&e.to_string())),
    }
}

fn last_line(message: &str) -> String {
    message
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(message)
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Matches with the full translated regex (specialisations are checked
    /// against it by the workspace tests, through the runtime).
    fn matches_in(dialect: Dialect, pattern: &str, input: &str) -> bool {
        let t = translate("test#Shape", pattern, dialect).expect("pattern translates");
        let is_match = |input: &str| match t.engine {
            Engine::Linear => regex::RegexBuilder::new(&t.regex)
                .size_limit(SIZE_LIMIT)
                .build()
                .expect("translated pattern compiles")
                .is_match(input),
            Engine::Backtracking => fancy_regex::Regex::new(&t.regex)
                .expect("translated pattern compiles")
                .is_match(input)
                .expect("no backtracking limit on tiny inputs"),
        };
        let stripped = input
            .strip_suffix("\r\n")
            .or_else(|| input.strip_suffix(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']));
        is_match(input) || (t.line_end && stripped.is_some_and(is_match))
    }

    fn java(pattern: &str, input: &str) -> bool {
        matches_in(Dialect::Java, pattern, input)
    }

    fn ecma(pattern: &str, input: &str) -> bool {
        matches_in(Dialect::Ecma, pattern, input)
    }

    #[test]
    fn closure_patterns_keep_their_meaning() {
        for dialect in [Dialect::Java, Dialect::Ecma] {
            let m = |p: &str, s: &str| matches_in(dialect, p, s);
            assert!(m("^[a-zA-Z0-9_-]+$", "job_template-1"));
            assert!(!m("^[a-zA-Z0-9_-]+$", "bad id!"));
            assert!(m("^arn:[!-~]+$", "arn:aws:iot:us-east-1:1:jobtemplate/x"));
            assert!(!m("^arn:[!-~]+$", "arn:with space"));
            assert!(m(r"^[^\p{C}]+$", "line\u{2028}separator"));
            assert!(!m(r"^[^\p{C}]+$", ""));
            assert!(!m(r"^[^\p{C}]+$", "tab\there"));
            assert!(!m(r"^[^\p{C}]+$", "\u{1F468}\u{200D}\u{1F469}"));
        }
    }

    #[test]
    fn class_escapes_follow_the_dialect() {
        assert!(!ecma(r"^\d+$", "\u{0663}") && !java(r"^\d+$", "\u{0663}"));
        assert!(!ecma(r"^\w+$", "é") && !java(r"^\w+$", "é"));
        assert!(ecma(r"^\s$", "\u{FEFF}"));
        assert!(!java(r"^\s$", "\u{FEFF}"), "Java's \\s is ASCII");
        assert!(java(r"^\S$", "\u{A0}"));
        assert!(!ecma("^.$", "\u{2028}") && !java("^.$", "\u{2028}"));
        assert!(ecma("^.$", "\u{85}"));
        assert!(!java("^.$", "\u{85}"), "Java's . stops at NEL");
        assert!(java("^.$", "é") && ecma("^.$", "é"));
    }

    #[test]
    fn javas_dollar_allows_a_final_line_terminator() {
        for ending in ["\n", "\r\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"] {
            assert!(java("^[a-z]+$", &format!("abc{ending}")), "{ending:?}");
            assert!(!ecma("^[a-z]+$", &format!("abc{ending}")), "{ending:?}");
        }
        assert!(!java("^[a-z]+$", "abc\n\n"));
        assert!(java("(^$)|^x$", "\n"));
        // Not at the end of the pattern: a look-ahead.
        assert!(java("^a$\n", "a\n"));
        assert!(!java("^a$b", "ab"));
    }

    #[test]
    fn java_only_syntax() {
        // A class escape before `-` makes the `-` literal.
        assert!(java(r"^[\w-_]+$", "a-b"));
        assert!(!java(r"^[\w-_]+$", "a.b"));
        assert!(java(r"^[\s-_()]+$", "-"));
        // Java's own property names.
        assert!(java(r"^\p{LD}+$", "a1é"));
        assert!(!java(r"^\p{LD}+$", "_"));
        assert!(java(r"^\p{all}$", "\u{2028}"));
        assert!(java(r"^\p{Punct}+$", "!-/"));
        assert!(!java(r"^\p{Punct}+$", "¡"));
        assert!(java(r"^\p{IsAlphabetic}+$", "héllo"));
        assert!(java(r"^[^\p{C}\p{IsWhitespace}]+$", "a"));
        // Octal escapes.
        assert!(!java(r"^[^/:|\000-\037]+$", "a\u{1F}"));
        assert!(java(r"^[^/:|\000-\037]+$", "a "));
        // A `]` first in a class is literal.
        assert!(java("^[]a]+$", "]a"));
        // Intersection and nested classes.
        assert!(java(r"^[\p{Print}&&[^|:/]]+$", "a b"));
        assert!(!java(r"^[\p{Print}&&[^|:/]]+$", "a|b"));
        assert!(java(r"^[a-d[m-p]]+$", "an"));
        // `[[:alnum:]]` is a nested class of `:alnum` in Java, not POSIX.
        assert!(java(r"^[[:alnum:]]+$", "mun:"));
        assert!(!java(r"^[[:alnum:]]+$", "b"));
    }

    #[test]
    fn quantified_look_arounds_possessives_and_back_references() {
        assert!(java(r"^(?!\.)+[a-z.]+$", "a.b"));
        assert!(!java(r"^(?!\.)+[a-z.]+$", ".a"));
        assert!(java("^[0-9A-Z]{2}+$", "AB"));
        assert!(!java("^[0-9A-Z]{2}+$", "ABC"));
        assert!(java("^(a+)++b$", "aab"));
        // `\17` with one group is `\1` then `7`.
        assert!(java(r"^(a)\17$", "aa7"));
        assert!(!java(r"^(a)\17$", "a7"));
        assert!(java(r"^(?!.*?(.)\1{3})[a-z]*$", "aaab"));
        assert!(!java(r"^(?!.*?(.)\1{3})[a-z]*$", "aaaab"));
    }

    #[test]
    fn inline_flags() {
        assert!(java("^(?i)(true|false)$", "TRUE"));
        assert!(!java("^(?i)s$", "\u{17F}"), "Java folds ASCII only");
        assert!(java("^(?!(?i)(arn|aws):)[a-z:]+$", "user:x"));
        assert!(!java("^(?!(?i)(arn|aws):)[a-zA-Z:]+$", "AWS:x"));
        assert!(java("^(?s).+$", "a\nb"));
        let pem = r"^(?ms)\s*^-----BEGIN (?-s:.*)PRIVATE KEY-----$.*?^-----END (?-s:.*)PRIVATE KEY-----$\s*$";
        assert!(java(
            pem,
            "-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----\n"
        ));
        assert!(!java(
            pem,
            "-----BEGIN RSA PRIVATE KEY----- abc -----END RSA PRIVATE KEY-----"
        ));
    }

    #[test]
    fn lone_surrogates_never_match_but_the_rest_works() {
        let xml = r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDBFF-\uDC00\uDFFF\r\n\t]*$";
        assert!(java(xml, "plain text\n"));
        assert!(!java(xml, "astral 😀"));
        assert!(!java(xml, "bell \u{7}"));
        let pair = r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\r\n\t]*$";
        assert!(java(pair, "astral 😀"));
        assert!(!ecma(r"^[\uD800-\uDBFF]$", "a"));
        assert!(ecma(r"^[^\uD800]$", "a"));
    }

    #[test]
    fn shapes_are_specialised() {
        let t = translate("ns#S", r"^[^\p{C}]{1,2048}$", Dialect::Java).unwrap();
        assert!(
            matches!(&t.specialised, Some(Specialised::Bounded(b)) if b.min == 1 && b.max == 2048) && t.line_end,
            "{t:?}"
        );
        let t = translate("ns#S", "^arn:[!-~]+$", Dialect::Ecma).unwrap();
        assert_eq!(
            t.specialised,
            Some(Specialised::Ascii(AsciiPattern {
                prefix: "arn:".into(),
                ranges: vec![(b'!', b'~')],
                at_least: 1,
            }))
        );
        for not_simple in [r"^[^\p{C}]+$", "^[a-z]+", "[a-z]+$", "^a|b$", r"^[\x{1F600}]+$"] {
            let t = translate("ns#S", not_simple, Dialect::Java).unwrap();
            assert!(!matches!(t.specialised, Some(Specialised::Ascii(_))), "{not_simple}");
        }
    }

    #[test]
    fn engines() {
        assert_eq!(
            translate("ns#S", "^(?!aws:)[a-z:]+$", Dialect::Java).unwrap().engine,
            Engine::Backtracking
        );
        assert_eq!(
            translate("ns#S", "^[a-z]+$", Dialect::Java).unwrap().engine,
            Engine::Linear
        );
        assert_eq!(
            translate("ns#S", "^(?:a$|b)$", Dialect::Ecma).unwrap().engine,
            Engine::Linear
        );
        let t = translate("ns#S", "^(?!aws:)[a-z]+(?=x)$", Dialect::Java).unwrap();
        assert_eq!(t.generator, "[a-z]+");
    }

    #[test]
    fn unanchored_patterns_search() {
        assert!(java("[0-9]", "abc1def") && ecma("[0-9]", "abc1def"));
    }

    #[test]
    fn invalid_patterns_name_the_shape() {
        for bad in ["[a-", "(a", r"\", "a{2,1}", "[z-a]", "*a"] {
            let err = translate("ns#Shape", bad, Dialect::Java).unwrap_err();
            assert!(
                matches!(&err, CodegenError::InvalidPattern { id, .. } if id == "ns#Shape"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn java_only_escapes_keep_their_meaning() {
        assert!(java(r"^\h$", "\u{A0}") && java(r"^\h$", "\t") && !java(r"^\h$", "\n"));
        assert!(java(r"^\H$", "\n") && !java(r"^\H$", " "));
        assert!(java(r"^\v$", "\u{2028}") && !java(r"^\v$", " "));
        assert!(java(r"^\Qa.b\E$", "a.b") && !java(r"^\Qa.b\E$", "axb"));
        assert!(java(r"^\p{javaDefined}$", "a") && !java(r"^\p{javaDefined}$", "\u{378}"));
        assert!(java(r"^\p{javaLowerCase}$", "é") && !java(r"^\p{javaLowerCase}$", "É"));
    }

    #[test]
    fn code_point_escapes_decode_exactly() {
        assert!(java(r"^\x{10FFFF}$", "\u{10FFFF}"));
        assert!(java(r"^\x{41}\x42$", "AB"));
        assert!(
            java(r"^\uD83D\uDE01$", "\u{1F601}"),
            "a surrogate pair is one code point"
        );
        assert!(ecma(r"^\u{1F601}$", "\u{1F601}"));
        for bad in [r"^\x{110000}$", r"^\x{}$", r"^\x{41$", r"^\xG1$"] {
            assert!(translate("ns#S", bad, Dialect::Java).is_err(), "{bad}");
        }
    }

    #[test]
    fn case_insensitive_classes_fold_both_ends_of_a_range() {
        for (pattern, yes, no) in [
            ("(?i)^[B-D]$", ["b", "c", "d", "B", "D"], ["a", "e"]),
            ("(?i)^[b-d]$", ["B", "C", "D", "b", "d"], ["A", "E"]),
        ] {
            for s in yes {
                assert!(java(pattern, s), "{pattern} should match {s}");
            }
            for s in no {
                assert!(!java(pattern, s), "{pattern} should not match {s}");
            }
        }
    }

    #[test]
    fn back_references_read_digits_while_a_group_exists() {
        let eleven = "^(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)";
        assert!(java(&format!(r"{eleven}\11$"), "abcdefghijkk"));
        assert!(
            java(&format!(r"{eleven}\12$"), "abcdefghijka2"),
            "no group 12: group 1, then `2`"
        );
    }

    #[test]
    fn repeats_of_repeats_are_not_zero_width() {
        assert!(java("^(?:a{1,3})+$", "aaaaaaa"));
        assert!(java("^(?:a{0})+b$", "b") && !java("^(?:a{0})+b$", "ab"));
    }

    #[test]
    fn a_brace_quantifier_needs_something_to_repeat() {
        for bad in ["{2}a", "a|{1,3}b"] {
            assert!(translate("ns#S", bad, Dialect::Java).is_err(), "{bad}");
        }
        assert!(java("^a{2}$", "aa") && !java("^a{2}$", "a"));
    }

    #[test]
    fn java_text_anchors_octal_and_line_breaks() {
        assert!(java(r"\Aab", "abc") && !java(r"\Aab", "cab"));
        assert!(java(r"\Gab", "abc") && !java(r"\Gab", "cab"));
        assert!(java(r"^\R$", "\r\n") && java(r"^\R$", "\u{2028}") && !java(r"^\R$", "x"));
        assert!(translate("ns#S", r"^\R$", Dialect::Ecma).is_err(), "ECMA has no \\R");
        assert!(translate("ns#S", r"^[\R]$", Dialect::Java).is_err(), "nor a class");
        assert!(java(r"^\0101$", "A") && java(r"^\0377$", "\u{FF}"));
        assert!(java(r"^\0400$", " 0"), "an octal escape stops before passing 0377");
        assert!(java(r"^\p{IsLetter}+$", "héllo") && !java(r"^\p{IsLetter}+$", "h1"));
    }

    #[test]
    fn posix_classes_are_ascii_in_java() {
        for (class, yes, no) in [
            ("Lower", "az", "Aé"),
            ("Upper", "AZ", "aÉ"),
            ("Alpha", "aZ", "1é"),
            ("Digit", "09", "a٣"),
            ("Alnum", "a9Z", "_é"),
        ] {
            let pattern = format!(r"^\p{{{class}}}+$");
            assert!(java(&pattern, yes), "{pattern} on {yes:?}");
            for c in no.chars() {
                assert!(!java(&pattern, &c.to_string()), "{pattern} on {c:?}");
            }
        }
    }

    #[test]
    fn groups_and_alternations_keep_their_branches() {
        for dialect in [Dialect::Java, Dialect::Ecma] {
            let m = |p: &str, s: &str| matches_in(dialect, p, s);
            assert!(m("^(?:ab|cd)$", "cd") && !m("^(?:ab|cd)$", ""), "no empty branch");
            assert!(m("^(?<x>a)b$", "ab") && !m("^(?<x>a)b$", "b"), "a named group captures");
            assert!(
                m("^(?:a(?<!b)c)$", "ac") && !m("^.(?<!a)$", "a"),
                "a negative look-behind"
            );
        }
        assert!(java(r"^\p{javaIdeographic}$", "中") && !java(r"^\p{javaIdeographic}$", "a"));
    }

    #[test]
    fn case_folding_stays_within_the_letters() {
        assert!(java("(?i)^[Y-z]+$", "yZ_`") && !java("(?i)^[Y-z]+$", "{"));
        assert!(!java("(?i)^[A-z]$", "\u{80}") && !java("(?i)^[A-z]$", "{"));
    }

    #[test]
    fn refusals_name_what_is_unsupported() {
        let message = |p: &str| translate("ns#S", p, Dialect::Java).unwrap_err().to_string();
        assert!(
            message(r"(?<n>a)\k<n>").contains("named back-references"),
            "{}",
            message(r"(?<n>a)\k<n>")
        );
        assert!(
            message(r"[\k<n>]").contains("unknown escape"),
            "{}",
            message(r"[\k<n>]")
        );
        assert!(message(r"a\k").contains("unknown escape"), "{}", message(r"a\k"));
    }

    #[test]
    fn more_java_escapes_and_lazy_repeats() {
        assert!(!java("(?i)^[X-Z]$", "b") && java("(?i)^[X-Z]$", "x"));
        assert!(java(r"^a\b", "a") && !java(r"^a\bb$", "ab") && java(r"a\Bb", "ab"));
        assert!(java(r"^a\Eb$", "ab"), "a lone \\E is nothing in Java");
        assert!(java(r"^\p{IsEmoji_Modifier}$", "\u{1F3FB}") && !java(r"^\p{IsEmoji_Modifier}$", "a"));
        let nonchar = r"^\p{IsNoncharacter_Code_Point}$";
        assert!(java(nonchar, "\u{FDD0}") && java(nonchar, "\u{FFFF}") && !java(nonchar, "a"));
        // A lazy repeat matches as the greedy one does; the generator has no laziness.
        let t = translate("ns#S", "^a+?b$", Dialect::Java).expect("translates");
        assert!(t.regex.contains("+?"), "{}", t.regex);
        assert!(!t.generator.contains('?'), "{}", t.generator);
        assert!(java("^a+?b$", "aab"));
    }

    #[test]
    fn control_escapes_intersections_and_counted_repeats() {
        assert!(java(r"^\cA$", "\u{1}") && !java(r"^\cA$", "A"));
        assert!(
            java("^[a&&]$", "a") && !java("^[a&&]$", "b"),
            "an empty operand is no constraint"
        );
        assert!(java(r"^a\z", "a") && !java(r"^a\z", "a\n"));
        assert!(java(r"^a\Z", "a\n") && !java(r"^a\Z", "ab"));
        for dialect in [Dialect::Java, Dialect::Ecma] {
            assert!(matches_in(dialect, "^a{2,3}$", "aaa") && !matches_in(dialect, "^a{2,3}$", "aaaa"));
        }
        assert!(ecma(r"^\p{Any}$", "\u{10FFFF}"));
    }

    #[test]
    fn octal_escapes_take_at_most_three_digits() {
        assert!(java(r"^\00012$", "\u{1}2"));
        assert!(java(r"^\0012$", "\n"));
    }

    #[test]
    fn only_possessive_repeats_never_give_back() {
        assert!(java("^(?:ab)*ab$", "abab"), "a greedy repeat gives back");
        assert!(!java("^a*+a$", "aaa"), "a possessive one does not");
        assert!(java("^a{2}+$", "aa"));
        let t = translate("ns#S", "^(?:ab)*ab$", Dialect::Java).expect("translates");
        assert_eq!(t.engine, Engine::Linear);
    }

    #[test]
    fn escape_word_boundaries_and_print_by_dialect() {
        assert!(java(r"^\e$", "\u{1B}") && !java(r"^\e$", "e"));
        assert!(java(r"^é\b", "é"), "Java's \\b knows Unicode letters");
        assert!(!ecma(r"^é\b", "é"), "ECMA's \\b is ASCII");
        assert!(java(r"^\p{IsPrint}+$", "a b") && !java(r"^\p{IsPrint}$", "\u{7}"));
        assert!(
            java(r"^\p{IsPrint}$", "é"),
            "the Unicode property, not POSIX's ASCII Print"
        );
        assert!(java(r"^\p{IsGraph}+$", "a-é") && !java(r"^\p{IsGraph}$", " "));
    }
}
