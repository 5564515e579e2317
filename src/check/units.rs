//! Measures converted from one unit to another. An edition for readers of
//! another country often converts what the source measures ("385 miles" →
//! "620 km", "550 pounds" → "250 kg", "85 mph" → 時速137キロ, "70°F" → 21℃):
//! the number changes, the fact does not. A number followed by a unit is
//! supported when a measure of the sources, converted, rounds to it.

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

use crate::lang::NUM;

/// What a unit measures. Speeds are read as their distance per hour, so
/// "85 mph" meets "137 km/h" and 時速137キロ.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Dimension {
    Length,
    Mass,
    Area,
    Celsius,
    Fahrenheit,
}

use Dimension::{Area, Celsius, Fahrenheit, Length, Mass};

/// Spellings of units in the four languages, with what they measure and their
/// size in metres, kilograms or square metres. `キロ` and `킬로` are kilometres
/// or kilograms, as the sentence goes: both readings are kept.
const UNITS: &[(&str, Dimension, f64)] = &[
    ("square miles", Area, 2_589_988.0),
    ("square kilometres", Area, 1e6),
    ("square kilometers", Area, 1e6),
    ("km²", Area, 1e6),
    ("平方マイル", Area, 2_589_988.0),
    ("平方キロ", Area, 1e6),
    ("제곱마일", Area, 2_589_988.0),
    ("제곱킬로미터", Area, 1e6),
    ("平方英里", Area, 2_589_988.0),
    ("平方公里", Area, 1e6),
    ("square feet", Area, 0.092_903),
    ("square foot", Area, 0.092_903),
    ("square-foot", Area, 0.092_903),
    ("sq ft", Area, 0.092_903),
    ("平方フィート", Area, 0.092_903),
    ("제곱피트", Area, 0.092_903),
    ("평방피트", Area, 0.092_903),
    ("平方英尺", Area, 0.092_903),
    ("square metres", Area, 1.0),
    ("square meters", Area, 1.0),
    ("m²", Area, 1.0),
    ("㎡", Area, 1.0),
    ("平方メートル", Area, 1.0),
    ("제곱미터", Area, 1.0),
    ("평방미터", Area, 1.0),
    ("平方米", Area, 1.0),
    ("acres", Area, 4046.86),
    ("acre", Area, 4046.86),
    ("hectares", Area, 1e4),
    ("ヘクタール", Area, 1e4),
    ("헥타르", Area, 1e4),
    ("公顷", Area, 1e4),
    ("miles per hour", Length, 1609.344),
    ("mph", Length, 1609.344),
    ("miles", Length, 1609.344),
    ("mile", Length, 1609.344),
    ("マイル", Length, 1609.344),
    ("마일", Length, 1609.344),
    ("英里", Length, 1609.344),
    ("kilometres", Length, 1e3),
    ("kilometers", Length, 1e3),
    ("kilometre", Length, 1e3),
    ("kilometer", Length, 1e3),
    ("km/h", Length, 1e3),
    ("kmph", Length, 1e3),
    ("kph", Length, 1e3),
    ("km", Length, 1e3),
    ("㎞", Length, 1e3),
    ("キロメートル", Length, 1e3),
    ("キロ", Length, 1e3),
    ("킬로미터", Length, 1e3),
    ("킬로", Length, 1e3),
    ("公里", Length, 1e3),
    ("千米", Length, 1e3),
    ("metres", Length, 1.0),
    ("meters", Length, 1.0),
    ("メートル", Length, 1.0),
    ("미터", Length, 1.0),
    ("feet", Length, 0.3048),
    ("foot", Length, 0.3048),
    ("ft", Length, 0.3048),
    ("フィート", Length, 0.3048),
    ("피트", Length, 0.3048),
    ("英尺", Length, 0.3048),
    ("inches", Length, 0.0254),
    ("inch", Length, 0.0254),
    ("インチ", Length, 0.0254),
    ("인치", Length, 0.0254),
    ("英寸", Length, 0.0254),
    ("英吋", Length, 0.0254),
    ("millimetres", Length, 0.001),
    ("millimeters", Length, 0.001),
    ("mm", Length, 0.001),
    ("㎜", Length, 0.001),
    ("ミリメートル", Length, 0.001),
    ("ミリ", Length, 0.001),
    ("밀리미터", Length, 0.001),
    ("毫米", Length, 0.001),
    ("centimetres", Length, 0.01),
    ("centimeters", Length, 0.01),
    ("cm", Length, 0.01),
    ("㎝", Length, 0.01),
    ("센티미터", Length, 0.01),
    ("センチ", Length, 0.01),
    ("센티", Length, 0.01),
    ("厘米", Length, 0.01),
    ("pounds", Mass, 0.453_592),
    ("pound", Mass, 0.453_592),
    ("lbs", Mass, 0.453_592),
    ("lb", Mass, 0.453_592),
    ("磅", Mass, 0.453_592),
    ("kilograms", Mass, 1.0),
    ("kilogram", Mass, 1.0),
    ("kilos", Mass, 1.0),
    ("kg", Mass, 1.0),
    ("㎏", Mass, 1.0),
    ("キログラム", Mass, 1.0),
    ("キロ", Mass, 1.0),
    ("킬로그램", Mass, 1.0),
    ("킬로", Mass, 1.0),
    ("公斤", Mass, 1.0),
    ("千克", Mass, 1.0),
    ("tonnes", Mass, 1e3),
    ("tonne", Mass, 1e3),
    ("tons", Mass, 1e3),
    ("トン", Mass, 1e3),
    ("톤", Mass, 1e3),
    ("吨", Mass, 1e3),
    ("degrees fahrenheit", Fahrenheit, 1.0),
    ("°f", Fahrenheit, 1.0),
    ("℉", Fahrenheit, 1.0),
    ("degrees celsius", Celsius, 1.0),
    ("°c", Celsius, 1.0),
    ("℃", Celsius, 1.0),
    ("도", Celsius, 1.0),
];

/// A number and the unit right after it.
static MEASURE: LazyLock<Regex> = LazyLock::new(|| {
    let spellings: Vec<String> = UNITS.iter().map(|(s, ..)| regex::escape(s)).collect();
    re(&format!(r"(?i)({NUM})[\s-]?({})", spellings.join("|")))
});

/// Every reading of the measures in `text`: what each measures, its size in
/// the dimension's base unit (Celsius for temperatures) and the unit's size.
fn measures(text: &str) -> Vec<(Dimension, f64, f64)> {
    let mut out = Vec::new();
    for c in MEASURE.captures_iter(text) {
        let Ok(n) = c[1].replace([',', ' ', '\u{a0}', '\u{202f}'], "").parse::<f64>() else {
            continue;
        };
        out.extend(readings(&c[2]).map(|(dim, size)| {
            let (dim, value) = base(dim, n * size);
            (dim, value, unit_size(dim, size, &c[2]))
        }));
    }
    out
}

/// A unit's size, told apart for temperatures (both scales are read in Celsius).
fn unit_size(dim: Dimension, size: f64, unit: &str) -> f64 {
    let fahrenheit = readings(unit).any(|(d, _)| d == Fahrenheit);
    if dim == Celsius && fahrenheit { -size } else { size }
}

fn readings(unit: &str) -> impl Iterator<Item = (Dimension, f64)> + '_ {
    UNITS
        .iter()
        .filter(move |(s, ..)| s.eq_ignore_ascii_case(unit))
        .map(|&(_, dim, size)| (dim, size))
}

/// Temperatures compare in Celsius; the rest as they are.
fn base(dim: Dimension, value: f64) -> (Dimension, f64) {
    match dim {
        Fahrenheit => (Celsius, (value - 32.0) * 5.0 / 9.0),
        _ => (dim, value),
    }
}

/// Whether the number `claim` (read as `value`) in `text`, with the unit right
/// after it, is a conversion of a measure in `sources` in another unit: their
/// measure in this unit rounds to it, to the precision the number is written
/// in (half its last non-zero place). A measure in the same unit is no
/// conversion: its number must be the same.
pub(super) fn converted(text: &str, claim: &str, value: f64, sources: &[&str]) -> bool {
    let Some(at) = text.find(claim) else {
        return false;
    };
    // The unit may be read with the number (`137キロ`) or follow it.
    let digits = claim.trim().trim_end_matches(|c: char| !c.is_ascii_digit());
    let after = format!("{}{}", &claim.trim()[digits.len()..], &text[at + claim.len()..]);
    let after = after.trim_start_matches([' ', '-']);
    let Some(unit) = UNITS
        .iter()
        .map(|(s, ..)| *s)
        .find(|s| after.get(..s.len()).is_some_and(|a| a.eq_ignore_ascii_case(s)))
    else {
        return false;
    };
    let place = match digits.split_once('.') {
        Some((_, decimals)) => 10f64.powi(-(decimals.len() as i32)),
        None => 10f64.powi(digits.len() as i32 - digits.trim_end_matches('0').len() as i32),
    };
    let theirs: Vec<(Dimension, f64, f64)> = sources.iter().flat_map(|s| measures(s)).collect();
    readings(unit).any(|(dim, size)| {
        let (dim, ours) = base(dim, value * size);
        let own = unit_size(dim, size, unit);
        let tolerance = place / 2.0 * size;
        theirs
            .iter()
            .any(|&(d, v, s)| d == dim && s != own && (v - ours).abs() <= tolerance)
    })
}

#[cfg(test)]
mod tests {
    use super::converted;

    #[test]
    fn a_converted_measure_rests_on_the_source() {
        let source = ["Rosa had winds of 85 mph and was 385 miles away; the 550 pound hog; it was 70°F."];
        for (text, claim) in [
            ("winds of 137 km/h", "137"),
            ("620 km away", "620"),
            ("時速137キロの風", "137"),
            ("約600キロ離れた", "600"),
            ("the 250 kg hog", "250"),
            ("it was 21℃", "21"),
            ("137キロの風", "137キロ"),
            ("시속 137㎞의 강풍", "137"),
        ] {
            assert!(
                converted(
                    text,
                    claim,
                    claim
                        .trim_end_matches(|c: char| !c.is_ascii_digit())
                        .parse()
                        .unwrap(),
                    &source
                ),
                "{text}"
            );
        }
        for (text, claim) in [
            ("winds of 147 km/h", "147"),
            ("650 km away", "650"),
            ("the 260 kg hog", "260"),
        ] {
            assert!(!converted(text, claim, claim.parse().unwrap(), &source), "{text}");
        }
        // An area, its unit joined to the number by a hyphen.
        let reflector = ["a 10,500-square-foot reflector over the glacier"];
        assert!(converted("975 m²의 반사경", "975", 975.0, &reflector));
        assert!(converted("975平方米的反光板", "975", 975.0, &reflector));
        assert!(!converted("985 m²의 반사경", "985", 985.0, &reflector));
        // A measure in the source's own unit must be its number.
        assert!(!converted("386 miles away", "386", 386.0, &source));
        // A number with no unit after it converts nothing.
        assert!(!converted("137 people", "137", 137.0, &source));
    }
}
