//! What `parallax batch LIST` names: a feed at a URL or saved as a file, a
//! glob of source files, or a manifest or folder, told apart once.

/// Where a batch's stories come from, told apart once from what was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum List {
    /// A feed (RSS, Atom) at a URL: each entry a story.
    FeedUrl(String),
    /// A feed saved as a file (`.xml`, `.rss`, `.atom`).
    FeedFile(std::path::PathBuf),
    /// A glob of source files (`stories/*.md`), each a story.
    Glob(String),
    /// A JSONL or CSV manifest, or a folder of sources.
    Path(std::path::PathBuf),
}

impl List {
    /// The list `text` names: a web URL is a feed, a `.xml`/`.rss`/`.atom` file
    /// a saved feed, text with `*`, `?` or `[` a glob, anything else a path.
    pub(crate) fn parse(text: &str) -> List {
        if crate::text::is_web_url(text) {
            List::FeedUrl(text.to_string())
        } else if [".xml", ".rss", ".atom"].iter().any(|e| text.ends_with(e)) {
            List::FeedFile(text.into())
        } else if text.contains(['*', '?', '[']) {
            List::Glob(text.to_string())
        } else {
            List::Path(text.into())
        }
    }
}

impl std::fmt::Display for List {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            List::FeedUrl(s) | List::Glob(s) => f.write_str(s),
            List::FeedFile(p) | List::Path(p) => write!(f, "{}", p.display()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::List;

    #[test]
    fn a_list_is_told_apart_once() {
        assert_eq!(
            List::parse("https://example.org/feed"),
            List::FeedUrl("https://example.org/feed".into())
        );
        assert_eq!(List::parse("saved.rss"), List::FeedFile("saved.rss".into()));
        assert_eq!(List::parse("stories/*.md"), List::Glob("stories/*.md".into()));
        assert_eq!(List::parse("stories.jsonl"), List::Path("stories.jsonl".into()));
        assert_eq!(List::parse("stories/").to_string(), "stories/");
    }
}
