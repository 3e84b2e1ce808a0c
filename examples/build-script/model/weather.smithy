$version: "2"

namespace example.weather

use aws.protocols#restJson1

/// Forecasts for cities, by day.
@restJson1
service Weather {
    version: "2026-12-01"
    operations: [GetForecast]
}

/// The forecast for one city and day.
@readonly
@http(method: "GET", uri: "/cities/{cityId}/forecast")
operation GetForecast {
    input := {
        /// The city, as its short code.
        @required
        @httpLabel
        @pattern("^[a-z]{3}$")
        cityId: String

        /// How many days ahead, from today (0).
        @httpQuery("days")
        @range(min: 0, max: 14)
        days: Integer
    }

    output := {
        /// The city the forecast is for.
        @required
        cityId: String

        /// The lowest and highest temperature, in degrees Celsius.
        @required
        range: TemperatureRange

        /// The sky.
        sky: Sky
    }

    errors: [NoSuchCity]
}

/// A range of temperatures.
structure TemperatureRange {
    @required
    @range(min: -90, max: 60)
    low: Integer

    @required
    @range(min: -90, max: 60)
    high: Integer
}

/// What the sky looks like.
enum Sky {
    CLEAR = "clear"
    CLOUDY = "cloudy"
    RAIN = "rain"
}

/// No city has that code.
@error("client")
@httpError(404)
structure NoSuchCity {
    message: String
}
