//! `desk-timing PAGE`: how long the review desk at PAGE (a batch folder's
//! `index.html`) takes to load and to filter in headless Chromium, as one JSON
//! line for `bench/batch.sh`. A measurement, not a test: it asserts nothing.

use std::path::Path;

use testkit::browser::Browser;

fn main() {
    let Some(page) = std::env::args_os().nth(1) else {
        eprintln!("usage: desk-timing PAGE");
        std::process::exit(2);
    };
    let mut browser = Browser::launch();
    let tab = browser.open(Path::new(&page), 1280);
    let load = browser.eval(
        &tab,
        "(() => { const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime; })()",
    );
    let filter = browser.eval(
        &tab,
        "(() => { const t = performance.now(); const s = document.getElementById('status'); s.value = 'done'; s.dispatchEvent(new Event('change')); const q = document.getElementById('q'); q.value = 'port'; q.dispatchEvent(new Event('input')); return performance.now() - t; })()",
    );
    let rows = browser.eval(&tab, "document.getElementById('count').textContent");
    println!("{{\"load_ms\": {load}, \"filter_ms\": {filter}, \"count\": {rows}}}");
    browser.close(tab, "1");
}
