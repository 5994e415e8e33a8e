//! A tar archive written on a blocking thread and sent as a streamed request body.
//!
//! Walking a folder and reading files is blocking work; it runs under `spawn_blocking` and
//! hands 64 KiB chunks through a bounded channel to the HTTP body, so memory stays constant
//! whatever the folder's size, and a slow engine slows the producer down (back-pressure).

use crate::error::{Error, ErrorKind, Result};
use crate::Payload;
use bytes::Bytes;
use std::io::{self, Write};
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;

const CHUNK: usize = 64 * 1024;
/// Chunks in flight between the producer and the HTTP body.
const DEPTH: usize = 8;

/// The write end: a `Write` that cuts what it gets into chunks for the channel.
pub(crate) struct ChannelWriter {
    tx: mpsc::Sender<io::Result<Bytes>>,
    buf: Vec<u8>,
}

impl ChannelWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        // A closed channel means the request is gone (engine error, caller dropped the
        // future): stop producing instead of reading the rest of the folder for nothing.
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the request body was dropped"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let room = CHUNK - self.buf.len();
        let n = data.len().min(room);
        self.buf.extend_from_slice(&data[..n]);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

/// What the producer reported: its first error, kept typed for the caller. The HTTP body
/// only carries an `io::Error`, which reqwest would turn into an anonymous transport error.
#[derive(Clone, Default)]
pub(crate) struct ProducerStatus {
    error: Arc<Mutex<Option<Error>>>,
}

impl ProducerStatus {
    /// The producer's error, if it failed; taken once.
    pub(crate) fn take_error(&self) -> Option<Error> {
        self.error.lock().ok().and_then(|mut e| e.take())
    }

    fn set(&self, e: Error) {
        if let Ok(mut slot) = self.error.lock() {
            slot.get_or_insert(e);
        }
    }
}

/// Runs `produce` on a blocking thread writing into the returned streamed body. An error of
/// `produce` ends the body with an error (so the engine never sees a truncated archive as
/// complete) and is kept in the status for the caller.
pub(crate) fn spawn_tar_body<F>(produce: F) -> (Payload, ProducerStatus)
where
    F: FnOnce(&mut ChannelWriter) -> Result<()> + Send + 'static,
{
    let (tx, rx) = mpsc::channel::<io::Result<Bytes>>(DEPTH);
    let status = ProducerStatus::default();
    let report = status.clone();
    tokio::task::spawn_blocking(move || {
        let mut writer = ChannelWriter {
            tx: tx.clone(),
            buf: Vec::with_capacity(CHUNK),
        };
        let outcome = produce(&mut writer).and_then(|()| writer.flush().map_err(io_error));
        if let Err(e) = outcome {
            let line = e.message().to_string();
            report.set(e);
            let _ = tx.blocking_send(Err(io::Error::other(line)));
        }
    });
    let body = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    (Payload::from_stream(body), status)
}

/// An I/O failure while making an archive: a client-side problem, not the engine's.
pub(crate) fn io_error(e: io::Error) -> Error {
    Error::new(
        ErrorKind::InvalidArgument,
        format!("cannot make the archive: {e}"),
    )
    .with_source(e)
}
