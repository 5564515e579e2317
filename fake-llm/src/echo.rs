//! Answers as a weak model writes them: schema-valid JSON whose every text is a
//! line taken from anywhere in the prompt, the instructions, the schema's
//! field descriptions and the passages' annotations as readily as the passages
//! themselves. Which line a field gets depends on the request's index and the
//! field's place, so a run repeats exactly.

use serde_json::Value;

/// The fields a model writes prose into; `cites`, ids and flags stay as the
/// plain answer has them.
const PROSE: &[&str] = &[
    "text",
    "headline",
    "deck",
    "subhead",
    "pull_quote",
    "summary",
    "position",
];

/// Replace every prose field of `answer` with a line of `prompt` or a
/// description in `schema`.
pub fn spoil(answer: &mut Value, index: usize, prompt: &str, schema: Option<&Value>) {
    let mut described = Vec::new();
    if let Some(s) = schema {
        descriptions(s, &mut described);
    }
    let lines: Vec<&str> = prompt
        .lines()
        .chain(described.iter().map(String::as_str))
        .map(str::trim)
        .filter(|l| l.split_whitespace().count() >= 3 && !l.starts_with('<') && !l.starts_with('{'))
        .collect();
    if lines.is_empty() {
        return;
    }
    let mut n = index.wrapping_mul(7919);
    fill(answer, &lines, &mut n);
}

fn fill(v: &mut Value, lines: &[&str], n: &mut usize) {
    match v {
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                match child {
                    Value::String(s) if PROSE.contains(&k.as_str()) => {
                        *n = n.wrapping_mul(31).wrapping_add(17);
                        *s = lines[*n % lines.len()].to_string();
                    }
                    _ => fill(child, lines, n),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|x| fill(x, lines, n)),
        _ => {}
    }
}

/// Every `description` in a JSON Schema.
fn descriptions(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                match child {
                    Value::String(s) if k == "description" => out.push(s.clone()),
                    _ => descriptions(child, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|x| descriptions(x, out)),
        _ => {}
    }
}
