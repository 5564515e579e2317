//! Answers built from the request itself: JSON that fits the request's schema, its
//! strings taken from the prompt's source passages (`[S1] …` lines) and its
//! citations pointing at the passage each string came from.

use serde_json::{Value, json};

/// The answer to a prompt: JSON filling `schema`, or plain prose without one.
pub fn answer(prompt: &str, schema: Option<&Value>, index: usize) -> Value {
    let passages = passages(prompt);
    match schema {
        Some(schema) => fill(schema, &passages, index),
        None => json!(
            passages
                .first()
                .map(|(_, t)| t.clone())
                .unwrap_or_else(|| "ok".into())
        ),
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

/// `(id, text)` of every `[S12] text` line, with any `(speaks for: …)` note removed.
fn passages(prompt: &str) -> Vec<(String, String)> {
    prompt
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("[S")?;
            let end = rest.find(']')?;
            let id = format!("S{}", &rest[..end]);
            let mut text = rest[end + 1..].trim();
            if text.starts_with("(speaks for:") {
                text = text.find(')').map(|i| text[i + 1..].trim()).unwrap_or(text);
            }
            Some((id, text.to_string()))
        })
        .collect()
}

struct Filler<'a> {
    passages: &'a [(String, String)],
    next: usize,
    last_id: Option<String>,
}

/// A value matching `schema`, drawing strings from `passages` in turn starting at
/// `offset`. Arrays of ids cite the passage the last string came from.
pub fn fill(schema: &Value, passages: &[(String, String)], offset: usize) -> Value {
    let mut f = Filler {
        passages,
        next: offset,
        last_id: None,
    };
    f.value(schema)
}

impl Filler<'_> {
    fn text(&mut self) -> String {
        if self.passages.is_empty() {
            return "No passages were given.".into();
        }
        let (id, text) = &self.passages[self.next % self.passages.len()];
        self.next += 1;
        self.last_id = Some(id.clone());
        text.clone()
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
                        out.insert(k.clone(), self.value(v));
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
                Value::Array((0..2).map(|_| self.value(&items)).collect())
            }
            Some("boolean") => json!(true),
            Some("integer") | Some("number") => json!(1),
            Some("null") => Value::Null,
            _ => json!(self.text()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_claims_with_matching_citations() {
        let schema = json!({"type": "object", "properties": {
            "text": {"type": "string"},
            "cites": {"type": "array", "items": {"type": "string", "enum": ["S1", "S2"]}}
        }});
        let p = passages("x\n[S1] one\n[S2] (speaks for: a) two\n");
        assert_eq!(p[1], ("S2".to_string(), "two".to_string()));
        assert_eq!(fill(&schema, &p, 1), json!({"text": "two", "cites": ["S2"]}));
    }
}
