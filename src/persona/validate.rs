//! What makes a persona valid: an id that is a slug, the fields a byline
//! needs, a length in range, and perspectives whose ids, labels and languages
//! are each usable, every problem named by its file, line and field.

use std::collections::BTreeSet;
use std::path::Path;

use super::{PersonaSpec, Perspective, Policy};
use crate::error::InputError;
use crate::fsutil::line_of_key;

pub(crate) fn validate(path: &Path, header: &str, base: usize, s: &PersonaSpec) -> Result<(), InputError> {
    let at = |key: &str| line_of_key(header, key).map(|l| l + base);
    let err = |key: &str, msg: String| InputError::new(path, at(key), format!("field `{key}`: {msg}"));
    if !is_slug(&s.id) {
        return Err(err("id", format!("`{}` is not a valid id", s.id))
            .hint("use lowercase letters, digits and dashes, e.g. `prism`"));
    }
    for (key, value) in [
        ("name", &s.name),
        ("beat", &s.beat),
        ("bio", &s.bio),
        ("rule", &s.rule),
    ] {
        if value.trim().is_empty() {
            return Err(err(key, "must not be empty".into()));
        }
    }
    if !(100..=5000).contains(&s.length) {
        return Err(err("length", format!("{} words is outside 100..=5000", s.length)));
    }
    if let Some(t) = s.temperature.filter(|t| !(0.0..=2.0).contains(t)) {
        return Err(err("temperature", format!("{t} is outside 0.0..=2.0")));
    }
    if !(0.0..=1.0).contains(&s.balance.tolerance) {
        return Err(err(
            "tolerance",
            format!("{} is outside 0.0..=1.0", s.balance.tolerance),
        ));
    }
    if s.perspectives.is_empty() {
        return Err(err("perspectives", "at least one perspective is required".into()));
    }
    let seen = validate_perspectives(&s.perspectives, &err)?;
    for g in &s.glossary {
        if g.names.len() < 2 {
            return Err(err(
                "glossary",
                format!("term `{}` needs at least two names", g.id),
            ));
        }
        if g.policy == Policy::NeutralOnly && g.names.iter().all(|n| !n.used_by.is_empty()) {
            return Err(err(
                "policy",
                format!("term `{}` has no neutral name for `neutral-only`", g.id),
            )
            .hint("add a name without `used_by`, or use `attribute`"));
        }
        for n in &g.names {
            if let Some(u) = n.used_by.iter().find(|u| !seen.contains(u.as_str())) {
                return Err(err(
                    "used_by",
                    format!("`{u}` in term `{}` is not a perspective id", g.id),
                )
                .hint(format!("known perspectives: {}", join(&seen))));
            }
        }
    }
    Ok(())
}

/// Each perspective has a valid, unique id, a label, a focus and two-letter
/// language codes; returns the ids.
fn validate_perspectives<'a>(
    perspectives: &'a [Perspective],
    err: &dyn Fn(&str, String) -> InputError,
) -> Result<BTreeSet<&'a str>, InputError> {
    let mut seen = BTreeSet::new();
    for p in perspectives {
        if !is_slug(&p.id) {
            return Err(err("id", format!("perspective id `{}` is not a valid id", p.id))
                .hint("use lowercase letters, digits and dashes, e.g. `south-korea`"));
        }
        if !seen.insert(p.id.as_str()) {
            return Err(err(
                "perspectives",
                format!("perspective id `{}` appears twice", p.id),
            ));
        }
        if let Some(l) = p
            .languages
            .iter()
            .find(|l| l.len() != 2 || !l.chars().all(|c| c.is_ascii_lowercase()))
        {
            return Err(err(
                "languages",
                format!("perspective `{}`: `{l}` is not a two-letter language code", p.id),
            )
            .hint("use codes such as `ja`, `zh`, `ko`, `en`"));
        }
        if p.label.trim().is_empty() || p.focus.trim().is_empty() {
            return Err(err(
                "perspectives",
                format!("perspective `{}` needs a label and a focus", p.id),
            ));
        }
    }
    Ok(seen)
}

fn join(set: &BTreeSet<&str>) -> String {
    set.iter().copied().collect::<Vec<_>>().join(", ")
}

/// Lowercase letters, digits and dashes: safe as a file name and an id.
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
