//! What calls cost: a price table per model (shipped defaults, overridable in
//! `parallax.toml`), applied to each call's token usage.

use super::Model;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Usage;

/// `$0.0123`, or a note that the model has no price.
pub(crate) fn describe(cost: Option<f64>) -> String {
    match cost {
        Some(c) => format!("${c:.4}"),
        None => "cost unknown (no price for the model; add [prices] to parallax.toml)".into(),
    }
}

/// US dollars per million tokens.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Price {
    pub(crate) input: f64,
    /// Prompt tokens served from the provider's prompt cache (default: `input`).
    #[serde(default)]
    pub(crate) cached_input: Option<f64>,
    pub(crate) output: f64,
}

/// List prices at the time of writing; providers change them, so
/// `[prices."MODEL"]` in `parallax.toml` overrides any of these.
const DEFAULTS: &[(&str, f64, f64, f64)] = &[
    ("gpt-4o-mini", 0.15, 0.075, 0.60),
    ("gpt-4o", 2.50, 1.25, 10.00),
    ("gpt-4.1-nano", 0.10, 0.025, 0.40),
    ("gpt-4.1-mini", 0.40, 0.10, 1.60),
    ("gpt-4.1", 2.00, 0.50, 8.00),
    ("claude-haiku-4-5", 1.00, 0.10, 5.00),
    ("claude-sonnet-4-5", 3.00, 0.30, 15.00),
    ("claude-sonnet-4", 3.00, 0.30, 15.00),
    ("claude-opus-4-1", 15.00, 1.50, 75.00),
    ("deepseek-chat", 0.27, 0.07, 1.10),
    ("mistral-small-latest", 0.10, 0.10, 0.30),
    ("gemini-2.5-flash", 0.30, 0.075, 2.50),
];

/// What the providers' batch engines charge, as a share of the live price
/// (OpenAI Batch and Anthropic Message Batches both charge half).
pub(crate) const BATCH_DISCOUNT: f64 = 0.5;

/// Prices by model name. A model matches its exact entry, else the longest entry
/// it starts with (`gpt-4o-mini-2024-07-18` is priced as `gpt-4o-mini`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PriceTable {
    prices: BTreeMap<String, Price>,
    /// Servers on this machine cost nothing per token unless a price says otherwise.
    local: bool,
}

impl PriceTable {
    pub(crate) fn new(overrides: &BTreeMap<String, Price>, local: bool) -> Self {
        let mut prices: BTreeMap<String, Price> = DEFAULTS
            .iter()
            .map(|&(m, i, c, o)| {
                let p = Price {
                    input: i,
                    cached_input: Some(c),
                    output: o,
                };
                (m.to_string(), p)
            })
            .collect();
        prices.extend(overrides.iter().map(|(k, v)| (k.clone(), *v)));
        Self { prices, local }
    }

    pub(crate) fn price(&self, model: &Model) -> Option<Price> {
        if let Some(p) = self.prices.get(&**model) {
            return Some(*p);
        }
        let best = self
            .prices
            .iter()
            .filter(|(k, _)| model.starts_with(k.as_str()))
            .max_by_key(|(k, _)| k.len());
        match best {
            Some((_, p)) => Some(*p),
            None if self.local => Some(Price {
                input: 0.0,
                cached_input: None,
                output: 0.0,
            }),
            None => None,
        }
    }

    /// Cost of `usage` on `model` in US dollars, if the model has a price.
    pub(crate) fn cost(&self, model: &Model, usage: &Usage) -> Option<f64> {
        let p = self.price(model)?;
        let cached = usage.cached_prompt_tokens.min(usage.prompt_tokens) as f64;
        let fresh = usage.prompt_tokens as f64 - cached;
        let dollars = fresh * p.input
            + cached * p.cached_input.unwrap_or(p.input)
            + usage.completion_tokens as f64 * p.output;
        Some(dollars / 1_000_000.0)
    }
}

#[cfg(test)]
mod tests;
