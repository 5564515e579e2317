//! Property tests of `inline`: whatever text comes in, the Markdown around it
//! keeps its shape and no HTML, code, link or image comes out.

use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::inline;

/// What a CommonMark parser (every extension on) makes of `markdown`: the blocks
/// it opens, and anything live.
fn read(markdown: &str) -> (Vec<String>, Vec<String>) {
    let mut blocks = Vec::new();
    let mut live = Vec::new();
    for event in Parser::new_ext(markdown, Options::all()) {
        match event {
            Event::Start(Tag::Paragraph) => blocks.push("p".into()),
            Event::Start(Tag::Heading { level, .. }) => blocks.push(format!("{level}")),
            Event::Start(Tag::Item) => blocks.push("list item".into()),
            Event::Start(Tag::BlockQuote(_)) => blocks.push("quote".into()),
            Event::Start(Tag::Table(_)) => blocks.push("table".into()),
            Event::Start(Tag::CodeBlock(_)) => live.push("code block".into()),
            Event::Start(Tag::Link { dest_url, .. }) => live.push(format!("link {dest_url}")),
            Event::Start(Tag::Image { dest_url, .. }) => live.push(format!("image {dest_url}")),
            Event::Start(Tag::FootnoteDefinition(_)) | Event::FootnoteReference(_) => {
                live.push("footnote".into())
            }
            Event::Html(h) | Event::InlineHtml(h) => live.push(format!("html {h}")),
            Event::Code(c) => live.push(format!("code {c}")),
            Event::Start(Tag::Strikethrough) => live.push("strikethrough".into()),
            Event::End(TagEnd::Paragraph) | Event::End(_) => {}
            _ => {}
        }
    }
    (blocks, live)
}

/// Text rich in what Markdown and HTML give meaning to.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        "[<>&\\[\\]()`~*_#|!:/\\\\ a-z0-9.=+\\-\n\t\"']{0,120}",
        any::<String>(),
        "(<script>|<img src=x onerror=y>|\\[a\\]\\(javascript:b\\)|!\\[\\]\\(http://x/p.png\\)|~~~|```|# |1\\. |> |\\| a \\||<http://x>|&lt;b&gt;|\\[\\^1\\]| ){1,12}",
    ]
}

/// `s` made inert and put where `{}` is in `around`: the blocks are `blocks`,
/// and nothing is live.
fn inert_in(around: &str, s: &str, blocks: &[&str]) -> Result<(), TestCaseError> {
    if s.trim().is_empty() {
        return Ok(());
    }
    let (found, live) = read(&around.replace("{}", &inline(s)));
    prop_assert!(live.is_empty(), "{:?} from {:?}", live, s);
    prop_assert_eq!(
        found,
        blocks.iter().map(|b| b.to_string()).collect::<Vec<_>>(),
        "from {:?}",
        s
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512)
    ))]

    #[test]
    fn a_paragraph_stays_one_paragraph_with_nothing_live(s in hostile()) {
        inert_in("{}\n\nAfter.\n", &s, &["p", "p"])?;
    }

    #[test]
    fn a_heading_stays_one_heading(s in hostile()) {
        inert_in("## {}\n\nAfter.\n", &s, &["h2", "p"])?;
    }

    #[test]
    fn a_labelled_part_stays_in_its_paragraph(s in hostile()) {
        inert_in("**Stated position.** {} [S1]\n\nAfter.\n", &s, &["p", "p"])?;
    }
}
