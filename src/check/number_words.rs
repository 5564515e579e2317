//! Numbers written out in English words ("fifteen thousand", "twenty-one"),
//! read by value for the grounding checks.

/// The value of written-out numbers: "fifteen thousand" → 15000.
pub(super) fn value(s: &str) -> Option<f64> {
    let units = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    let tens = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let (mut total, mut current) = (0.0, 0.0);
    for w in s
        .to_ascii_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && *w != "and")
    {
        if let Some(n) = units.iter().position(|u| *u == w) {
            current += n as f64;
        } else if let Some(n) = tens.iter().position(|t| *t == w).filter(|n| *n >= 2) {
            current += (n * 10) as f64;
        } else if w == "hundred" {
            current = current.max(1.0) * 100.0;
        } else {
            let s = match w {
                "thousand" => 1e3,
                "million" => 1e6,
                "billion" => 1e9,
                "trillion" => 1e12,
                _ => return None,
            };
            total += current.max(1.0) * s;
            current = 0.0;
        }
    }
    Some(total + current)
}
