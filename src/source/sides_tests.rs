//! Sides come from speakers, never from mentions.

use super::*;
use crate::persona;

fn prism() -> Persona {
    persona::load("prism", &[]).unwrap()
}

fn sides_of(text: &str) -> Vec<Vec<String>> {
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
