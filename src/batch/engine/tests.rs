//! Tests of the engine's request ids.

use super::custom_id;

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
        custom_id("s1", "brief", "k1"),
        custom_id("s1", "brief", "k2"),
        custom_id("s2", "brief", "k1"),
        custom_id(long, "perspective:south-korea", "k1"),
        custom_id(&format!("{long}!"), "perspective:south-korea", "k1"),
    ];
    for id in &ids {
        assert!(valid(id), "{id}");
    }
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert!(ids[3].contains("perspective_south-korea"), "{}", ids[3]);
    assert_eq!(custom_id("s1", "brief", "k1"), ids[0], "stable across runs");
}
