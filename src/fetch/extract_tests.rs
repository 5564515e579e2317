//! Tests of `extract`.

use super::*;

#[test]
fn charsets_from_header_meta_or_utf8() {
    let latin1 = b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>";
    assert!(decode(latin1, "text/html").contains("café"));
    assert!(decode(b"caf\xe9", "text/plain; charset=ISO-8859-1").contains("café"));
    assert_eq!(decode("café".as_bytes(), "text/html"), "café");
}
