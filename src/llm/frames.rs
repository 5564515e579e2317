//! A streamed answer's frames, read in one pass: server-sent events' `data:`
//! payloads, or JSON lines. Each chunk is appended once and each line handed
//! out from a cursor; the consumed front is dropped only when it is most of the
//! buffer, and a line that spans chunks is never scanned twice. A fast server
//! whose events all arrive in one read so costs time in proportion to its
//! bytes, not their square.

use futures::StreamExt;

/// A stream's answer pieces, whatever their framing.
pub(crate) type Pieces = std::pin::Pin<Box<dyn futures::Stream<Item = Result<String, String>> + Send>>;

/// The longest line a stream may send: one chunk of an answer is far shorter.
pub(super) const LONGEST_LINE: usize = 4 << 20;

/// Lines of a byte stream, ended by `\n`, `\r\n` or `\r`.
#[derive(Default)]
struct Lines {
    buf: Vec<u8>,
    /// Where the next line starts.
    start: usize,
    /// How far past `start` no line end was found.
    scanned: usize,
}

impl Lines {
    fn push(&mut self, chunk: &[u8]) {
        if self.start > 0 && self.start * 2 >= self.buf.len() {
            self.buf.drain(..self.start);
            self.scanned -= self.start;
            self.start = 0;
        }
        self.buf.extend_from_slice(chunk);
    }

    /// The next whole line, without its end; with `ended`, a last line needs none.
    fn next(&mut self, ended: bool) -> Option<String> {
        let rest = &self.buf[self.scanned..];
        let Some(i) = rest.iter().position(|b| *b == b'\n' || *b == b'\r') else {
            self.scanned = self.buf.len();
            if ended && self.start < self.buf.len() {
                let line = String::from_utf8_lossy(&self.buf[self.start..]).into_owned();
                self.start = self.buf.len();
                return Some(line);
            }
            return None;
        };
        let end = self.scanned + i;
        let mut next = end + 1;
        if self.buf[end] == b'\r' {
            match self.buf.get(end + 1) {
                Some(b'\n') => next += 1,
                Some(_) => {}
                // A `\r` that may yet be followed by `\n` in the next chunk.
                None if !ended => return None,
                None => {}
            }
        }
        let line = String::from_utf8_lossy(&self.buf[self.start..end]).into_owned();
        self.start = next;
        self.scanned = next;
        Some(line)
    }

    fn pending(&self) -> usize {
        self.buf.len() - self.start
    }
}

/// What a stream of bytes is read as.
#[derive(Clone, Copy)]
enum As {
    /// Server-sent events: each event's `data:` lines, joined.
    Events,
    /// One payload per non-blank line.
    JsonLines,
}

struct Reader<S> {
    bytes: S,
    lines: Lines,
    ended: bool,
    /// The data of the event being read.
    data: Option<String>,
    read: As,
    first: bool,
}

impl<S> Reader<S> {
    /// The next payload among the lines already read.
    fn take(&mut self) -> Option<String> {
        while let Some(mut line) = self.lines.next(self.ended) {
            if std::mem::take(&mut self.first) && line.starts_with('\u{feff}') {
                line.drain(..'\u{feff}'.len_utf8());
            }
            match self.read {
                As::JsonLines => {
                    let line = line.trim();
                    if !line.is_empty() {
                        return Some(line.to_string());
                    }
                }
                As::Events if line.is_empty() => {
                    if let Some(d) = self.data.take() {
                        return Some(d);
                    }
                }
                As::Events => {
                    // A field, and its value after the first colon.
                    let (field, value) = match line.find(':') {
                        Some(i) => (&line[..i], &line[i + 1..]),
                        None => (line.as_str(), ""),
                    };
                    let value = value.strip_prefix(' ').unwrap_or(value);
                    if field == "data" {
                        match &mut self.data {
                            Some(d) => {
                                d.push('\n');
                                d.push_str(value);
                            }
                            None => self.data = Some(value.to_string()),
                        }
                    }
                }
            }
        }
        None
    }
}

fn read<B, S>(bytes: S, read: As) -> Pieces
where
    B: AsRef<[u8]> + Send + 'static,
    S: futures::Stream<Item = reqwest::Result<B>> + Send + Unpin + 'static,
{
    let reader = Reader {
        bytes,
        lines: Lines::default(),
        ended: false,
        data: None,
        read,
        first: true,
    };
    Box::pin(futures::stream::unfold(reader, |mut r| async move {
        loop {
            if let Some(piece) = r.take() {
                return Some((Ok(piece), r));
            }
            // An event the stream cut off before its blank line is not dispatched.
            if r.ended {
                return None;
            }
            if r.lines.pending() > LONGEST_LINE {
                r.ended = true;
                r.lines = Lines::default();
                return Some((Err(format!("a line longer than {LONGEST_LINE} bytes")), r));
            }
            match r.bytes.next().await {
                Some(Ok(chunk)) => r.lines.push(chunk.as_ref()),
                Some(Err(e)) => {
                    r.ended = true;
                    r.lines = Lines::default();
                    return Some((Err(e.to_string()), r));
                }
                None => r.ended = true,
            }
        }
    }))
}

/// The `data:` payloads of a server-sent event stream.
pub(super) fn events<B, S>(bytes: S) -> Pieces
where
    B: AsRef<[u8]> + Send + 'static,
    S: futures::Stream<Item = reqwest::Result<B>> + Send + Unpin + 'static,
{
    read(bytes, As::Events)
}

/// The non-blank lines of a byte stream (JSON lines); a last line without its
/// newline counts.
pub(super) fn json_lines<B, S>(bytes: S) -> Pieces
where
    B: AsRef<[u8]> + Send + 'static,
    S: futures::Stream<Item = reqwest::Result<B>> + Send + Unpin + 'static,
{
    read(bytes, As::JsonLines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(chunks: &[&str], read: As) -> Vec<String> {
        let owned: Vec<reqwest::Result<Vec<u8>>> = chunks.iter().map(|c| Ok(c.as_bytes().to_vec())).collect();
        let pieces = super::read(futures::stream::iter(owned), read);
        futures::executor::block_on(
            pieces
                .map(|p| p.unwrap_or_else(|e| format!("error: {e}")))
                .collect(),
        )
    }

    #[test]
    fn events_are_read_whatever_the_chunks() {
        let whole = "\u{feff}: comment\nevent: x\ndata: {\"a\":1}\n\ndata: one\ndata:two\r\n\r\ndata: cut";
        let expected = ["{\"a\":1}", "one\ntwo"];
        assert_eq!(collect(&[whole], As::Events), expected);
        // Split at every byte: `\r\n` across chunks included.
        let bytes: Vec<String> = whole.chars().map(String::from).collect();
        let split: Vec<&str> = bytes.iter().map(String::as_str).collect();
        assert_eq!(collect(&split, As::Events), expected);
    }

    #[test]
    fn json_lines_skip_blanks_and_keep_a_last_line_without_its_end() {
        assert_eq!(
            collect(&["{\"a\"", ":1}\n\n  \n{\"b\":2}"], As::JsonLines),
            ["{\"a\":1}", "{\"b\":2}"]
        );
    }

    #[test]
    fn many_events_in_one_read_are_read_in_one_pass() {
        let whole: String = (0..20_000).map(|i| format!("data: {i}\n\n")).collect();
        let got = collect(&[&whole], As::Events);
        assert_eq!(got.len(), 20_000);
        assert_eq!(got[19_999], "19999");
    }
}
