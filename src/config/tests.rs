//! Tests of settings resolution.

use super::*;

/// Resolve as `draft` would.
fn resolve(
    a: &Flags,
    config: Option<&Path>,
    env: &dyn Env,
    cwd: &Path,
) -> Result<Settings, crate::error::Error> {
    super::resolve(a, None, config, env, cwd)
}
use crate::llm::ApiKey;
use crate::stage::StageKind;
use std::collections::HashMap;
use std::time::Duration;

struct MapEnv(HashMap<&'static str, &'static str>);
impl Env for MapEnv {
    fn var(&self, name: &str) -> Option<String> {
        self.0.get(name).map(|s| s.to_string())
    }
}

/// The flags of `parallax draft s.md EXTRA…`, for the few flags these tests use.
fn args(extra: &[&str]) -> Flags {
    let mut f = Flags::default();
    let mut it = extra.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().map(|v| v.to_string());
        match *flag {
            "--base-url" => f.base_url = value(),
            "--provider" => f.provider = value(),
            "--model" => f.model = value().and_then(crate::llm::Model::new),
            "--stage-model" => f
                .stage_model
                .extend(value().map(|v| parse_stage_model(&v).unwrap())),
            "--temperature" => f.temperature = value().and_then(|v| v.parse().ok()),
            "--no-stream" => f.no_stream = true,
            other => panic!("flag {other} not known to this helper"),
        }
    }
    f
}

#[test]
fn no_provider_configured_means_extractive() {
    let dir = tempfile::tempdir().unwrap();
    let env = MapEnv([("XDG_CONFIG_HOME", "/nonexistent")].into());
    let s = resolve(&args(&[]), None, &env, dir.path()).unwrap();
    assert!(s.http.is_none());
    assert!(s.cache_dir.is_none(), "nothing to cache without a model");
    assert_eq!(s.persona, "prism");
}

#[test]
fn base_url_env_selects_openai_and_flags_win() {
    let dir = tempfile::tempdir().unwrap();
    let env = MapEnv(
        [
            ("OPENAI_BASE_URL", "http://127.0.0.1:9/v1"),
            ("OPENAI_API_KEY", "k"),
        ]
        .into(),
    );
    let s = resolve(&args(&[]), None, &env, dir.path()).unwrap();
    let http = s.http.unwrap();
    assert_eq!(http.base_url, "http://127.0.0.1:9/v1");
    assert_eq!(http.preset.name, "openai");
    assert!(http.key.is_some());
    let s = resolve(
        &args(&["--base-url", "http://127.0.0.1:1/v1", "--no-stream"]),
        None,
        &env,
        dir.path(),
    )
    .unwrap();
    assert_eq!(s.http.as_ref().unwrap().base_url, "http://127.0.0.1:1/v1");
    assert!(!s.http.unwrap().stream);
}

#[test]
fn presets_and_keys() {
    let dir = tempfile::tempdir().unwrap();
    let env = MapEnv([("ANTHROPIC_API_KEY", "a-key")].into());
    let s = resolve(&args(&[]), None, &env, dir.path()).unwrap();
    assert_eq!(s.http.as_ref().unwrap().preset.name, "anthropic");
    let s = resolve(&args(&["--provider", "ollama"]), None, &env, dir.path()).unwrap();
    let h = s.http.as_ref().unwrap();
    assert_eq!(h.base_url, "http://127.0.0.1:11434");
    assert!(h.key.is_none());
    assert_eq!(
        s.models.for_stage(StageKind::Brief, None).as_deref(),
        Some("llama3.1")
    );
    let e = resolve(&args(&["--provider", "groq"]), None, &env, dir.path()).unwrap_err();
    assert!(e.to_string().contains("GROQ_API_KEY"), "{e}");
    let e = resolve(&args(&["--provider", "nope"]), None, &env, dir.path()).unwrap_err();
    assert!(
        e.to_string().contains("known providers: extractive, openai"),
        "{e}"
    );
}

#[test]
fn stage_models_layer() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("parallax.toml"),
        "[provider]\nname = \"openai\"\nbase_url = \"http://127.0.0.1:1/v1\"\nmodel = \"big\"\n[models]\nbrief = \"small\"\n",
    )
    .unwrap();
    let env = MapEnv(HashMap::new());
    let s = resolve(&args(&["--stage-model", "finish=tiny"]), None, &env, dir.path()).unwrap();
    assert_eq!(
        s.models
            .for_stage(StageKind::Brief, Some(&"persona-model".into()))
            .as_deref(),
        Some("persona-model"),
        "the persona's model beats the config file's [models]"
    );
    assert_eq!(
        s.models.for_stage(StageKind::Brief, None).as_deref(),
        Some("small")
    );
    assert_eq!(
        s.models.for_stage(StageKind::Finish, None).as_deref(),
        Some("tiny")
    );
    assert_eq!(
        s.models
            .for_stage(StageKind::Lede, Some(&"persona-model".into()))
            .as_deref(),
        Some("persona-model")
    );
    assert_eq!(s.models.for_stage(StageKind::Lede, None).as_deref(), Some("big"));
    let s = resolve(&args(&["--model", "all"]), None, &env, dir.path()).unwrap();
    assert_eq!(s.models.for_stage(StageKind::Brief, None).as_deref(), Some("all"));
}

#[test]
fn key_file_and_command_only_from_a_trusted_config() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let env = MapEnv(HashMap::from([(
        "XDG_CONFIG_HOME",
        Box::leak(home.display().to_string().into_boxed_str()) as &str,
    )]));
    let config = dir.path().join("parallax.toml");
    std::fs::write(dir.path().join("key.txt"), "sk-from-file\n").unwrap();
    std::fs::write(
        &config,
        "[provider]\nname = \"openai\"\napi_key_file = \"key.txt\"\n",
    )
    .unwrap();
    let e = resolve(&args(&[]), None, &env, dir.path()).unwrap_err();
    assert!(
        e.to_string().contains("needs an API key"),
        "an untrusted key file is ignored: {e}"
    );
    trust::trust(&config, &env).unwrap();
    let s = resolve(&args(&[]), None, &env, dir.path()).unwrap();
    assert_eq!(s.http.unwrap().key, ApiKey::new("sk-from-file"));
    std::fs::write(
        &config,
        "[provider]\nname = \"openai\"\napi_key_cmd = [\"echo\", \"sk-from-cmd\"]\n",
    )
    .unwrap();
    assert!(
        resolve(&args(&[]), None, &env, dir.path()).is_err(),
        "a changed file needs trusting again"
    );
    let s = resolve(&args(&[]), Some(&config), &env, dir.path()).unwrap();
    assert_eq!(
        s.http.unwrap().key,
        ApiKey::new("sk-from-cmd"),
        "a file named with --config is trusted"
    );
    let dry = Flags {
        dry_run: true,
        ..args(&[])
    };
    assert!(
        resolve(&dry, Some(&config), &env, dir.path()).is_err(),
        "no key command runs under --dry-run"
    );
}

#[test]
fn an_untrusted_config_cannot_send_the_users_key_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("parallax.toml"),
        "[provider]\nname = \"openai\"\nbase_url = \"http://203.0.113.9/v1\"\n",
    )
    .unwrap();
    let env = MapEnv(HashMap::from([
        ("OPENAI_API_KEY", "sk-users"),
        ("XDG_CONFIG_HOME", "/nonexistent"),
    ]));
    let e = resolve(&args(&[]), None, &env, dir.path()).unwrap_err();
    assert!(e.to_string().contains("parallax trust"), "{e}");
    let e = resolve(
        &args(&["--base-url", "http://127.0.0.1:1/v1"]),
        None,
        &env,
        dir.path(),
    );
    assert!(e.is_ok(), "a flag is the user's own choice");
}

#[test]
fn project_config_is_found_upward_and_strict() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("a/b");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(
        dir.path().join("parallax.toml"),
        "persona = \"x\"\n[provider]\nname = \"ollama\"\nmodel = \"m\"\nidle_timeout = \"2s\"\n",
    )
    .unwrap();
    let env = MapEnv(HashMap::new());
    let s = resolve(&args(&[]), None, &env, &sub).unwrap();
    assert_eq!(s.persona, "x");
    assert_eq!(s.models.for_stage(StageKind::Brief, None).as_deref(), Some("m"));
    assert_eq!(s.http.unwrap().timeouts.idle, Duration::from_secs(2));
    assert_eq!(s.persona_dirs[0], dir.path().join("personas"));
    std::fs::write(dir.path().join("parallax.toml"), "[provider]\nmodle = \"m\"\n").unwrap();
    let e = resolve(&args(&[]), None, &env, &sub).unwrap_err();
    assert!(e.to_string().contains(":2:"), "{e}");
    std::fs::write(
        dir.path().join("parallax.toml"),
        "[provider]\nname = \"ollama\"\nidle_timeout = \"soon\"\n",
    )
    .unwrap();
    let e = resolve(&args(&[]), None, &env, &sub).unwrap_err();
    assert!(
        e.to_string().contains(":3:") && e.to_string().contains("idle_timeout"),
        "{e}"
    );
}

#[test]
fn the_fetchers_contact_travels_in_its_user_agent_when_it_can() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("parallax.toml");
    let env = MapEnv(HashMap::new());
    let agent = |contact: &str| {
        std::fs::write(&config, format!("[fetch]\ncontact = {contact:?}\n")).unwrap();
        let s = resolve(&Flags::default(), Some(&config), &env, dir.path()).unwrap();
        s.fetch.user_agent()
    };
    assert!(agent("newsdesk@example.org").ends_with("(source fetcher; +newsdesk@example.org)"));
    // What cannot stand in a header is left out, never sent.
    assert!(agent("a\r\nX-Evil: 1").ends_with("(source fetcher)"));
}
