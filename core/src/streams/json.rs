//! JSON-lines streams (events, stats, progress of pull/push/build/load): one object per line,
//! decoded as `T`. An `error`/`errorDetail` object inside a successful answer ends the stream
//! with a `Stream` error carrying the daemon's message.

use super::lines::{LineDecoder, MAX_LINE};
use crate::error::{Error, ErrorKind, Result};
use crate::transport::ByteStream;
use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A stream of JSON objects, one per line of the body. Dropping it ends the request and
/// frees its connection.
pub struct JsonStream<T> {
    body: ByteStream,
    lines: LineDecoder,
    ended: bool,
    /// After an error nothing more is given.
    fused: bool,
    operation: &'static str,
    // `fn() -> T`: the stream holds no `T`, so it is Send/Sync/Unpin whatever `T` is.
    item: PhantomData<fn() -> T>,
}

impl<T> JsonStream<T> {
    pub(crate) fn new(body: ByteStream, operation: &'static str) -> Self {
        Self::with_max_line(body, operation, MAX_LINE)
    }

    pub(crate) fn with_max_line(body: ByteStream, operation: &'static str, max: usize) -> Self {
        JsonStream {
            body,
            lines: LineDecoder::new(max),
            ended: false,
            fused: false,
            operation,
            item: PhantomData,
        }
    }

    /// The same stream decoding each object as `U` instead (e.g. `serde_json::Value`).
    pub fn into_type<U>(self) -> JsonStream<U> {
        JsonStream {
            body: self.body,
            lines: self.lines,
            ended: self.ended,
            fused: self.fused,
            operation: self.operation,
            item: PhantomData,
        }
    }

    /// The next complete line, reading more of the body as needed.
    fn poll_line(&mut self, cx: &mut Context<'_>) -> Poll<Result<Option<Bytes>>> {
        loop {
            match self.lines.next_line() {
                Ok(Some(line)) => return Poll::Ready(Ok(Some(line))),
                Ok(None) => {}
                Err(e) => {
                    return Poll::Ready(Err(Error::new(
                        ErrorKind::Stream,
                        format!("a line of the stream is longer than {} bytes", e.max),
                    )))
                }
            }
            if self.ended {
                return Poll::Ready(Ok(self.lines.finish()));
            }
            match std::task::ready!(self.body.poll_next_unpin(cx)) {
                Some(Ok(bytes)) => self.lines.push(&bytes),
                Some(Err(e)) => return Poll::Ready(Err(e)),
                None => self.ended = true,
            }
        }
    }
}

/// The error fields of a progress object; other fields are skipped unread.
#[derive(Deserialize)]
struct ErrorProbe {
    #[serde(default)]
    error: Option<serde_json::Value>,
    #[serde(default, rename = "errorDetail")]
    error_detail: Option<ErrorDetailProbe>,
}

#[derive(Deserialize)]
struct ErrorDetailProbe {
    #[serde(default)]
    message: Option<String>,
}

/// The daemon's message when the line reports an error (`errorDetail.message` preferred).
fn in_stream_error(line: &[u8]) -> Option<String> {
    let probe: ErrorProbe = serde_json::from_slice(line).ok()?;
    let detail = probe
        .error_detail
        .and_then(|d| d.message)
        .filter(|m| !m.is_empty());
    let error = match probe.error {
        Some(serde_json::Value::String(s)) if !s.is_empty() => Some(s),
        Some(serde_json::Value::Null) | None => None,
        Some(other) => Some(other.to_string()),
    };
    detail.or(error)
}

fn decode<T: DeserializeOwned>(line: &[u8]) -> Result<T> {
    if let Some(message) = in_stream_error(line) {
        return Err(Error::new(ErrorKind::Stream, message));
    }
    serde_json::from_slice(line).map_err(|e| {
        let shown: String = String::from_utf8_lossy(line).chars().take(200).collect();
        Error::new(
            ErrorKind::Decode,
            format!("bad JSON line in the stream ({e}): {shown}"),
        )
    })
}

impl<T: DeserializeOwned> Stream for JsonStream<T> {
    type Item = Result<T>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.fused {
            return Poll::Ready(None);
        }
        let item = match std::task::ready!(self.poll_line(cx)) {
            Ok(None) => None,
            Ok(Some(line)) => Some(decode(&line)),
            Err(e) => Some(Err(e)),
        };
        match item {
            None => {
                self.fused = true;
                Poll::Ready(None)
            }
            Some(Ok(v)) => Poll::Ready(Some(Ok(v))),
            Some(Err(e)) => {
                self.fused = true;
                Poll::Ready(Some(Err(e.with_operation(self.operation))))
            }
        }
    }
}

impl<T> std::fmt::Debug for JsonStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonStream")
            .field("operation", &self.operation)
            .field("item", &std::any::type_name::<T>())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_detail_wins_and_only_the_message_is_kept() {
        let line = br#"{"errorDetail":{"code":1,"message":"detail msg"},"error":"short"}"#;
        assert_eq!(in_stream_error(line).as_deref(), Some("detail msg"));
        assert_eq!(
            in_stream_error(br#"{"error":"short"}"#).as_deref(),
            Some("short")
        );
        assert_eq!(in_stream_error(br#"{"stream":"Step 1/2"}"#), None);
        assert_eq!(in_stream_error(br#"{"error":null,"status":"ok"}"#), None);
        let e = decode::<serde_json::Value>(line).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Stream);
        assert_eq!(e.message(), "detail msg");
        let e = decode::<serde_json::Value>(b"{not json").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decode);
    }

    #[tokio::test]
    async fn a_line_over_the_limit_ends_the_stream_with_an_error() {
        use futures_util::StreamExt;
        let chunks: Vec<Result<Bytes>> = vec![
            Ok(Bytes::from_static(b"{\"a\":1}\n{\"long\":\"")),
            Ok(Bytes::from(vec![b'x'; 100])),
            Ok(Bytes::from_static(b"\"}\n")),
        ];
        let body = ByteStream::new(futures_util::stream::iter(chunks).boxed());
        let items: Vec<Result<serde_json::Value>> =
            JsonStream::with_max_line(body, "Test", 64).collect().await;
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].as_ref().unwrap()["a"], 1);
        let e = items[1].as_ref().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Stream);
        assert!(e.message().contains("longer than 64 bytes"), "{e}");
    }
}
