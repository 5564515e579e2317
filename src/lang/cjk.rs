//! What the Japanese and Chinese readers share: which script a text is in,
//! quotation marks (「」『』“”) and text masked inside them, a declined comment,
//! the setting phrase before a speaker or a statement (記者会見で、), and the
//! names in a speaker span once titles and offices are taken out.

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

use super::script::han;
use super::statement::Statement;

/// The text with every quotation's inside (「」『』“”) blanked, byte for byte.
pub(super) fn mask(s: &str) -> String {
    super::quotes::mask(s, super::quotes::Marks::Nested)
}

/// A statement read in Japanese or Chinese; a span in Han characters names its
/// speaker outright, one in other letters is judged as an English one is.
pub(super) fn statement(speaker: String, verb: &str, content: String) -> Statement {
    if speaker.is_ascii() {
        return super::en::statement(speaker, verb, content);
    }
    let mut s = Statement::new(speaker, verb, content);
    s.plausible = super::en::plausible(&s.speaker);
    s
}

/// Whether a speaker outside Latin letters stands for the person it continues:
/// a short one (彼, 同氏, 그는, 她还) does, one that describes (该官员) does not.
pub(super) fn is_pronoun(speaker: &str) -> bool {
    !speaker.is_ascii() && !speaker.starts_with('该') && speaker.chars().count() <= 3
}

/// Whether Japanese, Chinese or Korean text is negated: it holds one of
/// `markers` outside the words that hold a negation's character without
/// negating, those the languages share (未来 "future", 非常 "very", 少ない
/// "few") and the language's own (`own`).
pub(super) fn negated(s: &str, markers: &[&str], own: &[&str]) -> bool {
    let mut s = s.to_string();
    for w in own {
        if s.contains(w) {
            s = s.replace(w, " ");
        }
    }
    for w in [
        "未来",
        "不断",
        "不仅",
        "无论",
        "非常",
        "少ない",
        "危ない",
        "無事",
        "未だ",
        // Words that open on a negator but negate nothing said (unjust,
        // discontent, few, soon after, fewer than, condemn).
        "不当",
        "不満",
        "不满",
        "不安",
        "不法",
        "不正",
        "不公",
        "不利",
        "不足",
        "不明",
        "不況",
        "不况",
        "不幸",
        "不良",
        "不過",
        "不过",
        "不少",
        "不久",
        "無数",
        "无数",
        "未満",
        "非難",
        "非难",
        // Bounds and choices said with a negator ("no fewer than", "not more
        // than", "rather than"): they compare, they deny nothing.
        "不止",
        "不超过",
        "不会超过",
        "不超過",
        "不少于",
        "不低于",
        "不到",
        "而不是",
        "而非",
        // "Least", "have to", "regardless", "indispensable": no denial.
        "最不",
        "不得不",
        "不管",
        "不论",
        "不論",
        "不可或缺",
    ] {
        s = s.replace(w, " ");
    }
    markers.iter().any(|m| s.contains(m))
}

static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| re(r"「([^」]{2,})」|『([^』]{2,})』|“([^”]{2,})”|\x22([^\x22]{2,})\x22"));

/// The outermost quotations in `s`, without their marks.
pub(super) fn quotations(s: &str) -> Vec<String> {
    QUOTED
        .captures_iter(s)
        .filter_map(|c| (1..=4).find_map(|i| c.get(i)))
        .map(|m| m.as_str().trim().to_string())
        .collect()
}

static DECLINES: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?:コメント|論評)を(?:控え|差し控え|避け)|言及を(?:避け|控え)|明言を避け|回答を(?:控え|避け)|",
        r"コメントしなかった|回答しなかった|",
        r"(?:拒绝|不予|未予|暂未|尚未|没有|未|并未|不愿)[^，。,]{0,8}(?:置评|评论|回应|表态|答复)|无可奉告|",
        r"언급을\s?(?:피했|삼갔|자제했)|답변하지\s?않았|논평을\s?거부|",
        r"(?i:(?:declined|refused) to (?:comment|say|discuss)|would not comment|no immediate comment|",
        r"did not (?:immediately )?respond to (?:a )?requests? for comment)",
    ))
});

/// Whether the text says someone declined to comment (in English, Korean,
/// Japanese or Chinese): no statement, and no stated position.
pub(crate) fn declines(sentence: &str) -> bool {
    DECLINES.is_match(sentence)
}

/// Words of a setting (a press conference, a statement, a date) before `で`.
const SETTINGS: &str = concat!(
    "会見 会談 記者 声明 談話 インタビュー 番組 国会 会議 演説 講演 日 ",
    "午前 午後 夜 SNS X ブリーフィング 電話 訪問先 集会",
);

/// `s` without a leading setting that ends in `で` (`2日の記者会見で、`) or a
/// leading time (`2日、`).
pub(super) fn trim_setting(s: &str) -> &str {
    let mut out = s.trim_start_matches('、');
    for (i, _) in out.match_indices('で') {
        let head = &out[..i];
        if !head.is_empty()
            && SETTINGS.split_whitespace().any(|w| head.contains(w))
            && !head.contains(['「', '“'])
        {
            let rest = out[i + 'で'.len_utf8()..].trim_start_matches(['、', ' ']);
            if !rest.is_empty() {
                out = rest;
                break;
            }
        }
    }
    out
}

/// Titles, offices and country words that are never part of a person's name,
/// longest first where one holds another.
const TITLES: &str = concat!(
    "副報道局長 報道局長 副報道官 副局长 副局長 副大臣 事務次官 副总理 副總理 新聞秘書 新闻秘书 ",
    "内閣官房長官 内阁官房长官 官房長官 官房长官 官房副長官 国務長官 国务卿 ",
    "国防長官 国防部长 外務大臣 外务大臣 防衛大臣 経済産業相 新闻发言人 发言人 ",
    "發言人 報道官 报道官 外務省 外务省 外交部 國務院 国务院 国務省 ",
    "国防部 防衛省 商务部 商務部 経済産業省 首相 総理大臣 総理 总理 外相 ",
    "防衛相 防衛庁 大臣 長官 长官 副部长 部长 部長 大統領 总统 總統 副主席 ",
    "主席 次官 局長 局长 大使 議員 议员 代表 政府 当局 幹事長 委員長 ",
    "委员长 委员 外长 防长 国防相 国家 氏 先生 女士 さん 日本 中国 米国 ",
    "美国 韓国 韩国 韓國 北朝鮮 朝鲜 台湾 中方 日方 美方 韩方 内阁 内閣 ",
    "の 和 与 及 等 同",
);

/// Person names in a Han-script speaker span: what is left of each run of Han
/// characters once titles, offices and country words are taken out, two to four
/// characters long (`林芳正官房長官` → `林芳正`, `外交部发言人毛宁` → `毛宁`). With
/// `surnames`, a single character left beside a title (`林氏`) is kept too.
pub(crate) fn han_names(speaker: &str, surnames: bool) -> Vec<String> {
    if !speaker.chars().any(han) {
        return Vec::new();
    }
    let mut s = speaker.to_string();
    for t in TITLES.split_whitespace() {
        s = s.replace(t, "|");
    }
    s.split(|c: char| !han(c))
        .filter(|w| {
            let n = w.chars().count();
            (2..=4).contains(&n) || surnames && n == 1 && speaker.chars().count() > 1
        })
        .map(|w| fold(w).into_owned())
        .collect()
}

/// Japanese and traditional forms of the characters common in names and offices,
/// each followed by its simplified form, so 毛寧 and 毛宁 compare equal.
const VARIANTS: &str = concat!(
    "寧宁務务韓韩國国發发発发東东對对門门會会長长馬马張张陳陈劉刘楊杨趙赵黃黄吳吴鄭郑",
    "謝谢許许鄧邓蕭萧龍龙葉叶華华蘇苏盧卢魯鲁錢钱孫孙韋韦賴赖衛卫臺台灣湾廣广豐丰樂乐",
    "強强偉伟義义慶庆聖圣顧顾閣阁議议員员統统總总経经經经済济濟济産产產产業业貿贸領领",
    "島岛釣钓魚鱼諸诸報报導导聞闻説说說说內内関关關关軍军艦舰隻只訪访問问題题輝辉紀纪",
    "樹树貴贵賢贤傑杰進进達达壽寿鳳凤鵬鹏懷怀淵渊溫温寶宝實实単单單单邊边辺边沢泽澤泽",
    "広广浜滨濱滨斉齐齊齐竜龙亜亚亞亚恵惠栄荣榮荣芸艺藝艺歳岁歲岁変变變变鉄铁鐵铁雲云",
    "萬万億亿兩两兆兆圓圆円圆門门間间時时與与黨党党党選选挙举舉举戦战戰战鮮鲜節节記记",
    "者者見见話话談谈",
);

/// The table above as a map, built once.
static FOLDS: LazyLock<std::collections::HashMap<char, char>> = LazyLock::new(|| {
    let chars: Vec<char> = VARIANTS.chars().collect();
    chars.chunks(2).map(|pair| (pair[0], pair[1])).collect()
});

/// `s` with each Japanese or traditional character in the table above folded to
/// its simplified form; text without Han characters is returned as it is.
pub(crate) fn fold(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(han) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.chars().map(|c| FOLDS.get(&c).copied().unwrap_or(c)).collect())
}

/// Offices that speak for a government, named without its country; in a source
/// written in that country's language they are that country's (外交部 in a
/// Chinese source is China's).
pub(crate) const OFFICES: &str = concat!(
    "外交部 外務省 外务省 国防部 防衛省 商务部 商務部 経済産業省 官房長官 ",
    "官房长官 首相 総理 总理 外相 防衛相 政府 国务院 发言人 報道官 ",
    "首相官邸 产业通商资源部 외교부 국방부 통일부 산업통상자원부 대통령실 정부 ",
    "대변인 청와대 총리 国家主席 主席",
);

/// Titles that follow a Japanese name or precede a Chinese one.
static TITLED: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(\p{Han}{2,4}?)(?:官房長官|首相|外相|防衛相|報道官|外務大臣|大臣|長官|大統領|国務長官|議員|氏)",
        r"|(?:发言人|發言人|外长|总统|總統|主席|部长|總理|总理|国务卿|外相|大使)(\p{Han}{2,3})",
    ))
});

/// Words that follow a Chinese title when no name does: verbs of saying and
/// doing, and the particles and adverbs that open a predicate.
const AFTER_TITLE: &str = concat!(
    "表示 称 說 说 指出 强调 強調 认为 認為 宣布 发表 發表 回应 回應 警告 呼吁 呼籲 会见 會見 ",
    "访问 訪問 出席 签署 簽署 主持 介绍 承认 否认 提出 要求 希望 透露 坦言 ",
    "在 已 将 將 也 还 還 对 對 的 和 与 與 及 是 就 於 被 把 同 等 今 昨 本 都 则 則 又 再 并 並 所 上 下 ",
    // The title is part of a longer word: 大使馆, 总统府, 部长级, 总统候选人, 总统选举.
    "馆 館 府 级 級 台 团 團 夫人 候 选 選 职 職 任期",
);

/// Chinese and Japanese names standing beside a title in `text` (`林芳正官房長官`
/// gives `林芳正`, `外交部发言人毛宁` gives `毛宁`), for the check that every name
/// is in a source. A name of one character with its title (`林氏`) is not a full
/// name and is left out.
pub(crate) fn titled_names(text: &str) -> Vec<String> {
    let mut out: Vec<String> = TITLED
        .captures_iter(text)
        .filter_map(|c| c.get(1).or_else(|| c.get(2)))
        .map(|m| m.as_str().trim_start_matches(['の', '、']).to_string())
        // Part of a title, not a name (官房 of 官房長官).
        .filter(|n| {
            n.chars().count() >= 2
                && !TITLES
                    .split_whitespace()
                    .any(|t| n.contains(t) || t.starts_with(n.as_str()))
        })
        // A title followed by what it does (`总统表示`, `外长在…`), not a name.
        .filter(|n| !AFTER_TITLE.split_whitespace().any(|w| n.starts_with(w)))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Countries as Japanese and Chinese abbreviate them to one character, in
/// pairs such as `日米` and `中美`.
pub(crate) const COUNTRY_ABBREVIATIONS: &str = "日米中韓韩朝英仏独露豪印美俄欧歐台";

/// Countries and bodies other than the sides an office may belong to: an office
/// named beside one of them is never the source language's own.
pub(crate) const FOREIGN: &str = concat!(
    "ロシア 俄罗斯 러시아 北朝鮮 朝鲜 북한 北韓 台湾 臺灣 대만 インド 印度 인도 英国 英國 영국 ",
    "フランス 法国 프랑스 ドイツ 德国 독일 欧州 欧盟 유럽 国連 联合国 유엔 豪州 澳大利亚 호주 ",
    "ウクライナ 乌克兰 우크라이나 イラン 伊朗 이란 イスラエル 以色列 이스라엘 フィリピン 菲律宾 필리핀 ",
    "ベトナム 越南 베트남 パナマ 巴拿马 파나마 カナダ 加拿大 캐나다 モンゴル 蒙古 몽골 平壌 平壤 평양 ",
    "モスクワ 莫斯科 모스크바 EU NATO 北约 나토",
);
