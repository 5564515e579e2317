//! Dates as claims: ISO dates, English month-and-day forms, and the Korean,
//! Japanese and Chinese forms in digits and in numerals.

use super::{Claim, DAY_MONTH, ISO_DATE, MONTH_DAY, MONTH_YEAR, SLASH_DATE, Taker, ea, month};
use crate::pattern::re;
use std::sync::LazyLock;

/// A range of years whose end gives only its last two digits: `1981-87`.
static YEAR_RANGE_END: LazyLock<regex::Regex> = LazyLock::new(|| re(r"\b(1[89]|20)\d{2}\s?[-–]\s?(\d{2})\b"));

/// Dates in English forms, then in the East Asian ones.
pub(super) fn dates(t: &mut Taker) {
    t.take(&ISO_DATE, |c| {
        let part = |i: usize| {
            [i, i + 2, i + 4]
                .iter()
                .find_map(|&k| c.get(k))
                .and_then(|m| m.as_str().parse().ok())
        };
        Some(Claim::Date {
            year: c[1].parse().ok(),
            month: part(2).filter(|m| (1..=12).contains(m)),
            day: part(3).filter(|d| (1..=31).contains(d)),
        })
    });
    t.take(&MONTH_DAY, |c| {
        Some(Claim::Date {
            year: c.get(3).and_then(|y| y.as_str().parse().ok()),
            month: month(&c[1]),
            day: c[2].parse().ok().filter(|d| (1..=31).contains(d)),
        })
    });
    t.take(&DAY_MONTH, |c| {
        Some(Claim::Date {
            year: c.get(3).and_then(|y| y.as_str().parse().ok()),
            month: month(&c[2]),
            day: c[1].parse().ok().filter(|d| (1..=31).contains(d)),
        })
    });
    // An event named by its date: `9/11`, `9.11テロ`, `9·11 테러`.
    for event in [&*SLASH_DATE, &*ea::EVENT_DATE] {
        t.take_from(event, 1, |c| {
            let month = c[1].parse().ok().filter(|m| (1..=12).contains(m))?;
            let day = c[2].parse().ok().filter(|d| (1..=31).contains(d))?;
            Some(Claim::Date {
                year: None,
                month: Some(month),
                day: Some(day),
            })
        });
    }
    // The end of a range of years by its last two digits ("1981-87" ends in 1987).
    t.take_from(&YEAR_RANGE_END, 2, |c| {
        let year = c[1].parse::<i32>().ok()? * 100 + c[2].parse::<i32>().ok()?;
        Some(Claim::Date {
            year: Some(year),
            month: None,
            day: None,
        })
    });
    t.take(&MONTH_YEAR, |c| {
        Some(Claim::Date {
            year: c[2].parse().ok(),
            month: month(&c[1]),
            day: None,
        })
    });
    east_asian(t);
}

/// Dates in Korean, Japanese and Chinese forms, in digits and in numerals.
fn east_asian(t: &mut Taker) {
    t.take(&ea::DATE, |c| {
        // No month 19: digits before 月 that name none are no date.
        let month = c[2].parse().ok().filter(|m| (1..=12).contains(m))?;
        Some(Claim::Date {
            year: c
                .get(1)
                .and_then(|y| y.as_str().parse().ok())
                .map(|y: i32| match y {
                    0..50 => 2000 + y,
                    50..100 => 1900 + y,
                    _ => y,
                }),
            month: Some(month),
            day: c
                .get(3)
                .and_then(|d| d.as_str().parse().ok())
                .filter(|d| (1..=31).contains(d)),
        })
    });
    t.take(&ea::HAN_DATE, |c| {
        let month = ea::value(&c[1])
            .map(|m| m as u32)
            .filter(|m| (1..=12).contains(m))?;
        Some(Claim::Date {
            year: None,
            month: Some(month),
            day: c
                .get(2)
                .and_then(|d| ea::value(d.as_str()))
                .map(|d| d as u32)
                .filter(|d| (1..=31).contains(d)),
        })
    });
    let year = |y: Option<i32>| Claim::Date {
        year: y,
        month: None,
        day: None,
    };
    // A decade by its century (`20世纪30年代`) is its first year, as `1930年代` is.
    t.take(&ea::CENTURY_DECADE, |c| {
        let century = match c.get(1) {
            Some(m) => ea::value(m.as_str())?,
            None => 20.0,
        };
        Some(year(Some(((century - 1.0) * 100.0 + ea::value(&c[3])?) as i32)))
    });
    t.take_from(&ea::SHORT_DECADE, 1, |c| {
        let d: i32 = c[1].parse().ok()?;
        Some(year(Some(if d >= 30 { 1900 + d } else { 2000 + d })))
    });
    t.take(&crate::lang::ja::numbers::ERA, |c| {
        crate::lang::ja::numbers::era_year(&c[1], &c[2]).map(|y| year(Some(y)))
    });
    t.take(&ea::YEAR, |c| Some(year(c[1].parse().ok())));
    t.take(&ea::DAY, |c| {
        if c.get(2).is_some() {
            return None;
        }
        let day = c[1].parse().ok().filter(|d| (1..=31).contains(d))?;
        Some(Claim::Date {
            year: None,
            month: None,
            day: Some(day),
        })
    });
}
