//! Generates the weather service's types into `OUT_DIR/weather.rs`, included
//! by `src/lib.rs` as the `weather` module.

fn main() -> Result<(), smithy_codegen::build::Error> {
    smithy_codegen::build::Config::new()
        .model("model/weather.smithy")
        .mount_at("crate::weather")
        .derive("*", "PartialOrd")
        .attribute("example.weather#TemperatureRange", "#[must_use]")
        .generate()?;
    Ok(())
}
