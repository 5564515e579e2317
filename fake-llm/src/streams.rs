//! Bodies sent a piece at a time: whole SSE streams, and streams that stall or
//! break off part way, as the fault plan asks.

use axum::body::Body;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use futures::StreamExt;

use crate::bodies::error;
use crate::faults::HANG;
use crate::request::Protocol;

pub fn sse(frames: Vec<String>) -> Response {
    event_stream(Body::from(frames.concat()))
}

/// Frames, then silence for far longer than any test waits.
pub fn stalled(frames: Vec<String>, content_type: &'static str) -> Response {
    let items = futures::stream::iter(frames.into_iter().map(Ok::<_, std::io::Error>)).chain(
        futures::stream::once(async {
            tokio::time::sleep(HANG).await;
            Ok(String::new())
        }),
    );
    let mut r = event_stream(Body::from_stream(items));
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

/// Frames, then a broken connection.
pub fn reset(frames: Vec<String>, content_type: &'static str) -> Response {
    let items = futures::stream::iter(frames.into_iter().map(Ok::<_, std::io::Error>)).chain(
        futures::stream::once(async { Err(std::io::Error::other("connection reset")) }),
    );
    let mut r = event_stream(Body::from_stream(items));
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

fn event_stream(body: Body) -> Response {
    Response::builder()
        .header(header::CONTENT_TYPE, "text/event-stream")
        .body(body)
        .unwrap_or_else(|_| error(Protocol::OpenAi, 500, "could not build the stream"))
}
