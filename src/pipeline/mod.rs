//! The pipeline: one article's stages, in rounds (the brief; then the
//! opening and every side's section at once; then checks and one revision),
//! each asked of a stage answerer for its typed answer: a model
//! ([`ModelAnswerer`]), the passages alone ([`ExtractiveAnswerer`]), or a dry
//! run that records the requests ([`DryRun`]). `job` holds an article's inputs,
//! `rounds` its orchestration, `editions` one article per language from one
//! brief; this file is the face the rest of parallax sees.

mod answer;
mod assemble;
pub(crate) mod budget;
mod call;
mod degrade;
mod editions;
pub(crate) mod extractive;
mod job;
mod plan;
mod preview;
mod revise;
mod rounds;
mod salvage;

pub(crate) use answer::{Answerer, Ask, DryRun, ExtractiveAnswerer, ModelAnswerer};
pub(crate) use editions::editions;
pub(crate) use job::{DraftOptions, Job, PlannedCall};
pub(crate) use plan::Plan;
pub(crate) use preview::{dry_run, every_request};

#[cfg(test)]
mod tests;
