//! English statements whose cue sits in a clause of its own.

use crate::source::statements::extract;

#[test]
fn english_forms_across_clauses() {
    let one = |t: &str| {
        extract(t)
            .into_iter()
            .map(|s| (s.speaker, s.content))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        one("Broaddrick, who said Clinton had lied, appeared at the debate."),
        vec![("Broaddrick".to_string(), "Clinton had lied".to_string())]
    );
    assert_eq!(
        one("The campaign released a statement Tuesday, saying the senator would stay in the race."),
        vec![(
            "The campaign".to_string(),
            "the senator would stay in the race".to_string()
        )]
    );
    assert_eq!(
        one("The Trump job marks his return to politics, one longtime friend said."),
        vec![(
            "one longtime friend".to_string(),
            "The Trump job marks his return to politics".to_string()
        )]
    );
    assert_eq!(
        one("The Pentagon's annual report, released in December, said China had expanded its arsenal."),
        vec![(
            "The Pentagon's annual report".to_string(),
            "China had expanded its arsenal".to_string()
        )]
    );
    let s = extract("Beijing \"firmly opposes\" what she called \"coercion,\" the spokeswoman said.");
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0].speaker, "the spokeswoman");
    assert_eq!(
        s[0].content,
        "Beijing \"firmly opposes\" what she called \"coercion\""
    );
    assert_eq!(
        one(
            "An official in Seoul, who asked not to be named, said the government was reviewing its options."
        ),
        vec![(
            "An official in Seoul".to_string(),
            "the government was reviewing its options".to_string()
        )]
    );
    let s = extract("\"Is this the way?\" Scarborough continued. \"Is it?\"");
    assert_eq!((s.len(), s[0].speaker.as_str()), (1, "Scarborough"), "{s:?}");
}

#[test]
fn an_age_after_a_name_is_no_speaker() {
    for (text, speaker) in [
        ("Ramos, 58, said the media did not react.", "Ramos"),
        ("The senator, 71, said the bill would pass.", "The senator"),
    ] {
        let s = extract(text);
        assert_eq!(
            s.first().map(|s| s.speaker.as_str()),
            Some(speaker),
            "{text}: {s:?}"
        );
    }
}
