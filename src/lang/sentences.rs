//! Sentences: where one ends in English, Korean, Japanese and Chinese text,
//! with quotation marks kept with the sentence they close and a quotation that
//! runs over several sentences kept whole.

/// Sentences of `text`, split after `.`, `!`, `?` (and `다.` in Korean) that end
/// a sentence; quotation marks after the stop stay with their sentence.
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut quotes = Quotes::default();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        quotes.see(at, c);
        let wide = matches!(c, '。' | '！' | '？');
        // 「…。」林氏は / “…。”他说: a stop that closes a quotation ends the
        // sentence too, unless the quotation runs on (」と述べた, ”，).
        let closes_quote = wide
            && quotes.depth == 1
            && chars
                .get(i + 1)
                .is_some_and(|(_, n)| matches!(n, '」' | '』' | '”'))
            && !chars
                .get(i + 2)
                .is_some_and(|(_, n)| matches!(n, 'と' | '，' | '、' | ',' | 'っ' | '」' | '』' | '”'));
        if !(matches!(c, '.' | '!' | '?') || (wide && (quotes.depth == 0 || closes_quote))) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')' | '」' | '』' | '）')
        {
            if matches!(chars[j].1, '”' | '」' | '』' | '"') {
                quotes.close();
            }
            j += 1;
        }
        let next = chars.get(j).map_or(text.len(), |(b, _)| *b);
        // A stop inside a quotation that runs on ("One. Two," she said) is not
        // the end of the sentence, nor is one before the quotation's speaker.
        let inside = quotes.depth > 0 && !wide;
        let quoted_stop = j > i + 1 && !wide && c != '.';
        let runs_on = quoted_stop && attribution_follows(&text[next..]);
        let at_break = !inside && !runs_on && (j == chars.len() || chars[j].1.is_whitespace() || wide);
        if at_break && !(c == '.' && is_abbreviation(&text[start..at])) {
            let s = text[start..next].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = next;
        }
        i = j;
    }
    let s = text[start..].trim();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// Open 「『“ quotations (and a straight `"`): a full-width
/// stop inside one does not end the sentence (「…。」と述べた). An opening left
/// unclosed for long is taken as a stray mark.
#[derive(Default)]
struct Quotes {
    depth: usize,
    open: Option<usize>,
}

impl Quotes {
    fn see(&mut self, at: usize, c: char) {
        match c {
            '「' | '『' | '“' => {
                self.depth += 1;
                self.open.get_or_insert(at);
            }
            // A straight mark opens when none is open, and otherwise closes
            // whatever is (scraped text mixes “ with ").
            '"' if self.depth == 0 => (self.depth, self.open) = (1, Some(at)),
            '"' => self.close(),
            '」' | '』' | '”' => self.close(),
            _ => {}
        }
        if self.open.is_some_and(|o| at - o > 1200) {
            *self = Self::default();
        }
    }

    fn close(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        if self.depth == 0 {
            self.open = None;
        }
    }
}

/// Whether what follows a quotation ending in `?` or `!` is its attribution
/// (`"…?" she asked.`, `"…!" Clinton responded.`): the sentence runs on.
fn attribution_follows(rest: &str) -> bool {
    const VERBS: &[&str] = &[
        "said",
        "says",
        "asked",
        "asks",
        "responded",
        "replied",
        "told",
        "added",
        "continued",
        "wrote",
        "shouted",
        "exclaimed",
        "tweeted",
        "reacted",
        "insisted",
        "declared",
        "wondered",
        "demanded",
        "yelled",
        "cried",
    ];
    let rest = rest.trim_start();
    if rest.starts_with(char::is_lowercase) {
        return true;
    }
    let clause = rest.split(['.', '!', '?']).next().unwrap_or("");
    let words: Vec<&str> = clause.split_whitespace().collect();
    words.len() <= 6 && words.iter().any(|w| VERBS.contains(&w.trim_matches(',')))
}

/// Whether the text before a full stop ends in an abbreviation or initial
/// (`U.S.`, `Mr.`, `Jan.`, `J.`), which does not end a sentence.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    const SHORT: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "St", "No", "vs", "Jan",
        "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Corp", "Inc", "Ltd", "Co",
    ];
    SHORT.contains(&word)
        || word.split('.').all(|p| p.chars().count() <= 1)
        || (word.contains('.') && word.chars().filter(|c| *c == '.').count() >= 1 && word.len() <= 4)
}

#[cfg(test)]
mod tests {
    use super::sentences;

    #[test]
    fn sentences_keep_abbreviations_and_closing_quotes() {
        let s = sentences("The U.S. said \"no.\" Japan agreed. Mr. Kim left! 한국은 우려했다. 끝");
        assert_eq!(
            s,
            [
                "The U.S. said \"no.\"",
                "Japan agreed.",
                "Mr. Kim left!",
                "한국은 우려했다.",
                "끝"
            ]
        );
    }
}
