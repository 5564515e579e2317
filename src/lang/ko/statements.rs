//! Korean statements: `…라고 밝혔다`, `X은/는 …고 말했다`, and `X에 따르면`
//! ("according to X"). The speaker is the sentence's topic (은/는) or subject
//! (이/가), without the particle.

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

use crate::lang::en::plausible;
use crate::lang::statement::Statement;

static KO_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(밝혔다|말했다|강조했다|전했다|주장했다|비판했다|지적했다|덧붙였다|설명했다|언급했다|발표했다|촉구했다|요구했다|경고했다|규탄했다|비난했다|환영했다|반박했다|부인했다|일축했다|우려했다|표명했다|확인했다|요청했다|평가했다|밝혔습니다|말했습니다|강조했습니다|전했습니다)",
    )
});
static KO_ACCORDING: LazyLock<Regex> = LazyLock::new(|| re(r"([^\s,.]+(?:\s+[^\s,.]+){0,4})에\s*따르면"));

/// A statement, its speaker judged as a speaker can be in any script (Korean
/// text names some speakers in Latin letters).
fn statement(speaker: String, verb: &str, content: String) -> Statement {
    let mut s = Statement::new(speaker, verb, content);
    s.plausible = plausible(&s.speaker);
    s
}

/// The statement of one Korean sentence.
pub(super) fn extract(sentence: &str) -> Option<Statement> {
    if let Some(c) = KO_ACCORDING.captures(sentence) {
        let whole = c.get(0)?;
        let speaker = c.get(1)?.as_str().trim().to_string();
        let content = sentence[whole.end()..].trim().to_string();
        return Some(statement(speaker, "에 따르면", content));
    }
    let verb = KO_VERB.find(sentence)?;
    let before = &sentence[..verb.start()];
    let quote_at = before.find(['"', '“', '\'', '‘', '「']).unwrap_or(before.len());
    let speaker = ko_subject(&before[..quote_at])?;
    let content_start = before.find(&speaker).map_or(0, |i| i + speaker.len());
    let content = before[content_start..]
        .trim_start_matches(['은', '는', '이', '가'])
        .trim()
        .to_string();
    Some(statement(speaker, verb.as_str(), content))
}

/// The Korean subject: words up to the first topic (`은/는`) or subject
/// (`이/가`) marker, without the particle.
fn ko_subject(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let marked = |w: &&str, ps: &[char]| w.chars().count() >= 2 && w.ends_with(ps);
    let end = words
        .iter()
        .position(|w| marked(w, &['은', '는']))
        .or_else(|| words.iter().position(|w| marked(w, &['이', '가'])))?;
    let mut phrase = words[..=end].join(" ");
    phrase.pop();
    let phrase = phrase.trim().to_string();
    (!phrase.is_empty()).then_some(phrase)
}
