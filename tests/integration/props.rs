//! Parsers under arbitrary input (proptest): the persona and source parsers, the
//! manifest readers and the HTML extractor never panic, and their errors name
//! the file. CI runs the default 256 cases each; `bench/fuzz.sh` runs many more.

use crate::support::{scratch, write};

use std::path::Path;

use parallax::{Manifest, Persona, decode_page, extract_page, parse_source};
use proptest::prelude::*;

/// Text shaped like what each parser reads, broken in every way.
fn front_matter_like() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "(---\n|title: |id: |perspectives:\n|  - id: |keywords: \\[|\\]|\"|'|: |\n|[a-z]{1,8}|\t|#|-|\\{|\\}|&|\\*){0,40}",
    ]
}

fn manifest_like() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "(\\{|\\}|\"id\"|\"text\"|\"source\"|\"sources\"|: |, |\\[|\\]|\"|\n|[a-z0-9]{1,6}|\\\\|\u{feff}|id,text\n){0,40}",
    ]
}

fn html_like() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "(<div>|</div>|<p>|</p>|<script>|</script>|<article>|<h1>|<!--|-->|<meta charset=x>|<br>|&amp;|[a-z ]{1,12}|<|>|\"){0,60}",
    ]
}

proptest! {
    #[test]
    fn the_persona_parser_never_panics(text in front_matter_like()) {
        if let Err(e) = Persona::parse(Path::new("p.md"), &text) {
            prop_assert!(e.to_string().contains("p.md"), "{}", e);
        }
    }

    #[test]
    fn the_source_parser_never_panics(text in front_matter_like()) {
        match parse_source(Path::new("s.md"), &text, 1, 1) {
            Ok(s) => prop_assert!(s.passages.iter().all(|p| !p.text.trim().is_empty())),
            Err(e) => prop_assert!(e.to_string().contains("s.md"), "{}", e),
        }
    }

    #[test]
    fn the_manifest_readers_never_panic(text in manifest_like()) {
        let dir = scratch();
        for name in ["m.jsonl", "m.csv"] {
            let path = dir.join(name);
            write(&path, &text);
            if let Ok(m) = Manifest::open(path.to_str().unwrap()) {
                for item in m.take(1000) {
                    if let Err(e) = item {
                        prop_assert!(e.line >= 1);
                    }
                }
            }
        }
    }

    #[test]
    fn the_html_extractor_never_panics(page in html_like()) {
        let _ = extract_page(&page, "http://example.com/a");
        let _ = decode_page(page.as_bytes(), "text/html; charset=latin1");
    }
}
