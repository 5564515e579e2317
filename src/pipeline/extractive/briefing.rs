//! A briefing's passages in the extractive strategy: which are questions,
//! headings, answers to a question or opening remarks, so that a side's
//! position is its answer and no question is ever a fact or a position.

use crate::source::Source;

/// Where a passage stands in a briefing read turn by turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Turn {
    /// Not a briefing's passage.
    None,
    /// A reporter's or moderator's turn: never a fact, never a position.
    Question,
    /// A heading or time stamp of the record (`II. 질의 및 응답`, `2:07 p.m. EST`).
    Heading,
    /// The answering side's turn in reply to a question: its position on what
    /// was asked, before any opening remark.
    Answer,
    /// The answering side's other turns (opening remarks, announcements).
    Remark,
}

/// Each passage's place in its source, when the source is a briefing: the
/// turn it opens or continues, and whether that turn answers a question.
pub(super) fn turns(source: &Source) -> Vec<Turn> {
    use crate::source::transcript::{Role, is_transcript, label};
    let texts = || source.passages.iter().map(|p| p.text.as_str());
    if !is_transcript(texts()) {
        return vec![Turn::None; source.passages.len()];
    }
    let (mut current, mut asked) = (None::<Role>, false);
    texts()
        .map(|text| {
            if let Some((l, _)) = label(text) {
                asked = matches!(current, Some(Role::Reporter | Role::Moderator));
                current = Some(l.role);
            }
            match current {
                Some(Role::Reporter | Role::Moderator) => Turn::Question,
                Some(_) if asked => Turn::Answer,
                Some(_) => Turn::Remark,
                None => Turn::Heading,
            }
        })
        .collect()
}
