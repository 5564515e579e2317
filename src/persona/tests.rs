//! Tests of `persona`.

use super::*;

#[test]
fn every_builtin_persona_loads() {
    for (id, _) in BUILTIN {
        let p = load(id, &[]).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(p.id(), *id);
    }
}

#[test]
fn extends_merges_over_the_parent_and_refuses_cycles() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("child.md"),
        "---\nid: child\nextends: prism\nname: CHILD\nlength: 400\n---\n",
    )
    .unwrap();
    let p = load("child", &[d.to_path_buf()]).unwrap();
    assert_eq!(
        (p.spec.name.as_str(), p.spec.length, p.spec.perspectives.len()),
        ("CHILD", 400, 4)
    );
    assert_eq!(p.extends, ["prism"]);
    assert!(p.voice.contains("foreign-desk"), "the parent's voice");
    std::fs::write(d.join("a.md"), "---\nid: a\nextends: b\n---\n").unwrap();
    std::fs::write(d.join("b.md"), "---\nid: b\nextends: a\n---\n").unwrap();
    let e = load("a", &[d.to_path_buf()]).unwrap_err();
    assert!(
        e.message.contains("cycle") && e.message.contains("a → b → a"),
        "{e}"
    );
    std::fs::write(d.join("c.md"), "---\nid: c\nextends: nosuch\n---\n").unwrap();
    let e = load("c", &[d.to_path_buf()]).unwrap_err();
    assert_eq!(e.line, Some(3), "{e}");
    assert!(e.message.contains("`nosuch` is not a persona"), "{e}");
}

#[test]
fn builtin_prism_loads_with_four_perspectives() {
    let p = load("prism", &[]).unwrap();
    let ids: Vec<_> = p.spec.perspectives.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["south-korea", "united-states", "japan", "china"]);
    assert!(p.spec.bio.contains("side by side"));
    assert_eq!(p.origin, "builtin:prism");
}

#[test]
fn unknown_persona_lists_known_ones() {
    let e = load("nope", &[]).unwrap_err();
    assert!(
        e.to_string()
            .contains("known personas: circuit, ledger, nuri, prism"),
        "{e}"
    );
}

#[test]
fn duplicate_perspective_is_named_with_line() {
    let text = "---\nid: x\nname: X\nbeat: b\nbio: b\nrule: r\nperspectives:\n  - id: a\n    label: A\n    focus: f\n  - id: a\n    label: B\n    focus: f\n---\nvoice";
    let e = Persona::parse(Path::new("x.md"), text).unwrap_err();
    assert!(e.message.contains("appears twice"), "{e}");
    assert_eq!(e.line, Some(7));
}

#[test]
fn glossary_must_name_known_perspectives() {
    let text = "+++\nid = \"x\"\nname = \"X\"\nbeat = \"b\"\nbio = \"b\"\nrule = \"r\"\n[[perspectives]]\nid = \"a\"\nlabel = \"A\"\nfocus = \"f\"\n[[glossary]]\nid = \"t\"\nnames = [{ name = \"One\", used_by = [\"zz\"] }, { name = \"Two\" }]\n+++\n";
    let e = Persona::parse(Path::new("x.md"), text).unwrap_err();
    assert!(e.message.contains("`zz`"), "{e}");
}
