//! Markdown read as people write it, by `pulldown-cmark`: ATX and setext
//! headings, paragraphs over several lines, list items (`-`, `*`, `+`, `1.`),
//! block quotes and code. Each block keeps its raw inline text (`**Position.**`,
//! `[S1]`, links as written), so what reads it sees the same marks the author
//! typed; quotation markers are taken off each line. Nothing is dropped: a code
//! block or an HTML block is read as a paragraph of its text.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A heading of this level (1 for `#` or `===`).
    Heading(usize),
    Paragraph,
    /// A list item's text.
    Item,
    /// A paragraph inside a block quote.
    Quote,
    /// A thematic break (`---`).
    Rule,
}

/// One block of a Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    pub(crate) kind: Kind,
    /// Its inline text as written, its lines joined by single spaces.
    pub(crate) text: String,
}

/// Where the reader is.
#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    /// The raw span of the leaf being read, if it has any inline content.
    span: Option<(usize, usize)>,
    heading: Option<usize>,
    /// Inside a code or HTML block, whose blank lines separate paragraphs.
    raw: bool,
    quotes: usize,
    items: usize,
}

impl Reader {
    fn inline(&mut self, start: usize, end: usize) {
        self.span = Some(match self.span {
            Some((s, e)) => (s.min(start), e.max(end)),
            None => (start, end),
        });
    }

    /// The leaf read so far becomes a block.
    fn flush(&mut self, body: &str) {
        let Some((start, end)) = self.span.take() else {
            return;
        };
        let kind = match (self.heading, self.items, self.quotes) {
            (Some(level), _, _) => Kind::Heading(level),
            (None, 1.., _) => Kind::Item,
            (None, 0, 1..) => Kind::Quote,
            (None, 0, 0) => Kind::Paragraph,
        };
        let raw = &body[start..end];
        let pieces: Vec<&str> = if self.raw {
            raw.split("\n\n").collect()
        } else {
            vec![raw]
        };
        for piece in pieces {
            let text = lines(piece);
            if !text.is_empty() {
                self.blocks.push(Block { kind, text });
            }
        }
    }
}

/// The blocks of `body`, in order.
pub(crate) fn blocks(body: &str) -> Vec<Block> {
    let mut r = Reader::default();
    for (event, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                r.flush(body);
                r.heading = Some(level as usize);
            }
            Event::End(TagEnd::Heading(_)) => {
                r.flush(body);
                r.heading = None;
            }
            Event::Start(Tag::BlockQuote(_)) => {
                r.flush(body);
                r.quotes += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                r.flush(body);
                r.quotes = r.quotes.saturating_sub(1);
            }
            Event::Start(Tag::Item) => {
                r.flush(body);
                r.items += 1;
            }
            Event::End(TagEnd::Item) => {
                r.flush(body);
                r.items = r.items.saturating_sub(1);
            }
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => {
                r.flush(body);
                r.raw = true;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                r.flush(body);
                r.raw = false;
            }
            Event::Start(Tag::Paragraph | Tag::List(_)) | Event::End(TagEnd::Paragraph | TagEnd::List(_)) => {
                r.flush(body)
            }
            Event::Rule => {
                r.flush(body);
                r.blocks.push(Block {
                    kind: Kind::Rule,
                    text: "---".into(),
                });
            }
            // Inline content (text, code, marks, links, breaks) and the raw
            // lines of a code or HTML block.
            _ => r.inline(range.start, range.end),
        }
    }
    r.flush(body);
    r.blocks
}

/// Raw block text as one line: each line trimmed, quotation markers (`>`)
/// taken off, joined by single spaces.
fn lines(raw: &str) -> String {
    raw.lines()
        .map(|l| {
            let mut t = l.trim();
            while let Some(rest) = t.strip_prefix('>') {
                t = rest.trim_start();
            }
            t
        })
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
