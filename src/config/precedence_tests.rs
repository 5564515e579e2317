//! The precedence of every setting, as a table: each row enables one layer and
//! every layer below it, and the layer itself must win. The docs' table is
//! checked word for word against [`PRECEDENCE`].

use std::collections::HashMap;

use super::models::Temperature;
use super::*;
use crate::stage::StageKind;

/// Where each setting comes from, highest first: what `docs/providers.md` shows
/// word for word, and what `resolve` follows (the tests below pin every layer).
const PRECEDENCE: &[(&str, &str)] = &[
    (
        "model of a stage",
        "`--model`, `--stage-model STAGE=MODEL`, `PARALLAX_MODEL`, the persona's `model`, `[models]` in the config file, `provider.model`, the preset's default",
    ),
    (
        "temperature",
        "`--temperature`, the persona's `temperature`, `provider.temperature`, the server's default",
    ),
    (
        "provider",
        "`--provider`, `provider.name`, keys in the environment (`OPENAI_API_KEY` or `OPENAI_BASE_URL`, then `ANTHROPIC_API_KEY` or `ANTHROPIC_BASE_URL`), extractive",
    ),
    (
        "base URL",
        "`--base-url`, the preset's variable (`OPENAI_BASE_URL`, `ANTHROPIC_BASE_URL`, …), `provider.base_url`, the preset's URL",
    ),
    ("max tokens", "`--max-tokens`, `provider.max_tokens`, 2048"),
    ("persona", "`--persona`, `persona` in the config file, `prism`"),
];

/// [`PRECEDENCE`] as the Markdown table the docs show.
fn precedence_table() -> String {
    let mut out = String::from("| setting | sources, highest first |\n|---|---|\n");
    for (what, order) in PRECEDENCE {
        out.push_str(&format!("| {what} | {order} |\n"));
    }
    out
}

struct MapEnv(HashMap<&'static str, String>);
impl Env for MapEnv {
    fn var(&self, name: &str) -> Option<String> {
        self.0.get(name).cloned()
    }
}

/// The layers of a stage's model, highest first, with the value each sets.
const MODEL_LAYERS: &[&str] = &[
    "--model",
    "--stage-model",
    "PARALLAX_MODEL",
    "persona",
    "[models]",
    "provider.model",
    "preset",
];

/// Resolve with `layers[from..]` enabled and return the brief's model.
fn model_with_layers_from(from: usize) -> Option<String> {
    let on = |name: &str| MODEL_LAYERS[from..].contains(&name);
    let dir = tempfile::tempdir().unwrap();
    let mut toml = String::from("[provider]\nname = \"ollama\"\n");
    if on("provider.model") {
        toml.push_str("model = \"m-provider\"\n");
    }
    if on("[models]") {
        toml.push_str("[models]\nbrief = \"m-models\"\n");
    }
    std::fs::write(dir.path().join("parallax.toml"), toml).unwrap();
    let mut env = HashMap::from([("XDG_CONFIG_HOME", "/nonexistent".to_string())]);
    if on("PARALLAX_MODEL") {
        env.insert("PARALLAX_MODEL", "m-env".into());
    }
    let mut flags = Flags::default();
    if on("--model") {
        flags.model = Some("m-flag".into());
    }
    if on("--stage-model") {
        flags
            .stage_model
            .push(parse_stage_model("brief=m-stage-flag").unwrap());
    }
    let s = resolve(&flags, None, None, &MapEnv(env), dir.path()).unwrap();
    let persona = on("persona").then(|| crate::llm::Model::from("m-persona"));
    s.models
        .for_stage(StageKind::Brief, persona.as_ref())
        .map(|m| m.to_string())
}

#[test]
fn each_model_layer_beats_every_layer_below_it() {
    let expected = [
        "m-flag",
        "m-stage-flag",
        "m-env",
        "m-persona",
        "m-models",
        "m-provider",
        "llama3.1",
    ];
    for (i, want) in expected.iter().enumerate() {
        assert_eq!(
            model_with_layers_from(i).as_deref(),
            Some(*want),
            "with `{}` and everything below it set",
            MODEL_LAYERS[i]
        );
    }
}

#[test]
fn temperature_flag_then_persona_then_config() {
    let cases = [
        (Some(0.1), Some(0.2), Some(0.3), Some(0.1)),
        (None, Some(0.2), Some(0.3), Some(0.2)),
        (None, None, Some(0.3), Some(0.3)),
        (None, None, None, None),
    ];
    for (flag, persona, configured, want) in cases {
        let t = Temperature { flag, configured };
        assert_eq!(
            t.with_persona(persona),
            want,
            "{flag:?} {persona:?} {configured:?}"
        );
    }
}

#[test]
fn temperature_from_the_config_file_loses_to_the_persona() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("parallax.toml"),
        "[provider]\nname = \"ollama\"\ntemperature = 0.9\n",
    )
    .unwrap();
    let env = MapEnv(HashMap::from([("XDG_CONFIG_HOME", "/nonexistent".to_string())]));
    let s = resolve(&Flags::default(), None, None, &env, dir.path()).unwrap();
    assert_eq!(s.temperature.with_persona(Some(0.2)), Some(0.2));
    assert_eq!(s.temperature.with_persona(None), Some(0.9));
}

#[test]
fn the_docs_show_the_precedence_table_word_for_word() {
    let docs = include_str!("../../docs/providers.md");
    let table = precedence_table();
    assert!(
        docs.contains(&table),
        "docs/providers.md must contain this table:\n{table}"
    );
}
