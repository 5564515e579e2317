//! Tests of `extract`.

use super::*;

#[test]
fn charsets_from_header_meta_or_utf8() {
    let latin1 = b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>";
    assert!(decode(latin1, "text/html").contains("café"));
    assert!(decode(b"caf\xe9", "text/plain; charset=ISO-8859-1").contains("café"));
    assert_eq!(decode("café".as_bytes(), "text/html"), "café");
}

#[test]
fn advertisements_and_promotions_inside_the_article_are_dropped() {
    let para = |n: usize| {
        format!(
            "<p>Paragraph {n} of the report says that the council of the harbour district met on Monday to discuss the new budget for schools, roads and the port, and that the mayor said the plan was sound.</p>"
        )
    };
    let page = format!(
        "<html><head><title>Harbour budget</title></head><body><article><h1>Harbour budget</h1>{}{}\
         <div class=\"ad\">Sponsored: These 7 gadgets are selling out fast</div>{}\
         <aside class=\"newsletter-signup\">Get the morning briefing in your inbox every day</aside>{}\
         <div id=\"promo-box\">Top deals this week on laptops and phones</div>{}\
         <p>Advertisement</p>{}\
         <div data-ad=\"slot-3\">The best running shoes of the year, reviewed</div>{}\
         <div class=\"article-body-extra\">Subscribe now and save 50% on your first year</div>{}</article></body></html>",
        para(1),
        para(2),
        para(3),
        para(4),
        para(5),
        para(6),
        para(7),
        para(8)
    );
    let got = html(&page, "https://example.org/harbour").unwrap();
    for ad in [
        "gadgets",
        "morning briefing",
        "Top deals",
        "Advertisement",
        "running shoes",
        "Subscribe now",
    ] {
        assert!(!got.text.contains(ad), "`{ad}` survived:\n{}", got.text);
    }
    for n in 1..=8 {
        assert!(
            got.text.contains(&format!("Paragraph {n} of the report")),
            "paragraph {n} lost:\n{}",
            got.text
        );
    }
}

#[test]
fn deep_or_huge_pages_are_refused_at_once() {
    let deep = "<div>".repeat(100_000) + "text" + &"</div>".repeat(100_000);
    let started = std::time::Instant::now();
    let e = html(&deep, "http://example.com/").unwrap_err();
    assert!(e.contains("100000 deep"), "{e}");
    // Measured, not asserted against a clock: the refusal needs no parse.
    eprintln!("refused in {:?}", started.elapsed());
    let (depth, elements) =
        shape("<html><body><p>a<br>b<img src=x/></p><script>if (a<b) {}</script><p>c</p></body></html>");
    assert_eq!((depth, elements), (3, 7));
}
