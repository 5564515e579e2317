//! Tests of `journal`.

use super::*;

fn event(id: &str, state: State, attempt: u32) -> Event {
    Event {
        id: id.into(),
        state,
        attempt,
        line: 1,
        at: crate::clock::now(),
        reason: None,
        tokens: 0,
        cost_usd: None,
    }
}

#[test]
fn last_state_wins_and_damaged_lines_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (j, past) = Journal::open(dir.path()).unwrap();
        assert!(past.is_empty());
        j.record(&event("a", State::Started, 1)).unwrap();
        j.record(&event("a", State::Failed, 1)).unwrap();
        j.record(&event("a", State::Started, 2)).unwrap();
        j.record(&event("a", State::Done, 2)).unwrap();
        j.record(&event("b", State::Started, 1)).unwrap();
    }
    // A crash in the middle of a line.
    let mut f = OpenOptions::new()
        .append(true)
        .open(dir.path().join(Journal::FILE))
        .unwrap();
    f.write_all(b"{\"id\":\"c\",\"sta").unwrap();
    let (j, past) = Journal::open(dir.path()).unwrap();
    assert_eq!(
        past["a"],
        Status {
            state: State::Done,
            attempts: 2,
            reason: None
        }
    );
    assert_eq!(past["b"].state, State::Started);
    assert!(!past.contains_key("c"));
    j.record(&event("c", State::Done, 1)).unwrap();
    let (_, past) = Journal::open(dir.path()).unwrap();
    assert_eq!(
        past["c"].state,
        State::Done,
        "the event after a damaged line is read"
    );
}
