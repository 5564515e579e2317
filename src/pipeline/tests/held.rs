//! Hard findings held back after revision: a fabricated number cut with its
//! sentence, another side's words replaced by the side's own.

use super::*;

/// Draft with Japan's stated position written as `text` (citing `cite`, the
/// passage index), its revision unusable; the article's Japan section and report.
async fn japan_says(text: &str, cite: usize) -> (crate::article::PerspectiveSection, check::Report) {
    let (article, _) = draft_with(|answers| {
        for (stage, answer) in answers.iter_mut() {
            if stage == "perspective:japan" {
                let mut v: serde_json::Value = serde_json::from_str(answer).unwrap();
                v["position"]["text"] = text.into();
                v["position"]["cites"] = serde_json::json!([format!("S{cite}")]);
                *answer = v.to_string();
            }
        }
    })
    .await;
    let japan = article
        .perspectives
        .iter()
        .find(|p| p.id == "japan")
        .unwrap()
        .clone();
    (japan, article.meta.integrity.unwrap())
}

#[tokio::test]
async fn a_fabricated_number_that_survives_revision_is_cut_with_its_sentence() {
    let (japan, report) = japan_says(
        "Japan has called for \"stable and predictable access\" for shipping. Tokyo counted 42,000 troops.",
        4,
    )
    .await;
    assert_eq!(
        japan.position.text,
        "Japan has called for \"stable and predictable access\" for shipping."
    );
    held_back(&report, "sentences holding it cut");
}

/// `report` carries no hard finding, and Japan's section is flagged as `done`;
/// its unusable revision is not counted as a revision, and is noted once.
fn held_back(report: &check::Report, done: &str) {
    assert!(
        !report.revised.iter().any(|s| s.to_string().contains("japan")),
        "{:?}",
        report.revised
    );
    let notes = report
        .degraded()
        .filter(|f| f.claim.starts_with("revise:perspective:japan"))
        .count();
    assert!(notes <= 1, "{:?}", report.findings);
    assert!(
        !report.findings.iter().any(degrade::is_hard),
        "{:?}",
        report.findings
    );
    assert!(
        report
            .degraded()
            .any(|f| f.location.contains("japan") && f.claim.contains(done)),
        "{:?}",
        report.findings
    );
}

#[tokio::test]
async fn another_sides_words_in_a_section_are_replaced_by_that_sides_own() {
    let (japan, report) = japan_says(
        "China's foreign ministry spokesperson Mao Ning said the canal \"must remain neutral and open to all nations\".",
        2,
    )
    .await;
    assert!(!japan.position.text.contains("Mao Ning"), "{japan:?}");
    assert!(
        japan.position.text.contains("stable and predictable access"),
        "{japan:?}"
    );
    held_back(&report, "rebuilt from the sources");
}
