//! Integration tests: the real binary against the fake LLM server on 127.0.0.1.

// A scenario (a batch killed three times, a catalogue of servers) reads best as
// one function; the library's functions stay under 80 lines.
#![allow(clippy::too_many_lines)]

mod architecture;
mod batch;
mod catalogue;
mod channels;
mod checks;
mod degrade;
mod desk;
mod draft;
mod echo;
mod editions;
mod engines;
mod errors;
mod gather;
mod ghost;
mod hostile;
mod inert;
mod install;
mod languages;
mod long;
mod pages;
mod personas;
mod props;
mod providers;
mod publish;
mod recorded;
mod review;
mod servers;
mod snapshots;
mod sources;
mod support;
mod wordpress;
