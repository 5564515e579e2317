//! Sides come from speakers, never from mentions.

use super::*;
use crate::persona;

fn prism() -> Persona {
    persona::load("prism", &[]).unwrap()
}

fn sides_of(text: &str) -> Vec<Vec<SideId>> {
    let mut sources = vec![super::super::parse(std::path::Path::new("t.md"), text, 1, 1).unwrap()];
    attribute(&mut sources, &prism()).unwrap();
    sources[0]
        .passages
        .iter()
        .map(|p| p.perspectives.clone())
        .collect()
}

#[test]
fn a_mention_is_not_a_statement() {
    let got = sides_of(
        "Panama's foreign minister, speaking at a UN debate chaired by China's foreign minister Wang Yi, said dialogue must prevail.\n\n\
         Washington accused Beijing of coercion over the canal ports.\n\n\
         China's foreign ministry spokesperson Mao Ning said the canal must stay neutral.\n\n\
         Mao Ning also said the ports were a commercial matter.\n\n\
         She added that China respects Panama's sovereignty.\n\n\
         Japan's ambassador to China said Tokyo was watching closely.",
    );
    assert_eq!(
        got,
        vec![
            vec![],
            vec!["united-states".to_string()],
            vec!["china".to_string()],
            vec!["china".to_string()],
            vec!["china".to_string()],
            vec!["japan".to_string()],
        ]
    );
}

#[test]
fn a_source_perspective_overrides() {
    let got = sides_of("---\nperspective: japan\n---\n\nThe report describes the launch.");
    assert_eq!(got, vec![vec!["japan".to_string()]]);
}

#[test]
fn a_name_is_learnt_from_a_person_not_from_an_office() {
    let got = sides_of(
        "The U.S. Commerce Department said the rules close loopholes.\n\n\
         Commerce Ministry spokesperson He Yadong told a briefing the move was protectionist.\n\n\
         Chinese foreign ministry spokesperson Guo Jiakun said trade was being weaponised.\n\n\
         Guo also said Beijing would respond.",
    );
    assert_eq!(
        got,
        vec![
            vec!["united-states".to_string()],
            vec![],
            vec!["china".to_string()],
            vec!["china".to_string()],
        ]
    );
}

#[test]
fn japanese_speakers_take_their_sides_from_titles_offices_and_names() {
    let mut sources = vec![
        super::super::parse(
            std::path::Path::new("ja.md"),
            include_str!("../../../tests/fixtures/sources/senkaku-ja.md"),
            1,
            1,
        )
        .unwrap(),
    ];
    attribute(&mut sources, &prism()).unwrap();
    let said: Vec<(String, Option<SideId>)> = sources[0]
        .passages
        .iter()
        .flat_map(|p| {
            p.statements.iter().map(|s| {
                (
                    s.mention.clone().unwrap_or_else(|| s.speaker.clone()),
                    s.side.clone(),
                )
            })
        })
        .collect();
    let side = |who: &str| {
        said.iter()
            .find(|(s, _)| s == who)
            .and_then(|(_, side)| side.clone())
    };
    assert_eq!(side("林芳正官房長官").as_deref(), Some("japan"));
    // A continuation is shown with the name it continues, and its own words as the mention.
    let continued = sources[0]
        .passages
        .iter()
        .flat_map(|p| &p.statements)
        .find(|s| s.mention.as_deref() == Some("同氏"))
        .expect("同氏 is read as a continuation");
    assert!(continued.speaker.contains('林'), "{continued:?}");
    assert_eq!(
        side("同氏").as_deref(),
        Some("japan"),
        "a continuation keeps its speaker's side"
    );
    assert_eq!(side("中国外務省の毛寧報道官").as_deref(), Some("china"));
    assert_eq!(
        side("毛報道官").as_deref(),
        Some("china"),
        "a surname with a title"
    );
    assert_eq!(side("米国務省の報道官").as_deref(), Some("united-states"));
    assert!(
        said.iter().all(|(_, s)| s.as_deref() != Some("south-korea")),
        "South Korea declined to comment: {said:?}"
    );
}

#[test]
fn an_office_without_a_country_is_the_source_languages_side() {
    let got = sides_of(
        "外交部发言人毛宁表示，中方坚决反对。\n\n韩国外交部发言人表示，韩方正在密切关注。\n\n外務省は「遺憾だ」と述べた。",
    );
    // 外交部 in a Chinese source is China's; a country beside the office wins.
    assert_eq!(got[0], vec!["china".to_string()]);
    assert_eq!(got[1], vec!["south-korea".to_string()]);
    // A passage in Japanese names Japan's offices, whatever the rest of its source.
    assert_eq!(got[2], vec!["japan".to_string()]);
    let ja = sides_of("外務省の報道官は「遺憾だ」と述べた。\n\n防衛省は、重大な影響を与えるとしている。");
    assert_eq!(ja, vec![vec!["japan".to_string()], vec!["japan".to_string()]]);
    let ko = sides_of("외교부는 \"깊은 우려를 표명한다\"라고 밝혔다.");
    assert_eq!(ko, vec![vec!["south-korea".to_string()]]);
}

#[test]
fn a_joint_statement_belongs_to_each_side() {
    let got = sides_of(
        "Japan and South Korea urged Brussels to reconsider the tariffs.\n\n日本和韩国敦促欧盟重新考虑关税。",
    );
    assert_eq!(got[0], vec!["japan".to_string(), "south-korea".to_string()]);
    assert_eq!(got[1], vec!["japan".to_string(), "south-korea".to_string()]);
}

#[test]
fn actor_aliases_name_one_person_in_every_script() {
    let p = prism();
    for name in ["Yoshimasa Hayashi", "林芳正", "하야시 요시마사"] {
        assert_eq!(side_of(name, &p).as_deref(), Some("japan"), "{name}");
    }
    // Japanese and simplified forms of one name.
    assert_eq!(side_of("毛寧報道官", &p).as_deref(), Some("china"));
    assert_eq!(side_of("毛宁", &p).as_deref(), Some("china"));
}

#[test]
fn a_one_character_abbreviation_names_a_country_only_as_one() {
    let p = prism();
    assert_eq!(side_of("米国務省の報道官", &p).as_deref(), Some("united-states"));
    assert_eq!(side_of("駐日米大使", &p).as_deref(), Some("united-states"));
    // 米 spells out the West Midlands by sound.
    assert_eq!(side_of("西米德兰兹郡警方", &p), None);
}

#[test]
fn a_japanese_title_after_an_unknown_name_is_japans_unless_beside_another_country() {
    let ja = sides_of("松野博一官房長官は「遺憾だ」と述べた。\n\nロシア外務省は「遺憾だ」と述べた。");
    assert_eq!(ja, vec![vec!["japan".to_string()], vec![]]);
    let zh = sides_of("国防部新闻发言人张晓刚表示，中方坚决反对。\n\n俄罗斯外交部发言人表示，俄方密切关注。");
    assert_eq!(zh, vec![vec!["china".to_string()], vec![]]);
}

#[test]
fn a_pronoun_takes_the_name_it_continues() {
    let text = "Japan's foreign minister Takeshi Iwaya said the talks were useful.\n\nHe added that Tokyo \"will keep talking\".";
    let mut sources = vec![super::super::parse(std::path::Path::new("en.md"), text, 1, 1).unwrap()];
    attribute(&mut sources, &prism()).unwrap();
    let he = &sources[0].passages[1].statements[0];
    assert!(he.speaker.contains("Iwaya"), "{he:?}");
    assert_eq!(he.mention.as_deref(), Some("He"));
    assert_eq!(he.side.as_deref(), Some("japan"));
}

#[test]
fn a_pronoun_after_a_sentence_that_opened_on_a_name_continues_that_name() {
    let text = "A campaign spokeswoman said the rally was peaceful.\n\nMr. Trump tries to turn the interruptions to his advantage.\n\n\"Are you O.K.?\" he said.";
    let mut sources = vec![super::super::parse(std::path::Path::new("en.md"), text, 1, 1).unwrap()];
    attribute(&mut sources, &prism()).unwrap();
    let he = &sources[0].passages[2].statements[0];
    assert_eq!(he.speaker, "Mr. Trump", "{he:?}");
    assert_eq!(he.mention.as_deref(), Some("he"));
}

/// Every statement's speaker, in order.
fn speakers(text: &str) -> Vec<String> {
    let mut sources = vec![super::super::parse(std::path::Path::new("en.md"), text, 1, 1).unwrap()];
    attribute(&mut sources, &prism()).unwrap();
    sources[0]
        .passages
        .iter()
        .flat_map(|p| p.statements.iter().map(|s| s.speaker.clone()))
        .collect()
}

#[test]
fn a_pronoun_continues_the_person_the_story_is_about() {
    let cases: &[(&str, &str)] = &[
        // Sentences that open on the same pronoun carry the name on; a
        // dateline line between them ends a sentence.
        (
            "Mayor Lena Ortiz said the budget was fair.\n\n4:10 p.m.\n\nGov. Paul Reyes is thanking volunteers in Tulsa.\n\nAnd he's predicted a strong turnout.\n\n\"We did it,\" he said.",
            "Gov. Paul Reyes",
        ),
        // A sentence that reports someone else's words is no subject to continue.
        (
            "Senator Ann Brody said the vote was close.\n\nBrody won the crowd over with her speech, Tom Wells said.\n\n\"She was very sharp,\" he said.",
            "Tom Wells",
        ),
        // An adverb after the name.
        (
            "Karen Holt said the audit was done.\n\nMarco Villa also attacked the auditors.\n\nHe said that the report was \"a sham\".",
            "Marco Villa",
        ),
        // The pronoun opens a clause joined to its subject's.
        (
            "Karen Holt said the audit was done.\n\nIn April, Marco Villa was discussing the audit when he told reporters, \"It is a sham.\"",
            "Marco Villa",
        ),
        // A name with its role set off: "she" refers to the person, and a
        // body named before her is not "she".
        (
            "The State Department said it would review the case.\n\nJane Ruiz, director of the Arts and Letters program, said she welcomed the review. \"It is overdue,\" she said.",
            "Jane Ruiz, director of the Arts and Letters program",
        ),
        // A place that opens a sentence is no "he".
        (
            "Paul Grant said the count was slow.\n\nFlorida voted late.\n\n\"It took hours,\" he said.",
            "Paul Grant",
        ),
    ];
    for (text, want) in cases {
        let got = speakers(text);
        assert_eq!(got.last().map(String::as_str), Some(*want), "{text}\n{got:?}");
    }
}

#[test]
fn a_speaker_is_the_subject_of_its_own_clause() {
    let got = speakers(
        "Some in the audience booed, and when Villa thanked the city and said it was good to be back, a man shouted.",
    );
    assert_eq!(got, vec!["Villa".to_string()]);
    let got = speakers(
        "\"I support it,\" says Maria Lopez, 44, of Tucson, Ariz., but she was worried about the cost.",
    );
    assert_eq!(got, vec!["Maria Lopez, 44, of Tucson, Ariz.".to_string()]);
}

#[test]
fn a_relative_clause_or_an_adverb_beside_the_name_is_no_speaker() {
    let got = speakers(
        "Last week, Mayor Lena Ortiz, who served as treasurer when the decision was made to sell the land, conceded the sale was \"a mistake.\"",
    );
    assert_eq!(got, vec!["Mayor Lena Ortiz".to_string()]);
    let got = speakers("Co-host Dana Reyes, who was off camera, then loudly asked, \"Really?\"");
    assert_eq!(got, vec!["Co-host Dana Reyes".to_string()]);
    // A description before the name: "she" continues the name.
    let got = speakers(
        "Party chair Tom Wells said the count was slow.\n\nRepublican front-runner Ann Brody stretched the truth on Sunday, when she claimed the count was rigged.",
    );
    assert_eq!(got.last().map(String::as_str), Some("Ann Brody"));
}

#[test]
fn the_speaker_after_a_quotation_and_its_clause_is_the_name_after_the_verb() {
    let got = speakers("\"It is very unlikely\" that the bill passes, said Tom Wells, a former party chair.");
    assert_eq!(got, vec!["Tom Wells, a former party chair".to_string()]);
    // An event before a name is no description of the speaker.
    let got = speakers("On Sunday, she said that after the vote, Paul Reyes called her to apologise.");
    assert!(got.contains(&"Paul Reyes".to_string()), "{got:?}");
    // A clause set off inside the subject keeps its own boundaries.
    let got = speakers(
        "Ortiz, after the audit of the city's accounts came out in March, initially said there was no shortfall.",
    );
    assert_eq!(got, vec!["Ortiz".to_string()]);
}

#[test]
fn a_role_no_name_was_given_takes_the_name_the_sentence_before_opened_on() {
    let got = speakers(
        "Mayor Lena Ortiz said the count was slow.\n\nAnn Brody voted against the bill.\n\nThe senator said it \"goes too far.\"",
    );
    assert_eq!(got.last().map(String::as_str), Some("Ann Brody"));
}

#[test]
fn a_statement_that_says_nothing_is_none() {
    assert!(speakers("The Post reported.").is_empty());
    // One that introduces a quotation gets its words.
    let got = speakers("Mayor Lena Ortiz said: \"We will rebuild.\" \"We always have.\"");
    assert_eq!(got, vec!["Mayor Lena Ortiz".to_string()]);
}
