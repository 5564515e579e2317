//! The fixed words parallax itself writes into an article (section labels, the
//! notice for a side without a stated position), in the persona's language.

/// Words for one language.
#[derive(Debug, serde::Serialize)]
pub struct Labels {
    pub sides_heading: &'static str,
    pub stated_position: &'static str,
    pub reasons: &'static str,
    pub implications: &'static str,
    pub what_to_watch: &'static str,
    pub about_author: &'static str,
    pub sources: &'static str,
    pub related: &'static str,
    pub integrity: &'static str,
    /// The switch that marks the findings in place.
    pub review_marks: &'static str,
    pub passed: &'static str,
    pub findings: &'static str,
    pub revised: &'static str,
    /// After a quotation that translates its source (when the persona asks).
    pub translated: &'static str,
    /// `{}` is the side's label.
    #[serde(skip)]
    no_position: &'static str,
    /// Earlier wordings of the notice, still recognised in articles.
    #[serde(skip)]
    earlier_no_position: &'static [&'static str],
    /// What a side's parts say where the sources are silent, each with the
    /// side's name (`{}`), so that no two sides print the same words.
    no_reasons: &'static str,
    no_reasons_beyond: &'static str,
    no_meaning: &'static str,
    /// Earlier wordings of those, still recognised in articles.
    #[serde(skip)]
    earlier_silence: &'static [&'static str],
    pub extractive_note: &'static str,
    /// Subheads of the extractive provider's context sections.
    pub context_subheads: [&'static str; 3],
}

impl Labels {
    pub fn no_position(&self, side: &str) -> String {
        self.no_position.replace("{}", side)
    }

    /// A side with no stated position gives no reasons.
    pub fn no_reasons(&self, side: &str) -> String {
        self.no_reasons.replace("{}", side)
    }

    /// A stated position with no reasons beyond it.
    pub fn no_reasons_beyond(&self, side: &str) -> String {
        self.no_reasons_beyond.replace("{}", side)
    }

    /// A position whose meaning the sources do not spell out.
    pub fn no_meaning(&self, side: &str) -> String {
        self.no_meaning.replace("{}", side)
    }

    /// parallax's own sentences in this language, a side's name as `{}`: what
    /// it prints where the sources are silent, and the extractive provider's
    /// note and subheads.
    pub fn own_sentences(&self) -> impl Iterator<Item = &'static str> {
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
    pub fn is_own(text: &str) -> bool {
        let text = text.trim();
        ALL.iter()
            .any(|(_, l)| l.own_sentences().any(|form| fits(form, text)))
    }

    /// Whether `text` is this language's notice that a side has no position
    /// (in its current wording or an earlier one).
    pub fn is_no_position(&self, text: &str) -> bool {
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

pub static EN: Labels = Labels {
    sides_heading: "Where each side stands",
    stated_position: "Stated position",
    reasons: "Reasons and interests",
    implications: "What it means",
    what_to_watch: "What to watch",
    about_author: "About the author",
    sources: "Sources",
    related: "Related articles",
    integrity: "Integrity report",
    review_marks: "Mark the findings in the article",
    passed: "all checks passed",
    findings: "findings",
    revised: "Revised after the checks",
    translated: "translated",
    no_position: "{}: no stated position in the sources.",
    earlier_no_position: &["No stated position from {} in the sources."],
    no_reasons: "{} gives no reasons in the sources.",
    no_reasons_beyond: "{} gives no reasons beyond this statement in the sources.",
    no_meaning: "The sources do not spell out what the position of {} means.",
    earlier_silence: &[
        "The sources give no reasons.",
        "The sources give no reasons beyond this statement.",
        "The sources do not spell out what this position means.",
    ],
    extractive_note: "No language model was used: every paragraph is a source passage (extractive provider).",
    context_subheads: ["What happened", "Background", "More context"],
};

pub static KO: Labels = Labels {
    sides_heading: "각 측의 입장",
    stated_position: "공식 입장",
    reasons: "이유와 이해관계",
    implications: "의미",
    what_to_watch: "주목할 점",
    about_author: "필자 소개",
    sources: "출처",
    related: "관련 기사",
    integrity: "검증 보고서",
    review_marks: "기사 안에 지적 사항 표시",
    passed: "모든 검증 통과",
    findings: "건 지적",
    revised: "검증 후 수정한 부분",
    translated: "번역",
    no_position: "출처에 {}의 공식 입장은 나와 있지 않다.",
    earlier_no_position: &[],
    no_reasons: "출처에 {}의 이유는 나와 있지 않다.",
    no_reasons_beyond: "출처에는 {}의 이 발언 외의 이유가 나와 있지 않다.",
    no_meaning: "출처에 {}의 이 입장이 갖는 의미는 나와 있지 않다.",
    earlier_silence: &[
        "출처에 이유는 나와 있지 않다.",
        "출처에는 이 발언 외의 이유가 나와 있지 않다.",
        "출처에 이 입장이 갖는 의미는 나와 있지 않다.",
    ],
    extractive_note: "언어 모델을 쓰지 않았다: 모든 문단은 출처의 문장 그대로다 (extractive provider).",
    context_subheads: ["무슨 일이 있었나", "배경", "추가 맥락"],
};

pub static JA: Labels = Labels {
    sides_heading: "各国の立場",
    stated_position: "表明された立場",
    reasons: "理由と利害",
    implications: "意味するもの",
    what_to_watch: "今後の焦点",
    about_author: "筆者について",
    sources: "出典",
    related: "関連記事",
    integrity: "検証レポート",
    review_marks: "記事中に指摘を表示",
    passed: "すべての検証を通過",
    findings: "件の指摘",
    revised: "検証後に修正した箇所",
    translated: "翻訳",
    no_position: "出典に{}の表明された立場はない。",
    earlier_no_position: &[],
    no_reasons: "出典に{}の理由は示されていない。",
    no_reasons_beyond: "出典には{}のこの発言以外の理由は示されていない。",
    no_meaning: "出典に{}のこの立場が持つ意味は示されていない。",
    earlier_silence: &[
        "出典に理由は示されていない。",
        "出典にはこの発言以外の理由は示されていない。",
        "出典にこの立場が持つ意味は示されていない。",
    ],
    extractive_note: "言語モデルは使っていない。各段落は出典の文そのものだ (extractive provider)。",
    context_subheads: ["何が起きたか", "背景", "その他の経緯"],
};

pub static ZH: Labels = Labels {
    sides_heading: "各方立场",
    stated_position: "表明的立场",
    reasons: "理由与利益",
    implications: "意味着什么",
    what_to_watch: "后续看点",
    about_author: "关于作者",
    sources: "来源",
    related: "相关文章",
    integrity: "核查报告",
    review_marks: "在文中标出问题",
    passed: "全部核查通过",
    findings: "处问题",
    revised: "核查后修改的部分",
    translated: "译文",
    no_position: "来源中没有{}表明的立场。",
    earlier_no_position: &[],
    no_reasons: "来源未说明{}的理由。",
    no_reasons_beyond: "除这一表态外，来源未说明{}的其他理由。",
    no_meaning: "来源未说明{}这一立场意味着什么。",
    earlier_silence: &[
        "来源未说明理由。",
        "除这一表态外，来源未说明其他理由。",
        "来源未说明这一立场意味着什么。",
    ],
    extractive_note: "未使用语言模型：每一段都是来源原文 (extractive provider)。",
    context_subheads: ["发生了什么", "背景", "更多背景"],
};

/// Every language with its own labels.
pub static ALL: &[(&str, &Labels)] = &[("en", &EN), ("ko", &KO), ("ja", &JA), ("zh", &ZH)];

/// The labels for a language code (`en`, `ko`, `ko-KR`…); English otherwise.
pub fn for_language(lang: &str) -> &'static Labels {
    let primary = lang.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    ALL.iter()
        .find(|(code, _)| *code == primary)
        .map_or(&EN, |(_, l)| l)
}

#[cfg(test)]
mod tests;
