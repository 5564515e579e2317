//! Source and model text is inert in Markdown: whatever a source says, the
//! rendered article parses (by a CommonMark parser) to the same outline as a clean
//! one, with no HTML, no code and no link or image that parallax did not make.

use pulldown_cmark::{Event, Parser, Tag};

use crate::support::{Parallax, scratch, write};

const HOSTILE: &[&str] = &[
    "<script>alert(1)</script> Seoul said the plan was sound.",
    "<img src=x onerror=alert(2)> Washington said it was watching.",
    "<style>body{display:none}</style> Tokyo has said it is concerned.",
    "<a href=\"javascript:alert(3)\">click</a> Beijing has said its position is clear.",
    "[click me](javascript:alert(4)) and ![tracker](http://198.51.100.7/p.png) appeared.",
    "~~~ Officials said the fence opens here.",
    "``` Officials said another fence opens here.",
    "# A heading from a source, said officials.",
    "1. An ordered list from a source, officials said.",
    "<http://198.51.100.7/autolink> is an autolink.",
    "| a | table | row |",
    "> a quotation block from a source.",
];

/// The article's outline (its headings), and what it should never contain.
fn read(markdown: &str) -> (Vec<String>, Vec<String>) {
    let body = markdown.splitn(3, "---\n").nth(2).unwrap_or(markdown);
    let mut outline = Vec::new();
    let mut bad = Vec::new();
    let mut in_heading = false;
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                outline.push(String::new());
            }
            Event::End(_) => in_heading = false,
            Event::Text(t) if in_heading => {
                if let Some(h) = outline.last_mut() {
                    h.push_str(&t);
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => bad.push(format!("html: {h}")),
            Event::Code(c) => bad.push(format!("code: {c}")),
            Event::Start(Tag::CodeBlock(_)) => bad.push("code block".into()),
            Event::Start(Tag::Image { dest_url, .. }) => bad.push(format!("image: {dest_url}")),
            Event::Start(Tag::Link { dest_url, .. })
                if !dest_url.starts_with("https://example.org") && !dest_url.ends_with(".md") =>
            {
                bad.push(format!("link: {dest_url}"))
            }
            _ => {}
        }
    }
    (outline, bad)
}

fn draft(dir: &std::path::Path, text: &str) -> String {
    let source = dir.join("s.md");
    let front = "---\ntitle: Council vote\nurl: \"http://x/> <img src=x onerror=alert(4)> <http://x\"\n---";
    write(&source, format!("{front}\n\n{text}"));
    Parallax::new(dir).draft(["--plain", "--persona", "prism"]).arg(&source).succeeds().stdout
}

#[test]
fn hostile_paragraphs_render_to_the_same_outline_with_nothing_live() {
    let dir = scratch();
    // The same paragraphs with their markup characters taken out: the same words.
    let clean: Vec<String> = HOSTILE
        .iter()
        .map(|h| {
            h.chars()
                .filter(|c| !"<>[]()`~#|!=\"{}:;".contains(*c))
                .collect::<String>()
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
                .to_string()
        })
        .collect();
    let (want, bad) = read(&draft(&dir, &clean.join("\n\n")));
    assert!(bad.is_empty(), "{bad:?}");
    assert!(want.len() >= 6, "{want:?}");
    let hostile = HOSTILE.join("\n\n");
    let md = draft(&dir, &hostile);
    let (outline, bad) = read(&md);
    assert!(bad.is_empty(), "live markup in the article: {bad:?}\n{md}");
    // The number of context sections follows how many neutral facts the sources
    // hold; every other heading is the article's own, in the same order.
    let context = ["What happened", "Background", "More context"];
    let structural = |o: &[String]| -> Vec<String> {
        o.iter().filter(|h| !context.contains(&h.as_str())).cloned().collect()
    };
    assert_eq!(structural(&outline), structural(&want), "the same outline\n{md}");
    assert!(!outline.iter().any(|h| h.contains("from a source")), "{outline:?}");
}
