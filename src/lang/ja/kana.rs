//! Foreign names in katakana. Japanese writes a foreign person's name in
//! katakana, its parts joined by a middle dot (`ボリス・ジョンソン`), or one part
//! before an honorific (`ジョンソン氏`). Read back into Latin letters (Hepburn),
//! such a name can be told against the names of sources in English.

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

/// A name in katakana: parts joined by a middle dot, or one part before an
/// honorific or a title. Not one letter, nor a run of long-vowel marks.
static NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"([\p{Katakana}ー]{2,}(?:[・･=＝][\p{Katakana}ー]{2,})+)|([\p{Katakana}ー]{2,})(?:氏|さん|大統領|首相|議員|長官|報道官|容疑者)",
    )
});

/// The names in katakana in `text`, each as its parts.
pub(crate) fn names(text: &str) -> Vec<Vec<String>> {
    NAME.captures_iter(text)
        .filter_map(|c| c.get(1).or_else(|| c.get(2)))
        .map(|m| {
            m.as_str()
                .split(['・', '･', '=', '＝'])
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// Syllables of two kana: a kana with a small one after it.
const PAIRS: &[(&str, &str)] = &[
    ("キャ", "kya"),
    ("キュ", "kyu"),
    ("キョ", "kyo"),
    ("シャ", "sha"),
    ("シュ", "shu"),
    ("ショ", "sho"),
    ("シェ", "she"),
    ("チャ", "cha"),
    ("チュ", "chu"),
    ("チョ", "cho"),
    ("チェ", "che"),
    ("ニャ", "nya"),
    ("ニュ", "nyu"),
    ("ニョ", "nyo"),
    ("ヒャ", "hya"),
    ("ヒュ", "hyu"),
    ("ヒョ", "hyo"),
    ("ミャ", "mya"),
    ("ミュ", "myu"),
    ("ミョ", "myo"),
    ("リャ", "rya"),
    ("リュ", "ryu"),
    ("リョ", "ryo"),
    ("ギャ", "gya"),
    ("ギュ", "gyu"),
    ("ギョ", "gyo"),
    ("ジャ", "ja"),
    ("ジュ", "ju"),
    ("ジョ", "jo"),
    ("ジェ", "je"),
    ("ビャ", "bya"),
    ("ビュ", "byu"),
    ("ビョ", "byo"),
    ("ピャ", "pya"),
    ("ピュ", "pyu"),
    ("ピョ", "pyo"),
    ("ファ", "fa"),
    ("フィ", "fi"),
    ("フェ", "fe"),
    ("フォ", "fo"),
    ("フュ", "fyu"),
    ("ティ", "ti"),
    ("ディ", "di"),
    ("トゥ", "tu"),
    ("ドゥ", "du"),
    ("ウィ", "wi"),
    ("ウェ", "we"),
    ("ウォ", "wo"),
    ("ヴァ", "va"),
    ("ヴィ", "vi"),
    ("ヴェ", "ve"),
    ("ヴォ", "vo"),
    ("ツァ", "tsa"),
    ("デュ", "dyu"),
    ("テュ", "tyu"),
    ("クァ", "kwa"),
    ("グァ", "gwa"),
    ("イェ", "ye"),
];

/// Kana one by one.
const SINGLE: &str = "ア a イ i ウ u エ e オ o カ ka キ ki ク ku ケ ke コ ko サ sa シ shi ス su セ se ソ so \
タ ta チ chi ツ tsu テ te ト to ナ na ニ ni ヌ nu ネ ne ノ no ハ ha ヒ hi フ fu ヘ he ホ ho \
マ ma ミ mi ム mu メ me モ mo ヤ ya ユ yu ヨ yo ラ ra リ ri ル ru レ re ロ ro ワ wa ヲ o ン n \
ガ ga ギ gi グ gu ゲ ge ゴ go ザ za ジ ji ズ zu ゼ ze ゾ zo ダ da ヂ ji ヅ zu デ de ド do \
バ ba ビ bi ブ bu ベ be ボ bo パ pa ピ pi プ pu ペ pe ポ po ヴ vu \
ァ a ィ i ゥ u ェ e ォ o ャ ya ュ yu ョ yo";

/// A name in katakana in Latin letters (Hepburn): `ジョンソン` → `jonson`. The
/// long-vowel mark and the small `ッ` that doubles a consonant add nothing.
pub(crate) fn romaji(kana: &str) -> String {
    static TABLE: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
        let mut words = SINGLE.split_whitespace();
        let mut out = Vec::new();
        while let (Some(k), Some(r)) = (words.next(), words.next()) {
            out.push((k, r));
        }
        out
    });
    let mut out = String::new();
    let mut rest = kana;
    while let Some(c) = rest.chars().next() {
        if let Some((k, r)) = PAIRS.iter().find(|(k, _)| rest.starts_with(k)) {
            out.push_str(r);
            rest = &rest[k.len()..];
            continue;
        }
        if let Some((_, r)) = TABLE.iter().find(|(k, _)| k.starts_with(c)) {
            out.push_str(r);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a name read back from katakana is how Japanese writes `word`.
    fn sounds_like(romaji: &str, word: &str) -> bool {
        crate::lang::sound::latin_skeletons(word).contains(&crate::lang::sound::skeleton_of(romaji))
    }

    #[test]
    fn names_in_katakana_are_read_back_into_latin_letters() {
        assert_eq!(
            names("ボリス・ジョンソン氏はアイリーン・スミス氏と会談。バイデン大統領も"),
            [
                vec!["ボリス", "ジョンソン"],
                vec!["アイリーン", "スミス"],
                vec!["バイデン"]
            ]
        );
        assert!(names("ロンドンで会談した").is_empty(), "a place is no name");
        assert_eq!(romaji("ジョンソン"), "jonson");
        assert_eq!(romaji("アイリーン"), "airin");
        assert_eq!(romaji("フォード"), "fodo");
        assert_eq!(romaji("クリスティン"), "kurisutin");
    }

    #[test]
    fn a_name_in_katakana_sounds_like_its_latin_original() {
        for (kana, latin) in [
            ("ジョンソン", "Johnson"),
            ("スミス", "Smith"),
            ("アイリーン", "Eileen"),
            ("トランプ", "Trump"),
            ("フォード", "Ford"),
            ("カバノー", "Kavanaugh"),
            ("チャールズ", "Charles"),
            ("ミッチェル", "Mitchell"),
            ("ブラウン", "Brown"),
            ("リチャード", "Richard"),
            ("トーマス", "Thomas"),
            ("ジェラード", "Gerrard"),
            ("デシャンボー", "DeChambeau"),
            ("フランチェスコ", "Francesco"),
            ("ウッズ", "Woods"),
            ("コムズ", "Combs"),
            ("ブレイジー", "Blasey"),
            ("スターリッジ", "Sturridge"),
            ("ハリントン", "Harington"),
            ("ギャラガー", "Gallagher"),
            ("ヘンプヒル", "Hemphill"),
            ("ヒュー", "Hugh"),
            ("プーチン", "Putin"),
            ("ペスコフ", "Peskov"),
            ("ショルツ", "Scholz"),
            ("インターナショナル", "International"),
        ] {
            assert!(sounds_like(&romaji(kana), latin), "{kana} {latin}");
        }
        assert!(!sounds_like(&romaji("ブラウン"), "Smith"));
        assert!(!sounds_like(&romaji("マイケル"), "Johnson"));
    }
}
