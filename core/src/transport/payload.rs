//! Request bodies that are not JSON: tar archives and raw bytes, in memory or streamed.

use crate::error::{Error, ErrorKind, Result};
use bytes::Bytes;
use futures_util::stream::BoxStream;
use futures_util::{Stream, StreamExt};
use std::path::Path;
use tokio::io::AsyncRead;

/// Reads of a streamed body: large enough for throughput, small enough for constant memory.
const READ_CHUNK: usize = 256 * 1024;

/// A raw request body. Streams are sent as they are read, never buffered whole.
pub struct Payload {
    body: Body,
}

enum Body {
    Bytes(Bytes),
    Stream(BoxStream<'static, std::io::Result<Bytes>>),
}

impl Payload {
    pub fn from_bytes(bytes: impl Into<Bytes>) -> Payload {
        Payload {
            body: Body::Bytes(bytes.into()),
        }
    }

    pub fn from_stream<S>(stream: S) -> Payload
    where
        S: Stream<Item = std::io::Result<Bytes>> + Send + 'static,
    {
        Payload {
            body: Body::Stream(stream.boxed()),
        }
    }

    /// A body read from `reader` as it is sent (e.g. a tar being written by another task).
    pub fn from_async_read<R: AsyncRead + Send + 'static>(reader: R) -> Payload {
        Payload::from_stream(tokio_util::io::ReaderStream::with_capacity(
            reader, READ_CHUNK,
        ))
    }

    /// The content of a file, read as it is sent. Fails now if the file cannot be opened.
    pub async fn from_file(path: impl AsRef<Path>) -> Result<Payload> {
        let path = path.as_ref();
        let file = tokio::fs::File::open(path).await.map_err(|e| {
            Error::new(
                ErrorKind::InvalidArgument,
                format!("cannot open {}: {e}", path.display()),
            )
        })?;
        Ok(Payload::from_async_read(file))
    }

    pub(crate) fn into_body(self) -> reqwest::Body {
        match self.body {
            Body::Bytes(b) => reqwest::Body::from(b),
            Body::Stream(s) => reqwest::Body::wrap_stream(s),
        }
    }

    /// The body as chunks, e.g. to write it to a hijacked connection.
    pub(crate) fn into_stream(self) -> BoxStream<'static, std::io::Result<Bytes>> {
        match self.body {
            Body::Bytes(b) => futures_util::stream::once(async move { Ok(b) }).boxed(),
            Body::Stream(s) => s,
        }
    }
}

impl std::fmt::Debug for Payload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Payload { .. }")
    }
}

impl From<Vec<u8>> for Payload {
    fn from(v: Vec<u8>) -> Payload {
        Payload::from_bytes(v)
    }
}

impl From<Bytes> for Payload {
    fn from(v: Bytes) -> Payload {
        Payload::from_bytes(v)
    }
}

impl From<String> for Payload {
    fn from(v: String) -> Payload {
        Payload::from_bytes(v)
    }
}

impl From<&'static [u8]> for Payload {
    fn from(v: &'static [u8]) -> Payload {
        Payload::from_bytes(v)
    }
}
