//! Tests of `markdown`: blocks as people write them.

use super::*;

fn read(body: &str) -> Vec<(Kind, String)> {
    blocks(body).into_iter().map(|b| (b.kind, b.text)).collect()
}

#[test]
fn headings_paragraphs_items_and_quotes() {
    let body = "# Title\n\nA lede that runs\nover two lines [S1].\n\nSubhead\n-------\n\n\
                1. first item\n2. second **item**\n\n- a bullet\n  that runs on\n\n\
                > A pull quote\n> over two lines.\n\n---\n\n**Position.** China said so.\n";
    assert_eq!(
        read(body),
        [
            (Kind::Heading(1), "Title".into()),
            (Kind::Paragraph, "A lede that runs over two lines [S1].".into()),
            (Kind::Heading(2), "Subhead".into()),
            (Kind::Item, "first item".into()),
            (Kind::Item, "second **item**".into()),
            (Kind::Item, "a bullet that runs on".into()),
            (Kind::Quote, "A pull quote over two lines.".into()),
            (Kind::Rule, "---".into()),
            (Kind::Paragraph, "**Position.** China said so.".into()),
        ]
    );
}

#[test]
fn a_code_fence_is_one_block_and_nothing_is_lost() {
    let body =
        "Before.\n\n```\n# not a heading\n- not an item\n```\n\n    indented text\n\n<div>html</div>\n";
    let got = read(body);
    assert_eq!(got[0], (Kind::Paragraph, "Before.".into()));
    assert!(got.iter().all(|(k, _)| *k == Kind::Paragraph), "{got:?}");
    let all: String = got.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join(" ");
    for kept in ["# not a heading", "- not an item", "indented text", "html"] {
        assert!(all.contains(kept), "{kept} lost: {got:?}");
    }
    // Indented paragraphs stay paragraphs, not one block.
    let indented = read("    One paragraph\n    on two lines.\n\n    Another one.\n");
    assert_eq!(
        indented,
        [
            (Kind::Paragraph, "One paragraph on two lines.".into()),
            (Kind::Paragraph, "Another one.".into())
        ]
    );
}
