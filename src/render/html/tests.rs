//! Tests of `html`.

use super::*;

#[test]
fn only_web_links_are_links() {
    assert_eq!(safe_url("https://example.org/a"), Some("https://example.org/a"));
    assert_eq!(safe_url(" http://x.org "), Some("http://x.org"));
    assert_eq!(safe_url("javascript:alert(1)"), None);
    assert_eq!(safe_url("JAVASCRIPT:alert(1)"), None);
    assert_eq!(safe_url("data:text/html,x"), None);
    assert_eq!(safe_url("https://x.org/\"><script>"), None);
}

#[test]
fn each_cjk_language_has_its_font_families_and_every_rule_uses_the_stacks() {
    for (lang, family) in [
        ("ko", "Noto Sans KR"),
        ("ja", "Noto Sans JP"),
        ("zh", "Noto Sans SC"),
    ] {
        let rule = TEMPLATE
            .lines()
            .find(|l| l.starts_with(&format!(":lang({lang})")))
            .unwrap_or_else(|| panic!("no font rule for {lang}"));
        assert!(
            rule.contains(family) && rule.contains("--serif") && rule.contains("--sans"),
            "{rule}"
        );
    }
    let style = &TEMPLATE[..TEMPLATE.find("</style>").unwrap()];
    for line in style
        .lines()
        .filter(|l| l.contains("font:") || l.contains("font-family"))
    {
        assert!(
            line.contains("var(--") || line.contains("inherit"),
            "a font set without the stacks: {line}"
        );
    }
}
