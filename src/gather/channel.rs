//! A channel file: one government office's official feed, as a TOML file, like
//! a persona. The project's `channels/` folder comes first, then the built-in
//! channels for PRISM's four sides.

use crate::ids::Lang;
use crate::ids::SideId;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::InputError;

/// The built-in channels, by file name.
const BUILTIN: &[(&str, &str)] = &[
    (
        "us-state-briefings.toml",
        include_str!("../../channels/us-state-briefings.toml"),
    ),
    (
        "us-state-releases.toml",
        include_str!("../../channels/us-state-releases.toml"),
    ),
    (
        "cn-mfa-briefings-zh.toml",
        include_str!("../../channels/cn-mfa-briefings-zh.toml"),
    ),
    (
        "cn-mfa-briefings-en.toml",
        include_str!("../../channels/cn-mfa-briefings-en.toml"),
    ),
    (
        "cn-mfa-conferences-en.toml",
        include_str!("../../channels/cn-mfa-conferences-en.toml"),
    ),
    (
        "cn-mfa-conferences-zh.toml",
        include_str!("../../channels/cn-mfa-conferences-zh.toml"),
    ),
    ("jp-kantei.toml", include_str!("../../channels/jp-kantei.toml")),
    ("jp-mofa.toml", include_str!("../../channels/jp-mofa.toml")),
    (
        "kr-mofa-briefings.toml",
        include_str!("../../channels/kr-mofa-briefings.toml"),
    ),
    (
        "kr-mofa-releases-en.toml",
        include_str!("../../channels/kr-mofa-releases-en.toml"),
    ),
    (
        "kr-korea-kr.toml",
        include_str!("../../channels/kr-korea-kr.toml"),
    ),
];

/// What a channel publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Format {
    /// A briefing read turn by turn.
    Transcript,
    Statement,
    Release,
}

/// How a channel is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Kind {
    /// An RSS, Atom or RDF feed.
    Feed,
    /// A WordPress REST collection (`…/wp-json/wp/v2/posts`): posts with their bodies.
    Wordpress,
    /// A sitemap (`<urlset>`): addresses and their last changes.
    Sitemap,
    /// An HTML listing page: its items are the links `links` selects.
    Html,
}

/// One official channel.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Channel {
    pub(crate) id: String,
    /// The perspective whose own words it carries.
    pub(crate) side: SideId,
    pub(crate) office: String,
    pub(crate) language: Lang,
    pub(crate) kind: Kind,
    pub(crate) url: String,
    pub(crate) format: Format,
    pub(crate) licence: String,
    pub(crate) attribution: String,
    /// Provenance flags shown with every item ("official record, may omit
    /// exchanges", "provisional translation").
    #[serde(default)]
    pub(crate) flags: Vec<String>,
    /// The CSS selector of the item links on an `html` listing page (every
    /// link when not given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) links: Option<String>,
    /// The CSS selector of an item's text on its page; without it the page's
    /// main text is found as for any page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) body: Option<String>,
    /// The least time between two requests to the channel's host (`"2s"`);
    /// one second when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) pace: Option<String>,
    /// Where it was read from (a path, or `builtin:FILE`).
    #[serde(skip)]
    pub(crate) origin: String,
}

/// Parse one channel file's text.
pub(crate) fn parse(path: &Path, text: &str) -> Result<Channel, InputError> {
    let mut c: Channel = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].lines().count().max(1));
        InputError::new(path, line, e.message().to_string())
            .hint("see docs/gather.md for the channel file's fields")
    })?;
    let at = |key: &str| {
        text.lines()
            .position(|l| l.trim_start().starts_with(key))
            .map(|i| i + 1)
    };
    if !c.url.starts_with("https://") && !c.url.starts_with("http://") {
        return Err(InputError::new(
            path,
            at("url"),
            format!("field `url`: `{}` is not a web address", c.url),
        )
        .hint("give the feed's http(s) address"));
    }
    for (key, value) in [
        ("id", c.id.as_str()),
        ("side", c.side.as_str()),
        ("office", c.office.as_str()),
        ("language", c.language.as_str()),
    ] {
        if value.trim().is_empty() {
            return Err(InputError::new(path, at(key), format!("field `{key}` is empty")));
        }
    }
    for (key, css) in [("links", &c.links), ("body", &c.body)] {
        if let Some(css) = css
            && dom_query::Matcher::new(css).is_err()
        {
            return Err(InputError::new(
                path,
                at(key),
                format!("field `{key}`: `{css}` is not a CSS selector"),
            )
            .hint("write it as a stylesheet would, like \"main article a\" or \"div.content\""));
        }
    }
    if let Some(p) = &c.pace
        && humantime::parse_duration(p).is_err()
    {
        return Err(
            InputError::new(path, at("pace"), format!("field `pace`: `{p}` is not a duration"))
                .hint("write it like \"1s\" or \"500ms\""),
        );
    }
    c.origin = path.display().to_string();
    Ok(c)
}

impl Channel {
    /// The least time between two requests to the channel's host.
    pub(crate) fn pace(&self) -> std::time::Duration {
        self.pace
            .as_deref()
            .and_then(|p| humantime::parse_duration(p).ok())
            .unwrap_or(std::time::Duration::from_secs(1))
    }
}

/// Every channel: the files of `dirs` first (a file there replaces a built-in
/// of the same id), then the built-in ones.
pub(crate) fn load_all(dirs: &[PathBuf]) -> Result<Vec<Channel>, InputError> {
    let mut out: Vec<Channel> = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let text = crate::fsutil::read_text(&path, 1 << 20)
                .map_err(|e| InputError::new(&path, None, format!("cannot read it: {e}")))?;
            let c = parse(&path, &text)?;
            if !out.iter().any(|o| o.id == c.id) {
                out.push(c);
            }
        }
    }
    for (name, text) in BUILTIN {
        let c = parse(Path::new(&format!("builtin:{name}")), text)?;
        if !out.iter().any(|o| o.id == c.id) {
            out.push(c);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_channels_cover_each_side_of_prism() {
        let all = load_all(&[]).unwrap();
        for side in ["united-states", "china", "japan", "south-korea"] {
            assert!(all.iter().any(|c| c.side == side), "{side}");
        }
    }

    #[test]
    fn a_bad_channel_file_names_its_line_and_field() {
        let text = "id = \"x\"\nside = \"china\"\noffice = \"o\"\nlanguage = \"zh\"\nkind = \"feed\"\nurl = \"ftp://x\"\nformat = \"transcript\"\nlicence = \"l\"\nattribution = \"a\"\n";
        let e = parse(Path::new("c.toml"), text).unwrap_err().to_string();
        assert!(e.contains("c.toml:6") && e.contains("url"), "{e}");
        let e = parse(
            Path::new("c.toml"),
            &text.replace("kind = \"feed\"", "kind = \"carrier-pigeon\""),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("c.toml:5"), "{e}");
        let listing = text
            .replace("kind = \"feed\"", "kind = \"html\"")
            .replace("ftp://x", "https://x")
            + "links = \"main a[\"\n";
        let e = parse(Path::new("c.toml"), &listing).unwrap_err().to_string();
        assert!(
            e.contains("c.toml:10") && e.contains("links") && e.contains("CSS selector"),
            "{e}"
        );
    }
}
