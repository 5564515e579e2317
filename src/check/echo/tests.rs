//! Tests of `echo`.

use crate::check::Report;

fn report_on(source: &str, article: &str) -> Report {
    let persona = crate::persona::load("prism", &[]).unwrap();
    let mut srcs = vec![crate::source::parse(std::path::Path::new("s.md"), source, 1, 1).unwrap()];
    crate::source::tag_perspectives(&mut srcs, &persona).unwrap();
    let corpus = crate::check::Corpus::new(&srcs, &persona);
    let doc = crate::check::markdown::parse(article, &persona);
    crate::check::run(&doc, &corpus, &persona)
}

fn kinds(r: &Report) -> Vec<&'static str> {
    r.findings
        .iter()
        .filter(|f| f.is_hard())
        .map(|f| f.kind.as_str())
        .collect()
}

const SOURCE: &str = "The canal authority said traffic through the Panama Canal fell sharply in March, \
    after a drought lowered the lakes that feed its locks.\n";

#[test]
fn copied_instructions_and_annotations_are_echoes() {
    for echoed in [
        "lede: one paragraph that opens on the strongest verified fact or quotation.",
        "A short subhead naming this side's stance. Never give this side another side's words.",
        "statement: the canal authority (speaks for panama) said: traffic fell.",
        // A finding the revision prompt quoted back.
        "- lede: misattributed `traffic fell sharply`: the sources (S1) give these words to the canal authority.",
    ] {
        let r = report_on(SOURCE, &format!("# Canal traffic falls\n\n{echoed}\n"));
        assert!(kinds(&r).contains(&"echo"), "{echoed}: {:#?}", r.findings);
    }
}

#[test]
fn the_sources_own_words_are_never_an_echo() {
    let source =
        "The minister said the report opens on the strongest verified fact or quotation available.\n";
    let article = "# Report\n\nThe minister said the report opens on the strongest verified fact or quotation available.\n";
    let r = report_on(source, article);
    assert!(!kinds(&r).contains(&"echo"), "{:#?}", r.findings);
    let faithful = "# Canal traffic falls\n\nTraffic through the Panama Canal fell sharply in March, the canal authority said, after a drought lowered the lakes that feed its locks.\n";
    assert!(kinds(&report_on(SOURCE, faithful)).is_empty());
}

/// One part of our own article, as the pipeline checks it.
fn our_part(part: crate::article::place::At, text: &str) -> Vec<&'static str> {
    let persona = crate::persona::load("prism", &[]).unwrap();
    let mut srcs = vec![crate::source::parse(std::path::Path::new("s.md"), SOURCE, 1, 1).unwrap()];
    crate::source::tag_perspectives(&mut srcs, &persona).unwrap();
    let corpus = crate::check::Corpus::new(&srcs, &persona);
    let doc = crate::check::Doc {
        blocks: vec![crate::check::Block {
            section: crate::stage::Section::Lede,
            perspective: None,
            part: part.part(),
            location: "lede".into(),
            text: text.into(),
            cites: vec![],
            also: vec![],
            at: Some(part),
        }],
        sides: vec![],
        labelled: true,
    };
    let prompted = super::Prompted::new(&corpus, &persona);
    super::check(&doc, &prompted)
        .iter()
        .map(|f| f.kind.as_str())
        .collect()
}

#[test]
fn word_salad_in_our_own_parts_is_noise_but_not_across_scripts() {
    use crate::article::place::At;
    let salad = "change book true At that year back though white above vowel.";
    assert_eq!(our_part(At::Lede, salad), ["noise"]);
    assert_eq!(our_part(At::Lede, "than no"), ["noise"]);
    assert_eq!(our_part(At::Subhead(0), "class were"), ["noise"]);
    assert!(our_part(At::Subhead(0), "Drought at the canal").is_empty());
    let faithful = "Traffic through the Panama Canal fell sharply in March, the canal authority said.";
    assert!(our_part(At::Lede, faithful).is_empty());
    // Fragments that only begin as a source's words do ("lowe" of "lowered",
    // "drough" of "drought") are no words of it; "canals" is a form of "canal".
    assert_eq!(our_part(At::Lede, "Lowe drough canals."), ["noise"]);
    assert_eq!(our_part(At::Lede, "and so it was zebra"), ["noise"]);
    assert!(our_part(At::Lede, "And so it was March.").is_empty());
    assert!(our_part(At::Lede, "Droughts lowering the lakes.").is_empty());
    let korean = "파나마 운하의 통행량이 3월에 급감했다고 운하 당국이 밝혔다.";
    assert!(our_part(At::Lede, korean).is_empty());
    // A person's article is not held to the rule.
    let r = report_on(SOURCE, &format!("# Canal traffic falls\n\n{salad}\n"));
    assert!(!kinds(&r).contains(&"noise"), "{:#?}", r.findings);
}

#[test]
fn a_passage_label_or_a_source_header_in_our_own_part_is_an_echo() {
    use crate::article::place::At;
    assert_eq!(
        our_part(
            At::Lede,
            "[S5] Traffic through the Panama Canal fell sharply in March."
        ),
        ["echo"]
    );
    assert_eq!(
        our_part(At::Deck, "Source 2: Traffic through the Panama Canal"),
        ["echo"]
    );
}

#[test]
fn a_short_part_the_sources_hold_as_it_stands_is_no_salad() {
    use crate::article::place::At;
    assert!(our_part(At::Lede, "Traffic through the Panama Canal.").is_empty());
}
