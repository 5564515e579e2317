//! The one way parallax builds a template environment, for prompts, the
//! article page and the desk alike: a variable the context lacks is an error,
//! never an empty string that slips into a prompt or a page unseen; and a page
//! escapes everything it prints as HTML.

use minijinja::{AutoEscape, Environment, UndefinedBehavior};

/// What a template writes.
#[derive(Clone, Copy)]
pub(crate) enum Output {
    /// Plain text: prompts.
    Text,
    /// An HTML page: every value printed is escaped.
    Html,
}

/// A strict environment for templates that write `output`.
pub(crate) fn environment(output: Output) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    if let Output::Html = output {
        env.set_auto_escape_callback(|_| AutoEscape::Html);
    }
    env
}
