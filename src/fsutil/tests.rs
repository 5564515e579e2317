//! Tests of `fsutil`.

use super::*;

#[test]
fn atomic_write_replaces_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a/b.md");
    write_atomic(&p, b"one").unwrap();
    write_atomic(&p, b"two").unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "two");
    assert_eq!(std::fs::read_dir(p.parent().unwrap()).unwrap().count(), 1);
}

#[test]
fn finds_key_lines_in_yaml_and_toml() {
    let y = "id: x\nname: y\nperspectives:\n  - id: a\n    label: A\n";
    assert_eq!(line_of_key(y, "name"), Some(2));
    assert_eq!(line_of_key(y, "label"), Some(5));
    assert_eq!(line_of_key("a = 1\nbio = \"x\"", "bio"), Some(2));
    assert_eq!(line_of_key(y, "missing"), None);
    assert_eq!(line_at("a\nb\nc", 2), 2);
}

#[test]
fn base64_matches_the_rfc_4648_vectors() {
    let cases = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];
    for (plain, encoded) in cases {
        assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
    }
    assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
}
