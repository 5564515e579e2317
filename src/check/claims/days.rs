//! Days of the week as claims, in the four languages: `Tuesday`, `火曜日`
//! (`火曜`), `星期二` (`周二`, `礼拜二`), `화요일`, each Monday 1 to Sunday 7, and
//! the weekday a date falls on, which holds it too.

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

/// A day of the week, also as a date gives it in brackets (`10日(金)`,
/// `10일(금)`, "the 26th (Sun)"). Not a count of weeks or days (`每周一次`,
/// `每周四天`), nor a Chinese paper's name (`星期日泰晤士报`). Not a day that
/// names an occasion, a paper or a show ("Black Friday", "Super Tuesday", "The
/// Sunday Times", "Saturday Night Live"): read whole, they claim nothing, and a
/// source holds their weekday all the same (`occasions`), which a translation
/// may write as one (`黑色星期五`, `日曜日のテレグラフ`, `周六夜现场`).
pub(super) static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"{OCCASION}|\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b|([月火水木金土日])曜|(一)?(?:星期|礼拜|禮拜|周|週)([一二三四五六日天])([次个個回天年周週小分泰邮郵电電快])?|([월화수목금토일])요일|[（(]\s?(Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?\s?[)）]"
    ))
});

/// An occasion, a paper or a show named by a day, its groups uncaptured.
const OCCASION: &str = r"\b(?:Black|Cyber|Good|Super|Bloody|Ash|Easter|Palm|Holy|Maundy|Shrove|Giving|Blue)\s(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s(?:Best|Times|Telegraph|Mirror|Express|Post|People|Herald|Night|Morning|School)\b";
/// The English names of the days, Monday first.
const DAYS: &str = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday";

/// The day an English abbreviation names (`Mon`, `Tues`, `Thurs`), Monday 1.
pub(in crate::check) fn abbreviated(name: &str) -> Option<u8> {
    day("Mon Tue Wed Thu Fri Sat Sun", name.get(..3)?)
}

/// The number of `name` among `names` (separated by spaces), from 1.
fn day(names: &str, name: &str) -> Option<u8> {
    names.split(' ').position(|n| n == name).map(|i| i as u8 + 1)
}

/// The day a match of [`WEEKDAY`] names, Monday 1 to Sunday 7.
///
/// In Chinese a numeral after `周` is no day when a count follows it (`周四次`,
/// `周三天`) or `一` stands before it (`一週四日`, four days a week).
pub(super) fn weekday(c: &regex::Captures) -> Option<u8> {
    if let Some(m) = c.get(1) {
        day(DAYS, m.as_str())
    } else if let Some(m) = c.get(7) {
        abbreviated(m.as_str())
    } else if let Some(m) = c.get(2) {
        day("月 火 水 木 金 土 日", m.as_str())
    } else if let Some(m) = c.get(4) {
        if c.get(3).is_some() || c.get(5).is_some() {
            return None;
        }
        day("一 二 三 四 五 六 日", m.as_str()).or((m.as_str() == "天").then_some(7))
    } else {
        day("월 화 수 목 금 토 일", c.get(6)?.as_str())
    }
}

/// A weekday in brackets after a day of the month (`10日（金）`, `10일(금)`): only
/// there, for `(月)` may as well be "a month". The day's `日` is read first, not
/// taken with it: the span starts at the bracket (group 1).
pub(super) static BRACKETED: LazyLock<Regex> =
    LazyLock::new(|| re(r"[日일]\s?([（(])\s?(?:([月火水木金土日])|([월화수목금토일]))\s?[)）]"));

/// The day a match of [`BRACKETED`] names, Monday 1 to Sunday 7.
pub(super) fn bracketed(c: &regex::Captures) -> Option<u8> {
    match (c.get(2), c.get(3)) {
        (Some(m), _) => day("月 火 水 木 金 土 日", m.as_str()),
        (_, Some(m)) => day("월 화 수 목 금 토 일", m.as_str()),
        _ => None,
    }
}

/// The weekday a date falls on, Monday 1 to Sunday 7, if the calendar has it.
pub(super) fn falls_on(year: i32, month: u32, day: u32) -> Option<u8> {
    let part = |v: u32| i8::try_from(v).ok();
    let date = crate::clock::Date::checked(i16::try_from(year).ok()?, part(month)?, part(day)?)?;
    Some(date.weekday().unsigned_abs())
}

/// The weekdays of the occasions `text` names ("Black Friday" holds Friday).
pub(in crate::check) fn occasions(text: &str) -> Vec<u8> {
    static NAMED: LazyLock<Regex> = LazyLock::new(|| re(OCCASION));
    static DAY: LazyLock<Regex> =
        LazyLock::new(|| re(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"));
    NAMED
        .find_iter(text)
        .filter_map(|m| DAY.find(m.as_str()).and_then(|d| day(DAYS, d.as_str())))
        .collect()
}
