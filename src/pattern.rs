//! Built-in regular expressions. parallax's own patterns are compiled once,
//! into a `LazyLock` where they are used; one that does not compile is a bug in
//! parallax, so it panics naming the pattern rather than returning an error no
//! user could act on.

use regex::Regex;

/// A built-in pattern, compiled.
pub(crate) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("built-in pattern {pattern:?} is invalid: {e}"))
}
