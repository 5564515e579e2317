//! Tests of `frontmatter`.

use super::*;
use serde::Deserialize;

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct T {
    id: String,
    #[serde(default)]
    n: u32,
}

#[test]
fn splits_yaml_and_toml() {
    let p = Path::new("x.md");
    let s = split(p, "---\nid: a\n---\nbody\n").unwrap();
    assert_eq!(s.header, Some((Format::Yaml, "id: a\n")));
    assert_eq!(s.body, "body\n");
    let s = split(p, "+++\r\nid = \"a\"\r\n+++\r\nbody").unwrap();
    assert_eq!(s.header.unwrap().0, Format::Toml);
    assert_eq!(s.body, "body");
    let t: T = parse(p, &s).unwrap();
    assert_eq!((t.id.as_str(), t.n), ("a", 0));
    assert!(split(p, "no header").unwrap().header.is_none());
}

#[test]
fn suggestions_only_for_near_misses() {
    assert_eq!(edit_distance("perspectivs", "perspectives"), 1);
    let m = "unknown field `perspectivs`, expected one of `id`, `perspectives`, `glossary`";
    assert_eq!(suggestion(m).as_deref(), Some("perspectives"));
    assert_eq!(
        suggestion("unknown field `colour`, expected one of `id`, `perspectives`"),
        None
    );
}

#[test]
fn unclosed_fence_is_an_error() {
    let e = split(Path::new("x.md"), "---\nid: a\nbody").unwrap_err();
    assert!(e.to_string().contains("never closed"), "{e}");
}

#[test]
fn errors_carry_file_lines() {
    let p = Path::new("x.md");
    let text = "---\nid: a\nn: 1\nbogus: 2\n---\n";
    let e = parse::<T>(p, &split(p, text).unwrap()).unwrap_err();
    assert_eq!(e.line, Some(4), "{e}");
    assert!(e.message.contains("bogus"), "{e}");
    let text = "+++\nid = \"a\"\nbogus = 2\n+++\n";
    let e = parse::<T>(p, &split(p, text).unwrap()).unwrap_err();
    assert_eq!(e.line, Some(3), "{e}");
    let text = "---\nid: a\nnn: 1\n---\n";
    let e = parse::<T>(p, &split(p, text).unwrap()).unwrap_err();
    assert_eq!(e.hint.as_deref(), Some("did you mean `n`?"), "{e}");
    let text = "---\nid: a\nn: [unclosed\n---\n";
    let e = parse::<T>(p, &split(p, text).unwrap()).unwrap_err();
    assert!(e.line.is_some(), "{e}");
}
