//! Plain responses: an error body in each protocol's shape, and a status with
//! exactly the body and headers a test asks for.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::request::Protocol;

/// A JSON error body in the protocol's shape.
pub fn error(p: Protocol, code: u16, message: &str) -> Response {
    let body = match p {
        Protocol::Ollama => json!({ "error": message }),
        Protocol::OpenAi => json!({"error": {"message": message, "type": "server_error", "code": code}}),
        Protocol::Anthropic => {
            let kind = match code {
                429 => "rate_limit_error",
                529 => "overloaded_error",
                400 => "invalid_request_error",
                401 => "authentication_error",
                _ => "api_error",
            };
            json!({"type": "error", "error": {"type": kind, "message": message}})
        }
    };
    (status(code), axum::Json(body)).into_response()
}

/// A response with exactly this status and body.
pub fn raw(code: u16, body: String) -> Response {
    (status(code), [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// A response with the given headers, which may be anything a server sends.
pub fn raw_with(code: u16, headers: &[(String, String)], body: String) -> Response {
    let mut resp = raw(code, body);
    for (name, value) in headers {
        if let (Ok(n), Ok(v)) = (
            axum::http::HeaderName::from_bytes(name.as_bytes()),
            axum::http::HeaderValue::from_str(value),
        ) {
            resp.headers_mut().insert(n, v);
        }
    }
    resp
}

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}
