//! A response body read as it arrives, chunk by chunk, in constant memory.

use crate::error::{Error, ErrorKind, Result};
use crate::streams::idle::IdleTimeout;
use bytes::{Bytes, BytesMut};
use futures_util::stream::BoxStream;
use futures_util::{Stream, StreamExt, TryStreamExt};
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};

/// A stream of byte chunks from the engine. Dropping it closes the connection.
pub struct ByteStream {
    inner: BoxStream<'static, Result<Bytes>>,
}

impl ByteStream {
    pub(crate) fn new(inner: BoxStream<'static, Result<Bytes>>) -> ByteStream {
        ByteStream { inner }
    }

    /// A body whose reads fail with a `Timeout` error after `idle` without a chunk.
    pub(crate) fn with_idle_timeout(
        inner: BoxStream<'static, Result<Bytes>>,
        idle: Option<std::time::Duration>,
        operation: &'static str,
    ) -> ByteStream {
        match idle {
            None => ByteStream::new(inner),
            Some(limit) => ByteStream {
                inner: IdleTimeout::new(inner, limit)
                    .map(move |r| r.map_err(|e| e.with_operation(operation)))
                    .boxed(),
            },
        }
    }

    /// The next chunk, or `None` at the end.
    pub async fn next_chunk(&mut self) -> Option<Result<Bytes>> {
        self.inner.next().await
    }

    /// Reads everything into memory; for small bodies only.
    pub async fn collect_bytes(mut self) -> Result<Bytes> {
        let mut all = BytesMut::new();
        while let Some(chunk) = self.next_chunk().await {
            all.extend_from_slice(&chunk?);
        }
        Ok(all.freeze())
    }

    /// The body as a tokio `AsyncRead` (e.g. for `tar` or `tokio::io::copy`). A failure of the
    /// stream is an `io::Error` whose inner error is this crate's [`Error`].
    pub fn into_async_read(self) -> impl AsyncRead + Send + Unpin + 'static {
        tokio_util::io::StreamReader::new(self.inner.map_err(std::io::Error::other))
    }

    /// Writes the whole body to `writer` chunk by chunk, then flushes it; answers the number
    /// of bytes written. Memory stays constant whatever the size.
    pub async fn copy_to<W: AsyncWrite + Unpin + ?Sized>(mut self, writer: &mut W) -> Result<u64> {
        let mut written = 0u64;
        let io_err = |e: std::io::Error| {
            Error::new(ErrorKind::Stream, format!("cannot write the body out: {e}")).with_source(e)
        };
        while let Some(chunk) = self.next_chunk().await {
            let chunk = chunk?;
            writer.write_all(&chunk).await.map_err(io_err)?;
            written += chunk.len() as u64;
        }
        writer.flush().await.map_err(io_err)?;
        Ok(written)
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl std::fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ByteStream { .. }")
    }
}

/// A body that failed while being read. The message names the causes (reqwest's own says
/// only "error decoding response body"; hyper's says the connection closed early).
pub(crate) fn stream_error<E>(operation: &'static str, e: E) -> Error
where
    E: std::error::Error + Send + Sync + 'static,
{
    let mut message = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let text = c.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        cause = c.source();
    }
    Error::new(
        ErrorKind::Stream,
        format!("the response stream broke: {message}"),
    )
    .with_operation(operation)
    .with_source(e)
}
