//! Front matter: the `---` YAML or `+++` TOML header of persona and source files
//! (as Hugo accepts both). Parsing keeps file line numbers so errors point at the field.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::InputError;
use crate::fsutil::line_of_key;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
}

/// A file split into its header and body.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    /// `None` when the file has no front matter.
    pub header: Option<(Format, &'a str)>,
    /// 1-based line in the file where the header text starts.
    pub header_line: usize,
    pub body: &'a str,
}

/// Split `text` into front matter and body. A file that opens a fence and never
/// closes it is an error, not a body.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, InputError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("").trim_end();
    let (format, fence) = match first {
        "---" => (Format::Yaml, "---"),
        "+++" => (Format::Toml, "+++"),
        _ => {
            return Ok(Split {
                header: None,
                header_line: 1,
                body: text,
            });
        }
    };
    let start = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        if line.trim_end() == fence {
            let header = &text[start..offset];
            let body = &text[offset + line.len()..];
            return Ok(Split {
                header: Some((format, header)),
                header_line: 2,
                body,
            });
        }
        offset += line.len();
    }
    Err(InputError::new(
        path,
        Some(1),
        format!("front matter opened with `{fence}` is never closed"),
    )
    .hint(format!("add a line with only `{fence}` after the last field")))
}

/// Deserialize a front-matter header into `T`, turning parser errors into an
/// [`InputError`] with the file's own line number and the field named.
pub fn parse<T: DeserializeOwned>(path: &Path, split: &Split<'_>) -> Result<T, InputError> {
    let Some((format, header)) = split.header else {
        return Err(InputError::new(path, Some(1), "no front matter found")
            .hint("start the file with a `---` (YAML) or `+++` (TOML) block"));
    };
    let base = split.header_line - 1;
    match format {
        Format::Yaml => serde_saphyr::from_str::<T>(header).map_err(|e| {
            let line = e.location().map(|l| l.line() as usize);
            let message = first_line(&e.to_string());
            let line = line.or_else(|| field_line(header, &message));
            InputError::new(
                path,
                line.map(|l| l + base),
                format!("invalid YAML front matter: {message}"),
            )
        }),
        Format::Toml => toml::from_str::<T>(header).map_err(|e| {
            let line = e.span().map(|s| crate::fsutil::line_at(header, s.start));
            let message = first_line(e.message());
            InputError::new(
                path,
                line.map(|l| l + base),
                format!("invalid TOML front matter: {message}"),
            )
        }),
    }
}

/// The line of the field an error message names in backticks, if any.
fn field_line(header: &str, message: &str) -> Option<usize> {
    let name = message.split('`').nth(1)?;
    line_of_key(header, name)
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct T {
        id: String,
        #[serde(default)]
        n: u32,
    }

    #[test]
    fn splits_yaml_and_toml() {
        let p = Path::new("x.md");
        let s = split(p, "---\nid: a\n---\nbody\n").unwrap();
        assert_eq!(s.header, Some((Format::Yaml, "id: a\n")));
        assert_eq!(s.body, "body\n");
        let s = split(p, "+++\r\nid = \"a\"\r\n+++\r\nbody").unwrap();
        assert_eq!(s.header.unwrap().0, Format::Toml);
        assert_eq!(s.body, "body");
        let t: T = parse(p, &s).unwrap();
        assert_eq!((t.id.as_str(), t.n), ("a", 0));
        assert!(split(p, "no header").unwrap().header.is_none());
    }

    #[test]
    fn unclosed_fence_is_an_error() {
        let e = split(Path::new("x.md"), "---\nid: a\nbody").unwrap_err();
        assert!(e.to_string().contains("never closed"), "{e}");
    }

    #[test]
    fn errors_carry_file_lines() {
        let p = Path::new("x.md");
        let text = "---\nid: a\nn: 1\nbogus: 2\n---\n";
        let e = parse::<T>(p, &split(p, text).unwrap()).unwrap_err();
        assert_eq!(e.line, Some(4), "{e}");
        assert!(e.message.contains("bogus"), "{e}");
        let text = "+++\nid = \"a\"\nbogus = 2\n+++\n";
        let e = parse::<T>(p, &split(p, text).unwrap()).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        let text = "---\nid: a\nn: [unclosed\n---\n";
        let e = parse::<T>(p, &split(p, text).unwrap()).unwrap_err();
        assert!(e.line.is_some(), "{e}");
    }
}
