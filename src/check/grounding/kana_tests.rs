//! Foreign names written by their sound, in katakana or in Hangul beside a
//! title, told against the sources' Latin names: a name no source name sounds
//! like is a note, never a finding.

use super::tests::report_on;

#[test]
fn a_name_in_katakana_is_known_by_how_it_sounds() {
    let source =
        "---\ntitle: \"Talks\"\n---\n\nBoris Johnson met Eileen Smith and President Putin in London.\n";
    let faithful =
        "# 会談\n\nボリス・ジョンソン氏はロンドンでアイリーン・スミス氏、プーチン大統領と会談した。\n";
    let report = report_on(source, faithful);
    assert!(report.unverified.is_empty(), "{report:#?}");
    let other = report_on(
        source,
        &faithful.replace("アイリーン・スミス", "マイケル・ブラウン"),
    );
    assert!(
        other.unverified.iter().any(|u| u.claim == "マイケル・ブラウン"),
        "{other:#?}"
    );
    assert!(other.findings.iter().all(|f| !f.is_hard()), "{other:#?}");
}

#[test]
fn a_name_in_hangul_beside_its_title_is_known_by_how_it_sounds() {
    let source = "---\ntitle: \"Talks\"\n---\n\nPrime Minister Boris Johnson met President Yoon Suk Yeol and Kim Jong Un.\n";
    let faithful = "# 회담\n\n영국 보리스 존슨 총리는 윤석열 대통령, 김정은 위원장과 만났다.\n";
    let report = report_on(source, faithful);
    assert!(report.unverified.is_empty(), "{report:#?}");
    let other = report_on(source, &faithful.replace("보리스 존슨", "리시 수낵"));
    assert!(
        other.unverified.iter().any(|u| u.claim == "리시 수낵"),
        "{other:#?}"
    );
    assert!(other.findings.iter().all(|f| !f.is_hard()), "{other:#?}");
}

#[test]
fn a_name_is_heard_across_katakana_and_hangul_and_not_told_against_han() {
    let korean = "---\ntitle: \"회담\"\n---\n\n보리스 존슨 총리는 런던에서 회담했다.\n";
    let japanese = "# 会談\n\nボリス・ジョンソン首相はロンドンで会談した。\n";
    assert!(report_on(korean, japanese).unverified.is_empty());
    let other = report_on(
        korean,
        &japanese.replace("ボリス・ジョンソン", "マイケル・ブラウン"),
    );
    assert!(
        other.unverified.iter().any(|u| u.claim == "マイケル・ブラウン"),
        "{other:#?}"
    );
    // The other way round: a name in Hangul heard against a katakana name's parts.
    let japanese_source = "---\ntitle: \"会談\"\n---\n\nボリス・ジョンソン首相はロンドンで会談した。\n";
    let korean_article = "# 회담\n\n보리스 존슨 총리는 런던에서 회담했다.\n";
    assert!(report_on(japanese_source, korean_article).unverified.is_empty());
    // Chinese writes the name in Han characters: nothing to hear it by.
    let chinese = "---\ntitle: \"会谈\"\n---\n\n鲍里斯·约翰逊首相在伦敦举行会谈。\n";
    assert!(
        report_on(
            chinese,
            &japanese.replace("ボリス・ジョンソン", "マイケル・ブラウン")
        )
        .unverified
        .is_empty()
    );
}
