//! Answers built from the request itself: JSON that fits the request's schema, its
//! strings taken from the prompt's source passages (`[S1] …` lines) and its
//! citations pointing at the passage each string came from.

use serde_json::{Value, json};

/// The answer to a prompt: JSON filling `schema`, or plain prose without one.
/// A stage named for one side (`perspective_japan`) draws on the passages that
/// speak for it, as a model would.
pub fn answer(prompt: &str, schema: Option<&Value>, schema_name: Option<&str>, index: usize) -> Value {
    let passages = passages(prompt);
    let side = schema_name
        .and_then(|n| {
            n.strip_prefix("revise_")
                .unwrap_or(n)
                .strip_prefix("perspective_")
        })
        .map(|s| s.replace('_', "-"));
    match schema {
        Some(schema) => fill(schema, &passages, side.as_deref(), index),
        None => json!(
            passages
                .first()
                .map(|p| p.text.clone())
                .unwrap_or_else(|| "ok".into())
        ),
    }
}

/// Append `extra` to the first `text` string found in `v` (depth first).
pub fn append_to_first_text(v: &mut Value, extra: &str) -> bool {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(s)) = map.get_mut("text") {
                s.push_str(extra);
                return true;
            }
            map.values_mut().any(|x| append_to_first_text(x, extra))
        }
        Value::Array(items) => items.iter_mut().any(|x| append_to_first_text(x, extra)),
        _ => false,
    }
}

/// All text of a message list, whether each content is a string or a list of
/// `{type: text, text}` blocks (Anthropic).
pub fn message_text(messages: Option<&Value>) -> String {
    let Some(list) = messages.and_then(Value::as_array) else {
        return String::new();
    };
    let mut out = Vec::new();
    for m in list {
        match m.get("content") {
            Some(Value::String(s)) => out.push(s.clone()),
            Some(Value::Array(blocks)) => out.extend(
                blocks
                    .iter()
                    .filter_map(|b| b.get("text")?.as_str())
                    .map(str::to_string),
            ),
            _ => {}
        }
    }
    out.join("\n")
}

/// One `[S12] text` line of a prompt, with the sides of the statement lines
/// under it (`  ↳ statement: Mao Ning (speaks for china) said: …`).
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    pub id: String,
    pub text: String,
    pub sides: Vec<String>,
}

/// A passage of `prompt` that speaks for another side than `side` only.
pub fn other_sides_passage(prompt: &str, side: &str) -> Option<Passage> {
    passages(prompt)
        .into_iter()
        .find(|p| !p.sides.is_empty() && !p.sides.iter().any(|s| s == side))
}

/// Every passage line of a prompt, once each.
fn passages(prompt: &str) -> Vec<Passage> {
    let mut out: Vec<Passage> = Vec::new();
    for line in prompt.lines() {
        // An annotation line, marked `↳` so that it reads as no source's words.
        let note = line.trim_start().trim_start_matches('↳').trim_start();
        if let Some(st) = note.strip_prefix("statement:") {
            if let (Some(i), Some(last)) = (st.find("(speaks for "), out.last_mut())
                && let Some(j) = st[i..].find(')')
            {
                let side = st[i + "(speaks for ".len()..i + j].trim().to_string();
                if !last.sides.contains(&side) {
                    last.sides.push(side);
                }
            }
            continue;
        }
        let Some(rest) = line.strip_prefix("[S") else {
            continue;
        };
        let Some(end) = rest.find(']') else { continue };
        let id = format!("S{}", &rest[..end]);
        let mut text = rest[end + 1..].trim();
        let mut sides = Vec::new();
        if let Some(note) = text.strip_prefix("(speaks for:")
            && let Some(i) = note.find(')')
        {
            sides = note[..i].split(',').map(|s| s.trim().to_string()).collect();
            text = note[i + 1..].trim();
        }
        if !out.iter().any(|p| p.id == id) {
            out.push(Passage {
                id,
                text: text.to_string(),
                sides,
            });
        }
    }
    out
}

struct Filler<'a> {
    passages: &'a [Passage],
    /// Draw only on passages that speak for this side, when there are any.
    side: Option<String>,
    next: usize,
    last_id: Option<String>,
}

/// A value matching `schema`, drawing strings from `passages` in turn starting at
/// `offset` (only those speaking for `side`, if given). Arrays of ids cite the
/// passage the last string came from. An object keyed by a side's id is filled
/// from that side's passages.
pub fn fill(schema: &Value, passages: &[Passage], side: Option<&str>, offset: usize) -> Value {
    let mut f = Filler {
        passages,
        side: side.map(str::to_string),
        next: offset,
        last_id: None,
    };
    f.value(schema)
}

impl Filler<'_> {
    fn text(&mut self) -> String {
        let pool: Vec<&Passage> = match &self.side {
            Some(side) if self.passages.iter().any(|p| p.sides.contains(side)) => {
                self.passages.iter().filter(|p| p.sides.contains(side)).collect()
            }
            _ => self.passages.iter().collect(),
        };
        if pool.is_empty() {
            return "No passages were given.".into();
        }
        let p = pool[self.next % pool.len()];
        self.next += 1;
        self.last_id = Some(p.id.clone());
        p.text.clone()
    }

    fn value(&mut self, schema: &Value) -> Value {
        if let Some(choices) = schema.get("enum").and_then(Value::as_array) {
            return choices.first().cloned().unwrap_or(Value::Null);
        }
        match schema.get("type").and_then(Value::as_str) {
            Some("object") => {
                let mut out = serde_json::Map::new();
                if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                    for (k, v) in props {
                        // A side's entry: tagged passages speak for it, or it carries `stated`.
                        let is_side = self.passages.iter().any(|p| p.sides.contains(k))
                            || v.pointer("/properties/stated").is_some();
                        let outer = if is_side {
                            self.side.replace(k.clone())
                        } else {
                            None
                        };
                        out.insert(k.clone(), self.value(v));
                        if is_side {
                            self.side = outer;
                        }
                    }
                }
                Value::Object(out)
            }
            Some("array") => {
                let items = schema.get("items").cloned().unwrap_or(json!({"type": "string"}));
                if let Some(ids) = items.get("enum").and_then(Value::as_array) {
                    let pick = self
                        .last_id
                        .as_ref()
                        .filter(|id| ids.iter().any(|x| x.as_str() == Some(id.as_str())))
                        .map(|id| json!(id))
                        .or_else(|| ids.first().cloned());
                    return Value::Array(pick.into_iter().collect());
                }
                // Ids by pattern (a long source's many passages): the last one drawn.
                if items.get("pattern").is_some() {
                    return Value::Array(self.last_id.iter().map(|id| json!(id)).collect());
                }
                Value::Array((0..2).map(|_| self.value(&items)).collect())
            }
            // A side is "stated" only when some passage speaks for it.
            Some("boolean") => json!(
                self.side
                    .as_ref()
                    .is_none_or(|side| self.passages.iter().any(|p| p.sides.contains(side)))
            ),
            Some("integer") | Some("number") => json!(1),
            Some("null") => Value::Null,
            _ => json!(self.text()),
        }
    }
}

#[cfg(test)]
mod tests;
