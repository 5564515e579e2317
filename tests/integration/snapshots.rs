//! Snapshots of what parallax writes: every built-in template rendered for PRISM
//! (via a dry run), and the Markdown article.

use crate::support::{Parallax, prism_sources};

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("snapshots");
    s.add_filter(r"elapsed_ms: \d+", "elapsed_ms: [ms]");
    // The fence's nonce is keyed by this installation's secret.
    s.add_filter(r#"nonce="[0-9a-f]{16}""#, r#"nonce="[nonce]""#);
    s.add_filter(r#""elapsed_ms": \d+"#, r#""elapsed_ms": "[ms]""#);
    s.add_filter(r"/[^\s]*/examples/sources/", "[examples]/");
    s
}

#[test]
fn prompts_for_prism() {
    let draft =
        Parallax::scratch().draft(["--dry-run", "--model", "m"]).provider("openai", "http://127.0.0.1:9/v1");
    let r = draft.args(prism_sources()).succeeds();
    settings().bind(|| insta::assert_snapshot!("prism_prompts", r.stdout));
}

#[test]
fn extractive_markdown_article() {
    let r = Parallax::scratch().draft(["--date", "2026-01-05"]).args(prism_sources()).succeeds();
    settings().bind(|| insta::assert_snapshot!("prism_extractive_article", r.stdout));
}

#[test]
fn extractive_html_and_json_articles() {
    for format in ["html", "json"] {
        let r = Parallax::scratch()
            .draft(["--date", "2026-01-05", "--format", format])
            .args(prism_sources())
            .succeeds();
        settings().bind(|| insta::assert_snapshot!(format!("prism_extractive_{format}"), r.stdout));
    }
}
