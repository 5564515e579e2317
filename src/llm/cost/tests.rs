//! Tests of `cost`.

use super::*;

#[test]
fn prices_match_by_prefix_and_count_cached_tokens() {
    let t = PriceTable::new(&BTreeMap::new(), false);
    let u = Usage {
        prompt_tokens: 1_000_000,
        completion_tokens: 1_000_000,
        cached_prompt_tokens: 500_000,
    };
    let c = t.cost(&"gpt-4o-mini-2024-07-18".into(), &u).unwrap();
    assert!((c - (0.5 * 0.15 + 0.5 * 0.075 + 0.60)).abs() < 1e-9, "{c}");
    assert!(t.cost(&"unknown-model".into(), &u).is_none());
    assert_eq!(
        PriceTable::new(&BTreeMap::new(), true).cost(&"llama3.1".into(), &u),
        Some(0.0)
    );
}

#[test]
fn overrides_win() {
    let o = BTreeMap::from([(
        "gpt-4o-mini".to_string(),
        Price {
            input: 1.0,
            cached_input: None,
            output: 2.0,
        },
    )]);
    let t = PriceTable::new(&o, true);
    let u = Usage {
        prompt_tokens: 1_000_000,
        completion_tokens: 0,
        cached_prompt_tokens: 0,
    };
    assert_eq!(t.cost(&"gpt-4o-mini".into(), &u), Some(1.0));
}
