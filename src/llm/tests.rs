//! Tests of `llm`.

use super::*;

#[test]
fn api_key_never_prints() {
    let k = ApiKey::new("sk-secret").unwrap();
    assert!(!format!("{k:?}").contains("secret"));
    assert!(ApiKey::new("  ").is_none());
}
