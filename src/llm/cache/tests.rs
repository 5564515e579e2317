//! Tests of `cache`.

use super::*;
use crate::llm::{Message, Role};

#[test]
fn round_trips_and_keys_ignore_nothing_that_matters() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    let mut req = ChatRequest {
        model: "m".into(),
        messages: vec![Message::new(Role::User, "hi")],
        max_tokens: 10,
        ..ChatRequest::default()
    };
    let k1 = Cache::key("openai http://x", &req);
    assert!(cache.get(&k1).is_none());
    let answer = ChatResponse {
        content: "hello".into(),
        model: "m".into(),
        ..ChatResponse::default()
    };
    cache.put(&k1, &crate::llm::Label::stage("brief"), &answer);
    let got = cache.get(&k1).unwrap();
    assert_eq!(got.content, "hello");
    assert!(got.cached);
    req.temperature = Some(0.5);
    assert_ne!(Cache::key("openai http://x", &req), k1);
    assert_ne!(
        Cache::key(
            "openai http://y",
            &ChatRequest {
                temperature: None,
                ..req
            }
        ),
        k1
    );
    std::fs::write(cache.path(&k1), "{broken").unwrap();
    assert!(cache.get(&k1).is_none());
}
