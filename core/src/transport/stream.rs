//! A response body read as it arrives, chunk by chunk, in constant memory.

use crate::error::{Error, ErrorKind, Result};
use bytes::{Bytes, BytesMut};
use futures_util::stream::BoxStream;
use futures_util::{Stream, StreamExt};
use std::pin::Pin;
use std::task::{Context, Poll};

/// A stream of byte chunks from the engine. Dropping it closes the connection.
pub struct ByteStream {
    inner: BoxStream<'static, Result<Bytes>>,
}

impl ByteStream {
    pub(crate) fn new(inner: BoxStream<'static, Result<Bytes>>) -> ByteStream {
        ByteStream { inner }
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

pub(crate) fn stream_error(operation: &'static str, e: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Stream, format!("the response stream broke: {e}"))
        .with_operation(operation)
}
