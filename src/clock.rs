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

    /// Today (UTC).
    pub(crate) fn today() -> Date {
        Date::of(jiff::Timestamp::now())
    }

    /// The date (UTC) of a moment.
    pub(crate) fn of(t: jiff::Timestamp) -> Date {
        Date(t.to_zoned(jiff::tz::TimeZone::UTC).date())
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

crate::ids::text_serde!(Date);
crate::ids::text_serde!(Instant);

#[cfg(test)]
mod tests {
    use super::Date;

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
