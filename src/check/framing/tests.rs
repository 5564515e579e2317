//! Framing: headlines, decks and closings that take a side's words.

use super::*;
use crate::check::Block;
use crate::check::Corpus;
use crate::stage::Section;
use crate::{persona, source};

const SOURCE: &str = "\
Seoul called the deployment \"a grave threat to peace on the peninsula\".

China has said that North Korea and Russia are two independent sovereign states and that their relations are their own affair.

Tokyo has said it is deeply concerned about the security of shipping lanes in the region.";

fn findings(part: Part, text: &str) -> Vec<Finding> {
    let p = persona::load("prism", &[]).unwrap();
    let mut s = vec![source::parse(std::path::Path::new("s.md"), SOURCE, 1, 1).unwrap()];
    source::tag_perspectives(&mut s, &p).unwrap();
    let corpus = Corpus::new(&s, &p);
    let section = Section::Finish;
    let doc = Doc {
        blocks: vec![Block {
            section,
            perspective: None,
            part,
            location: part.label().into(),
            text: text.into(),
            cites: vec![],
            also: vec![],
            at: None,
        }],
        sides: vec![],
        labelled: false,
    };
    check(&doc, &Sources::new(&corpus.passages, &corpus.title_folded), &p)
}

#[test]
fn a_headline_that_takes_a_sides_quotation_is_flagged_unless_attributed() {
    assert_eq!(
        findings(
            Part::Headline,
            "Deployment Is 'A Grave Threat to Peace on the Peninsula'"
        )
        .len(),
        1
    );
    assert!(
        findings(
            Part::Headline,
            "Seoul Calls Deployment 'A Grave Threat to Peace on the Peninsula'"
        )
        .is_empty()
    );
    assert!(findings(Part::Headline, "Troops Deployed as Four Capitals React").is_empty());
}

#[test]
fn a_deck_giving_one_sides_view_as_fact_is_flagged() {
    let f = findings(
        Part::Deck,
        "North Korea and Russia are two independent sovereign states and their relations are their own affair.",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(findings(Part::Deck, "China says North Korea and Russia are two independent sovereign states and their relations are their own affair.").is_empty());
}

#[test]
fn the_closing_may_end_on_the_side_the_sources_end_on() {
    let japan = "It is deeply concerned about the security of shipping lanes in the region, the government in Tokyo says.";
    assert!(
        findings(Part::Closing, japan).is_empty(),
        "the sources end on Tokyo"
    );
    let seoul = "What remains is \"a grave threat to peace on the peninsula\".";
    assert_eq!(findings(Part::Closing, seoul).len(), 1);
    let attributed = "Seoul said it saw \"a grave threat to peace on the peninsula\".";
    assert_eq!(
        findings(Part::Closing, attributed).len(),
        1,
        "attributed or not, Seoul gets the last word"
    );
}
