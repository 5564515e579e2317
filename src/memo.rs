//! Answers worked out once and remembered. An article is checked again after
//! every revision and every degraded part, most of it unchanged, and a story's
//! requests share their schemas: what a text claims, whether the sources hold
//! a quotation, what a part was found to hold are each worked out once. A memo
//! is shared between threads; a copy of one starts empty.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Values by key, at most `limit` of them (then it starts again, empty).
#[derive(Debug)]
pub(crate) struct Memo<K, V> {
    kept: Mutex<HashMap<K, V>>,
    limit: usize,
}

impl<K, V> Memo<K, V> {
    /// A memo of at most `limit` values.
    pub(crate) fn bounded(limit: usize) -> Self {
        Memo {
            kept: Mutex::new(HashMap::new()),
            limit,
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<K, V>> {
        self.kept.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl<K: Hash + Eq, V: Clone> Memo<K, V> {
    /// The value for `key`, made by `make` the first time it is asked for;
    /// the key is copied only then. `make` runs unlocked, so it may ask other
    /// memos (or this one).
    pub(crate) fn get_or<Q>(&self, key: &Q, make: impl FnOnce(&Q) -> V) -> V
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        if let Some(v) = self.lock().get(key) {
            return v.clone();
        }
        let v = make(key);
        let mut kept = self.lock();
        if kept.len() >= self.limit {
            kept.clear();
        }
        kept.entry(key.to_owned()).or_insert(v).clone()
    }
}

impl<K, V> Default for Memo<K, V> {
    /// A memo for one article's parts: a few thousand at most.
    fn default() -> Self {
        Memo::bounded(4096)
    }
}

impl<K, V> Clone for Memo<K, V> {
    fn clone(&self) -> Self {
        Memo::bounded(self.limit)
    }
}

#[cfg(test)]
mod tests {
    use super::Memo;
    use std::cell::Cell;

    #[test]
    fn a_value_is_made_once_and_the_memo_stays_within_its_limit() {
        let made = Cell::new(0);
        let memo: Memo<String, usize> = Memo::bounded(2);
        let len = |k: &str| {
            made.set(made.get() + 1);
            k.len()
        };
        assert_eq!(memo.get_or("abc", len), 3);
        assert_eq!(memo.get_or("abc", len), 3);
        assert_eq!(made.get(), 1);
        memo.get_or("de", len);
        memo.get_or("f", len);
        assert!(memo.lock().len() <= 2);
        assert_eq!(memo.clone().lock().len(), 0, "a copy starts empty");
    }
}
