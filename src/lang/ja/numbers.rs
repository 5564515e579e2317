//! Years and decimals as Japanese writes them: era years (`令和8年`,
//! `1895（明治28）年`) and a decimal point written as a middle dot (`182・44ドル`).

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

/// A Japanese era year: `令和8年` is 2026, `平成18年` 2006, `明治28年` 1895;
/// the year may follow in brackets (`1895（明治28）年`).
pub(crate) static ERA: LazyLock<Regex> =
    LazyLock::new(|| re(r"(令和|平成|昭和|大正|明治)\s*(\d{1,2}|元)\s*[年)）]"));
/// Era years before `年` written as the western year (`平成18年2月` →
/// `2006年2月`), so that a date reads whole.
pub(crate) fn western_years(s: &str) -> std::borrow::Cow<'_, str> {
    static ERA_YEAR: LazyLock<Regex> =
        LazyLock::new(|| re(r"(令和|平成|昭和|大正|明治)\s*(\d{1,2}|元)\s*年"));
    if !s.contains('年') || !ERA_YEAR.is_match(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    ERA_YEAR.replace_all(s, |c: &regex::Captures| match era_year(&c[1], &c[2]) {
        Some(y) => format!("{y}年"),
        None => c[0].to_string(),
    })
}

/// The year of a Japanese era year (`元` is an era's first year).
pub(crate) fn era_year(era: &str, n: &str) -> Option<i32> {
    let n: i32 = if n == "元" { 1 } else { n.parse().ok()? };
    let before_first = match era {
        "令和" => 2018,
        "平成" => 1988,
        "昭和" => 1925,
        "大正" => 1911,
        _ => 1867,
    };
    Some(before_first + n)
}

/// A decimal point written as a middle dot, as Japanese papers write it
/// (`182・44ドル`, `99・999パーセント`, `1・5メートル`), made a point: when more
/// than one digit follows it, or a unit does. Not a list (`1・2月`, `7・8日`),
/// nor a phone number (`090・8859・1234`).
pub(crate) fn middle_dot_points(s: &str) -> std::borrow::Cow<'_, str> {
    static DOTTED: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"\d+(?:・\d+)+(?:ドル|円|元|％|%|パーセント|ポイント|メートル|キロ|センチ|ミリ|グラム|トン|リットル|合|倍|度|秒|兆|億|万|m|k)?",
        )
    });
    if !s.contains('・') {
        return std::borrow::Cow::Borrowed(s);
    }
    DOTTED.replace_all(s, |c: &regex::Captures| {
        let all = &c[0];
        let digits = all.trim_end_matches(|ch: char| !ch.is_ascii_digit());
        let unit = digits.len() < all.len();
        // One dot only: a phone number (`090・8859・1234`) has more.
        let point = match digits.split_once('・') {
            Some((_, part)) => !part.contains('・') && (part.len() >= 2 || unit),
            None => false,
        };
        if point {
            all.replacen('・', ".", 1)
        } else {
            all.to_string()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn era_years() {
        assert_eq!(era_year("令和", "8"), Some(2026));
        assert_eq!(era_year("平成", "18"), Some(2006));
        assert_eq!(era_year("明治", "28"), Some(1895));
        assert_eq!(era_year("令和", "元"), Some(2019));
        assert_eq!(western_years("平成18年2月に開店"), "2006年2月に開店");
    }

    #[test]
    fn a_middle_dot_between_digits_is_a_point_when_a_unit_or_two_digits_follow() {
        assert_eq!(middle_dot_points("182・44ドル安"), "182.44ドル安");
        assert_eq!(middle_dot_points("約1・5メートル"), "約1.5メートル");
        assert_eq!(middle_dot_points("1・2月"), "1・2月");
        assert_eq!(middle_dot_points("090・8859・1234"), "090・8859・1234");
    }
}
