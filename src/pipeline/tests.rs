//! The pipeline against a scripted in-memory client: which stages are asked, what
//! a valid run assembles, and how an unusable answer degrades instead of failing.

use std::collections::BTreeMap;
use std::sync::Mutex;

use super::*;
use crate::article::Article;
use crate::check;
use crate::config::ProviderKind;
use crate::error::Error;
use crate::llm::ChatRequest;
use crate::persona::Persona;
use crate::prompt::Prompts;
use crate::source::Source;
use crate::stage::{Section, Stage};

/// One article: the only edition of the persona's language.
async fn draft<A: Answerer>(answerer: &A, job: &Job<'_>) -> Result<Article, Error> {
    let mut articles = editions(answerer, job, &[]).await?;
    articles.pop().ok_or_else(|| Error::internal("no article"))
}
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
        self.asked.lock().unwrap().push(req.stage.to_string());
        // `STAGE@LANG` answers only the edition in that language.
        let edition = self.replies.iter().find(|(k, _)| {
            k.split_once('@').is_some_and(|(stage, lang)| {
                *stage == req.stage.to_string()
                    && req
                        .messages
                        .iter()
                        .any(|m| m.content.contains(&format!("language `{lang}`")))
            })
        });
        let content = edition
            .map(|(_, v)| v.clone())
            .or_else(|| self.replies.get(&req.stage.to_string()).cloned())
            .unwrap_or_default();
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
    let mut options = DraftOptions::preview(crate::config::every_stage(crate::config::Model::new("m")));
    options.kind = ProviderKind::Model;
    (persona, sources, prompts, options)
}

/// The extractive answers of every stage, as a model would send them.
async fn valid_answers(job: &Job<'_>) -> Vec<(String, String)> {
    dry_run(job, &[])
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
    assert!(
        !asked.iter().any(|s| s == "finish"),
        "the headline, deck and closing come with the lede: {asked:?}"
    );
    assert_eq!(asked.len(), 1 + 1 + 4, "{asked:?}");
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

#[tokio::test]
async fn a_headline_of_noise_is_replaced_and_the_lede_beside_it_kept() {
    let lede = "About 5% of world maritime trade passes through the canal.";
    let (article, _) = draft_with(|answers| {
        for (stage, answer) in answers.iter_mut() {
            if stage == "lede" {
                let mut v: serde_json::Value = serde_json::from_str(answer).unwrap();
                v["headline"] = "Commerceworld developspeaker whosehttps followedendif stance".into();
                v["lede"]["text"] = lede.into();
                *answer = v.to_string();
            }
        }
    })
    .await;
    assert_eq!(article.headline, "Canal talks", "the source's title");
    assert_eq!(article.lede.text, lede, "the rest of the answer is kept");
    let report = article.meta.integrity.unwrap();
    assert!(
        report
            .degraded()
            .any(|f| f.claim.contains("headline: its words appear in no passage")),
        "{:?}",
        report.findings
    );
}

#[tokio::test]
async fn editions_share_one_brief_and_each_language_gets_its_own_rounds() {
    let (persona, sources, prompts, options) = fixture();
    let job = Job {
        persona: &persona,
        sources: &sources,
        prompts: &prompts,
        options: &options,
    };
    let answers = valid_answers(&job).await;
    let refs: Vec<(&str, &str)> = answers.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let client = Scripted::new(&refs);
    let langs: [crate::ids::Lang; 2] = ["ko".into(), "en".into()];
    let articles = editions(&ModelAnswerer(&client), &job, &langs).await.unwrap();
    let asked = client.asked();
    assert_eq!(asked.iter().filter(|s| *s == "brief").count(), 1, "{asked:?}");
    assert_eq!(asked.len(), 1 + 2 * (1 + 4), "{asked:?}");
    let got: Vec<&str> = articles.iter().map(|a| a.meta.language.as_str()).collect();
    assert_eq!(got, ["ko", "en"]);
    for a in &articles {
        assert_eq!(a.meta.editions, langs);
        assert_eq!(a.perspectives.len(), 4);
    }
    // The brief's call is counted once, in the first edition.
    let briefs = |a: &Article| a.meta.calls.iter().filter(|c| c.stage == Stage::Brief).count();
    assert_eq!((briefs(&articles[0]), briefs(&articles[1])), (1, 0));
}

#[tokio::test]
async fn a_quotation_translated_from_a_japanese_passage_carries_its_original() {
    let text = "# 尖閣\n\n林芳正官房長官は2日の記者会見で「断じて容認できない」と述べた。\n\n\
中国外務省の毛寧報道官は「釣魚島は中国固有の領土だ」と述べた。";
    let persona = crate::persona::load("prism", &[]).unwrap();
    let mut sources = vec![source::parse(std::path::Path::new("s.md"), text, 1, 1).unwrap()];
    source::tag_perspectives(&mut sources, &persona).unwrap();
    let (_, _, prompts, options) = fixture();
    let job = Job {
        persona: &persona,
        sources: &sources,
        prompts: &prompts,
        options: &options,
    };
    let mut answers = valid_answers(&job).await;
    let cite = sources[0].passages[0].id.clone();
    for (stage, answer) in answers.iter_mut() {
        if stage == "perspective:japan" {
            let mut v: serde_json::Value = serde_json::from_str(answer).unwrap();
            v["position"]["text"] =
                "Chief Cabinet Secretary Yoshimasa Hayashi said it was \"absolutely unacceptable\".".into();
            v["position"]["cites"] = serde_json::json!([cite]);
            *answer = v.to_string();
        }
    }
    let refs: Vec<(&str, &str)> = answers.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let client = Scripted::new(&refs);
    let article = draft(&ModelAnswerer(&client), &job).await.unwrap();
    let q = article
        .quotations
        .iter()
        .find(|q| q.text == "absolutely unacceptable")
        .unwrap_or_else(|| panic!("{:?}", article.quotations));
    assert!(q.translated);
    let original = q.original.as_ref().unwrap();
    assert_eq!(
        (original.passage.as_str(), original.text.as_str()),
        (cite.as_str(), "断じて容認できない")
    );
    let untranslated = article.quotations.iter().filter(|q| !q.translated).count();
    assert_eq!(untranslated + 1, article.quotations.len());
}

#[tokio::test]
async fn an_edition_that_drops_a_fact_is_revised_with_it_and_else_flagged() {
    let (persona, sources, prompts, options) = fixture();
    let job = Job {
        persona: &persona,
        sources: &sources,
        prompts: &prompts,
        options: &options,
    };
    let mut answers = valid_answers(&job).await;
    let holding: Vec<(String, String)> = answers
        .iter()
        .filter(|(_, a)| a.contains("about 5% of"))
        .map(|(s, a)| (format!("{s}@en"), a.replace("about 5% of", "much of")))
        .collect();
    assert!(holding.iter().any(|(s, _)| s == "lede@en"), "{holding:?}");
    answers.extend(holding);
    let refs: Vec<(&str, &str)> = answers.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let client = Scripted::new(&refs);
    let langs: [crate::ids::Lang; 2] = ["ko".into(), "en".into()];
    let articles = editions(&ModelAnswerer(&client), &job, &langs).await.unwrap();
    let asked = client.asked();
    // Only the en edition is sent back, with the difference; its answer (empty
    // here) is discarded without a repair.
    assert!(asked.iter().any(|s| s == "revise:lede"), "{asked:?}");
    assert_eq!(asked.len(), 1 + 2 * 5 + 2, "{asked:?}");
    let parity = |a: &Article| {
        a.meta
            .integrity
            .as_ref()
            .unwrap()
            .findings
            .iter()
            .filter(|f| f.kind == crate::article::integrity::FindingKind::Parity)
            .map(|f| f.claim.clone())
            .collect::<Vec<_>>()
    };
    assert!(
        parity(&articles[0]).is_empty(),
        "the first edition is the reference"
    );
    let left = parity(&articles[1]);
    assert!(!left.is_empty() && left.iter().all(|c| c == "5%"), "{left:?}");
}

#[test]
fn a_revision_reads_only_the_passages_its_part_cites_and_its_sides() {
    let (persona, sources, prompts, options) = fixture();
    let job = Job {
        persona: &persona,
        sources: &sources,
        prompts: &prompts,
        options: &options,
    };
    let plan = Plan::new(&job);
    let current =
        serde_json::json!({"subhead": "Japan", "position": {"text": "Tokyo spoke.", "cites": ["S1"]}});
    let stage = Stage::Revise(Section::Perspective("japan".into()));
    let findings = serde_json::json!(["perspective japan: number `9`: no such number"]);
    let req = plan
        .request(&stage, &[("current", current), ("findings", findings)])
        .unwrap();
    let prompt: String = req.messages.iter().map(|m| m.content.as_str()).collect();
    assert!(
        prompt.contains("[S1]") && prompt.contains("[S4]"),
        "cited and Japan's own"
    );
    assert!(
        !prompt.contains("[S2]") && !prompt.contains("[S3]"),
        "China's and Washington's are left out"
    );
    let draft = plan.request(&Stage::Brief, &[]).unwrap();
    assert!(req.prompt_tokens() < draft.prompt_tokens());
}

mod held;
