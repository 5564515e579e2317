//! Names in Hangul beside a title (`보리스 존슨 총리`, `윤석열 대통령`), read back
//! into Latin letters (Revised Romanization), to be told against the Latin
//! names of the sources by how they sound (`lang::sound`).

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

/// One to three words in Hangul right before a title or an honorific.
static NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"((?:[가-힣]{2,8}\s){0,2}[가-힣]{2,8})\s(?:대통령|부통령|총리|국무장관|외무장관|외교장관|국방장관|장관|대변인|상원의원|하원의원|의원|위원장|사무총장|대사|총재|주석|국왕|여왕|씨)(?:[^가-힣]|[은는이가을를의와과도에])",
    )
});

/// Words before a title that are no part of a name: countries, bodies and
/// what describes the office, besides the titles themselves (`super::TITLES`)
/// and the foreign countries and bodies the East Asian languages share
/// (`cjk::FOREIGN`).
const NOT_NAMES: &str = "미국 중국 일본 한국 남한 전 현 신임 당시 차기 전임 수석 부 공화당 민주당 백악관 주한 주미 \
주일 주중 및 등 또 또한 이날 한편 경찰 국무 외무 국방 재무 법무 통일 교육 보건 노동 월요일 화요일 수요일 \
목요일 금요일 토요일 일요일 남아공 잠비아 말레이시아 이라크 시리아 이집트 터키 튀르키예 사우디 브라질 \
멕시코 아르헨티나 칠레 이탈리아 스페인 폴란드 헝가리 그리스 네덜란드 벨기에 스웨덴 노르웨이 핀란드 덴마크 \
오스트리아 스위스 아프가니스탄 파키스탄 인도네시아 태국 싱가포르 쿠바 베네수엘라 나이지리아 케냐 에티오피아 \
각각 한일 한미 한중";

/// The names beside a title in `text`, each as its words.
pub(crate) fn names(text: &str) -> Vec<Vec<String>> {
    NAME.captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|m| {
            let words: Vec<&str> = m.as_str().split_whitespace().collect();
            // The name is the words after the last one that cannot be part of it.
            let start = words.iter().rposition(|w| not_a_name(w)).map_or(0, |i| i + 1);
            words[start..]
                .iter()
                .map(|w| (*w).to_string())
                .collect::<Vec<_>>()
        })
        .filter(|parts: &Vec<String>| !parts.is_empty())
        .collect()
}

/// Endings of a word that a name before its title does not carry: particles
/// and the endings of verbs and adjectives, and of the names of bodies.
const ENDINGS: &[&str] = &[
    "의", "은", "는", "이", "가", "을", "를", "에", "과", "와", "도", "로", "고", "며", "서", "던", "한",
    "된", "인", "적", "들", "께", "부", "당", "청", "국", "성", "원", "회", "째", "중", "후", "면", "게",
];

fn not_a_name(word: &str) -> bool {
    NOT_NAMES.split_whitespace().any(|n| n == word)
        || super::TITLES.contains(&word)
        || crate::lang::cjk::FOREIGN.split_whitespace().any(|n| n == word)
        || ENDINGS.iter().any(|e| word.ends_with(e))
}

/// A word in Hangul in Latin letters (Revised Romanization): `존슨` →
/// `jonseun`, `윤석열` → `yunseogyeol`.
pub(crate) fn romanize(hangul: &str) -> String {
    const INITIAL: [&str; 19] = [
        "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h",
    ];
    const MEDIAL: [&str; 21] = [
        "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
        "yu", "eu", "ui", "i",
    ];
    const FINAL: [&str; 28] = [
        "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "l", "l", "m", "p", "p", "t",
        "t", "ng", "t", "t", "k", "t", "p", "t",
    ];
    let mut out = String::new();
    for c in hangul.chars() {
        let Some(i) = (c as u32).checked_sub(0xAC00).filter(|i| *i < 11172) else {
            continue;
        };
        let (i, f) = ((i / 28) as usize, (i % 28) as usize);
        out.push_str(INITIAL[i / 21]);
        out.push_str(MEDIAL[i % 21]);
        out.push_str(FINAL[f]);
    }
    out
}

/// A word in Hangul read back into Latin letters as it stands and without the
/// particle it may carry (`존슨은` → `jonseuneun`, `jonseun`).
pub(crate) fn read_back(word: &str) -> Vec<String> {
    const PARTICLES: &[&str] = &[
        "에서", "으로", "에게", "은", "는", "이", "가", "을", "를", "의", "와", "과", "도", "에", "로",
    ];
    let bare = PARTICLES
        .iter()
        .find_map(|p| word.strip_suffix(p))
        .unwrap_or(word);
    vec![romanize(word), romanize(bare)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::sound::{latin_skeletons, skeleton_of};

    #[test]
    fn names_beside_a_title_are_read_back_into_latin_letters() {
        assert_eq!(
            names("영국 보리스 존슨 총리는 이날 윤석열 대통령과 만났다."),
            [vec!["보리스", "존슨"], vec!["윤석열"]]
        );
        assert!(names("미국 국무부 대변인은 밝혔다.").is_empty());
        assert_eq!(romanize("존슨"), "jonseun");
        for (hangul, latin) in [
            ("존슨", "Johnson"),
            ("트럼프", "Trump"),
            ("푸틴", "Putin"),
            ("바이든", "Biden"),
            ("폭스", "Fox"),
            ("윤석열", "YoonSukYeol"),
            ("김정은", "KimJongun"),
        ] {
            assert!(
                latin_skeletons(latin).contains(&skeleton_of(&romanize(hangul))),
                "{hangul} {latin}"
            );
        }
    }
}
