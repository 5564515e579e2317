//! Tests of `labels`.

use super::*;

#[test]
fn notices_are_recognised_in_each_language() {
    for (_, l) in all() {
        assert!(l.is_no_position(&l.no_position("X")));
        assert!(!l.is_no_position("Seoul said something."));
    }
    assert!(std::ptr::eq(
        for_language(&"ko-KR".into()),
        all().find(|(c, _)| *c == "ko").map(|(_, l)| l).unwrap()
    ));
    assert!(std::ptr::eq(
        for_language(&"fr".into()),
        for_language(&"en".into())
    ));
    assert!(!std::ptr::eq(
        for_language(&"ja".into()),
        for_language(&"en".into())
    ));
}
