//! Timestamps as text, every rule in one place: RFC 3339 (`date-time`),
//! HTTP dates (`http-date`: written as IMF-fixdate, read in all three forms
//! HTTP allows) and epoch seconds, for JSON bodies, URIs and headers alike.

use time::OffsetDateTime;

/// RFC 3339 in UTC with millisecond precision at most.
pub fn date_time(value: &OffsetDateTime) -> String {
    let utc = value.to_offset(time::UtcOffset::UTC);
    let utc = utc
        .replace_nanosecond(utc.millisecond() as u32 * 1_000_000)
        .unwrap_or(utc);
    utc.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// IMF-fixdate (`Tue, 14 Nov 2023 22:13:20 GMT`), whole seconds: how HTTP
/// dates are written, and the default format of timestamps in headers.
pub fn http_date(value: &OffsetDateTime) -> String {
    value
        .to_offset(time::UtcOffset::UTC)
        .format(IMF_FIXDATE)
        .unwrap_or_default()
}

const IMF_FIXDATE: &[time::format_description::BorrowedFormatItem<'static>] = time::macros::format_description!(
    "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
);

/// Epoch seconds, for members that ask for `epoch-seconds` in a URI or header:
/// whole milliseconds, written exactly (`1700000000.5`, `-0.001`).
pub fn epoch_seconds(value: &OffsetDateTime) -> String {
    let ms = value.unix_timestamp_nanos().div_euclid(1_000_000);
    let (sign, magnitude) = if ms < 0 { ("-", -ms) } else { ("", ms) };
    let (secs, millis) = (magnitude / 1000, magnitude % 1000);
    if millis == 0 {
        format!("{sign}{secs}")
    } else {
        let fraction = format!("{millis:03}");
        format!("{sign}{secs}.{}", fraction.trim_end_matches('0'))
    }
}

/// An HTTP date (RFC 9110 section 5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`
/// (IMF-fixdate), `Sunday, 06-Nov-94 08:49:37 GMT` (RFC 850; a two-digit year
/// more than 50 years ahead is in the past century) or `Sun Nov  6 08:49:37 1994`
/// (asctime).
pub fn parse_http_date(text: &str) -> Option<OffsetDateTime> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (day, month, year, clock) = match words.as_slice() {
        // IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`.
        [weekday, day, month, year, clock, "GMT"] if weekday.ends_with(',') => {
            (day.parse().ok()?, *month, year.parse().ok()?, *clock)
        }
        // RFC 850: `Sunday, 06-Nov-94 08:49:37 GMT`.
        [weekday, date, clock, "GMT"] if weekday.ends_with(',') => {
            let mut parts = date.split('-');
            let (day, month, short_year) = (parts.next()?, parts.next()?, parts.next()?);
            let short_year: i32 = short_year.parse().ok().filter(|_| short_year.len() == 2)?;
            let this_year = OffsetDateTime::now_utc().year();
            let mut year = this_year - this_year.rem_euclid(100) + short_year;
            if year > this_year + 50 {
                year -= 100;
            }
            (day.parse().ok()?, month, year, *clock)
        }
        // asctime: `Sun Nov  6 08:49:37 1994`.
        [_weekday, month, day, clock, year] => (day.parse().ok()?, *month, year.parse().ok()?, *clock),
        _ => return None,
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| *m == month)?;
    let month = time::Month::try_from(u8::try_from(month + 1).ok()?).ok()?;
    let mut hms = clock.split(':').map(|p| p.parse::<u8>().ok());
    let (hour, minute, second) = (hms.next()??, hms.next()??, hms.next()??);
    let date = time::Date::from_calendar_date(year, month, day).ok()?;
    let time = time::Time::from_hms(hour, minute, second).ok()?;
    Some(time::PrimitiveDateTime::new(date, time).assume_utc())
}

/// RFC 3339 as Smithy's `date-time` requires of what a service reads: UTC
/// (`Z`), seconds present, an optional fraction (`1985-04-12T23:20:50.52Z`).
pub fn parse_strict_date_time(text: &str) -> Option<OffsetDateTime> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes.get(range).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let shape = bytes.len() >= 20
        && digits(0..4)
        && bytes[4] == b'-'
        && digits(5..7)
        && bytes[7] == b'-'
        && digits(8..10)
        && bytes[10] == b'T'
        && digits(11..13)
        && bytes[13] == b':'
        && digits(14..16)
        && bytes[16] == b':'
        && digits(17..19)
        && bytes[bytes.len() - 1] == b'Z'
        && match &bytes[19..bytes.len() - 1] {
            [] => true,
            [b'.', fraction @ ..] => !fraction.is_empty() && fraction.iter().all(u8::is_ascii_digit),
            _ => false,
        };
    if !shape {
        return None;
    }
    OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()
}

/// Epoch seconds as a plain decimal number (`1515531081.123`, `-1`): no
/// exponent, no sign but a leading `-`, floored to milliseconds.
pub fn parse_strict_epoch_seconds(text: &str) -> Option<OffsetDateTime> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let plain = !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit());
    if !plain {
        return None;
    }
    let seconds: f64 = text.parse().ok()?;
    let ms = crate::wire::epoch_ms_from_f64(seconds)?;
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{Codec, HttpDate};

    /// A body's HTTP date reads as a header's does: all three forms.
    #[test]
    fn body_and_header_http_dates_read_alike() {
        let expected = OffsetDateTime::from_unix_timestamp(784_111_777).expect("a time");
        for text in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
        ] {
            assert_eq!(parse_http_date(text), Some(expected), "{text}");
            let json = serde_json::Value::String(text.to_owned());
            let body = <HttpDate as Codec<OffsetDateTime>>::deserialize(json).expect(text);
            assert_eq!(body, expected, "{text}");
        }
        assert_eq!(http_date(&expected), "Sun, 06 Nov 1994 08:49:37 GMT");
        let json = serde_json::Value::String("yesterday".into());
        assert!(<HttpDate as Codec<OffsetDateTime>>::deserialize(json).is_err());
    }
}
