//! Tests of `retry`.

use super::*;
use reqwest::header::HeaderValue;

#[test]
fn backoff_grows_and_caps() {
    let p = RetryPolicy {
        max_retries: 5,
        base: Duration::from_millis(100),
        max: Duration::from_millis(1000),
    };
    for _ in 0..50 {
        let d1 = p.backoff(1);
        assert!(
            d1 >= Duration::from_millis(50) && d1 <= Duration::from_millis(100),
            "{d1:?}"
        );
        let d3 = p.backoff(3);
        assert!(
            d3 >= Duration::from_millis(200) && d3 <= Duration::from_millis(400),
            "{d3:?}"
        );
        assert!(p.backoff(30) <= Duration::from_millis(1000));
    }
}

#[test]
fn hints_read_all_header_forms() {
    let mut h = HeaderMap::new();
    h.insert("retry-after", HeaderValue::from_static("2"));
    assert_eq!(
        RetryHints::from_headers(&h).retry_after,
        Some(Duration::from_secs(2))
    );
    h.insert("retry-after-ms", HeaderValue::from_static("150"));
    assert_eq!(
        RetryHints::from_headers(&h).retry_after,
        Some(Duration::from_millis(150))
    );
    h.insert("x-should-retry", HeaderValue::from_static("false"));
    assert_eq!(RetryHints::from_headers(&h).should_retry, Some(false));
    assert_eq!(
        parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
        Some(Duration::ZERO)
    );
    let later = humantime::format_rfc3339(SystemTime::now() + Duration::from_secs(120)).to_string();
    assert!(
        parse_retry_after(&later).is_none(),
        "RFC 3339 is not an HTTP date"
    );
    assert!(parse_retry_after("soon").is_none());
}

#[test]
fn classification_follows_the_status_matrix() {
    let api = |status| LlmError::Api {
        url: "u".into(),
        status,
        message: String::new(),
    };
    let none = RetryHints::default();
    for s in [408, 409, 429, 500, 502, 503, 529] {
        assert!(is_retryable(&api(s), &none), "{s}");
    }
    for s in [400, 413, 422] {
        assert!(!is_retryable(&api(s), &none), "{s}");
    }
    let auth = LlmError::Auth {
        url: "u".into(),
        status: 401,
        message: String::new(),
        key_env: "K".into(),
    };
    assert!(!is_retryable(
        &auth,
        &RetryHints {
            should_retry: Some(true),
            ..none
        }
    ));
    assert!(!is_retryable(
        &api(503),
        &RetryHints {
            should_retry: Some(false),
            ..none
        }
    ));
    assert!(is_retryable(
        &api(400),
        &RetryHints {
            should_retry: Some(true),
            ..none
        }
    ));
}

#[tokio::test]
async fn gate_holds_every_waiter() {
    let g = Gate::default();
    g.pause(Duration::from_millis(30));
    let start = Instant::now();
    g.wait().await;
    assert!(start.elapsed() >= Duration::from_millis(29));
}

#[test]
fn go_durations_parse() {
    assert_eq!(go_duration("1s"), Some(Duration::from_secs(1)));
    assert_eq!(go_duration("6m0s"), Some(Duration::from_secs(360)));
    assert_eq!(go_duration("20ms"), Some(Duration::from_millis(20)));
    assert_eq!(go_duration("1h2m3.5s"), Some(Duration::from_secs_f64(3723.5)));
    assert_eq!(go_duration("soon"), None);
}

#[test]
fn exhausted_window_pauses() {
    let mut h = HeaderMap::new();
    h.insert("x-ratelimit-remaining-requests", HeaderValue::from_static("0"));
    h.insert("x-ratelimit-reset-requests", HeaderValue::from_static("2s"));
    assert_eq!(rate_limit_pause(&h), Some(Duration::from_secs(2)));
    h.insert("x-ratelimit-remaining-requests", HeaderValue::from_static("5"));
    assert_eq!(rate_limit_pause(&h), None);
}

#[test]
fn absurd_server_waits_are_ignored_not_fatal() {
    for v in ["inf", "-inf", "NaN", "1e30", "-5", "1e400"] {
        let mut h = HeaderMap::new();
        h.insert("retry-after-ms", HeaderValue::from_str(v).unwrap());
        h.insert("retry-after", HeaderValue::from_str(v).unwrap());
        assert_eq!(RetryHints::from_headers(&h).retry_after, None, "{v}");
    }
    let mut h = HeaderMap::new();
    h.insert("x-ratelimit-remaining-requests", HeaderValue::from_static("0"));
    h.insert(
        "x-ratelimit-reset-requests",
        HeaderValue::from_static("99999999999h"),
    );
    assert_eq!(rate_limit_pause(&h), None);
    assert_eq!(server_wait(1.5), Some(Duration::from_millis(1500)));
}

#[test]
fn one_failure_with_changing_request_ids_has_one_shape() {
    let a = "https://api.example.com/v1/chat/completions answered 500: server error (request req_8f3a9c21d, trace 4f1e-77aa)";
    let b = "https://api.example.com/v1/chat/completions answered 500: server error (request req_19bd02e77, trace 9c0d-12ef)";
    assert_eq!(shape(a), shape(b));
    let other = "https://api.example.com/v1/chat/completions answered 502: bad gateway";
    assert_ne!(shape(a), shape(other));
    assert!(shape(a).contains("500"), "a status is not an id: {}", shape(a));
}

#[test]
fn a_looping_answer_is_told_from_one_that_merely_repeats_a_word() {
    let prose =
        "{\"lede\": {\"text\": \"Seoul said the plan was sound, and Washington said it was watching. "
            .repeat(3);
    assert!(!looping(&prose), "three repeats of a sentence are not a loop");
    let looped = format!("{prose}{}", "the the the ".repeat(200));
    assert!(looping(&looped));
    let sentence_loop = format!("{prose}{}", "North Korea sent troops. ".repeat(60));
    assert!(looping(&sentence_loop));
    assert!(!looping("short"));
}
