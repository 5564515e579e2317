//! Statements: who says what in a passage. Each sentence is read by its own
//! language's reader (`lang`), and silence ("has not commented") is no
//! statement. A floating quotation after an attributed one carries on that
//! statement. The speaker span is kept as written; which side that speaker
//! belongs to is `sides`' job, from the speaker span only, never from who else
//! the sentence mentions.

use crate::lang::quotes::{QUOTES, first_group};
use crate::lang::sentences::sentences;
use crate::lang::{self, Statement};

/// Every statement in `text`, in order.
pub(crate) fn extract(text: &str) -> Vec<Statement> {
    // Two apostrophes as a quotation mark (''…''), read as one: the same length,
    // so spans stay true.
    let text = &text.replace("''", "\" ");
    let mut out: Vec<Statement> = Vec::new();
    for sentence in sentences(text) {
        let start = offset(text, sentence);
        let span = (start, start + sentence.len());
        let language = lang::of(sentence);
        // Silence is not a position: "has not commented", コメントを控えた,
        // 未予置评, 언급하지 않았다 say that nothing was said.
        if (language.silent)(sentence) {
            continue;
        }
        let found = (language.statements)(sentence);
        if !found.is_empty() {
            for mut s in found {
                s.span = span;
                out.push(s);
            }
        } else if let (Some(prev), Some(q)) = (out.last_mut(), whole_quote(sentence)) {
            // A quotation standing alone right after an attributed one carries on
            // the same statement (a floating quote): one statement, its pieces
            // joined as a quotation with a gap.
            prev.content = format!("{} {q}", prev.content);
            prev.quote = Some(match prev.quote.take() {
                Some(before) => format!("{before} … {q}"),
                None => q,
            });
            prev.span.1 = span.1;
        }
    }
    // A statement that says nothing ("The Post reported.") is no statement;
    // one that introduced a quotation got its words above ("He said:").
    out.retain(|s| s.content.chars().any(char::is_alphanumeric));
    out
}

fn offset(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .saturating_sub(text.as_ptr() as usize)
        .min(text.len())
}

/// The quotation of a sentence that is nothing but a quotation.
fn whole_quote(sentence: &str) -> Option<String> {
    let t = sentence.trim();
    if let Some(q) = QUOTES.captures(t)
        && let Some(m) = q.get(0)
    {
        return (m.start() == 0 && t.len() - m.end() <= 2).then(|| first_group(&q));
    }
    // A quotation left open at the end of a paragraph: it runs on into the next.
    let open = t.strip_prefix(['"', '“'])?;
    (!open.contains(['"', '“', '”']) && open.split_whitespace().count() >= 3).then(|| open.trim().to_string())
}

#[cfg(test)]
mod tests;
