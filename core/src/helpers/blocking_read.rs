//! A response body read by blocking code (tar extraction) on another thread.
//!
//! Not `SyncIoBridge` over `ByteStream::into_async_read`: there a broken stream reaches the
//! tar reader as an `io::Error`, which the tar crate rewraps as text. Here the async side
//! forwards chunks through a bounded channel (constant memory, back-pressure) and keeps the
//! stream's typed error for the caller.

use crate::error::{Error, Result};
use crate::ByteStream;
use bytes::{Buf, Bytes};
use std::io::{self, Read};
use tokio::sync::mpsc;

/// Chunks in flight between the response and the reader.
const DEPTH: usize = 8;

/// The blocking end: a `Read` over the chunks.
pub(crate) struct ChannelReader {
    rx: mpsc::Receiver<Bytes>,
    current: Bytes,
}

impl Read for ChannelReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while !self.current.has_remaining() {
            match self.rx.blocking_recv() {
                Some(chunk) => self.current = chunk,
                // End of body, or the body broke: the forwarder's result says which.
                None => return Ok(0),
            }
        }
        let n = out.len().min(self.current.len());
        self.current.copy_to_slice(&mut out[..n]);
        Ok(n)
    }
}

/// Runs `consume` on a blocking thread over the body of `stream`. A broken stream wins over
/// `consume`'s error (it is the cause: the reader saw a truncated body).
pub(crate) async fn consume_blocking<T, F>(mut stream: ByteStream, consume: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce(ChannelReader) -> Result<T> + Send + 'static,
{
    let (tx, rx) = mpsc::channel::<Bytes>(DEPTH);
    let reader = ChannelReader {
        rx,
        current: Bytes::new(),
    };
    let worker = tokio::task::spawn_blocking(move || consume(reader));
    let forward = async move {
        while let Some(chunk) = stream.next_chunk().await {
            // A closed channel: the consumer stopped (done or failed); its result tells.
            if tx.send(chunk?).await.is_err() {
                break;
            }
        }
        Ok::<(), Error>(())
    };
    let (forwarded, consumed) = tokio::join!(forward, worker);
    forwarded?;
    consumed.map_err(|e| {
        Error::new(
            crate::ErrorKind::Stream,
            format!("the extraction task failed: {e}"),
        )
    })?
}
