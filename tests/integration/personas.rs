//! Personas and prompts as a toolkit: list, show, check, new, init, render, eject.

use crate::support::{EXAMPLES, Parallax, example, read_json, root, scratch, write};

#[test]
fn check_reports_one_clear_error_per_broken_file() {
    let dir = root().join("tests/fixtures/personas-broken");
    let r = Parallax::new(&dir).current_dir(&dir).args(["personas", "check", "."]).fails_with(2);
    assert!(!r.stderr.contains("panicked"));
    let errors: Vec<&str> = r.stderr.lines().filter(|l| l.starts_with("parallax: error: ./")).collect();
    let expected = [
        ("bad-yaml.md:4:", "invalid YAML"),
        ("bad-toml.md:3:", "invalid TOML"),
        ("unknown-field.md:14:", "unknown field `colour`"),
        ("misspelt-field.md:7:", "did you mean `perspectives`?"),
        ("duplicate-perspective.md:7:", "perspective id `a` appears twice"),
        ("template-variable/brief.j2:3:11:", "unknown variable `facts`"),
        ("template-syntax/lede.j2:2:", "syntax error"),
        ("extends-missing.md:3:", "`nosuch` is not a persona"),
        ("cycle-a.md:3:", "cycle-a → cycle-b → cycle-a"),
        ("cycle-b.md:3:", "cycle-b → cycle-a → cycle-b"),
    ];
    assert_eq!(errors.len(), expected.len(), "one error per file:\n{}", r.stderr);
    for (file, what) in expected {
        let line = errors
            .iter()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("no error for {file}:\n{}", r.stderr));
        assert!(line.contains(what), "`{what}` missing: {line}");
    }
}

#[test]
fn shipped_personas_and_templates_pass() {
    let dir = scratch();
    let r = Parallax::new(&dir).args(["personas", "check"]).succeeds();
    for id in ["prism", "ledger", "circuit", "nuri"] {
        assert!(r.stdout.contains(&format!("ok      {id}")), "{}", r.stdout);
    }
    let shipped = root().join("personas");
    let r = Parallax::new(&dir).args(["personas", "check", &shipped.display().to_string()]).succeeds();
    assert_eq!(r.stdout.matches("ok ").count(), 4, "{}", r.stdout);
}

#[test]
fn init_then_draft_works_and_show_says_where_files_come_from() {
    let tmp = scratch();
    let project = tmp.join("newsroom");
    Parallax::new(&tmp).args(["init", "newsroom"]).succeeds();
    for f in ["parallax.toml", "personas", "prompts", "sources/example.md"] {
        assert!(project.join(f).exists(), "{f}");
    }
    Parallax::new(&project).draft(["sources/example.md", "-o", "article.md"]).succeeds();
    assert!(project.join("article.md").exists() && project.join("article.provenance.json").exists());
    // init never overwrites a project.
    Parallax::new(&tmp).args(["init", "newsroom"]).fails_with(2);

    Parallax::new(&project).args(["personas", "new", "desk", "--extends", "prism"]).succeeds();
    write(project.join("prompts/brief.j2"), "{% include \"_sources.j2\" %}\nBrief for {{ persona.name }}.\n");
    std::fs::create_dir_all(project.join("personas/desk")).unwrap();
    let template = "{% include \"_sources.j2\" %}\nFinish for {{ persona.name }}.\n";
    write(project.join("personas/desk/finish.j2"), template);
    let sub = project.join("sources");
    let r = Parallax::new(&sub).args(["personas", "show", "desk"]).succeeds();
    let line =
        |name: &str| r.stdout.lines().find(|l| l.trim_start().starts_with(name)).unwrap_or("").to_string();
    assert!(line("from:").ends_with("personas/desk.md"), "{}", r.stdout);
    assert!(line("extends:").ends_with("prism"), "{}", r.stdout);
    assert!(line("brief.j2").ends_with("prompts/brief.j2"), "project override: {}", r.stdout);
    assert!(line("finish.j2").ends_with("personas/desk/finish.j2"), "persona override: {}", r.stdout);
    assert!(line("system.j2").ends_with("builtin:system.j2"), "{}", r.stdout);
    let r =
        Parallax::new(&project).draft(["sources/example.md", "--persona", "desk", "--dry-run"]).succeeds();
    assert!(r.stdout.contains("Brief for DESK.") && r.stdout.contains("Finish for DESK."), "{}", r.stdout);
    // Provenance names the project's files from the project folder, wherever it is.
    Parallax::new(&sub).draft(["example.md", "--persona", "desk", "-o", "desk.md"]).succeeds();
    let p: serde_json::Value = read_json(sub.join("desk.provenance.json"));
    assert_eq!(p["persona"]["origin"], "personas/desk.md");
    assert_eq!(p["templates"]["brief.j2"]["origin"], "prompts/brief.j2");
    assert_eq!(p["templates"]["finish.j2"]["origin"], "personas/desk/finish.j2");
    let text = p.to_string();
    assert!(!text.contains(&tmp.display().to_string()), "no absolute path: {text}");
}

#[test]
fn list_new_and_eject() {
    let dir = scratch();
    let r = Parallax::new(&dir).args(["personas", "list", "--json"]).succeeds();
    let v: serde_json::Value = r.json();
    let ids: Vec<&str> = v.as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["circuit", "ledger", "nuri", "prism"]);
    Parallax::new(&dir).args(["personas", "new", "desk"]).succeeds();
    // A new scaffold passes its own check, and `new` never overwrites.
    Parallax::new(&dir).args(["personas", "check", "personas/desk.md"]).succeeds();
    Parallax::new(&dir).args(["personas", "new", "desk"]).fails_with(2);
    Parallax::new(&dir).args(["prompts", "eject"]).succeeds();
    assert!(dir.join("prompts/brief.j2").exists());
    let r = Parallax::new(&dir).args(["prompts", "list"]).run();
    assert!(
        r.stdout.lines().any(|l| l.starts_with("brief.j2") && l.ends_with("prompts/brief.j2")),
        "{}",
        r.stdout
    );
    let r = Parallax::new(&dir)
        .args(["prompts", "render", "perspective:japan", "-s", &example("north-korea-russia-reactions.md")])
        .succeeds();
    assert!(
        r.stdout.starts_with("=== round 2 · perspective:japan ===")
            && r.stdout.matches("=== round").count() == 1,
        "{}",
        r.stdout
    );
}

/// Every shipped template rendered for every shipped persona, on a fitting source.
#[test]
fn every_template_for_every_persona() {
    for (persona, sources) in EXAMPLES {
        let sources = sources.iter().flat_map(|s| ["--source".to_string(), example(s)]);
        let r = Parallax::scratch()
            .args(["prompts", "render", "all", "--persona", persona])
            .args(sources)
            .succeeds();
        for stage in ["brief", "lede", "perspective:", "revise:lede"] {
            assert!(r.stdout.contains(&format!("· {stage}")), "{persona} lacks {stage}");
        }
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("snapshots");
        settings.add_filter(r"/[^\s]*/examples/sources/", "[examples]/");
        settings.bind(|| insta::assert_snapshot!(format!("templates_{persona}"), r.stdout));
    }
}

#[test]
fn eject_by_name_ejects_that_template_only() {
    let dir = scratch();
    let r = Parallax::new(&dir).args(["prompts", "eject", "finish.j2"]).succeeds();
    let prompts = dir.join("prompts");
    assert!(prompts.join("finish.j2").is_file(), "{}", r.stdout);
    assert!(!prompts.join("finish.j2").is_dir());
    let files: Vec<_> = std::fs::read_dir(&prompts).unwrap().collect();
    assert_eq!(files.len(), 1, "only the one named");
    Parallax::new(&dir).args(["prompts", "eject", "all-prompts"]).succeeds();
    assert!(dir.join("all-prompts/article.html.j2").is_file(), "the page template is ejectable");
    // Ejected templates pass the check.
    Parallax::new(&dir).args(["personas", "check", "--prompts", "all-prompts"]).succeeds();
}
