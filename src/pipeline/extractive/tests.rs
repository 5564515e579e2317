//! Tests of `extractive`.

use super::*;

#[test]
fn finds_quotations_and_sentences() {
    assert_eq!(
        quotation("He called it a “precious common asset” today.").as_deref(),
        Some("precious common asset")
    );
    assert_eq!(
        quotation("a \"no\" then \"one two three four\"").as_deref(),
        Some("one two three four")
    );
    assert_eq!(quotation("no quotes"), None);
    assert_eq!(
        first_sentence("Kim Jong-un sent a message. Then more."),
        "Kim Jong-un sent a message."
    );
}
