//! Corners of the XML and query writers and the XML reader that the
//! protocol suites do not reach: every integer width and unit-like value
//! in a query body, an empty structure, quotes in attributes, the
//! `&apos;` entity, and text that only looks like a number.

use serde::{Deserialize, Serialize};
use smithy_codegen_runtime::xml::query::{body, Style};
use smithy_codegen_runtime::xml::read::from_node;
use smithy_codegen_runtime::xml::write::to_string;
use smithy_codegen_runtime::xml::{Document, Member, Name, Structure, Value};

#[derive(Serialize)]
struct Nothing {}

#[derive(Serialize)]
struct Unit;

#[derive(Serialize)]
enum Color {
    Red,
}

#[derive(Serialize)]
struct Input {
    small: i16,
    big: u32,
    color: Color,
    unit: Unit,
    nothing: Nothing,
    chosen: Nothing,
}

static NOTHING: Structure = Structure {
    name: Name::plain("Nothing"),
    members: &[],
};

static INPUT: Structure = Structure {
    name: Name::plain("Input"),
    members: &[
        Member::new("small", Value::Scalar),
        Member::new("big", Value::Scalar),
        Member::new("color", Value::Scalar),
        Member::new("unit", Value::Scalar),
        Member::new("nothing", Value::Structure(&NOTHING)).named("Empty"),
        // A union's unit member: an empty structure where a scalar goes.
        Member::new("chosen", Value::Scalar),
    ],
};

#[test]
fn query_bodies_write_every_scalar_and_unit_members() {
    let input = Input {
        small: -3,
        big: 4_000_000_000,
        color: Color::Red,
        unit: Unit,
        nothing: Nothing {},
        chosen: Nothing {},
    };
    let form = body("Op", "2020-01-01", &input, &INPUT, Style::AwsQuery).expect("writes");
    assert_eq!(
        form,
        "Action=Op&Version=2020-01-01&small=-3&big=4000000000&color=Red&unit=&chosen="
    );
}

#[derive(Serialize)]
struct Tagged {
    label: String,
    unit: Unit,
}

static TAGGED: Structure = Structure {
    name: Name::plain("Tagged"),
    members: &[
        Member::new("label", Value::Scalar).attribute(),
        Member::new("unit", Value::Scalar),
    ],
};

#[test]
fn attributes_escape_quotes_and_unit_values_are_empty_elements() {
    let value = Tagged {
        label: r#"say "hi" & 'bye' <now>"#.into(),
        unit: Unit,
    };
    let xml = to_string(&value, Name::plain("Tagged"), Value::Structure(&TAGGED)).expect("writes");
    assert!(
        xml.contains(r#"label="say &quot;hi&quot; &amp; &apos;bye&apos; &lt;now&gt;""#),
        "{xml}"
    );
    assert!(xml.contains("<unit></unit>") || xml.contains("<unit/>"), "{xml}");
    // What was written reads back as it was.
    let document = Document::parse(xml.as_bytes()).expect("parses");
    let root = document.root().expect("a root");
    assert_eq!(
        document.attribute(root, "label").map(|v| v.as_ref()),
        Some(r#"say "hi" & 'bye' <now>"#)
    );
}

#[derive(Deserialize, Debug, PartialEq)]
struct Anything {
    text: serde_json::Value,
}

static ANYTHING: Structure = Structure {
    name: Name::plain("Anything"),
    members: &[Member::new("text", Value::Scalar)],
};

#[test]
fn text_reads_as_a_number_only_when_it_is_one() {
    let read = |xml: &str| -> serde_json::Value {
        let document = Document::parse(xml.as_bytes()).expect("parses");
        let root = document.root();
        from_node::<Anything>(&document, root, Value::Structure(&ANYTHING))
            .expect("reads")
            .text
    };
    assert_eq!(read("<a><text>12</text></a>"), serde_json::json!(12));
    assert_eq!(read("<a><text>-1.5</text></a>"), serde_json::json!(-1.5));
    assert_eq!(read("<a><text>a1</text></a>"), serde_json::json!("a1"));
    assert_eq!(read("<a><text>1e</text></a>"), serde_json::json!("1e"));
    assert_eq!(
        read("<a><text>it&apos;s &quot;x&quot;</text></a>"),
        serde_json::json!("it's \"x\"")
    );
}
