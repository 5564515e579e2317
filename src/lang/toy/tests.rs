//! The toy language through the statement reader and the checks.

use crate::article::place::Part;
use crate::check::{Block, Corpus, Doc, run};
use crate::persona::Persona;
use crate::source::{self, Source, statements};
use crate::stage::Section;

const PERSONA: &str = "---
id: toy
name: TOY
beat: politics
bio: TOY weighs two sides.
rule: Both sides, side by side.
language: xx
perspectives:
  - id: north
    label: North
    focus: The north.
    keywords: [Βορράς]
    actors:
      - Παπαδόπουλος
  - id: south
    label: South
    focus: The south.
    keywords: [Νότος]
    actors:
      - Γεωργίου
---
TOY.
";

const SOURCE: &str =
    "Ο υπουργός Παπαδόπουλος είπε ότι “επτά πλοία θα φύγουν αύριο”.\n\nΟ Γεωργίου δεν σχολίασε.\n";

fn setup() -> (Persona, Vec<Source>) {
    let persona = Persona::parse(std::path::Path::new("toy.md"), PERSONA).unwrap();
    let mut sources = vec![source::parse(std::path::Path::new("s.md"), SOURCE, 1, 1).unwrap()];
    source::tag_perspectives(&mut sources, &persona).unwrap();
    (persona, sources)
}

fn doc(side: &str, text: &str) -> Doc {
    Doc {
        blocks: vec![Block {
            section: Section::Perspective(side.into()),
            perspective: Some(side.into()),
            part: Part::Body,
            location: "test".into(),
            text: text.into(),
            cites: vec![],
            at: None,
            also: vec![],
        }],
        sides: vec![],
        labelled: false,
    }
}

#[test]
fn the_reader_hears_a_statement_and_silence_in_the_toy_language() {
    let found = statements::extract(SOURCE);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].speaker, "Ο υπουργός Παπαδόπουλος");
    assert_eq!(found[0].verb, "είπε");
    let (_, sources) = setup();
    let said: Vec<_> = sources[0].passages.iter().flat_map(|p| &p.statements).collect();
    assert_eq!(said.len(), 1);
    assert_eq!(said[0].side.as_deref(), Some("north"));
}

#[test]
fn the_checks_read_the_toy_languages_numbers_and_speakers() {
    let (persona, sources) = setup();
    let corpus = Corpus::new(&sources, &persona);
    // Seven ships in words in the source hold the 7 of the article.
    let faithful = doc(
        "north",
        "Ο υπουργός Παπαδόπουλος είπε ότι 7 πλοία θα φύγουν αύριο.",
    );
    let report = run(&faithful, &corpus, &persona);
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    // Nine is in no source.
    let wrong = doc(
        "north",
        "Ο υπουργός Παπαδόπουλος είπε ότι 9 πλοία θα φύγουν αύριο.",
    );
    assert!(!run(&wrong, &corpus, &persona).findings.is_empty());
    // The north's words given to the south are misattributed.
    let moved = doc("south", "Γεωργίου είπε ότι “επτά πλοία θα φύγουν αύριο”.");
    let found = run(&moved, &corpus, &persona).findings;
    assert!(found.iter().any(|f| f.attribution.is_some()), "{found:#?}");
}
