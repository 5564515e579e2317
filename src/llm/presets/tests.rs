//! Tests of `presets`.

use super::*;

#[test]
fn presets_are_unique_and_complete() {
    let mut names = names();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), PRESETS.len());
    for want in [
        "openai",
        "anthropic",
        "ollama",
        "llamacpp",
        "vllm",
        "lmstudio",
        "openrouter",
        "groq",
        "together",
        "mistral",
        "deepseek",
        "gemini",
    ] {
        assert!(find(want).is_some(), "{want}");
    }
    assert_eq!(
        find("ollama").unwrap().max_tokens_field,
        MaxTokensField::MaxTokens
    );
    assert_eq!(find("anthropic").unwrap().protocol, Protocol::Anthropic);
}
