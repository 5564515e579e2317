//! Tests of `answer`.

use super::*;

#[test]
fn fills_claims_with_matching_citations() {
    let schema = json!({"type": "object", "properties": {
        "text": {"type": "string"},
        "cites": {"type": "array", "items": {"type": "string", "enum": ["S1", "S2"]}}
    }});
    let p = passages("x\n[S1] one\n[S2] (speaks for: a) two\n[S1] one\n");
    assert_eq!(p.len(), 2);
    assert_eq!(
        (p[1].id.as_str(), p[1].text.as_str(), p[1].sides.as_slice()),
        ("S2", "two", &["a".to_string()][..])
    );
    assert_eq!(
        fill(&schema, &p, None, 1),
        json!({"text": "two", "cites": ["S2"]})
    );
    assert_eq!(
        fill(&schema, &p, Some("a"), 0),
        json!({"text": "two", "cites": ["S2"]}),
        "a side draws on its passages"
    );
}

#[test]
fn nonces_do_not_change_a_conversation() {
    let a = crate::without_nonces(r#"<sources nonce="ab12">x</sources nonce="ab12"> nonce="#);
    let b = crate::without_nonces(r#"<sources nonce="ff00">x</sources nonce="ff00"> nonce="#);
    assert_eq!(a, b);
    assert_eq!(a, r#"<sources nonce="">x</sources nonce=""> nonce="#);
}
