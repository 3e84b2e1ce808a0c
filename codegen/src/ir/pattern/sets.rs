//! What each class escape and property name means in each dialect, as sets in
//! Rust's syntax. java.util.regex (without `UNICODE_CHARACTER_CLASS`) keeps `\d \w
//! \s` and the POSIX names ASCII and has names of its own (`\p{LD}`, `\p{all}`,
//! `\p{javaLowerCase}`); ECMA-262 has a Unicode `\s` and only Unicode properties.

use super::ast::{Class, Item};
use super::Dialect;

/// Java's line terminators, without `UNIX_LINES`: what `.` excludes and `$` skips.
pub const JAVA_LINE_TERMINATORS: &[(u32, u32)] = &[(0x0A, 0x0A), (0x0D, 0x0D), (0x85, 0x85), (0x2028, 0x2029)];
/// ECMA-262's LineTerminator.
pub const ECMA_LINE_TERMINATORS: &[(u32, u32)] = &[(0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)];

const DIGIT: &[(u32, u32)] = &[(0x30, 0x39)];
const WORD: &[(u32, u32)] = &[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)];
const JAVA_SPACE: &[(u32, u32)] = &[(0x09, 0x0D), (0x20, 0x20)];
/// ECMA-262 WhiteSpace and LineTerminator (the Zs of current Unicode, U+FEFF).
const ECMA_SPACE: &[(u32, u32)] = &[
    (0x09, 0x0D),
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
    (0xFEFF, 0xFEFF),
];
const JAVA_HORIZONTAL: &[(u32, u32)] = &[
    (0x09, 0x09),
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x180E, 0x180E),
    (0x2000, 0x200A),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
];
const JAVA_VERTICAL: &[(u32, u32)] = &[(0x0A, 0x0D), (0x85, 0x85), (0x2028, 0x2029)];

/// The set behind a class escape letter (`d`, `D`, `w`, ...), or `None` when the
/// letter is not a class escape in this dialect.
pub fn escape_class(dialect: Dialect, letter: char) -> Option<Class> {
    let positive = match (letter.to_ascii_lowercase(), dialect) {
        ('d', _) => DIGIT,
        ('w', _) => WORD,
        ('s', Dialect::Java) => JAVA_SPACE,
        ('s', Dialect::Ecma) => ECMA_SPACE,
        ('h', Dialect::Java) => JAVA_HORIZONTAL,
        ('v', Dialect::Java) => JAVA_VERTICAL,
        _ => return None,
    };
    let class = Class::ranges(positive);
    Some(if letter.is_ascii_uppercase() {
        class.negate()
    } else {
        class
    })
}

/// `.` without DOTALL: anything but a line terminator.
pub fn dot(dialect: Dialect) -> Class {
    match dialect {
        Dialect::Java => Class::ranges(JAVA_LINE_TERMINATORS).negate(),
        Dialect::Ecma => Class::ranges(ECMA_LINE_TERMINATORS).negate(),
    }
}

/// Every code point.
pub fn any() -> Class {
    Class::ranges(&[(0, 0x10FFFF)])
}

fn prop(name: &str) -> Item {
    Item::Property {
        negated: false,
        name: name.to_owned(),
    }
}

fn not_prop(name: &str) -> Item {
    Item::Property {
        negated: true,
        name: name.to_owned(),
    }
}

fn union(items: Vec<Item>) -> Class {
    Class::of(items)
}

/// The set a `\p{name}` names (negated for `\P`), or an error saying why the name
/// is unknown.
pub fn property(dialect: Dialect, name: &str, negated: bool) -> Result<Class, String> {
    let class = match dialect {
        Dialect::Java => java_property(name),
        Dialect::Ecma => Some(ecma_property(name)),
    }
    .ok_or_else(|| format!("unknown character property `\\p{{{name}}}`"))?;
    Ok(if negated { class.negate() } else { class })
}

/// Unicode General_Category names, one or two letters, as both dialects spell them.
fn is_category(name: &str) -> bool {
    const CATEGORIES: &[&str] = &[
        "L", "Lu", "Ll", "Lt", "Lm", "Lo", "LC", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Ps",
        "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co", "Cn",
    ];
    CATEGORIES.contains(&name)
}

fn java_property(name: &str) -> Option<Class> {
    if let Some((key, value)) = name.split_once('=') {
        return match key.to_ascii_lowercase().as_str() {
            "sc" | "script" => Some(union(vec![prop(&format!("Script={value}"))])),
            "gc" | "general_category" if is_category(value) => Some(union(vec![prop(value)])),
            _ => None, // blocks (`blk=`) have no Rust equivalent
        };
    }
    if let Some(rest) = name.strip_prefix("Is") {
        // Java's order: binary property, then the names `\p{...}` takes
        // without `Is` (categories, POSIX and Java names), then a script.
        return java_binary_property(rest)
            .or_else(|| java_property(rest))
            .or_else(|| Some(union(vec![prop(&format!("Script={rest}"))])));
    }
    if is_category(name) {
        return Some(union(vec![prop(name)]));
    }
    let ascii = |ranges: &[(u32, u32)]| Some(Class::ranges(ranges));
    match name {
        // POSIX classes: ASCII only without UNICODE_CHARACTER_CLASS.
        "Lower" => ascii(&[(0x61, 0x7A)]),
        "Upper" => ascii(&[(0x41, 0x5A)]),
        "ASCII" => ascii(&[(0x00, 0x7F)]),
        "Alpha" => ascii(&[(0x41, 0x5A), (0x61, 0x7A)]),
        "Digit" => ascii(DIGIT),
        "Alnum" => ascii(&[(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)]),
        "Punct" => ascii(&[(0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)]),
        "Graph" => ascii(&[(0x21, 0x7E)]),
        "Print" => ascii(&[(0x20, 0x7E)]),
        "Blank" => ascii(&[(0x09, 0x09), (0x20, 0x20)]),
        "Cntrl" => ascii(&[(0x00, 0x1F), (0x7F, 0x7F)]),
        "XDigit" => ascii(&[(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)]),
        "Space" => ascii(JAVA_SPACE),
        // Java's own names.
        "all" => Some(any()),
        "L1" => ascii(&[(0x00, 0xFF)]),
        "LD" => Some(union(vec![prop("L"), prop("Nd")])),
        "javaLowerCase" => Some(union(vec![prop("Lowercase")])),
        "javaUpperCase" => Some(union(vec![prop("Uppercase")])),
        "javaTitleCase" => Some(union(vec![prop("Lt")])),
        "javaAlphabetic" => Some(union(vec![prop("Alphabetic")])),
        "javaIdeographic" => Some(union(vec![prop("Ideographic")])),
        "javaLetter" => Some(union(vec![prop("L")])),
        "javaDigit" => Some(union(vec![prop("Nd")])),
        "javaLetterOrDigit" => Some(union(vec![prop("L"), prop("Nd")])),
        "javaSpaceChar" => Some(union(vec![prop("Z")])),
        "javaDefined" => Some(union(vec![not_prop("Cn")])),
        "javaMirrored" => Some(union(vec![prop("Bidi_Mirrored")])),
        "javaISOControl" => ascii(&[(0x00, 0x1F), (0x7F, 0x9F)]),
        // Character.isWhitespace: separators except the non-breaking ones, and controls.
        "javaWhitespace" => Some(union(vec![
            Item::Range(0x09, 0x0D),
            Item::Range(0x1C, 0x1F),
            Item::Class(Class {
                negated: false,
                operands: vec![
                    vec![prop("Z")],
                    vec![Item::Class(
                        Class::ranges(&[(0xA0, 0xA0), (0x2007, 0x2007), (0x202F, 0x202F)]).negate(),
                    )],
                ],
            }),
        ])),
        _ => None,
    }
}

/// Java's binary properties (`\p{IsAlphabetic}`), by the definitions of
/// `java.util.regex` (which differ from Unicode's for some, such as `Print`).
fn java_binary_property(name: &str) -> Option<Class> {
    let key: String = name
        .chars()
        .filter(|c| *c != '_' && *c != ' ')
        .collect::<String>()
        .to_ascii_uppercase();
    // No `Cs`: Rust's regex has no surrogates to name, nor can text hold one.
    let graph_excluded = || vec![prop("Z"), prop("Cc"), prop("Cn")];
    Some(match key.as_str() {
        "ALPHABETIC" => union(vec![prop("Alphabetic")]),
        "LETTER" => union(vec![prop("L")]),
        "IDEOGRAPHIC" => union(vec![prop("Ideographic")]),
        "LOWERCASE" => union(vec![prop("Lowercase")]),
        "UPPERCASE" => union(vec![prop("Uppercase")]),
        "TITLECASE" => union(vec![prop("Lt")]),
        "WHITESPACE" => union(vec![prop("White_Space")]),
        "CONTROL" => union(vec![prop("Cc")]),
        "PUNCTUATION" => union(vec![prop("P")]),
        "HEXDIGIT" => union(vec![prop("Nd"), prop("Hex_Digit")]),
        "ASSIGNED" => union(vec![not_prop("Cn")]),
        "NONCHARACTERCODEPOINT" => union(vec![prop("Noncharacter_Code_Point")]),
        "DIGIT" => union(vec![prop("Nd")]),
        "ALNUM" => union(vec![prop("Alphabetic"), prop("Nd")]),
        "BLANK" => union(vec![prop("Zs"), Item::Range(0x09, 0x09)]),
        "GRAPH" => union(graph_excluded()).negate(),
        "PRINT" => union(vec![prop("Zl"), prop("Zp"), prop("Cc"), prop("Cn")]).negate(),
        "WORD" => union(vec![
            prop("Alphabetic"),
            prop("Mn"),
            prop("Me"),
            prop("Mc"),
            prop("Nd"),
            prop("Pc"),
            prop("Join_Control"),
        ]),
        "JOINCONTROL" => union(vec![prop("Join_Control")]),
        "EMOJI" => union(vec![prop("Emoji")]),
        "EMOJIPRESENTATION" => union(vec![prop("Emoji_Presentation")]),
        "EMOJIMODIFIER" => union(vec![prop("Emoji_Modifier")]),
        "EMOJIMODIFIERBASE" => union(vec![prop("Emoji_Modifier_Base")]),
        "EMOJICOMPONENT" => union(vec![prop("Emoji_Component")]),
        "EXTENDEDPICTOGRAPHIC" => union(vec![prop("Extended_Pictographic")]),
        _ => return None,
    })
}

/// ECMA-262 (`u` flag) properties: General_Category, Script, Script_Extensions
/// and binary Unicode properties, which Rust's regex names the same way; the
/// compile check after translation rejects a name neither knows.
fn ecma_property(name: &str) -> Class {
    if let Some((key, value)) = name.split_once('=') {
        let key = match key {
            "gc" | "General_Category" => "General_Category",
            "sc" | "Script" => "Script",
            "scx" | "Script_Extensions" => "Script_Extensions",
            other => other,
        };
        return union(vec![prop(&format!("{key}={value}"))]);
    }
    match name {
        "Any" => any(),
        "ASCII" => Class::ranges(&[(0x00, 0x7F)]),
        "Assigned" => union(vec![not_prop("Cn")]),
        _ => union(vec![prop(name)]),
    }
}
