//! What parallax's integration tests drive besides the binary and the fake LLM
//! server: a headless browser to open the pages it writes, and a web server on
//! 127.0.0.1 to fetch sources from. Kept out of the tests so they hold tests.

pub mod browser;
pub mod web;
