//! The clock and the calendar: now as an RFC 3339 timestamp (journals, caches,
//! provenance, fetched pages), and an article's [`Date`], a calendar date from
//! `jiff` written `YYYY-MM-DD` wherever it is stored or shown. One place, so
//! every record states time the same way.

use std::fmt;
use std::str::FromStr;

/// Now, to the second: `2026-12-02T08:25:47Z`.
pub(crate) fn now() -> Instant {
    let t = jiff::Timestamp::now();
    Instant(jiff::Timestamp::from_second(t.as_second()).unwrap_or(t))
}

/// A moment, written in RFC 3339 (`2026-12-02T08:25:47Z`) in every record:
/// when a page was fetched, a decision made, a story published, a record
/// created. Read back from any RFC 3339 form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Instant(jiff::Timestamp);

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for Instant {
    type Err = String;
    fn from_str(s: &str) -> Result<Instant, String> {
        s.trim()
            .parse::<jiff::Timestamp>()
            .map(Instant)
            .map_err(|_| format!("`{s}` is not an RFC 3339 time such as 2026-12-02T08:25:47Z"))
    }
}

/// A calendar date, `2026-01-31` in every text and record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Date(jiff::civil::Date);

impl Date {
    /// A date known to be one (`2026, 1, 1`).
    pub(crate) const fn ymd(year: i16, month: i8, day: i8) -> Date {
        Date(jiff::civil::date(year, month, day))
    }

    /// The date of `year`, `month` and `day`, if the calendar has it.
    pub(crate) fn checked(year: i16, month: i8, day: i8) -> Option<Date> {
        jiff::civil::Date::new(year, month, day).ok().map(Date)
    }

    /// Today (UTC).
    pub(crate) fn today() -> Date {
        Date::of(jiff::Timestamp::now())
    }

    /// The date (UTC) of a moment.
    pub(crate) fn of(t: jiff::Timestamp) -> Date {
        Date(t.to_zoned(jiff::tz::TimeZone::UTC).date())
    }

    /// Year, month and day.
    pub(crate) fn parts(self) -> (i32, u32, u32) {
        let d = self.0;
        (
            i32::from(d.year()),
            d.month().unsigned_abs().into(),
            d.day().unsigned_abs().into(),
        )
    }

    /// The date `days` after this one (before, when negative), if the calendar has it.
    pub(crate) fn plus_days(self, days: i32) -> Option<Date> {
        self.0.checked_add(jiff::Span::new().days(days)).ok().map(Date)
    }

    /// The day of the week, Monday 1 to Sunday 7.
    pub(crate) fn weekday(self) -> i8 {
        self.0.weekday().to_monday_one_offset()
    }
}

/// Text that is not a calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NotADate(pub(crate) String);

impl fmt::Display for NotADate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a calendar date like 2026-01-31", self.0)
    }
}

impl FromStr for Date {
    type Err = NotADate;

    /// Exactly `YYYY-MM-DD`, a day the calendar has (`2024-02-29`, not
    /// `2025-02-30`).
    fn from_str(s: &str) -> Result<Date, NotADate> {
        let shaped = s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        let field = |r: std::ops::Range<usize>| s.get(r).and_then(|p| p.parse::<i16>().ok());
        let parsed = match (shaped, field(0..4), field(5..7), field(8..10)) {
            (true, Some(y), Some(m), Some(d)) => jiff::civil::Date::new(y, m as i8, d as i8).ok(),
            _ => None,
        };
        parsed.map(Date).ok_or_else(|| NotADate(s.to_string()))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            self.0.month(),
            self.0.day()
        )
    }
}

/// When a source says it was published: a day (`2025-12-27`), or a moment
/// with the offset it was given in (`2025-12-27T09:00:00+09:00`), written back
/// as it was read. Also read from the forms pages and people write: RFC 2822
/// (`Sat, 27 Dec 2025 09:00:00 +0900`), `2025/12/27`, `December 27, 2025`,
/// `27 December 2025`, a time with no offset (its day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Published {
    Day(Date),
    Moment(jiff::Timestamp, jiff::tz::Offset),
}

impl Published {
    /// The day it was published, as the publisher's clock had it.
    pub(crate) fn day(self) -> Date {
        match self {
            Published::Day(d) => d,
            Published::Moment(t, offset) => Date(offset.to_datetime(t).date()),
        }
    }
}

impl FromStr for Published {
    type Err = String;
    fn from_str(s: &str) -> Result<Published, String> {
        let t = s.trim();
        if let Ok(d) = t.parse::<Date>() {
            return Ok(Published::Day(d));
        }
        let parser = jiff::fmt::temporal::DateTimeParser::new();
        if let Ok(pieces) = jiff::fmt::temporal::Pieces::parse(t)
            && let Some(offset) = pieces.offset().map(|o| o.to_numeric_offset())
            && let Ok(ts) = parser.parse_timestamp(t)
        {
            return Ok(Published::Moment(ts, offset));
        }
        if let Ok(z) = jiff::fmt::rfc2822::parse(t) {
            return Ok(Published::Moment(z.timestamp(), z.offset()));
        }
        if let Ok(dt) = t.parse::<jiff::civil::DateTime>() {
            return Ok(Published::Day(Date(dt.date())));
        }
        for form in [
            "%Y/%m/%d",
            "%B %d, %Y",
            "%b %d, %Y",
            "%d %B %Y",
            "%d %b %Y",
            "%B %d %Y",
        ] {
            if let Ok(d) = jiff::civil::Date::strptime(form, t) {
                return Ok(Published::Day(Date(d)));
            }
        }
        Err(format!(
            "`{s}` is not a date; write it as 2025-12-27, or with its time as 2025-12-27T09:00:00+09:00"
        ))
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Published::Day(d) => d.fmt(f),
            Published::Moment(t, offset) if *offset == jiff::tz::Offset::UTC => write!(f, "{t}"),
            Published::Moment(t, offset) => write!(f, "{}", t.display_with_offset(*offset)),
        }
    }
}

/// A publication date read back from a record: one that is no date (written
/// as free text before dates were read) is none, so the record still loads.
pub(crate) fn lenient<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Published>, D::Error> {
    let text = <Option<String> as serde::Deserialize>::deserialize(d)?;
    Ok(text.and_then(|t| t.parse().ok()))
}

crate::ids::text_serde!(Date);
crate::ids::text_serde!(Instant);
crate::ids::text_serde!(Published);

#[cfg(test)]
mod tests {
    use super::{Date, Published};

    #[test]
    fn a_publication_date_is_read_in_the_forms_people_write_and_written_back_as_read() {
        for (given, written, day) in [
            ("2025-12-27", "2025-12-27", "2025-12-27"),
            (
                "2025-12-27T09:00:00+09:00",
                "2025-12-27T09:00:00+09:00",
                "2025-12-27",
            ),
            ("2025-12-26T23:30:00Z", "2025-12-26T23:30:00Z", "2025-12-26"),
            (
                "Sat, 27 Dec 2025 01:00:00 +0900",
                "2025-12-27T01:00:00+09:00",
                "2025-12-27",
            ),
            ("2025/12/27", "2025-12-27", "2025-12-27"),
            ("December 27, 2025", "2025-12-27", "2025-12-27"),
            ("27 December 2025", "2025-12-27", "2025-12-27"),
            ("2025-12-27T09:00:00", "2025-12-27", "2025-12-27"),
        ] {
            let p: Published = given.parse().unwrap_or_else(|e| panic!("{given}: {e}"));
            assert_eq!(p.to_string(), written, "{given}");
            assert_eq!(p.day().to_string(), day, "{given}");
        }
        for bad in ["yesterday", "2025-02-30", "Spring 2025", ""] {
            let e = bad.parse::<Published>().unwrap_err();
            assert!(e.contains("2025-12-27"), "{bad}: {e}");
        }
    }

    #[test]
    fn a_date_is_a_day_the_calendar_has_written_one_way() {
        let d: Date = "2024-02-29".parse().unwrap();
        assert_eq!(d.to_string(), "2024-02-29");
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2024-02-29\"");
        assert_eq!(
            serde_json::from_str::<Date>("\"2026-01-02\"")
                .unwrap()
                .to_string(),
            "2026-01-02"
        );
        for bad in [
            "2025-02-30",
            "2025-13-01",
            "tomorrow",
            "2026-1-02",
            "2026-01-02T10:00",
            "",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<Date>("\"2025-02-30\"").is_err());
        assert_eq!(Date::today().to_string().len(), 10);
    }
}
