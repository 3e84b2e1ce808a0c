//! A crate of its own with a Smithy model (`model/weather.smithy`): its
//! types, validation and sans-IO requests are generated at build time by
//! `build.rs` and included here.

/// The weather service, generated from `model/weather.smithy`.
pub mod weather {
    include!(concat!(env!("OUT_DIR"), "/weather.rs"));
}
