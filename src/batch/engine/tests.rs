//! Tests of the engine's request ids.

use super::custom_id;
use crate::llm::Label;

#[test]
fn custom_ids_fit_anthropic_rules_and_tell_requests_apart() {
    let valid = |id: &str| {
        (1..=64).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    };
    let long = "a story id/with spaces, slashes and ünïcode that goes on and on and on";
    let ids = [
        custom_id("s1", &Label::stage("brief"), "k1"),
        custom_id("s1", &Label::stage("brief"), "k2"),
        custom_id("s2", &Label::stage("brief"), "k1"),
        custom_id(long, &Label::stage("perspective:south-korea"), "k1"),
        custom_id(
            &format!("{long}!"),
            &Label::stage("perspective:south-korea"),
            "k1",
        ),
    ];
    for id in &ids {
        assert!(valid(id), "{id}");
    }
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert!(ids[3].contains("perspective_south-korea"), "{}", ids[3]);
    assert_eq!(
        custom_id("s1", &Label::stage("brief"), "k1"),
        ids[0],
        "stable across runs"
    );
}

/// The keys a previous release wrote: response cache entries, `servers.json`
/// and a provider batch's request ids are found again only if these strings
/// never change. The fixture was written by the code that shipped them.
#[test]
fn persisted_keys_are_the_ones_earlier_releases_wrote() {
    use crate::llm::facts::ServerFacts;
    use crate::llm::presets::Protocol;
    use crate::llm::{Cache, ChatRequest, Message, OutputSchema, Role};
    let names: Vec<&str> = [Protocol::OpenAi, Protocol::Anthropic, Protocol::Ollama]
        .iter()
        .map(|p| p.as_str())
        .collect();
    assert_eq!(names, ["OpenAi", "Anthropic", "Ollama"]);
    for name in names {
        assert_eq!(name.parse::<Protocol>().map(Protocol::as_str), Ok(name));
    }
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("../../../tests/fixtures/persisted/keys.json")).unwrap();
    let endpoint = Protocol::OpenAi.endpoint("http://127.0.0.1:8080/v1");
    assert_eq!(endpoint, fixture["endpoint"]);
    let req = ChatRequest {
        stage: crate::llm::Label::stage("brief"),
        model: "gpt-4o-mini".into(),
        messages: vec![
            Message::new(Role::System, "You are PRISM."),
            Message::new(Role::User, "Write the brief."),
        ],
        schema: Some(OutputSchema {
            name: "brief".into(),
            schema: serde_json::json!({"type": "object"}),
        }),
        temperature: Some(0.2),
        max_tokens: 2048,
        shared_prefix: 0,
    };
    let key = Cache::key(&endpoint, &req);
    assert_eq!(key, fixture["cache_key"]);
    assert_eq!(
        custom_id("story-1", &Label::stage("brief"), &key),
        fixture["custom_id"]
    );
    assert_eq!(
        ServerFacts::key(&endpoint, &"gpt-4o-mini".into()),
        fixture["server_facts_key"]
    );
    // An entry written under that key is read back as a hit.
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    let answer = crate::llm::ChatResponse {
        content: "{}".into(),
        ..Default::default()
    };
    cache.put(&key, &crate::llm::Label::stage("brief"), &answer);
    assert_eq!(cache.get(&key).map(|a| a.content), Some("{}".to_string()));
}
