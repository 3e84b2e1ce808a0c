//! Wire behaviour of each generator feature, on the golden crates generated from
//! `spec/fixtures/*.json`.

use serde_json::json;

mod unions {
    use golden_unions::operation::get_shape::GetShapeOutput;
    use golden_unions::types::{Expression, Shape};
    use serde_json::json;

    #[test]
    fn exactly_one_member_with_type_ignored() {
        let out: GetShapeOutput =
            serde_json::from_value(json!({"shape": {"__type": "x#Circle", "circle": {"radius": 2.5}}})).unwrap();
        let shape = out.shape().unwrap();
        assert_eq!(shape.as_circle().unwrap().radius(), 2.5);
        assert_eq!(shape.member_name(), "circle");
        assert_eq!(
            serde_json::to_value(&out).unwrap(),
            json!({"shape": {"circle": {"radius": 2.5}}})
        );
        // Null members do not count as set.
        let s: Shape = serde_json::from_value(json!({"label": null, "sides": 3})).unwrap();
        assert_eq!(s, Shape::Sides(3));
    }

    #[test]
    fn zero_or_two_members_are_errors() {
        let two = serde_json::from_value::<Shape>(json!({"sides": 3, "label": "x"})).unwrap_err();
        assert!(two.to_string().contains("more than one member"), "{two}");
        let none = serde_json::from_value::<Shape>(json!({})).unwrap_err();
        assert!(none.to_string().contains("no member"), "{none}");
    }

    #[test]
    fn unit_members_and_unknown_members() {
        let unit: Shape = serde_json::from_value(json!({"empty": {}})).unwrap();
        assert_eq!(unit, Shape::Empty);
        assert_eq!(serde_json::to_value(&unit).unwrap(), json!({"empty": {}}));
        let unknown: Shape = serde_json::from_str(r#"{"hexagon": {"side":1.25e300}}"#).unwrap();
        let Shape::Unknown(member) = &unknown else {
            panic!("expected Unknown, got {unknown:?}")
        };
        assert_eq!(member.name(), "hexagon");
        assert_eq!(
            serde_json::to_string(&unknown).unwrap(),
            r#"{"hexagon":{"side":1.25e300}}"#
        );
    }

    #[test]
    fn recursive_unions_and_nested_validation() {
        let text = r#"{"sum": [{"literal": 1}, {"negate": {"sum": [{"literal": 2}, {"literal": 3}]}}]}"#;
        let e: Expression = serde_json::from_str(text).unwrap();
        assert!(e.validate().is_ok());
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::from_str::<serde_json::Value>(text).unwrap()
        );
        let short: Expression = serde_json::from_str(r#"{"negate": {"sum": [{"literal": 1}]}}"#).unwrap();
        let err = short.validate().unwrap_err();
        assert_eq!(
            err.violations()[0].message(),
            "Value with length 1 at '/negate/sum' failed to satisfy constraint: Member must have length greater than or equal to 2"
        );
        let label: GetShapeOutput = serde_json::from_value(json!({"shape": {"label": "much too long"}})).unwrap();
        assert_eq!(label.validate().unwrap_err().violations()[0].path(), "/shape/label");
    }
}

mod collections {
    use golden_collections::operation::put_collections::{PutCollectionsInput, PutCollectionsOutput};
    use golden_collections::runtime::ConstraintKind;
    use golden_collections::types::Color;
    use serde_json::json;

    #[test]
    fn sparse_collections_keep_nulls_dense_ones_reject_them() {
        let out: PutCollectionsOutput =
            serde_json::from_value(json!({"sparse": [1, null, 3], "sparseMap": {"a": null, "b": "x"}})).unwrap();
        assert_eq!(out.sparse(), &[Some(1), None, Some(3)]);
        assert_eq!(out.sparse_map().unwrap()["a"], None);
        assert_eq!(
            serde_json::to_value(&out).unwrap(),
            json!({"sparse": [1, null, 3], "sparseMap": {"a": null, "b": "x"}})
        );
        let err = serde_json::from_value::<PutCollectionsOutput>(json!({"dense": ["a", null]})).unwrap_err();
        assert!(err.to_string().contains("null at index 1"), "{err}");
        let err = serde_json::from_value::<PutCollectionsOutput>(json!({"tags": {"a": null}})).unwrap_err();
        assert!(err.to_string().contains("not @sparse"), "{err}");
    }

    #[test]
    fn enum_keys_and_unknown_keys_survive() {
        let out: PutCollectionsOutput = serde_json::from_value(json!({"byColor": {"red": 1, "green": 2}})).unwrap();
        let map = out.by_color().unwrap();
        assert_eq!(map[&Color::Red], 1);
        assert_eq!(map[&Color::from("green")], 2);
        assert_eq!(
            serde_json::to_value(&out).unwrap(),
            json!({"byColor": {"green": 2, "red": 1}})
        );
        let err = out.validate().unwrap_err();
        assert_eq!(err.violations()[0].path(), "/byColor");
        assert_eq!(err.violations()[0].kind(), ConstraintKind::Enum);
    }

    #[test]
    fn map_keys_values_and_sizes_are_validated() {
        let out: PutCollectionsOutput =
            serde_json::from_value(json!({"tags": {"ok": "fine", "Bad": "x", "long": "toolong"}})).unwrap();
        let found: Vec<(String, ConstraintKind)> = out
            .validate()
            .unwrap_err()
            .iter()
            .map(|v| (v.path().to_owned(), v.kind()))
            .collect();
        assert_eq!(
            found,
            [
                ("/tags".to_owned(), ConstraintKind::Length),
                // A bad key is reported at the map's own path.
                ("/tags".to_owned(), ConstraintKind::Pattern),
                ("/tags/long".to_owned(), ConstraintKind::Length),
            ]
        );
    }

    #[test]
    fn unique_items_and_list_length() {
        let input: PutCollectionsInput =
            serde_json::from_value(json!({"unique": ["a", "b", "a"], "dense": ["1", "2", "3", "4"]})).unwrap();
        let kinds: Vec<ConstraintKind> = input.validate().unwrap_err().iter().map(|v| v.kind()).collect();
        assert_eq!(kinds, [ConstraintKind::Length, ConstraintKind::UniqueItems]);
        let msg = input.validate().unwrap_err().violations()[1].message();
        assert_eq!(
            msg,
            "Value at '/unique' failed to satisfy constraint: Member must have unique values"
        );
    }
}

mod scalars {
    use golden_scalars::operation::echo::EchoOutput;
    use golden_scalars::runtime::ConstraintKind;
    use golden_scalars::types::Priority;
    use serde_json::json;

    #[test]
    fn blobs_are_base64_and_length_counts_decoded_bytes() {
        let out: EchoOutput = serde_json::from_value(json!({"blob": "YQ=="})).unwrap();
        assert_eq!(out.blob().unwrap().as_bytes(), b"a");
        assert!(out.validate().is_ok(), "one decoded byte is within 1..=4");
        let long: EchoOutput = serde_json::from_value(json!({"blob": "YWJjZGU="})).unwrap();
        assert_eq!(
            long.validate().unwrap_err().violations()[0].message(),
            "Value with length 5 at '/blob' failed to satisfy constraint: Member must have length between 1 and 4, inclusive"
        );
        assert!(serde_json::from_value::<EchoOutput>(json!({"blob": "not base64!"})).is_err());
    }

    #[test]
    fn documents_and_big_numbers_are_exact() {
        let text = r#"{"document":{"n":123456789012345678901234567890.5,"list":[true,null,"x"]},"bigInt":-98765432109876543210987654321,"bigDec":1.000000000000000000000000001e-7}"#;
        let out: EchoOutput = serde_json::from_str(text).unwrap();
        assert_eq!(out.big_int().unwrap().as_str(), "-98765432109876543210987654321");
        assert_eq!(serde_json::to_string(&out).unwrap(), text);
        let scalar: EchoOutput = serde_json::from_value(json!({"document": 3})).unwrap();
        assert_eq!(scalar.document().unwrap().as_json(), "3");
        assert!(serde_json::from_value::<EchoOutput>(json!({"bigInt": 1.5})).is_err());
    }

    #[test]
    fn small_integers_floats_and_int_enums() {
        let out: EchoOutput =
            serde_json::from_value(json!({"byte": 6, "short": -32768, "float": 1.5, "priority": 10})).unwrap();
        assert_eq!(out.short(), Some(i16::MIN));
        assert_eq!(out.float(), Some(1.5f32));
        assert_eq!(out.priority(), Some(&Priority::High));
        assert_eq!(
            out.validate().unwrap_err().violations()[0].message(),
            "Value at '/byte' failed to satisfy constraint: Member must be between -5 and 5, inclusive"
        );
        assert!(serde_json::from_value::<EchoOutput>(json!({"byte": 128})).is_err());
        let unknown: EchoOutput = serde_json::from_value(json!({"priority": 7})).unwrap();
        assert_eq!(unknown.priority(), Some(&Priority::Unknown(7)));
        assert_eq!(serde_json::to_value(&unknown).unwrap(), json!({"priority": 7}));
        assert_eq!(
            unknown.validate().unwrap_err().violations()[0].kind(),
            ConstraintKind::Enum
        );
    }
}

mod timestamps {
    use golden_timestamps::operation::get_times::GetTimesOutput;
    use serde_json::json;
    use time::macros::datetime;

    #[test]
    fn every_format() {
        let out: GetTimesOutput = serde_json::from_value(json!({
            "epoch": 1700000000.25,
            "dateTime": "2023-11-14T23:13:20.5+01:00",
            "httpDate": "Tue, 14 Nov 2023 22:13:20 GMT",
            "targetDateTime": "2023-11-14T22:13:20Z"
        }))
        .unwrap();
        assert_eq!(out.epoch(), Some(datetime!(2023-11-14 22:13:20.25 UTC)));
        assert_eq!(out.date_time(), Some(datetime!(2023-11-14 22:13:20.5 UTC)));
        assert_eq!(out.http_date(), Some(datetime!(2023-11-14 22:13:20 UTC)));
        assert_eq!(
            serde_json::to_value(&out).unwrap(),
            json!({
                "epoch": 1700000000.25,
                "dateTime": "2023-11-14T22:13:20.5Z",
                "httpDate": "Tue, 14 Nov 2023 22:13:20 GMT",
                "targetDateTime": "2023-11-14T22:13:20Z"
            })
        );
        assert!(serde_json::from_value::<GetTimesOutput>(json!({"dateTime": 1700000000})).is_err());
        assert!(serde_json::from_value::<GetTimesOutput>(json!({"httpDate": "2023-11-14"})).is_err());
    }
}

mod defaults {
    use golden_defaults::operation::get_settings::{GetSettingsInput, GetSettingsOutput};
    use golden_defaults::types::Mode;
    use serde_json::json;

    /// A structure without required members has `Default`, with the model's
    /// defaults (not Rust's zeros).
    #[test]
    fn structures_without_required_members_have_default() {
        let nested = golden_defaults::types::Nested::default();
        assert_eq!(nested.depth(), 1);
        let parsed: golden_defaults::types::Nested = serde_json::from_value(json!({})).unwrap();
        assert_eq!(nested, parsed);
        let input = GetSettingsInput::default();
        assert_eq!(input, GetSettingsInput::builder().build());
    }

    #[test]
    fn missing_members_take_their_defaults_nested_too() {
        let out: GetSettingsOutput = serde_json::from_value(json!({"settings": {"nested": {}}})).unwrap();
        let s = out.settings();
        assert_eq!(
            (s.retries(), s.enabled(), s.label(), s.tags().len()),
            (3, false, "none", 0)
        );
        assert_eq!(s.ratio(), 0.5);
        assert_eq!(s.since().unix_timestamp(), 0);
        assert_eq!(s.extra().as_json(), r#"{"a":1}"#);
        assert_eq!(s.nested().depth(), 1);
        // @default(null) on the member cancels the target's default.
        assert_eq!(s.opt_out(), None);
        assert_eq!(out.mode(), &Mode::StitchedOnly);
        // @clientOptional keeps a required member optional.
        assert_eq!(out.maybe(), None);
        assert!(out.validate().is_err(), "maybe is still @required");
    }

    #[test]
    fn json_name_renames_on_rest_json() {
        let out: GetSettingsOutput =
            serde_json::from_value(json!({"settings": {"nested": {}}, "RenamedOnTheWire": "x", "maybe": "y"})).unwrap();
        assert_eq!(out.renamed(), Some("x"));
        assert!(serde_json::to_value(&out).unwrap().get("RenamedOnTheWire").is_some());
        let input = GetSettingsInput::builder().name("n").build();
        assert_eq!(serde_json::to_value(&input).unwrap(), json!({"Name": "n"}));
        // Inputs keep defaulted members optional: nothing is sent unless set.
        assert_eq!(input.retries(), None);
    }

    #[test]
    fn legacy_enum_strings() {
        assert_eq!(Mode::values(), ["STITCHED_ONLY", "FULL", "SECRET"]);
        assert!(Mode::from("SECRET").is_known());
        let bad = Mode::from("PARTIAL").validate().unwrap_err();
        // @internal values are valid but left out of the message.
        assert!(
            bad.violations()[0].message().ends_with("[STITCHED_ONLY, FULL]"),
            "{bad}"
        );
    }
}

mod traits {
    use golden_traits::operation::subscribe::SubscribeOutput;
    use golden_traits::operation::upload::{UploadInput, UploadOutput};
    use golden_traits::runtime::Blob;
    use golden_traits::types::{Credentials, Events};
    use serde_json::json;

    #[test]
    fn sensitive_values_are_redacted_in_debug() {
        let input = UploadInput::builder()
            .key("k")
            .password("hunter2")
            .credentials(Credentials::builder().user("u").secret("s3cret").build())
            .build()
            .unwrap();
        let debug = format!("{input:?}");
        assert!(!debug.contains("hunter2") && !debug.contains("s3cret"), "{debug}");
        assert!(debug.contains("*** Sensitive Data Redacted ***"), "{debug}");
        let out: UploadOutput = serde_json::from_value(json!({"secrets": ["a1", "b2"]})).unwrap();
        assert!(!format!("{out:?}").contains("a1"));
    }

    #[test]
    fn streaming_members_and_event_streams_are_plain_values() {
        let input = UploadInput::builder()
            .key("k")
            .body(Blob::new(b"bytes".to_vec()))
            .build()
            .unwrap();
        assert_eq!(input.body().unwrap().as_bytes(), b"bytes");
        let out: SubscribeOutput = serde_json::from_value(json!({"events": {"message": {"text": "hi"}}})).unwrap();
        assert!(matches!(out.events(), Some(Events::Message(m)) if m.text() == Some("hi")));
    }
}

mod naming {
    /// Shapes named `FooBuilder`, `Builder`, `Type` or `Hash`, and `Foo` beside
    /// `FooBuilder`: types and builders are told apart by what they are.
    #[test]
    fn shapes_named_like_builders_are_types() {
        use golden_naming::types::builders::FooBuilder as FooBuilderOfFoo;
        use golden_naming::types::{Builder, Foo, FooBuilder, Hash, Type, WidgetBuilder};
        let shape = FooBuilder::builder().name("shape").build();
        let foo: Foo = FooBuilderOfFoo::default()
            .builder_(shape.clone())
            .name("foo")
            .build()
            .unwrap();
        assert_eq!(foo.builder_(), Some(&shape));
        assert_eq!(
            serde_json::to_value(&foo).unwrap(),
            serde_json::json!({"builder": {"name": "shape"}, "name": "foo"})
        );
        assert_eq!(WidgetBuilder::builder().build(), WidgetBuilder::default());
        assert_eq!(Builder::builder().build(), Builder::default());
        assert_eq!(Type::builder().build(), Type::default());
        assert_eq!(Hash::builder().build(), Hash::default());
    }

    use golden_naming::operation::match_::{MatchError, MatchInput, MatchOutput};
    use golden_naming::types::error::Error;
    use golden_naming::types::{Box, Kind, Option, Result, String, Vec};
    use serde_json::json;

    #[test]
    fn shapes_named_like_std_types_work() {
        let out: MatchOutput = serde_json::from_value(json!({
            "result": {"ok": "yes"}, "option": {"ok": "o", "some": 1}, "box": {"ok": "b"},
            "string": {"value": "s"}, "vec": {"ok": "v"}, "kind": "a_b"
        }))
        .unwrap();
        let _: &Result = out.result().unwrap();
        let _: &Option = out.option().unwrap();
        let _: &Box = out.r#box().unwrap();
        let _: &String = out.string().unwrap();
        let _: &Vec = out.vec().unwrap();
        assert_eq!(out.kind(), Some(&Kind::AB2));
        assert_eq!(Kind::from("unknown"), Kind::UnknownValue);
        assert_eq!(Kind::from("self"), Kind::SelfValue);
    }

    #[test]
    fn keyword_and_case_colliding_members() {
        let input: MatchInput = serde_json::from_value(json!({
            "type": "t", "self": "s", "crate": "c", "match": "m", "fooBar": "lower", "FooBar": "upper",
            "client_corrections": "x"
        }))
        .unwrap();
        assert_eq!(input.r#type(), Some("t"));
        assert_eq!(input.self_(), Some("s"));
        assert_eq!(input.crate_(), Some("c"));
        assert_eq!(input.r#match(), Some("m"));
        assert_eq!((input.foo_bar(), input.foo_bar_2()), (Some("lower"), Some("upper")));
        assert_eq!(input.client_corrections_(), Some("x"));
        let back = serde_json::to_value(&input).unwrap();
        assert_eq!(back["FooBar"], "upper");
    }

    #[test]
    fn an_error_named_error() {
        let e: MatchError = Error::builder().message("nope").build().into();
        assert_eq!(e.code(), Some("_Error"));
        assert_eq!(e.to_string(), "_Error: nope");
    }

    /// Shapes named like the modules the generator writes (`error`,
    /// `builders`, `types`) or the crates generated code names (`std`,
    /// `core`, `http`, `serde`, `time`): their files give way, their types
    /// keep their names, and every one reaches the wire.
    #[test]
    fn shapes_named_like_generated_modules_and_crates() {
        use golden_naming::types::{self, builders};
        let out: MatchOutput = serde_json::from_value(json!({
            "errorShape": {"name": "e"}, "errorsShape": {"name": "es"}, "operationShape": {"name": "o"},
            "typesShape": {"name": "t"}, "runtimeShape": {"name": "r"}, "coreShape": 1, "stdShape": {"name": "s"},
            "httpShape": {"get": "/"}, "timeShape": "now", "serdeShape": {"name": "sd"},
            "strategiesShape": {"name": "st"}, "patternsShape": {"name": "p"}, "buildersShape": {"name": "b"}
        }))
        .unwrap();
        let structure: &types::Error = out.error_shape().unwrap();
        assert_eq!(structure.name(), Some("e"));
        assert_eq!(out.builders_shape().unwrap().name(), Some("b"));
        assert_eq!(out.types_shape().unwrap().name(), Some("t"));
        assert_eq!(out.std_shape().unwrap().name(), Some("s"));
        assert_eq!(out.core_shape(), Some(&types::Core::One));
        assert_eq!(out.time_shape(), Some(&types::Time::Now));
        assert_eq!(out.http_shape(), Some(&types::Http::Get("/".into())));
        // The structure `Error` and the error `_Error` are both `Error`, in
        // `types` and `types::error`; their builders likewise.
        let built: types::Error = builders::ErrorBuilder::default().name("x").build().unwrap();
        let error: Error = golden_naming::types::error::builders::ErrorBuilder::default().build();
        assert_eq!(built.name(), Some("x"));
        assert_eq!(error.message(), None);
        // Validation reaches them like any other member.
        let bad = MatchOutput::builder().builders_shape(types::Builders::builder().name("").build_unchecked());
        let violations = bad.build().unwrap_err();
        assert_eq!(violations.violations()[0].path(), "/buildersShape/name");
    }

    /// An error named `Unhandled` gives way to the variant every operation
    /// error enum has for errors the model does not describe; one named like
    /// the enum itself is a variant like any other.
    #[test]
    fn errors_named_like_the_error_enum_and_its_variants() {
        use golden_naming::types::error::{MatchError as MatchErrorShape, Unhandled};
        let modelled: MatchError = Unhandled::builder().message("m").build().into();
        assert!(matches!(modelled, MatchError::UnhandledValue(_)));
        assert_eq!(modelled.code(), Some("Unhandled"));
        let same_name: MatchError = MatchErrorShape::builder().build().into();
        assert!(matches!(same_name, MatchError::MatchError(_)));
        assert_eq!(same_name.http_status(), Some(409));
        let answer = http::Response::builder()
            .status(500)
            .header("x-amzn-errortype", "Unhandled")
            .body(br#"{"message":"modelled"}"#.to_vec())
            .unwrap();
        match golden_naming::operation::match_::Match::response(&answer) {
            Err(golden_naming::runtime::http::ResponseError::Service(e)) => {
                assert!(matches!(e.error(), MatchError::UnhandledValue(_)), "{:?}", e.error())
            }
            other => panic!("expected the modeled error, got {other:?}"),
        }
    }
}

mod awsjson {
    use golden_awsjson::operation::get_item::{GetItemInput, GetItemOutput};
    use golden_awsjson::types::AttributeValue;
    use serde_json::json;

    #[test]
    fn json_name_is_ignored_on_aws_json() {
        let input = GetItemInput::builder().table_name("t").build();
        assert_eq!(serde_json::to_value(&input).unwrap(), json!({"tableName": "t"}));
    }

    #[test]
    fn recursive_attribute_values() {
        let text = r#"{"item":{"a":{"S":"x"},"b":{"L":[{"N":"1"},{"M":{"c":{"NULL":true}}}]}}}"#;
        let out: GetItemOutput = serde_json::from_str(text).unwrap();
        let item = out.item().unwrap();
        assert_eq!(item["a"], AttributeValue::S("x".into()));
        assert_eq!(serde_json::to_string(&out).unwrap(), text);
    }
}

mod recursion {
    use golden_recursion::operation::get_tree::GetTreeOutput;
    use golden_recursion::types::Node;

    #[test]
    fn recursive_structures_round_trip() {
        let text = r#"{"root":{"name":"a","parent":{"name":"p","parent":{"name":"pp"}},"children":[{"name":"c","link":{"target":{"name":"t"}}}]}}"#;
        let out: GetTreeOutput = serde_json::from_str(text).unwrap();
        let root: &Node = out.root().unwrap();
        assert_eq!(root.parent().unwrap().parent().unwrap().name(), "pp");
        assert_eq!(serde_json::to_string(&out).unwrap(), text);
        let missing: GetTreeOutput = serde_json::from_str(r#"{"root":{"parent":{}}}"#).unwrap();
        let paths: std::vec::Vec<std::string::String> = missing
            .validate()
            .unwrap_err()
            .iter()
            .map(|v| v.path().to_owned())
            .collect();
        assert_eq!(paths, ["/root/name", "/root/parent/name"]);
    }
}

#[test]
fn fixtures_cover_every_shape_type_published_models_use() {
    // Keeps the fixture list honest: each of these appears in some fixture.
    let all: String = std::fs::read_dir(tests::workspace_root().join("spec/fixtures"))
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    for needle in [
        "\"union\"",
        "\"map\"",
        "\"blob\"",
        "\"document\"",
        "BigInteger",
        "BigDecimal",
        "\"byte\"",
        "Short",
        "Float",
        "\"intEnum\"",
        "date-time",
        "http-date",
        "smithy.api#enum",
        "smithy.api#default",
        "clientOptional",
        "jsonName",
        "sensitive",
        "deprecated",
        "idempotencyToken",
        "streaming",
        "sparse",
        "uniqueItems",
        "awsJson1_0",
    ] {
        assert!(all.contains(needle), "no fixture uses {needle}");
    }
    let _ = json!(null);
}

/// Values of two generated crates share the runtime's types: one generic
/// function takes both, and their errors are one type.
mod one_runtime {
    use golden_collections::operation::put_collections::PutCollectionsOutput;
    use golden_scalars::operation::echo::EchoOutput;
    use serde_json::json;
    use smithy_codegen_runtime::{ConstraintKind, Validate, ValidationError};

    fn kinds<T: Validate>(value: &T) -> Vec<ConstraintKind> {
        value
            .validate()
            .err()
            .map(|e: ValidationError| e.violations().iter().map(|v| v.kind()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn one_generic_function_checks_values_of_two_generated_crates() {
        let collections: PutCollectionsOutput = serde_json::from_value(json!({"tags": {"BAD": "x"}})).unwrap();
        let scalars: EchoOutput = serde_json::from_value(json!({"blob": "YWJjZGU="})).unwrap();
        assert_eq!(kinds(&collections), [ConstraintKind::Pattern]);
        assert_eq!(kinds(&scalars), [ConstraintKind::Length]);
        let errors: Vec<ValidationError> = vec![collections.validate().unwrap_err(), scalars.validate().unwrap_err()];
        assert_eq!(errors.len(), 2);
    }
}
