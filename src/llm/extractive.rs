//! The extractive provider: drafts with no language model at all. Each part of the
//! article is built from the source passages themselves, deterministically, so an
//! editor sees which passages back each section before spending a token.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::json;

use super::{ChatRequest, ChatResponse, LlmClient, LlmError, Usage};
use crate::labels;
use crate::stage::{Brief, Claim, Position};

/// Model name recorded for extractive drafts.
pub const MODEL: &str = "extractive";

#[derive(Debug, Clone, Default)]
pub struct ExtractiveClient;

#[derive(Deserialize)]
struct Passage {
    id: String,
    text: String,
    perspectives: Vec<String>,
}

#[derive(Deserialize)]
struct PerspectiveRef {
    id: String,
    label: String,
}

#[derive(Deserialize)]
struct PersonaRef {
    perspectives: Vec<PerspectiveRef>,
    language: String,
}

#[derive(Deserialize)]
struct SourceRef {
    title: String,
}

#[derive(Deserialize)]
struct Ctx {
    persona: PersonaRef,
    passages: Vec<Passage>,
    sources: Vec<SourceRef>,
    brief: Option<Brief>,
    perspective: Option<PerspectiveRef>,
}

impl LlmClient for ExtractiveClient {
    async fn complete(&self, req: &ChatRequest) -> Result<ChatResponse, LlmError> {
        let invalid = |detail: String| LlmError::InvalidAnswer {
            stage: req.stage.clone(),
            detail,
            excerpt: String::new(),
        };
        let ctx: Ctx = serde_json::from_value(req.context.clone())
            .map_err(|e| invalid(format!("stage context: {e}")))?;
        let answer = match req.stage.split(':').next().unwrap_or("") {
            "brief" => brief(&ctx),
            "lede" => opening(&ctx, need(&ctx.brief, &invalid)?),
            "perspective" => {
                let p = ctx
                    .perspective
                    .as_ref()
                    .ok_or_else(|| invalid("no perspective in context".into()))?;
                perspective(&ctx, need(&ctx.brief, &invalid)?, p)
            }
            "finish" => finish(&ctx, need(&ctx.brief, &invalid)?),
            // Passages are already verbatim: a revision keeps the draft as it is.
            "revise" => req.context.get("current").cloned().unwrap_or_default(),
            other => return Err(invalid(format!("unknown stage `{other}`"))),
        };
        Ok(ChatResponse {
            content: answer.to_string(),
            usage: Usage::default(),
            model: MODEL.into(),
            finish_reason: Some("stop".into()),
            cached: false,
            cost_usd: Some(0.0),
            cache_key: None,
        })
    }
}

fn need<'a>(b: &'a Option<Brief>, invalid: &impl Fn(String) -> LlmError) -> Result<&'a Brief, LlmError> {
    b.as_ref().ok_or_else(|| invalid("no brief in context".into()))
}

fn claim(p: &Passage) -> Claim {
    Claim {
        text: p.text.clone(),
        cites: vec![p.id.clone()],
    }
}

/// Key facts are the passages no perspective claims (all passages if every one is
/// claimed); each perspective's position is the first passage that speaks for it.
fn brief(ctx: &Ctx) -> serde_json::Value {
    let neutral: Vec<&Passage> = ctx
        .passages
        .iter()
        .filter(|p| p.perspectives.is_empty())
        .collect();
    let pool = if neutral.is_empty() {
        ctx.passages.iter().collect()
    } else {
        neutral
    };
    let key_facts: Vec<Claim> = pool.iter().take(8).map(|p| claim(p)).collect();
    let perspectives: BTreeMap<&str, Position> = ctx
        .persona
        .perspectives
        .iter()
        .map(|persp| {
            let own: Vec<&Passage> = ctx
                .passages
                .iter()
                .filter(|p| p.perspectives.contains(&persp.id))
                .take(3)
                .collect();
            let position = Position {
                stated: !own.is_empty(),
                position: own.first().map(|p| p.text.clone()).unwrap_or_default(),
                cites: own.iter().map(|p| p.id.clone()).collect(),
            };
            (persp.id.as_str(), position)
        })
        .collect();
    json!({ "key_facts": key_facts, "perspectives": perspectives })
}

fn opening(ctx: &Ctx, brief: &Brief) -> serde_json::Value {
    let lede = brief.key_facts.first().cloned();
    let sections: Vec<_> = brief
        .key_facts
        .iter()
        .skip(1)
        .collect::<Vec<_>>()
        .chunks(3)
        .zip(labels::for_language(&ctx.persona.language).context_subheads)
        .map(|(chunk, subhead)| json!({ "subhead": subhead, "paragraphs": chunk }))
        .collect();
    let first_quote = ctx
        .passages
        .iter()
        .find_map(|p| quotation(&p.text))
        .unwrap_or_default();
    json!({ "lede": lede, "pull_quote": first_quote, "sections": sections })
}

fn perspective(ctx: &Ctx, brief: &Brief, p: &PerspectiveRef) -> serde_json::Value {
    let cited: Vec<&Passage> = brief
        .perspectives
        .get(&p.id)
        .map(|pos| {
            pos.cites
                .iter()
                .filter_map(|id| ctx.passages.iter().find(|x| &x.id == id))
                .collect()
        })
        .unwrap_or_default();
    let part = |i: usize, missing: String| match cited.get(i) {
        Some(passage) => claim(passage),
        None => Claim {
            text: missing,
            cites: vec![],
        },
    };
    let labels = labels::for_language(&ctx.persona.language);
    json!({
        "subhead": p.label,
        "position": part(0, labels.no_position(&p.label)),
        "reasons": part(1, labels.no_reasons_beyond.into()),
        "implications": part(2, labels.no_meaning.into()),
    })
}

fn finish(ctx: &Ctx, brief: &Brief) -> serde_json::Value {
    let lede = brief.key_facts.first().map(|c| c.text.as_str()).unwrap_or("");
    let headline = ctx
        .sources
        .first()
        .map(|s| s.title.clone())
        .filter(|t| !t.starts_with("Source "))
        .unwrap_or_else(|| words(first_sentence(lede), 14));
    let deck_from = brief.key_facts.get(1).or(brief.key_facts.first());
    let deck = deck_from
        .map(|c| first_sentence(&c.text).to_string())
        .unwrap_or_default();
    json!({ "headline": headline, "deck": deck, "closing": { "text": "", "cites": [] } })
}

/// The first sentence of `s` (up to a `.`, `!` or `?` followed by a space).
pub fn first_sentence(s: &str) -> &str {
    let bytes = s.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1).is_none_or(|n| *n == b' ') && i > 20 {
            return &s[..=i];
        }
    }
    s
}

fn words(s: &str, max: usize) -> String {
    let w: Vec<&str> = s.split_whitespace().collect();
    if w.len() <= max {
        return w.join(" ");
    }
    format!("{}…", w[..max].join(" "))
}

/// The first quotation of 3 to 40 words in `s`, without its marks.
pub fn quotation(s: &str) -> Option<String> {
    for (open, close) in [('“', '”'), ('"', '"')] {
        let mut rest = s;
        while let Some(i) = rest.find(open) {
            let after = &rest[i + open.len_utf8()..];
            let Some(j) = after.find(close) else { break };
            let q = after[..j].trim();
            let n = q.split_whitespace().count();
            if (3..=40).contains(&n) {
                return Some(q.trim_end_matches([',', '.']).to_string());
            }
            rest = &after[j + close.len_utf8()..];
        }
    }
    None
}

#[cfg(test)]
#[path = "extractive_tests.rs"]
mod tests;
