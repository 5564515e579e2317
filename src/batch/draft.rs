//! One story of a batch, drafted and written: its editions through the drafter
//! (or the batch engine's client), each article published, and what they came
//! to for the report.

use super::inputs::voice_for;
use super::report::SideOutcome;
use super::{Item, Run, finish};
use crate::error::Result;
use crate::llm::Usage;
use crate::source::Source;

/// What a story's written articles came to.
pub(super) struct Written {
    pub(crate) usage: Usage,
    pub(crate) cost: Option<f64>,
    pub(crate) calls: usize,
    pub(crate) degraded: usize,
    pub(crate) sides: Vec<SideOutcome>,
}

/// Draft one story and write its files; the journal's `done` comes after them.
pub(super) async fn draft_one(run: &Run<'_>, item: &Item, sources: Vec<Source>) -> Result<Written> {
    let voice = voice_for(run.session, item)?;
    let mut options = run
        .session
        .drafter()
        .options(&voice.persona, item.model.as_ref(), false)?;
    options.date = run.date;
    let languages = run.session.drafter().languages();
    let editions = match run.engine {
        Some(engine) => {
            let client = engine.client_for(&item.id);
            let drafting = run
                .session
                .drafter()
                .editions_with(&voice, sources, &options, languages, &client);
            drafting.await?
        }
        None => {
            run.session
                .drafter()
                .editions(&voice, sources, &options, languages)
                .await?
        }
    };
    let mut w = Written {
        usage: Usage::default(),
        cost: Some(0.0),
        calls: 0,
        degraded: 0,
        sides: Vec::new(),
    };
    for (mut drafted, stem) in editions.into_iter().zip(run.stems(&item.id)) {
        finish::publish(run, &voice, &mut drafted, stem)?;
        let m = &drafted.article.meta;
        w.usage += m.usage;
        w.cost = w.cost.zip(m.cost_usd).map(|(a, b)| a + b);
        w.calls += m.calls.iter().filter(|c| !c.cached).count();
        w.degraded += m.integrity.as_ref().map_or(0, |r| r.degraded().count());
        w.sides.extend(SideOutcome::of(&drafted.article));
    }
    Ok(w)
}
