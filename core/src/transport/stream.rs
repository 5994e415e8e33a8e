//! A response body read as it arrives, chunk by chunk, in constant memory.

use crate::error::{Error, ErrorKind, Result};
use crate::streams::idle::IdleTimeout;
use bytes::{Bytes, BytesMut};
use futures_util::stream::{BoxStream, Fuse};
use futures_util::{Stream, StreamExt, TryStreamExt};
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};

/// A stream of byte chunks from the engine. Dropping it closes the connection.
pub struct ByteStream {
    /// Fused: a batch may see the end, and the next call must not poll past it (some
    /// streams, `unfold` among them, panic when polled again).
    inner: Fuse<BoxStream<'static, Result<Bytes>>>,
    /// An error met while a batch was gathered, answered after the batch.
    failed: Option<Box<Error>>,
}

impl ByteStream {
    pub(crate) fn new(inner: BoxStream<'static, Result<Bytes>>) -> ByteStream {
        ByteStream {
            inner: inner.fuse(),
            failed: None,
        }
    }

    /// A body whose reads fail with a `Timeout` error after `idle` without a chunk.
    pub(crate) fn with_idle_timeout(
        inner: BoxStream<'static, Result<Bytes>>,
        idle: Option<std::time::Duration>,
        operation: &'static str,
    ) -> ByteStream {
        match idle {
            None => ByteStream::new(inner),
            Some(limit) => ByteStream::new(
                IdleTimeout::new(inner, limit)
                    .map(move |r| r.map_err(|e| e.with_operation(operation)))
                    .boxed(),
            ),
        }
    }

    /// The next chunk, or `None` at the end.
    pub async fn next_chunk(&mut self) -> Option<Result<Bytes>> {
        self.next().await
    }

    /// A batch size for [`next_batch`](Self::next_batch): large enough that a binding's
    /// per-chunk cost vanishes beside the bytes, small enough for constant memory.
    pub const BATCH_BYTES: usize = 1024 * 1024;

    /// The next chunk with the chunks that have already arrived appended, up to about
    /// `max_bytes`: the same bytes in the same order, in fewer, larger chunks (hyper hands a
    /// body over a read at a time, often 8 KiB). For consumers that pay per chunk (a
    /// binding's call into another language). Never waits for more than the first chunk.
    pub async fn next_batch(&mut self, max_bytes: usize) -> Option<Result<Bytes>> {
        let first = match self.next().await? {
            Ok(chunk) => chunk,
            Err(e) => return Some(Err(e)),
        };
        let mut all: Option<BytesMut> = None;
        let mut len = first.len();
        let mut yielded = false;
        while len < max_bytes {
            // Only what is here now; the connection's task is given one turn to hand over
            // what the socket holds, and the batch ends when that finds nothing either.
            match futures_util::FutureExt::now_or_never(self.inner.next()) {
                Some(Some(Ok(chunk))) => {
                    yielded = false;
                    len += chunk.len();
                    all.get_or_insert_with(|| BytesMut::from(&first[..]))
                        .extend_from_slice(&chunk);
                }
                Some(Some(Err(e))) => {
                    // Given after the bytes that came before it, as `next` does.
                    self.failed = Some(Box::new(e));
                    break;
                }
                Some(None) => break,
                None if !yielded => {
                    yielded = true;
                    tokio::task::yield_now().await;
                }
                None => break,
            }
        }
        Some(Ok(match all {
            Some(all) => all.freeze(),
            None => first,
        }))
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
        tokio_util::io::StreamReader::new(self.map_err(std::io::Error::other))
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
        if let Some(e) = self.failed.take() {
            return Poll::Ready(Some(Err(*e)));
        }
        self.inner.poll_next_unpin(cx)
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

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::stream;

    fn body(reads: Vec<Result<&'static [u8]>>) -> ByteStream {
        ByteStream::new(stream::iter(reads.into_iter().map(|r| r.map(Bytes::from_static))).boxed())
    }

    async fn batches(
        mut s: ByteStream,
        max: usize,
    ) -> Vec<std::result::Result<Vec<u8>, ErrorKind>> {
        let mut all = Vec::new();
        while let Some(item) = s.next_batch(max).await {
            all.push(item.map(|b| b.to_vec()).map_err(|e| e.kind()));
        }
        all
    }

    #[tokio::test]
    async fn next_batch_joins_what_has_arrived_up_to_the_limit() {
        let got = batches(body(vec![Ok(b"ab"), Ok(b"cd"), Ok(b"ef"), Ok(b"g")]), 4).await;
        assert_eq!(got, vec![Ok(b"abcd".to_vec()), Ok(b"efg".to_vec())]);
    }

    #[tokio::test]
    async fn a_batch_that_meets_the_end_does_not_poll_past_it() {
        // `unfold` panics when polled after its end.
        let reads = stream::unfold(0, |n| async move {
            (n < 2).then(|| (Ok(Bytes::from_static(b"ab")), n + 1))
        });
        let got = batches(ByteStream::new(reads.boxed()), 1 << 20).await;
        assert_eq!(got, vec![Ok(b"abab".to_vec())]);
    }

    #[tokio::test]
    async fn an_error_comes_after_the_bytes_before_it() {
        let broken = Error::new(ErrorKind::Stream, "the response stream broke");
        let got = batches(
            body(vec![Ok(b"ab"), Ok(b"cd"), Err(broken), Ok(b"late")]),
            1 << 20,
        )
        .await;
        assert_eq!(
            got,
            vec![
                Ok(b"abcd".to_vec()),
                Err(ErrorKind::Stream),
                Ok(b"late".to_vec())
            ]
        );
    }
}
