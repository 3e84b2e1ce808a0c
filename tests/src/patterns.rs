//! Shared by the pattern oracle's sample tool (`examples/pattern_samples.rs`) and
//! the pattern tests: reading AWS's pattern list, keying patterns, building the
//! runtime matcher a generated crate would build, and making sample strings.

use iot_models::runtime::validate::Pattern;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use smithy_codegen::ir::pattern::{Engine, Specialised, Translated};

/// `../shared/aws-patterns/patterns.json`, or `None` with a `skipped:` line
/// (a failure under CI).
pub fn aws_patterns(test: &str) -> Option<Vec<String>> {
    let path = crate::shared::path("aws-patterns/patterns.json", test)?;
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).expect("patterns.json is JSON");
    Some(
        json["patterns"]
            .as_array()
            .expect("a `patterns` array")
            .iter()
            .map(|p| p["pattern"].as_str().expect("a `pattern` string").to_owned())
            .collect(),
    )
}

/// A stable key for a pattern (FNV-1a 64 of its UTF-8), so the oracle file names
/// patterns without holding a copy of AWS's list.
pub fn key(pattern: &str) -> String {
    format!("{:016x}", smithy_codegen::disk::fingerprint(pattern))
}

/// The matcher a generated crate builds for `t` (specialised when it can be).
pub fn runtime_pattern(t: &Translated) -> Pattern {
    let pattern = match &t.specialised {
        Some(Specialised::Ascii(a)) => {
            let prefix: &'static str = Box::leak(a.prefix.clone().into_boxed_str());
            Pattern::ascii(prefix, &a.ranges, a.at_least)
        }
        Some(Specialised::Bounded(b)) => Pattern::bounded(&format!("^{}*\\z", b.class), b.min as usize, b.max as usize),
        None => return full_pattern(t).expect("the generator compiled it"),
    };
    line_end(pattern, t)
}

fn line_end(pattern: Pattern, t: &Translated) -> Pattern {
    if t.line_end {
        pattern.allowing_final_line_terminator()
    } else {
        pattern
    }
}

/// The matcher for the full regex, ignoring specialisation; `None` when the full
/// regex is too large to compile (the reason specialisations exist).
pub fn full_pattern(t: &Translated) -> Option<Pattern> {
    let backtracking = t.engine == Engine::Backtracking;
    smithy_codegen::ir::pattern::compile(&t.regex, t.engine).ok()?;
    Some(line_end(Pattern::compile(&t.regex, backtracking), t))
}

/// Samples every pattern is tried on: ASCII, Latin-1, other planes, line
/// terminators, spaces, identifiers and ARNs.
pub const GENERIC_SAMPLES: &[&str] = &[
    "",
    "a",
    "Z",
    "0",
    "abc",
    "ABC_123",
    "a-b_c.d",
    "hello world",
    " ",
    "\t",
    "\n",
    "line\nbreak",
    "trailing\n",
    "\r\n",
    "x\r\n",
    "x\r",
    "x\u{85}",
    "x\u{2028}",
    "é",
    "日本",
    "😀",
    "a😀b",
    "\u{0}",
    "\u{7f}",
    "\u{200d}",
    "\u{2028}",
    "\u{feff}",
    "\u{a0}",
    "\u{85}",
    "aws:tag",
    "user:tag",
    "arn:aws:iam::123456789012:role/x",
    "arn:aws:s3:::bucket/key",
    "{}",
    "$",
    "!#",
    "12345678901234567890",
    "-1",
    "1.5",
    "a@b.com",
    "https://example.com/a?b=c",
    "::",
    "/path/to/x",
    "=+-@",
    "{\"k\":\"v\"}",
    "Tab\tIn",
    "UPPER_CASE_1",
    "sp ace",
    "ünïcödé-ok",
    "2024-01-02T03:04:05Z",
    "10.0.0.1",
    "aws",
    "AWS",
    "true",
    "TRUE",
];

/// Characters a near miss puts in place of one character of a matching string.
const REPLACEMENTS: &[char] = &[
    ' ', '-', 'é', '😀', '\u{85}', '\u{2028}', 'Z', '0', '\t', '\u{a0}', '_', '.', ':', '/', '\n', 'ſ', 'K', '\u{0}',
];

/// Sample strings for one pattern, made deterministically from its generator:
/// a few matching strings and near misses of each (a character replaced, one
/// dropped, a line terminator appended).
pub fn samples_for(t: &Translated, seed: u64) -> Vec<String> {
    let Ok(strategy) = proptest::string::string_regex(&t.generator) else {
        return Vec::new();
    };
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes));
    let mut out = Vec::new();
    for round in 0..4usize {
        let Ok(tree) = strategy.new_tree(&mut runner) else {
            break;
        };
        let base: String = tree.current().chars().take(120).collect();
        let chars: Vec<char> = base.chars().collect();
        out.push(base.clone());
        out.push(format!("{base}\n"));
        if !chars.is_empty() {
            let at = (seed as usize + round * 7) % chars.len();
            let mut replaced = chars.clone();
            replaced[at] = REPLACEMENTS[(seed as usize + round) % REPLACEMENTS.len()];
            out.push(replaced.into_iter().collect());
            out.push(chars[..chars.len() - 1].iter().collect());
        }
    }
    out.sort();
    out.dedup();
    out.retain(|s| !GENERIC_SAMPLES.contains(&s.as_str()));
    out
}
