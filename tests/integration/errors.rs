//! Bad input and failing servers: one clear line, the right exit code, no panic.

use fake_llm::{Config, Reply};

use crate::support::{
    Parallax, answering, fast_config, fixture, kcna, read, refused_url, scratch, serve, write,
};

fn draft_with_persona(persona: &str, code: i32, needles: &[&str]) -> crate::support::Run {
    Parallax::scratch().draft([&kcna(), "--persona", persona]).expect_failure(code, needles)
}

#[test]
fn persona_with_unknown_field_names_file_line_and_field() {
    draft_with_persona(&fixture("personas/unknown-field.md"), 2, &["unknown-field.md:7:", "perspectivs"]);
}

#[test]
fn persona_with_bad_yaml_names_file_and_line() {
    let r = draft_with_persona(&fixture("personas/bad-yaml.md"), 2, &["bad-yaml.md:", "invalid YAML"]);
    let line = r.error_line();
    assert!(
        line.contains("bad-yaml.md:5:") || line.contains("bad-yaml.md:6:") || line.contains("bad-yaml.md:7:"),
        "{line}"
    );
}

#[test]
fn unknown_persona_lists_the_known_ones() {
    draft_with_persona(
        "nosuch",
        2,
        &["nosuch", "no such persona", "known personas: circuit, ledger, nuri, prism"],
    );
}

#[test]
fn missing_and_empty_sources_are_bad_input() {
    let dir = scratch();
    Parallax::new(&dir)
        .draft(["does-not-exist.md"])
        .expect_failure(2, &["does-not-exist.md", "cannot read source"]);
    Parallax::new(&dir)
        .draft([&fixture("sources/empty.md")])
        .expect_failure(2, &["empty.md", "source is empty"]);
}

#[test]
fn template_with_undefined_variable_names_template_line_and_variable() {
    Parallax::scratch()
        .draft([&kcna(), "--prompts", &fixture("prompts-undefined")])
        .expect_failure(2, &["brief.j2:2:", "undefined variable `facts_that_do_not_exist`"]);
}

#[test]
fn refused_connection_is_a_failure_with_the_url() {
    let dir = scratch();
    fast_config(&dir, 1, "");
    let url = refused_url();
    Parallax::new(&dir)
        .env("OPENAI_BASE_URL", &url)
        .draft([&kcna()])
        .expect_failure(1, &["could not connect", &url]);
}

#[test]
fn unauthorized_is_a_failure_that_never_echoes_the_key() {
    let srv = answering(Reply::Status {
        code: 401,
        body: r#"{"error":{"message":"Incorrect API key provided: sk-planted-secret-123"}}"#.into(),
    });
    let r = Parallax::scratch()
        .fake(&srv)
        .env("OPENAI_API_KEY", "sk-planted-secret-123")
        .draft(["-vv", &kcna()])
        .expect_failure(1, &["HTTP 401", "refused the API key"]);
    assert!(!r.stderr.contains("sk-planted-secret-123"), "{}", r.stderr);
    assert_eq!(srv.handle.requests().len(), 1, "a 401 is not retried");
}

#[test]
fn unknown_model_and_html_bodies_are_clear_failures() {
    let srv = answering(Reply::Status {
        code: 404,
        body: r#"{"error":{"message":"The model `nope-1` does not exist","code":"model_not_found"}}"#.into(),
    });
    let dir = scratch();
    Parallax::new(&dir)
        .fake(&srv)
        .draft(["--model", "nope-1", &kcna()])
        .expect_failure(1, &["model `nope-1` was not found", "HTTP 404", "check --model"]);
    assert_eq!(srv.handle.requests().len(), 1, "a 404 is not retried");

    let srv = answering(Reply::Fault(fake_llm::Fault::InvalidJsonBody));
    let dir = scratch();
    fast_config(&dir, 1, "");
    Parallax::new(&dir)
        .fake(&srv)
        .draft(["--no-stream", &kcna()])
        .expect_failure(1, &["not the expected JSON", "502 Bad Gateway"]);
    assert_eq!(srv.handle.requests().len(), 2, "retried once, as configured");
}

#[test]
fn answer_that_is_not_json_is_repaired_once_then_built_from_the_sources() {
    let srv = answering(Reply::Content("Sure! Here is your brief: the council met.".into()));
    let dir = scratch();
    let r = Parallax::new(&dir).fake(&srv).draft([&kcna(), "-o", "a.md"]).succeeds();
    assert!(r.stderr.contains("degraded part"), "{}", r.stderr);
    let reqs = srv.handle.requests();
    let brief: Vec<_> = reqs.iter().filter(|q| q.schema_name() == Some("brief")).collect();
    assert_eq!(brief.len(), 2, "one repair round per stage, then the sources");
    let repair = brief[1].body["messages"].as_array().unwrap();
    let last = repair.last().unwrap()["content"].as_str().unwrap();
    assert!(last.contains("Your answer is not valid"), "{last}");
    let article = read(dir.join("a.md"));
    assert!(article.contains("brief: quoted from the sources"), "{article}");
    Parallax::new(&dir)
        .fake(&srv)
        .draft([&kcna(), "--strict", "--no-cache"])
        .expect_failure(1, &["degraded", "not valid JSON"]);
}

#[test]
fn a_bad_first_answer_is_repaired_and_the_draft_succeeds() {
    let srv =
        serve(Config { script: vec![Reply::Content("{\"key_facts\": []}".into())], ..Config::default() });
    let r = Parallax::scratch().fake(&srv).draft([&kcna()]).succeeds();
    assert!(r.stderr.contains("asking for a repair"), "{}", r.stderr);
}

#[test]
fn a_manifest_id_with_a_terminal_escape_is_shown_not_obeyed() {
    let dir = scratch();
    let line = serde_json::json!({"id": "story\u{1b}[2J\u{1b}]0;owned\u{7}", "text": "Seoul said so."});
    write(dir.join("m.jsonl"), format!("{line}\n"));
    let r = Parallax::new(&dir).batch(["m.jsonl", "--out", "out"]).run();
    assert!(!r.stderr.contains('\u{1b}') && !r.stderr.contains('\u{7}'), "{:?}", r.stderr);
    assert!(r.stderr.contains("story\\u{1b}[2J"), "{}", r.stderr);
}

#[test]
fn retries_of_one_failure_are_one_warning_whatever_their_request_ids() {
    let garbage = |i: usize| Reply::Status {
        code: 500,
        body: format!("{{\"error\":{{\"message\":\"internal error, request id req_{:08x}{i}\"}}}}", i * 7919),
    };
    let srv =
        serve(Config { script: (0..40).map(garbage).collect(), fallback: garbage(99), ..Config::default() });
    let dir = scratch();
    fast_config(&dir, 6, "");
    let r = Parallax::new(&dir).fake(&srv).draft([&kcna(), "--no-cache"]).fails_with(1);
    let retrying = r.stderr.lines().filter(|l| l.contains("retrying")).count();
    assert_eq!(retrying, 1, "one warning for six retries:\n{}", r.stderr);
    assert!(r.stderr.contains("times in all"), "{}", r.stderr);
}
