//! Foreign names written in katakana, told against the sources' Latin names by
//! how they sound: a name no source name sounds like is a note, never a
//! finding.

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
