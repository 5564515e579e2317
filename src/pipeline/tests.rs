//! The pipeline against a scripted in-memory client: which stages are asked, what
//! a valid run assembles, and how an unusable answer degrades instead of failing.

use std::collections::BTreeMap;
use std::sync::Mutex;

use super::*;
use crate::llm::{ChatResponse, LlmClient, LlmError};
use crate::source;

/// Answers each request by its stage label: a scripted text, else the
/// extractive answer for that stage (which is always valid).
struct Scripted {
    replies: BTreeMap<String, String>,
    asked: Mutex<Vec<String>>,
}

impl Scripted {
    fn new(replies: &[(&str, &str)]) -> Self {
        Self {
            replies: replies
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            asked: Mutex::new(Vec::new()),
        }
    }

    fn asked(&self) -> Vec<String> {
        self.asked.lock().unwrap().clone()
    }
}

impl LlmClient for Scripted {
    async fn complete(&self, req: &ChatRequest) -> Result<ChatResponse, LlmError> {
        self.asked.lock().unwrap().push(req.stage.clone());
        let content = self.replies.get(&req.stage).cloned().unwrap_or_default();
        Ok(ChatResponse {
            content,
            model: "scripted".into(),
            finish_reason: Some("stop".into()),
            cost_usd: Some(0.0),
            ..ChatResponse::default()
        })
    }
}

const SOURCE: &str = "# Canal talks\n\n\
The canal handles about 5% of world maritime trade.\n\n\
China's foreign ministry spokesperson Mao Ning said the canal \"must remain neutral and open to all nations\".\n\n\
U.S. Secretary of State Marco Rubio said Washington \"will not allow China to control the canal\".\n\n\
Japan has called for \"stable and predictable access\" for shipping.\n\n\
Seoul said it hoped the dispute would be \"resolved through dialogue\".";

fn fixture() -> (Persona, Vec<Source>, Prompts, DraftOptions) {
    let persona = crate::persona::load("prism", &[]).unwrap();
    let mut sources = vec![source::parse(std::path::Path::new("s.md"), SOURCE, 1, 1).unwrap()];
    source::tag_perspectives(&mut sources, &persona).unwrap();
    let prompts = Prompts::load(&[]).unwrap();
    let mut options = DraftOptions::preview(
        crate::ident::STAGE_KINDS
            .iter()
            .map(|k| (k.to_string(), "m".into()))
            .collect(),
    );
    options.kind = ProviderKind::Model;
    (persona, sources, prompts, options)
}

/// The extractive answers of every stage, as a model would send them.
async fn valid_answers(job: &Job<'_>) -> Vec<(String, String)> {
    dry_run(job)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.stage.to_string(), c.answer))
        .collect()
}

/// Draft the fixture with the model answering each stage as the extractive
/// strategy would, after `tweak` has spoilt some answers; the article and the
/// stages asked, in order.
async fn draft_with(tweak: impl FnOnce(&mut Vec<(String, String)>)) -> (Article, Vec<String>) {
    let (persona, sources, prompts, options) = fixture();
    let job = Job {
        persona: &persona,
        sources: &sources,
        prompts: &prompts,
        options: &options,
    };
    let mut answers = valid_answers(&job).await;
    tweak(&mut answers);
    let refs: Vec<(&str, &str)> = answers.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let client = Scripted::new(&refs);
    let article = draft(&ModelAnswerer(&client), &job).await.unwrap();
    (article, client.asked())
}

#[tokio::test]
async fn a_valid_run_asks_each_stage_once_in_round_order() {
    let (article, asked) = draft_with(|_| {}).await;
    assert_eq!(asked.first().map(String::as_str), Some("brief"));
    assert_eq!(asked.last().map(String::as_str), Some("finish"));
    assert_eq!(asked.len(), 2 + 4 + 1, "{asked:?}");
    assert_eq!(article.perspectives.len(), 4);
    assert!(
        article.perspectives.iter().all(|p| p.stated),
        "{:?}",
        article.perspectives
    );
    let report = article.meta.integrity.unwrap();
    assert_eq!(report.degraded().count(), 0, "{:?}", report.findings);
}

#[tokio::test]
async fn an_unusable_perspective_is_built_from_that_sides_statements_and_flagged() {
    let (article, asked) = draft_with(|answers| {
        answers.retain(|(stage, _)| stage != "perspective:china");
        answers.push(("perspective:china".into(), "I cannot answer that.".into()));
    })
    .await;
    assert_eq!(
        asked.iter().filter(|s| *s == "perspective:china").count(),
        2,
        "one repair, then the sources"
    );
    let china = article.perspectives.iter().find(|p| p.id == "china").unwrap();
    assert!(china.position.text.contains("Mao Ning"), "{china:?}");
    let report = article.meta.integrity.unwrap();
    let degraded: Vec<_> = report.degraded().collect();
    assert_eq!(degraded.len(), 1, "{degraded:?}");
    assert!(
        degraded[0]
            .claim
            .contains("perspective:china: quoted from the sources")
    );
}

#[tokio::test]
async fn a_bad_pull_quote_is_dropped_not_fatal() {
    let (article, _) = draft_with(|answers| {
        for (stage, answer) in answers.iter_mut() {
            if stage == "lede" {
                let mut v: serde_json::Value = serde_json::from_str(answer).unwrap();
                v["pull_quote"] = "words nobody said".into();
                *answer = v.to_string();
            }
        }
    })
    .await;
    assert_eq!(article.pull_quote, None);
    assert!(!article.lede.text.is_empty(), "the rest of the opening is kept");
    let report = article.meta.integrity.unwrap();
    assert!(
        report.degraded().any(|f| f.claim.contains("pull quote dropped")),
        "{:?}",
        report.findings
    );
}
