//! Tests of `labels`.

use super::*;

#[test]
fn notices_are_recognised_in_each_language() {
    for (_, l) in ALL {
        assert!(l.is_no_position(&l.no_position("X")));
        assert!(!l.is_no_position("Seoul said something."));
    }
    assert!(std::ptr::eq(for_language("ko-KR"), &KO));
    assert!(std::ptr::eq(for_language("fr"), &EN));
}
