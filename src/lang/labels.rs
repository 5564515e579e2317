//! The fixed words parallax itself writes into an article (section labels, the
//! notice for a side without a stated position), in the persona's language.

/// Words for one language.
#[derive(Debug, serde::Serialize)]
pub(crate) struct Labels {
    pub(crate) sides_heading: &'static str,
    pub(crate) stated_position: &'static str,
    pub(crate) reasons: &'static str,
    pub(crate) implications: &'static str,
    pub(crate) what_to_watch: &'static str,
    pub(crate) about_author: &'static str,
    pub(crate) sources: &'static str,
    pub(crate) related: &'static str,
    pub(crate) integrity: &'static str,
    /// The switch that marks the findings in place.
    pub(crate) review_marks: &'static str,
    pub(crate) passed: &'static str,
    pub(crate) findings: &'static str,
    pub(crate) revised: &'static str,
    /// After a quotation that translates its source (when the persona asks).
    pub(crate) translated: &'static str,
    /// Beside a source quoted in another language than its own, as licences
    /// that allow translation ask it to be said.
    pub(crate) translated_use: &'static str,
    /// `{}` is the side's label.
    #[serde(skip)]
    pub(super) no_position: &'static str,
    /// Earlier wordings of the notice, still recognised in articles.
    #[serde(skip)]
    pub(super) earlier_no_position: &'static [&'static str],
    /// What a side's parts say where the sources are silent, each with the
    /// side's name (`{}`), so that no two sides print the same words.
    pub(super) no_reasons: &'static str,
    pub(super) no_reasons_beyond: &'static str,
    pub(super) no_meaning: &'static str,
    /// Earlier wordings of those, still recognised in articles.
    #[serde(skip)]
    pub(super) earlier_silence: &'static [&'static str],
    pub(crate) extractive_note: &'static str,
    /// Subheads of the extractive provider's context sections.
    pub(crate) context_subheads: [&'static str; 3],
}

impl Labels {
    pub(crate) fn no_position(&self, label: &str) -> String {
        self.no_position.replace("{}", label)
    }

    /// A side with no stated position gives no reasons.
    pub(crate) fn no_reasons(&self, label: &str) -> String {
        self.no_reasons.replace("{}", label)
    }

    /// A stated position with no reasons beyond it.
    pub(crate) fn no_reasons_beyond(&self, label: &str) -> String {
        self.no_reasons_beyond.replace("{}", label)
    }

    /// A position whose meaning the sources do not spell out.
    pub(crate) fn no_meaning(&self, label: &str) -> String {
        self.no_meaning.replace("{}", label)
    }

    /// parallax's own sentences in this language, a side's name as `{}`: what
    /// it prints where the sources are silent, and the extractive provider's
    /// note and subheads.
    pub(crate) fn own_sentences(&self) -> impl Iterator<Item = &'static str> {
        [
            self.no_position,
            self.no_reasons,
            self.no_reasons_beyond,
            self.no_meaning,
            self.extractive_note,
        ]
        .into_iter()
        .chain(self.context_subheads)
        .chain(self.earlier_no_position.iter().copied())
        .chain(self.earlier_silence.iter().copied())
    }

    /// Whether `text` is one of parallax's own sentences, in any language.
    pub(crate) fn is_own(text: &str) -> bool {
        let text = text.trim();
        all().any(|(_, l)| l.own_sentences().any(|form| fits(form, text)))
    }

    /// Whether `text` is this language's notice that a side has no position
    /// (in its current wording or an earlier one).
    pub(crate) fn is_no_position(&self, text: &str) -> bool {
        let text = text.trim();
        std::iter::once(self.no_position)
            .chain(self.earlier_no_position.iter().copied())
            .any(|form| fits(form, text))
    }
}

/// Whether `text` is `form` with a name in place of its `{}` (or `form` itself).
fn fits(form: &str, text: &str) -> bool {
    match form.split_once("{}") {
        Some((head, tail)) => {
            text.len() > head.trim().len() + tail.trim().len()
                && text.starts_with(head.trim())
                && text.ends_with(tail.trim())
        }
        None => text == form.trim(),
    }
}

/// Every language's labels, with its code.
pub(crate) fn all() -> impl Iterator<Item = (&'static str, &'static Labels)> {
    super::LANGUAGES.iter().map(|l| (l.code, l.labels))
}

/// The labels for a language (`en`, `ko`, `ko-KR`…); English otherwise.
pub(crate) fn for_language(lang: &crate::ids::Lang) -> &'static Labels {
    let primary = lang.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    super::LANGUAGES
        .iter()
        .find(|l| l.code == primary)
        .map_or(super::en::LANGUAGE.labels, |l| l.labels)
}

#[cfg(test)]
mod tests;
