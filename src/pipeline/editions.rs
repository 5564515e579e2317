//! Editions: one story in several languages. One brief serves every edition, so
//! each rests on the same statements, facts and sides; then each language gets
//! its own writing rounds, checks and revision, all editions at once.

use crate::ids::Lang;
use std::time::Instant;

use futures::future::try_join_all;

use super::assemble::assemble;
use super::rounds::{brief, complete, compose};
use super::{Answerer, Job, Plan};
use crate::article::Article;
use crate::article::integrity::{FindingKind, Severity};
use crate::check::parity::{DifferenceKind, compare};
use crate::check::{Check, Doc, Finding};
use crate::error::Error;
use crate::persona::Persona;
use crate::stage::Section;

/// The persona writing in `language`.
fn in_language(persona: &Persona, language: &Lang) -> Persona {
    let mut p = persona.clone();
    p.spec.language = language.clone();
    p
}

/// One article per language of `languages` (the job's persona's language when
/// empty), in that order. The brief is asked once, in the first language; its
/// call is recorded in the first edition. Every edition is written at once; an
/// edition that states other facts, quotations or sides than the first is sent
/// to the revision round with those differences, and what still differs after
/// it is a parity finding. Each edition's metadata lists every edition's language.
pub(crate) async fn editions<A: Answerer>(
    answerer: &A,
    job: &Job<'_>,
    languages: &[Lang],
) -> Result<Vec<Article>, Error> {
    let started = Instant::now();
    let languages: Vec<Lang> = if languages.is_empty() {
        vec![job.persona.spec.language.clone()]
    } else {
        languages.to_vec()
    };
    let personas: Vec<Persona> = languages.iter().map(|l| in_language(job.persona, l)).collect();
    let jobs: Vec<Job<'_>> = personas
        .iter()
        .map(|persona| Job {
            persona,
            sources: job.sources,
            prompts: job.prompts,
            options: job.options,
        })
        .collect();
    let plans: Vec<Plan<'_>> = jobs.iter().map(Plan::new).collect();
    let (brief, rec) = brief(answerer, &plans[0]).await?;
    let mut first = Some(rec);
    let composed = try_join_all(plans.iter().map(|plan| {
        let calls = first.take().into_iter().collect();
        compose(answerer, plan, &brief, calls)
    }))
    .await?;
    let docs: Vec<Doc> = plans
        .iter()
        .zip(&composed)
        .map(|(plan, c)| Doc::from_article(&assemble(plan.job, &c.drafts, &c.calls, 0)))
        .collect();
    let also: Vec<Vec<Finding>> = (0..docs.len())
        .map(|i| parity(&docs, i, &languages, job.persona))
        .collect();
    let completed = plans
        .iter()
        .zip(composed)
        .zip(also)
        .map(|((plan, c), also)| complete(answerer, plan, c, also, started));
    let mut articles = try_join_all(completed).await?;
    if articles.len() > 1 {
        let docs: Vec<Doc> = articles.iter().map(Doc::from_article).collect();
        for (i, a) in articles.iter_mut().enumerate() {
            a.meta.editions = languages.clone();
            if let Some(r) = &mut a.meta.integrity {
                r.findings.extend(parity(&docs, i, &languages, job.persona));
            }
        }
    }
    Ok(articles)
}

/// How edition `i` differs from the first edition, as findings on edition
/// `i`'s own blocks (none for the first edition, the reference).
fn parity(docs: &[Doc], i: usize, languages: &[Lang], persona: &Persona) -> Vec<Finding> {
    if i == 0 {
        return Vec::new();
    }
    let (first, this) = (&docs[0], &docs[i]);
    let lang = &languages[0];
    compare(this, first, persona)
        .into_iter()
        .map(|d| {
            let block = this.blocks.iter().find(|b| b.location == d.edition.location);
            let section = block.map_or(Section::Lede, |b| b.section.clone());
            let location = block.map_or_else(|| "article".to_string(), |b| b.location.clone());
            let expected = match (d.kind, d.against.text.is_empty()) {
                (DifferenceKind::Fact, true) => {
                    format!("the `{lang}` edition does not state it; state the same facts")
                }
                (_, true) => format!("as in the `{lang}` edition"),
                (_, false) => format!(
                    "as in the `{lang}` edition ({}): {}",
                    d.against.location, d.against.text
                ),
            };
            Finding {
                check: Check::Parity,
                kind: FindingKind::Parity,
                severity: Severity::of(Check::Parity, FindingKind::Parity),
                section,
                location,
                at: None,
                claim: d.claim,
                expected,
                attribution: None,
            }
        })
        .collect()
}
