//! Tests of `faults`.

use super::*;

#[test]
fn plan_is_deterministic_and_near_its_rate() {
    let plan = FaultPlan {
        rate: 0.3,
        kinds: Fault::all(),
        seed: 1,
        per_conversation: 1,
    };
    let mut a = Sightings::default();
    let mut b = Sightings::default();
    let picks: Vec<_> = (0..2000u64)
        .map(|c| plan.pick(&mut a, hash(&c.to_string()), true))
        .collect();
    let again: Vec<_> = (0..2000u64)
        .map(|c| plan.pick(&mut b, hash(&c.to_string()), true))
        .collect();
    assert_eq!(picks, again);
    for kind in Fault::all() {
        assert!(picks.contains(&Some(kind)), "{kind:?} dealt");
    }
    let rate = picks.iter().filter(|p| p.is_some()).count() as f64 / 2000.0;
    assert!((0.25..0.35).contains(&rate), "{rate}");
    assert!(
        plan.pick(&mut a, hash("0"), true).is_none(),
        "one fault per conversation"
    );
}
