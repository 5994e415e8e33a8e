//! Reading the daemon's error answer: `{"message": "..."}`, or plain text from old engines.

use crate::error::Error;

/// Error bodies are small; a runaway one is cut here rather than read whole.
const MAX_ERROR_BODY: usize = 64 * 1024;

pub(crate) async fn error_from_response(mut response: reqwest::Response) -> Error {
    let status = response.status();
    let mut body = Vec::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        body.extend_from_slice(&chunk);
        if body.len() >= MAX_ERROR_BODY {
            body.truncate(MAX_ERROR_BODY);
            break;
        }
    }
    Error::from_daemon(status.as_u16(), message_of(&body, status))
}

fn message_of(body: &[u8], status: reqwest::StatusCode) -> String {
    #[derive(serde::Deserialize)]
    struct Message {
        message: String,
    }
    if let Ok(m) = serde_json::from_slice::<Message>(body) {
        return m.message;
    }
    let text = String::from_utf8_lossy(body).trim().to_string();
    if text.is_empty() {
        status
            .canonical_reason()
            .unwrap_or("error without a message")
            .to_string()
    } else {
        text
    }
}
