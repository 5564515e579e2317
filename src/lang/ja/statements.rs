//! Statements in Japanese news. The cue is the quotative と with a reporting verb
//! (「…」と述べた, …と強調した, …としている), a stated view (…との見方を示した,
//! …考えを示した), a verb taking its content as object (…を非難した), or
//! …によると; the speaker is the topic (は) or subject (が) of the sentence that
//! ends in the cue, with its title (林芳正官房長官) and office
//! (米国務省の報道官). A sentence with no subject of its own
//! (また、「…」とも述べた) or one that refers back (同氏は, 彼は) continues the
//! previous speaker. Declining to comment (コメントを控える) is no statement.

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

use crate::lang::cjk::{declines, mask, quotations, statement, trim_setting};
use crate::lang::statement::Statement;

/// `と` + reporting verb, in the past, progressive or polite form.
static QUOTATIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"と(?:も|は)?、?(?:強く|改めて|重ねて|はっきりと)?",
        r"(述べ|語っ|話し|強調し|説明し|明らかにし|表明し|批判し|指摘し|発表し|訴え|主張し|否定し|",
        r"反論し|非難し|抗議し|要求し|要請し|求め|警告し|言及し|回答し|答え|伝え|記し|投稿し|発言し|",
        r"反発し|けん制し|牽制し|呼びかけ|呼び掛け|約束し|表し|断言し|語り|述べ)",
        r"(?:た|ている|ていた|ました|ています|る)",
    ))
});
/// A reporting verb after と in its continuative form (`と非難し、`).
static CONTINUATIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"と(?:も)?(?:述べ|語り|強調し|説明し|明らかにし|表明し|批判し|指摘し|主張し|否定し|反論し|非難し|",
        r"抗議し|要求し|要請し|求め|警告し|訴え)、"
    ))
});
/// `…としている`, and `」とした` after a quotation (a written statement).
static WRITTEN: LazyLock<Regex> = LazyLock::new(|| re(r"と(?:して(?:いる|いた|います)|」?した)"));
/// `…との見方を示した`, `…考えを示した`: a stated view.
static VIEW: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?:との|という|とする)?(?:見方|認識|考え|見解|立場|方針|意向|懸念|姿勢|意見|意欲|期待|不満|遺憾の意)",
        r"を(?:改めて|重ねて)?(?:示し|明らかにし|表明し|強調し|示してい|伝え)(?:た|る|ている)",
    ))
});
/// A verb whose object is what was said: `…を強く非難した`.
static OBJECT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"を(?:強く|改めて|重ねて)?(非難し|批判し|歓迎し|求め|要求し|要請し|否定し|表明し|抗議し|呼びかけ|明らかにし|強調し|発表し)(?:た|ている)",
    )
});
static ACCORDING: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:また、)?([^、。]{2,40}?)によ(?:ると|れば)、?"));

/// Words that refer back to an earlier speaker.
const BACK: &[&str] = &["彼", "彼女", "同氏", "彼ら", "同"];

/// The statement of one Japanese sentence, if it reports one.
pub(super) fn extract(sentence: &str) -> Vec<Statement> {
    // 「…」と非難し、…と説明した: a cue in its continuative form ends one
    // statement, and the same speaker goes on after it.
    let masked = mask(sentence);
    let split = CONTINUATIVE
        .find_iter(&masked)
        .map(|m| m.end())
        .find(|&end| masked[end..].contains('と'));
    let Some(end) = split else {
        return one(sentence).into_iter().collect();
    };
    let (head, tail) = sentence.split_at(end);
    let first = one(&format!("{}た。", head.trim_end_matches('、')));
    let mut rest = one(tail);
    if let (Some(f), Some(r)) = (&first, &mut rest)
        && r.speaker.is_empty()
    {
        r.speaker = f.speaker.clone();
        r.anaphor = f.anaphor;
    }
    first.into_iter().chain(rest).collect()
}

/// The statement of a sentence with one cue.
fn one(sentence: &str) -> Option<Statement> {
    if declines(sentence) {
        return None;
    }
    let masked = mask(sentence);
    if let Some(c) = ACCORDING.captures(&masked) {
        let (whole, who) = (c.get(0)?, c.get(1)?);
        let speaker = sentence[who.range()].trim().to_string();
        let content = sentence[whole.end()..].trim_end_matches('。').trim().to_string();
        return (!content.is_empty()).then(|| statement(speaker, "によると", content));
    }
    let cue = [&*QUOTATIVE, &*WRITTEN, &*VIEW, &*OBJECT]
        .iter()
        .find_map(|r| r.find(&masked))?;
    let before = &sentence[..cue.start()];
    let (speaker, after_speaker) = topic(&masked[..cue.start()], before);
    let quoted = quotations(before);
    let content = if quoted.is_empty() {
        let said = trim_setting(&before[after_speaker..]).trim_matches(['、', ' ']);
        let said = said.strip_prefix("また").unwrap_or(said).trim_start_matches('、');
        said.strip_suffix("こと").unwrap_or(said).to_string()
    } else {
        quoted.join(" … ")
    };
    if content.chars().count() < 2 {
        return None;
    }
    let verb = sentence[cue.range()]
        .trim_start_matches(['と', 'も', 'は', '、', '」', 'の'])
        .to_string();
    let mut s = statement(speaker.clone(), &verb, content);
    if !quoted.is_empty() {
        s.quote = Some(quoted.join(" … "));
    }
    s.anaphor = speaker.is_empty()
        || BACK
            .iter()
            .any(|b| speaker == *b || speaker.starts_with("同") && speaker.chars().count() <= 4);
    Some(s)
}

/// The topic (`は`) or subject (`が`) phrase before the cue, and the byte offset
/// where what follows it starts. Particles inside a quotation are masked; `では`,
/// `には`, `とは` are not a speaker's topic.
fn topic(masked: &str, text: &str) -> (String, usize) {
    for marker in ['は', 'が'] {
        for (i, _) in masked.match_indices(marker) {
            let head = &masked[..i];
            let start = head.rfind(['、', '。', '，']).map_or(0, |b| b + '、'.len_utf8());
            let phrase = text[start..i].trim();
            let phrase = phrase
                .strip_prefix("また")
                .unwrap_or(phrase)
                .trim_start_matches('、');
            let phrase = trim_setting(phrase);
            let bad_end = phrase.ends_with(['で', 'に', 'と', 'へ', 'も', 'ら']) && !phrase.ends_with("彼ら");
            if phrase.chars().count() >= 1 && !bad_end && !phrase.contains(' ') {
                return (phrase.to_string(), i + marker.len_utf8());
            }
        }
    }
    (String::new(), 0)
}

#[cfg(test)]
mod tests;
