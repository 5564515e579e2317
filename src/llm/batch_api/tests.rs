//! Tests of the batch result formats.

use super::*;

fn completion(text: &str) -> Value {
    json!({"id": "c1", "object": "chat.completion", "model": "m",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 2, "total_tokens": 12}})
}

#[test]
fn openai_results_are_matched_by_custom_id_and_sorted_by_fate() {
    let lines = [
        json!({"custom_id": "b", "response": {"status_code": 200, "body": completion("hello")}, "error": null}),
        json!({"custom_id": "a", "response": null, "error": {"code": "batch_expired", "message": "late"}}),
        json!({"custom_id": "c", "response": {"status_code": 500, "body": {"error": {"message": "oops"}}}, "error": null}),
        json!({"custom_id": "d", "response": {"status_code": 400, "body": {"error": {"message": "bad schema"}}}, "error": null}),
    ];
    let text: String = lines.iter().map(|l| l.to_string() + "\n").collect::<String>() + "not json\n";
    let got = parse_openai_results(&text, "file");
    let ids: Vec<&str> = got.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["b", "a", "c", "d"]);
    assert!(matches!(&got[0].1, Outcome::Answer(a) if a.content == "hello" && a.usage.prompt_tokens == 10));
    assert!(matches!(&got[1].1, Outcome::Retry(r) if r.contains("batch_expired")));
    assert!(matches!(&got[2].1, Outcome::Retry(_)));
    assert!(matches!(&got[3].1, Outcome::Failed(e) if e.to_string().contains("bad schema")));
}

#[test]
fn an_openai_batch_status_says_when_it_ended_and_why_it_failed() {
    let v = json!({"id": "batch_1", "status": "failed", "request_counts": {"total": 3, "completed": 0, "failed": 3},
        "errors": {"data": [{"message": "line 1: url must be /v1/chat/completions"}]}});
    let st = openai_status(&v, "batch_1".into(), "u").unwrap();
    assert!(st.ended);
    assert!(st.failed.as_deref().unwrap_or("").contains("url must be"));
    let v = json!({"id": "batch_2", "status": "in_progress", "request_counts": {"total": 3, "completed": 1, "failed": 0}});
    let st = openai_status(&v, "batch_2".into(), "u").unwrap();
    assert!(!st.ended);
    assert_eq!(st.counts.processing, 2);
}

#[test]
fn a_request_line_is_an_openai_batch_line() {
    let r = BatchRequest {
        custom_id: "s1-brief-0a".into(),
        body: json!({"model": "m", "messages": []}).to_string(),
    };
    let v: Value = serde_json::from_str(&r.openai_line()).unwrap();
    assert_eq!(v["custom_id"], "s1-brief-0a");
    assert_eq!(v["method"], "POST");
    assert_eq!(v["url"], ENDPOINT);
    assert_eq!(v["body"]["model"], "m");
}

fn client_for(base_url: String, preset: &str) -> HttpClient {
    let preset = *super::super::presets::find(preset).expect("preset");
    HttpClient::new(crate::llm::HttpConfig {
        preset,
        base_url,
        key: super::super::ApiKey::new("test-key"),
        key_env: "TEST_KEY".into(),
        stream: false,
        timeouts: Default::default(),
        retry: Default::default(),
        limits: Default::default(),
        facts_file: None,
        url_credentials: None,
    })
    .unwrap()
}

fn request(id: &str) -> BatchRequest {
    BatchRequest {
        custom_id: id.into(),
        body: json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "[S1] Seoul said the plan was sound."}]})
        .to_string(),
    }
}

#[tokio::test]
async fn an_uploaded_file_finds_its_batch_again_and_results_come_back_by_id() {
    let srv = fake_llm::FakeServer::start(fake_llm::Config {
        batch: fake_llm::BatchConfig {
            delay: std::time::Duration::ZERO,
            ..Default::default()
        },
        ..Default::default()
    })
    .unwrap();
    let http = client_for(srv.base_url(), "openai");
    let api = BatchApi::new(&http);
    let file = api.upload(&[request("a-1"), request("b-2")]).await.unwrap();
    assert!(api.find_by_file(&file).await.unwrap().is_none(), "no batch yet");
    let made = api.create_from_file(&file).await.unwrap();
    // A run killed here, before recording the batch, finds it from the file.
    let found = api.find_by_file(&file).await.unwrap().expect("found");
    assert_eq!(found.id, made.id);
    let st = api.status(&made.id).await.unwrap();
    assert!(st.ended, "{st:?}");
    let mut ids: Vec<String> = api
        .results(&st)
        .await
        .unwrap()
        .into_iter()
        .map(|(id, o)| {
            assert!(matches!(o, Outcome::Answer(_)));
            id
        })
        .collect();
    ids.sort();
    assert_eq!(ids, ["a-1", "b-2"]);
    let creds: Vec<String> = srv
        .handle
        .requests()
        .iter()
        .filter_map(|q| q.credential())
        .collect();
    assert!(creds.iter().all(|c| c == "Bearer test-key"), "{creds:?}");
}

/// A server on 127.0.0.1 that answers each connection with the next of `replies`.
async fn scripted_server(replies: Vec<String>) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/v1", listener.local_addr().unwrap());
    let seen = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = seen.clone();
    tokio::spawn(async move {
        for reply in replies {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            let mut buf = vec![0u8; 64 * 1024];
            let _ = sock.read(&mut buf).await;
            count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let _ = sock.write_all(reply.as_bytes()).await;
            let _ = sock.shutdown().await;
        }
    });
    (url, seen)
}

#[tokio::test]
async fn a_batch_call_waits_what_retry_after_asks_not_its_own_backoff() {
    let reply = |head: &str, body: &str| {
        format!(
            "HTTP/1.1 {head}\r\ncontent-type: application/json\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        )
    };
    let busy = reply(
        "429 Too Many Requests\r\nretry-after-ms: 50",
        r#"{"error":{"message":"slow down"}}"#,
    );
    let ok = reply("200 OK", r#"{"id":"file-1"}"#);
    let (url, seen) = scripted_server(vec![busy, ok]).await;
    let preset = *super::super::presets::find("openai").expect("preset");
    let http = HttpClient::new(crate::llm::HttpConfig {
        preset,
        base_url: url,
        key: super::super::ApiKey::new("test-key"),
        key_env: "TEST_KEY".into(),
        stream: false,
        timeouts: Default::default(),
        // Its own backoff would wait minutes; the server asks for 50 ms.
        retry: super::super::retry::RetryPolicy {
            max_retries: 2,
            base: std::time::Duration::from_secs(600),
            max: std::time::Duration::from_secs(600),
        },
        limits: Default::default(),
        facts_file: None,
        url_credentials: None,
    })
    .unwrap();
    let (api, requests) = (BatchApi::new(&http), [request("a-1")]);
    let upload = api.upload(&requests);
    let id = tokio::time::timeout(std::time::Duration::from_secs(60), upload)
        .await
        .expect("the server's Retry-After was honoured")
        .unwrap();
    assert_eq!(id, "file-1");
    assert_eq!(seen.load(std::sync::atomic::Ordering::SeqCst), 2);
}
