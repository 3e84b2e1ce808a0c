//! The five properties (see `tests/src/properties.rs`) for every type of every
//! golden crate: unions, maps, sparse collections, blobs, documents, big numbers,
//! intEnums, timestamps in every format, defaults, recursion and awkward names.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use smithy_codegen::ir::rust::CrateIr;
use tests::properties::{check_type, ir_of, Shape};

/// Every fixture in `spec/fixtures/`, so a new one cannot go unchecked.
static IRS: LazyLock<BTreeMap<String, CrateIr>> = LazyLock::new(|| {
    let dir = tests::workspace_root().join("spec/fixtures");
    std::fs::read_dir(&dir)
        .expect("spec/fixtures readable")
        .flatten()
        .filter_map(|e| {
            let name = e.path().file_stem()?.to_str()?.to_owned();
            Some((name.clone(), ir_of(&format!("spec/fixtures/{name}.json"))))
        })
        .collect()
});

macro_rules! golden_properties {
    ($($fixture:literal, $krate:ident: [$($test:ident: $ty:ty => $shape:expr;)*])*) => {
        $($(
            #[test]
            fn $test() {
                check_type(&IRS[$fixture], $shape, tests::subject!($krate, $ty));
            }
        )*)*

        /// Every generated type of every fixture has its properties checked.
        #[test]
        fn every_golden_type_has_properties() {
            let listed: Vec<(&str, &str)> = vec![$($(($fixture, stringify!($ty).rsplit("::").next().unwrap_or_default()),)*)*];
            for (fixture, ir) in IRS.iter() {
                let generated = ir
                    .structures
                    .iter()
                    .map(|s| &s.path)
                    .chain(ir.unions.iter().map(|u| &u.path))
                    .chain(ir.enums.iter().map(|e| &e.path))
                    .chain(ir.int_enums.iter().map(|e| &e.path));
                for path in generated {
                    assert!(
                        listed.contains(&(&fixture[..], &path.name[..])),
                        "no properties for {} in fixture {fixture}",
                        path.name
                    );
                }
            }
        }
    };
}

golden_properties! {
    "awsjson", golden_awsjson: [
        awsjson_attribute_value: golden_awsjson::types::AttributeValue => Shape::Union;
        awsjson_throttled: golden_awsjson::types::error::Throttled => Shape::Structure("Throttled");
        awsjson_input: golden_awsjson::operation::get_item::GetItemInput => Shape::Structure("GetItemInput");
        awsjson_output: golden_awsjson::operation::get_item::GetItemOutput => Shape::Structure("GetItemOutput");
    ]
    "collections", golden_collections: [
        collections_color: golden_collections::types::Color => Shape::Enum;
        collections_input: golden_collections::operation::put_collections::PutCollectionsInput => Shape::Structure("PutCollectionsInput");
        collections_output: golden_collections::operation::put_collections::PutCollectionsOutput => Shape::Structure("PutCollectionsOutput");
    ]
    "defaults", golden_defaults: [
        defaults_mode: golden_defaults::types::Mode => Shape::Enum;
        defaults_nested: golden_defaults::types::Nested => Shape::Structure("Nested");
        defaults_settings: golden_defaults::types::Settings => Shape::Structure("Settings");
        defaults_input: golden_defaults::operation::get_settings::GetSettingsInput => Shape::Structure("GetSettingsInput");
        defaults_output: golden_defaults::operation::get_settings::GetSettingsOutput => Shape::Structure("GetSettingsOutput");
    ]
    "http", golden_http: [
        http_color: golden_http::types::Color => Shape::Enum;
        http_document: golden_http::types::Document => Shape::Structure("Document");
        http_no_such_bucket: golden_http::types::error::NoSuchBucket => Shape::Structure("NoSuchBucket");
        http_slow_down: golden_http::types::error::SlowDown => Shape::Structure("SlowDown");
        http_get_input: golden_http::operation::get_object::GetObjectInput => Shape::Structure("GetObjectInput");
        http_get_output: golden_http::operation::get_object::GetObjectOutput => Shape::Structure("GetObjectOutput");
        http_put_input: golden_http::operation::put_object::PutObjectInput => Shape::Structure("PutObjectInput");
        http_put_output: golden_http::operation::put_object::PutObjectOutput => Shape::Structure("PutObjectOutput");
    ]
    "naming", golden_naming: [
        naming_box: golden_naming::types::Box => Shape::Structure("Box");
        naming_kind: golden_naming::types::Kind => Shape::Enum;
        naming_option: golden_naming::types::Option => Shape::Structure("Option");
        naming_result: golden_naming::types::Result => Shape::Structure("Result");
        naming_string: golden_naming::types::String => Shape::Structure("String");
        naming_vec: golden_naming::types::Vec => Shape::Structure("Vec");
        naming_foo: golden_naming::types::Foo => Shape::Structure("Foo");
        naming_foo_builder: golden_naming::types::FooBuilder => Shape::Structure("FooBuilder");
        naming_widget_builder: golden_naming::types::WidgetBuilder => Shape::Structure("WidgetBuilder");
        naming_builder: golden_naming::types::Builder => Shape::Structure("Builder");
        naming_type: golden_naming::types::Type => Shape::Structure("Type");
        naming_hash: golden_naming::types::Hash => Shape::Structure("Hash");
        naming_error: golden_naming::types::error::Error => Shape::Structure("error::Error");
        naming_unhandled: golden_naming::types::error::Unhandled => Shape::Structure("Unhandled");
        naming_match_error: golden_naming::types::error::MatchError => Shape::Structure("error::MatchError");
        naming_error_structure: golden_naming::types::Error => Shape::Structure("types::Error");
        naming_errors: golden_naming::types::Errors => Shape::Structure("Errors");
        naming_operation: golden_naming::types::Operation => Shape::Structure("Operation");
        naming_types: golden_naming::types::Types => Shape::Structure("Types");
        naming_runtime: golden_naming::types::Runtime => Shape::Structure("Runtime");
        naming_core: golden_naming::types::Core => Shape::Enum;
        naming_std: golden_naming::types::Std => Shape::Structure("Std");
        naming_http_union: golden_naming::types::Http => Shape::Union;
        naming_time: golden_naming::types::Time => Shape::Enum;
        naming_serde: golden_naming::types::Serde => Shape::Structure("Serde");
        naming_strategies: golden_naming::types::Strategies => Shape::Structure("Strategies");
        naming_patterns: golden_naming::types::Patterns => Shape::Structure("Patterns");
        naming_builders: golden_naming::types::Builders => Shape::Structure("Builders");
        naming_input: golden_naming::operation::match_::MatchInput => Shape::Structure("MatchInput");
        naming_output: golden_naming::operation::match_::MatchOutput => Shape::Structure("MatchOutput");
    ]
    "recursion", golden_recursion: [
        recursion_link: golden_recursion::types::Link => Shape::Structure("Link");
        recursion_node: golden_recursion::types::Node => Shape::Structure("Node");
        recursion_input: golden_recursion::operation::get_tree::GetTreeInput => Shape::Structure("GetTreeInput");
        recursion_output: golden_recursion::operation::get_tree::GetTreeOutput => Shape::Structure("GetTreeOutput");
    ]
    "scalars", golden_scalars: [
        scalars_priority: golden_scalars::types::Priority => Shape::Enum;
        scalars_input: golden_scalars::operation::echo::EchoInput => Shape::Structure("EchoInput");
        scalars_output: golden_scalars::operation::echo::EchoOutput => Shape::Structure("EchoOutput");
    ]
    "timestamps", golden_timestamps: [
        timestamps_input: golden_timestamps::operation::get_times::GetTimesInput => Shape::Structure("GetTimesInput");
        timestamps_output: golden_timestamps::operation::get_times::GetTimesOutput => Shape::Structure("GetTimesOutput");
    ]
    "traits", golden_traits: [
        traits_credentials: golden_traits::types::Credentials => Shape::Structure("Credentials");
        traits_end_event: golden_traits::types::EndEvent => Shape::Structure("EndEvent");
        traits_events: golden_traits::types::Events => Shape::Union;
        traits_message_event: golden_traits::types::MessageEvent => Shape::Structure("MessageEvent");
        traits_subscribe_input: golden_traits::operation::subscribe::SubscribeInput => Shape::Structure("SubscribeInput");
        traits_subscribe_output: golden_traits::operation::subscribe::SubscribeOutput => Shape::Structure("SubscribeOutput");
        traits_upload_input: golden_traits::operation::upload::UploadInput => Shape::Structure("UploadInput");
        traits_upload_output: golden_traits::operation::upload::UploadOutput => Shape::Structure("UploadOutput");
    ]
    "unions", golden_unions: [
        unions_circle: golden_unions::types::Circle => Shape::Structure("Circle");
        unions_expression: golden_unions::types::Expression => Shape::Union;
        unions_shape: golden_unions::types::Shape => Shape::Union;
        unions_input: golden_unions::operation::get_shape::GetShapeInput => Shape::Structure("GetShapeInput");
        unions_output: golden_unions::operation::get_shape::GetShapeOutput => Shape::Structure("GetShapeOutput");
    ]
}
