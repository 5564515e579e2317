//! Sloppy answers on purpose: schema-valid JSON with the flaws real models, small
//! local ones above all, are known for. A paraphrased pull quote, citations of
//! passages that do not exist, empty optional parts, an empty required field, a
//! quotation, number and name no source holds, another side's words in a side's
//! section, and revisions worse than the draft they revise. Which flaw an answer
//! gets depends on its request's index, so a run repeats exactly.

use serde_json::Value;

/// Spoil `answer` (the answer to a request with schema `name`, the `index`th
/// request of the server, whose prompt is `prompt`).
pub fn spoil(answer: &mut Value, name: &str, index: usize, prompt: &str) {
    if name.starts_with("revise_") {
        // A revision that is worse than the draft: a fabricated number, or an
        // answer whose required part is empty.
        if index.is_multiple_of(2) {
            super::answer::append_to_first_text(answer, " Officials counted 99,999 troops.");
        } else {
            blank_first_text(answer);
        }
        return;
    }
    if let Some(q) = answer.get_mut("pull_quote") {
        *q = Value::String("a stirring phrase that no source ever used".into());
    }
    match index % 4 {
        0 => add_unknown_cite(answer),
        1 => {
            for part in ["reasons", "implications", "closing"] {
                if let Some(p) = answer.get_mut(part) {
                    p["text"] = Value::String(String::new());
                    p["cites"] = Value::Array(Vec::new());
                }
            }
        }
        2 => {
            if let Some(h) = answer.get_mut("headline") {
                *h = Value::String(String::new());
            }
            add_unknown_cite(answer);
        }
        _ => {
            super::answer::append_to_first_text(
                answer,
                " A senior official said they \"will never accept this\", and Minister Zorblat Quenby counted 12,345 ships.",
            );
        }
    }
    // A side's section that speaks in another side's words, citing them.
    if let Some(side) = name.strip_prefix("perspective_")
        && index.is_multiple_of(3)
        && let Some(p) = super::answer::other_sides_passage(prompt, &side.replace('_', "-"))
        && let Some(position) = answer.get_mut("position")
    {
        position["text"] = Value::String(p.text);
        position["cites"] = Value::Array(vec![Value::String(p.id)]);
    }
}

/// Add a citation of `S999` to every `cites` list.
fn add_unknown_cite(v: &mut Value) {
    match v {
        Value::Object(o) => {
            for (k, child) in o.iter_mut() {
                if k == "cites"
                    && let Value::Array(a) = child
                {
                    a.push(Value::String("S999".into()));
                } else {
                    add_unknown_cite(child);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(add_unknown_cite),
        _ => {}
    }
}

/// Empty the first `text` field (depth first).
fn blank_first_text(v: &mut Value) -> bool {
    match v {
        Value::Object(o) => {
            if let Some(Value::String(s)) = o.get_mut("text") {
                s.clear();
                return true;
            }
            o.values_mut().any(blank_first_text)
        }
        Value::Array(a) => a.iter_mut().any(blank_first_text),
        _ => false,
    }
}
