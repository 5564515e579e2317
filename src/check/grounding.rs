//! Grounding: each cited passage exists, and each number, date, percentage, money
//! amount and quotation in a paragraph appears in the passages it cites. Names of
//! people, places and organisations that appear in no source are flagged.

use super::claims::{self, Claim};
use super::hedge;
use super::translation::{self, Unfaithful};
use super::{Block, Check, Corpus, Doc, Finding, Part};
use crate::article::integrity::{FindingKind, Unverified};
use crate::source::PassageId;
use crate::text::QuoteIndex;

pub(crate) use super::names::entities;
use super::names::known_name;

/// Run the grounding check. A paragraph without passage ids is checked against
/// every passage. Returns the findings and the claims that cannot be decided.
pub(crate) fn check(doc: &Doc, corpus: &Corpus<'_>) -> (Vec<Finding>, Vec<Unverified>) {
    let mut out = Vec::new();
    let mut notes: Vec<Unverified> = Vec::new();
    for block in &doc.blocks {
        let cited = corpus.known(&block.cites);
        for bad in block.cites.iter().filter(|c| !cited.contains(c)) {
            out.push(block.finding(
                Check::Grounding,
                FindingKind::Citation,
                bad.to_string(),
                "no passage has this id".into(),
            ));
        }
        // Blocks that cite the same passages (every part that cites none,
        // above all) share one pool, indexed once for the article.
        let pool = corpus
            .pools
            .get_or(&cited, |cited| std::sync::Arc::new(Pool::new(corpus, cited)));
        let pool = pool.as_ref();
        let mut found = Decided::default();
        claim_findings(block, pool, &mut found);
        if !matches!(block.part, Part::Headline | Part::Deck | Part::Subhead) {
            name_findings(block, corpus, pool, &mut found);
        }
        out.append(&mut found.findings);
        for n in found.notes {
            // One note per claim is enough for the editor, wherever it recurs.
            if !notes.iter().any(|m| m.claim == n.claim && m.kind == n.kind) {
                notes.push(n);
            }
        }
    }
    (out, notes)
}

/// What the checks of one block decided: contradictions, and claims left open.
#[derive(Default)]
struct Decided {
    findings: Vec<Finding>,
    notes: Vec<Unverified>,
}

fn note(block: &Block, kind: FindingKind, claim: String, note: String) -> Unverified {
    Unverified {
        kind,
        section: block.section.clone(),
        location: block.location.clone(),
        at: block.at,
        claim,
        note,
    }
}

/// The pools of a corpus, by the passages they hold.
pub(super) type Pools<'c> = crate::memo::Memo<Vec<PassageId>, std::sync::Arc<Pool<'c>>>;

/// The passages a block cites, with their claims and quotation index.
pub(super) struct Pool<'c> {
    passages: Vec<&'c crate::source::Passage>,
    /// The passages' script (none when no passage is cited or known).
    script: Option<crate::lang::script::Script>,
    found: Vec<claims::Found>,
    quotes: QuoteIndex,
    /// "passages S1, S2" or "any source", for the findings' wording.
    scope: String,
    /// The block names the passages it rests on.
    cited: bool,
}

impl<'c> Pool<'c> {
    fn new(corpus: &Corpus<'c>, cited: &[PassageId]) -> Self {
        let pool = corpus.select(cited);
        let mut text: String = pool
            .iter()
            .map(|&i| corpus.folded[i].as_str())
            .collect::<Vec<_>>()
            .join("\n");
        // A block that cites nothing (a headline, a deck, a person's article)
        // rests on the sources whole, their titles included.
        let titles = cited.is_empty();
        if titles {
            text.push('\n');
            text.push_str(&corpus.title_folded);
        }
        let passages: Vec<&crate::source::Passage> = pool.iter().map(|&i| corpus.passages[i]).collect();
        Self {
            script: (!passages.is_empty()).then(|| translation::script_of(&passages)),
            passages,
            found: pool
                .iter()
                .flat_map(|&i| corpus.found[i].iter().cloned())
                .chain(corpus.title_found.iter().filter(|_| titles).cloned())
                .collect(),
            quotes: QuoteIndex::new(&text),
            cited: !titles,
            scope: if titles {
                "any source".to_string()
            } else {
                format!("passages {}", cited.join(", "))
            },
        }
    }
}

/// Numbers, dates, amounts and quotations in `block` that its passages do not hold.
fn claim_findings(block: &Block, pool: &Pool<'_>, decided: &mut Decided) {
    let scope = &pool.scope;
    let finding = |kind: FindingKind, claim: String, expected: String| {
        block.finding(Check::Grounding, kind, claim, expected)
    };
    let mut claimed = claims::extract(&block.text);
    let across = translation::is_translation(&block.text, pool.script);
    if across {
        // A translation may write in words what the source gives in digits.
        claimed.extend(translation::counted_words(&block.text));
    }
    let out = &mut decided.findings;
    for c in claimed {
        // A number given as an estimate ("about 3,500") rests on the value it rounds.
        if claims::supported(&c.claim, &pool.found, &pool.quotes)
            || hedge::rests(&block.text, &c, &pool.found)
        {
            // A quotation cut from just after the "not" before it says the opposite.
            if let Claim::Quote(q) = &c.claim
                && let Some(said) = negation_left_out(&block.text, q, &pool.passages)
            {
                out.push(finding(
                    FindingKind::Quote,
                    c.text,
                    format!(
                        "the quotation leaves out the negation before it ({scope}: `{}`)",
                        said.trim_start_matches(['"', '“'])
                    ),
                ));
            }
            continue;
        }
        if held_otherwise(&c, block, pool, across) {
            continue;
        }
        if across && one_day_off(&c.claim, pool) {
            let why = "a day of the week one off the sources' (another time zone, or a slip)";
            decided
                .notes
                .push(note(block, FindingKind::Date, c.text, why.into()));
            continue;
        }
        if let Claim::Quote(q) = &c.claim
            && (translation::is_translation(q, pool.script)
                || translation::glossed(q, pool.script)
                || (across && translation::han_only(q)))
        {
            // What it is: a note for the editor, or a hard finding's reason.
            match translated_quote(q, block, pool) {
                None => {}
                Some(Ok(why)) => decided.notes.push(note(block, FindingKind::Quote, c.text, why)),
                Some(Err(expected)) => out.push(finding(FindingKind::Quote, c.text, expected)),
            }
            continue;
        }
        let (kind, expected) = match &c.claim {
            Claim::Quote(_) => (
                FindingKind::Quote,
                format!("no such quotation, word for word, in {scope}"),
            ),
            Claim::Date { .. } => (FindingKind::Date, format!("no such date in {scope}")),
            Claim::Weekday(_) => (FindingKind::Date, format!("no such day of the week in {scope}")),
            Claim::Percent(_) => (FindingKind::Percentage, format!("no such percentage in {scope}")),
            Claim::Money { .. } => (FindingKind::Money, format!("no such amount in {scope}")),
            Claim::Number(_) => (FindingKind::Number, format!("no such number in {scope}")),
        };
        let expected = match nearest(&c.claim, &pool.found) {
            Some(near) => format!("{expected} (the passages say `{near}`)"),
            None => expected,
        };
        out.push(finding(kind, c.text, expected));
    }
}

/// Names in `block` that appear in no source. Across scripts a name that no
/// alias covers cannot be decided: it is a note, not a finding.
fn name_findings(block: &Block, corpus: &Corpus<'_>, pool: &Pool<'_>, decided: &mut Decided) {
    let unknown = |name: String| {
        block.finding(
            Check::Grounding,
            FindingKind::Entity,
            name,
            "this name appears in no source".into(),
        )
    };
    let out = &mut decided.findings;
    // Across scripts a name is checked through the persona's aliases only: an
    // actor the sources name in no script is flagged; other names cannot be
    // looked up.
    let across = translation::is_translation(&block.text, pool.script);
    // A name in Latin letters is in another script than sources in Han, kana or
    // Hangul, whatever the block is written in (`Coop札幌` from `コープさっぽろ`).
    let latin_across = across
        || pool
            .script
            .is_some_and(|s| s != crate::lang::script::Script::Latin);
    for name in entities(&block.text) {
        let unattested = || {
            corpus
                .unattested
                .iter()
                .any(|a| crate::text::contains_word(&name, a))
        };
        let missing = (!latin_across || unattested()) && !known_name(&name, &corpus.names_text);
        if missing {
            out.push(unknown(name));
        }
    }
    // A name in katakana or Hangul that no source name sounds like: a note,
    // for a transliteration is not a proof.
    let sounds = || {
        corpus
            .name_sounds
            .get_or_init(|| super::names::name_sounds(&corpus.names_text))
    };
    for name in super::names::unheard(&block.text, &corpus.names_text, sounds, pool.script) {
        decided.notes.push(note(
            block,
            FindingKind::Entity,
            name,
            "a name written by its sound that no name of the sources sounds like".into(),
        ));
    }
    // A Chinese or Japanese name beside its title (林芳正官房長官, 发言人毛宁):
    // known when the sources or the persona hold two of its characters together,
    // in any character form (a name's edge is not marked in these scripts, so
    // the span read may run into a word).
    for name in crate::lang::cjk::titled_names(&block.text) {
        let chars: Vec<char> = crate::lang::cjk::fold(&name).chars().collect();
        let known = chars
            .windows(2)
            .any(|w| corpus.folded_names.contains(&w.iter().collect::<String>()));
        if known {
            continue;
        }
        if across {
            decided.notes.push(note(
                block,
                FindingKind::Entity,
                name,
                "a name in another script than the sources, which no alias of the persona covers".into(),
            ));
        } else {
            out.push(unknown(name));
        }
    }
}

/// Whether a claim the passages do not hold as written rests on them another
/// way (`readings::otherwise`).
fn held_otherwise(c: &claims::Found, block: &Block, pool: &Pool<'_>, across: bool) -> bool {
    let sources: Vec<&str> = pool.passages.iter().map(|p| p.text.as_str()).collect();
    let supported = |claim: &Claim| claims::supported(claim, &pool.found, &pool.quotes);
    super::readings::otherwise(c, &block.text, supported, &sources, across)
}

/// Whether `claim` is a day of the week one off a day the passages hold. Across
/// languages that may be the same moment in another time zone (Tuesday evening
/// in Washington is Wednesday in Seoul): a note, not a proof.
fn one_day_off(claim: &Claim, pool: &Pool<'_>) -> bool {
    let Claim::Weekday(w) = *claim else {
        return false;
    };
    [w % 7 + 1, (w + 5) % 7 + 1]
        .iter()
        .any(|n| claims::supported(&Claim::Weekday(*n), &pool.found, &pool.quotes))
}

/// What a translated quotation in `block` comes to: nothing, a note for the
/// editor (`Ok`), or the reason for a hard finding (`Err`).
fn translated_quote(q: &str, block: &Block, pool: &Pool<'_>) -> Option<Result<String, String>> {
    let scope = &pool.scope;
    let Some(unfaithful) = translation::check(q, &pool.passages, &pool.found, block.perspective.as_deref())
    else {
        return side_stance_opposed(q, block, pool).then(|| {
            Ok(format!(
                "a translated quotation whose stance is the opposite of what this side says in {scope}"
            ))
        });
    };
    Some(match unfaithful {
        Unfaithful::NothingSaid => Ok(format!(
            "a translated quotation with no original quotation in {scope} to tie it to"
        )),
        Unfaithful::SideNegation => Ok(format!(
            "a translated quotation that nothing this side says in {scope} agrees with in negation"
        )),
        Unfaithful::Negation if !pool.cited => {
            Ok("a translated quotation that no original quotation agrees \
             with in negation; cite the passage it translates to have it checked"
                .to_string())
        }
        Unfaithful::Fact(f) => Err(format!(
            "a translated quotation with `{f}`, which is not in {scope}"
        )),
        Unfaithful::Flipped(original) => Err(format!(
            "a translated quotation that negates what it translates, or drops its negation ({scope}: `{}`)",
            crate::text::excerpt(&original, 160)
        )),
        Unfaithful::Negation => Err(format!(
            "a translated quotation that negates what is said in {scope}, or drops its negation"
        )),
    })
}

/// Whether a translated quotation in a side's section takes a stance (welcomes,
/// opposes) that every stance of that side in the passages opposes. What it
/// translates is not known, so this is a note, not a proof.
fn side_stance_opposed(q: &str, block: &Block, pool: &Pool<'_>) -> bool {
    let (Some(side), Some(ours)) = (block.perspective.as_deref(), super::stance::polarity("", q)) else {
        return false;
    };
    if translation::negated(q) {
        return false;
    }
    let theirs: Vec<i8> = pool
        .passages
        .iter()
        .flat_map(|p| &p.statements)
        .filter(|s| s.side.as_deref() == Some(side) && !translation::negated(&s.content))
        .filter_map(|s| super::stance::polarity(&s.verb, &s.content))
        .collect();
    !theirs.is_empty() && theirs.iter().all(|t| *t == -ours)
}

/// A quotation that the passages hold only right after a negation they give
/// it ("is not | aware of the details"), quoted without one in `text`: what
/// the passages say, the two words before it included.
fn negation_left_out(text: &str, quote: &str, passages: &[&crate::source::Passage]) -> Option<String> {
    // The two words before a place, where a negation of what follows stands.
    let word_start = |s: &str, end: usize| s[..end].trim_end().rfind(' ').map_or(0, |i| i + 1);
    let negated_before = |s: &str, at: usize| {
        let start = word_start(s, word_start(s, at));
        translation::negated(s[start..at].trim_end_matches([' ', '"', '“']))
    };
    let at = text.find(quote)?;
    // The article gives the negation itself ("was not \"aware …\"").
    if quote.split_whitespace().count() < 2 || negated_before(text, at) {
        return None;
    }
    let mut seen = None;
    for p in passages {
        for (i, _) in p.text.match_indices(quote) {
            if !negated_before(&p.text, i) {
                return None;
            }
            let start = word_start(&p.text, word_start(&p.text, i));
            seen = Some(p.text[start..i + quote.len()].to_string());
        }
    }
    seen
}

fn nearest(claim: &Claim, found: &[claims::Found]) -> Option<String> {
    let same_kind = |f: &&claims::Found| std::mem::discriminant(&f.claim) == std::mem::discriminant(claim);
    let candidates: Vec<&claims::Found> = found
        .iter()
        .filter(same_kind)
        .filter(|f| !f.text.is_empty())
        .collect();
    (candidates.len() == 1).then(|| candidates[0].text.clone())
}

#[cfg(test)]
mod kana_tests;
#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;
