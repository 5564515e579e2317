//! Where a translated quotation sits in a paragraph, so a renderer can mark it:
//! Markdown's "(translated)" where the persona asks, the page's original on
//! hover and in print.

use std::ops::Range;

use crate::article::Quotation;

const OPENERS: &[char] = &['"', '“', '‘', '\'', '「', '『', '«'];
const CLOSERS: &[char] = &['"', '”', '’', '\'', '」', '』', '»'];

/// Byte ranges of `text` that hold a translated quotation, its quotation marks
/// included: in order, none overlapping.
pub(crate) fn translated<'q>(text: &str, quotations: &'q [Quotation]) -> Vec<(Range<usize>, &'q Quotation)> {
    let mut out: Vec<(Range<usize>, &Quotation)> = Vec::new();
    for q in quotations.iter().filter(|q| q.translated && !q.text.is_empty()) {
        let mut from = 0;
        while let Some(i) = text[from..].find(&q.text) {
            let mut start = from + i;
            let mut end = start + q.text.len();
            if let Some(c) = text[end..].chars().next().filter(|c| CLOSERS.contains(c)) {
                end += c.len_utf8();
            }
            if let Some((j, _)) = text[..start]
                .char_indices()
                .next_back()
                .filter(|(_, c)| OPENERS.contains(c))
            {
                start = j;
            }
            if !out.iter().any(|(r, _)| r.start < end && start < r.end) {
                out.push((start..end, q));
            }
            from = end;
        }
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// `text` with `label` in parentheses after each translated quotation.
pub(crate) fn labelled(text: &str, quotations: &[Quotation], label: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (r, _) in translated(text, quotations) {
        out.push_str(&text[at..r.end]);
        out.push_str(&format!(" ({label})"));
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Original;

    fn quote(text: &str, translated: bool) -> Quotation {
        Quotation {
            text: text.into(),
            location: "lede".into(),
            translated,
            original: translated.then(|| Original {
                passage: "S1".into(),
                text: "断じて容認できない".into(),
            }),
        }
    }

    #[test]
    fn marks_only_translated_quotations_after_their_closing_mark() {
        let qs = [quote("utterly unacceptable", true), quote("we stand firm", false)];
        let text = "Tokyo called it “utterly unacceptable” and said “we stand firm”.";
        assert_eq!(
            labelled(text, &qs, "translated"),
            "Tokyo called it “utterly unacceptable” (translated) and said “we stand firm”."
        );
        let spans = translated(text, &qs);
        assert_eq!(spans.len(), 1);
        assert_eq!(&text[spans[0].0.clone()], "“utterly unacceptable”");
    }

    #[test]
    fn a_quotation_not_in_the_text_marks_nothing() {
        let qs = [quote("never said", true)];
        assert_eq!(labelled("Nothing here.", &qs, "translated"), "Nothing here.");
    }
}
