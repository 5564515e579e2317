//! The clock and the calendar: now as an RFC 3339 timestamp (journals, caches,
//! provenance, fetched pages), today's date, and a `--date` checked against the
//! calendar. One place, so every record states time the same way.

/// Now, to the second: `2026-12-02T08:25:47Z`.
pub(crate) fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

/// Today's date, `YYYY-MM-DD` (UTC).
pub(crate) fn today() -> String {
    now()[..10].to_string()
}

/// Whether `d` is a calendar date written `YYYY-MM-DD`.
pub(crate) fn is_date(d: &str) -> bool {
    let part = |r: std::ops::Range<usize>| d.get(r).and_then(|p| p.parse::<u32>().ok());
    let shaped = d.len() == 10
        && d.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let (year, month, day) = (part(0..4), part(5..7), part(8..10));
    match (shaped, year, month, day) {
        (true, Some(y), Some(m), Some(day)) => (1..=12).contains(&m) && day >= 1 && day <= days_in(y, m),
        _ => false,
    }
}

fn days_in(year: u32, month: u32) -> u32 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}
