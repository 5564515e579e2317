//! Tests of `html`.

use super::*;

#[test]
fn only_web_links_are_links() {
    assert_eq!(safe_url("https://example.org/a"), Some("https://example.org/a"));
    assert_eq!(safe_url(" http://x.org "), Some("http://x.org"));
    assert_eq!(safe_url("javascript:alert(1)"), None);
    assert_eq!(safe_url("JAVASCRIPT:alert(1)"), None);
    assert_eq!(safe_url("data:text/html,x"), None);
    assert_eq!(safe_url("https://x.org/\"><script>"), None);
}
