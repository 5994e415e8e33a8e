//! A stream of the core read one item at a time: `next()` answers a chunk (container output:
//! its stream and bytes; byte streams: bytes; JSON lines: the object as JSON text) or nothing
//! at the end. `cancel()` drops the core's stream, closing its connection, also while a
//! `next()` waits (that one then answers the end). Kotlin's `Flow` and Swift's
//! `AsyncSequence` are built on these two in the hand-written layers.

use crate::cancel::CancelToken;
use crate::error::{DockerError, Result};
use crate::run::{run, spawn_detached};
use docker_engine_api::{AttachedStdin, ByteStream, JsonStream, OutputStream};
use futures_util::StreamExt;
use std::sync::Arc;
use tokio::sync::Mutex;
use tokio_util::sync::CancellationToken;

pub(crate) enum Source {
    Bytes(ByteStream),
    Chunks(OutputStream),
    Lines(JsonStream<serde_json::Value>),
}

/// One item of a stream.
#[derive(uniffi::Record, Debug, Clone)]
pub struct Chunk {
    /// `stdout`, `stderr`, `console` or `stdin` for container output; none otherwise.
    pub stream: Option<String>,
    /// The bytes of container output and byte streams.
    pub data: Option<Vec<u8>>,
    /// A JSON-lines item (progress, events, stats), as JSON text.
    pub json: Option<String>,
}

#[derive(uniffi::Object)]
pub struct DockerStream {
    source: Mutex<Option<Source>>,
    closed: CancellationToken,
    /// The write side of a hijacked attach or exec (see duplex.rs); `None` otherwise.
    pub(crate) stdin: Option<Mutex<Option<AttachedStdin>>>,
}

impl DockerStream {
    pub(crate) fn new(source: Source) -> Arc<DockerStream> {
        Arc::new(DockerStream {
            source: Mutex::new(Some(source)),
            closed: CancellationToken::new(),
            stdin: None,
        })
    }

    pub(crate) fn duplex(source: Source, stdin: AttachedStdin) -> Arc<DockerStream> {
        Arc::new(DockerStream {
            source: Mutex::new(Some(source)),
            closed: CancellationToken::new(),
            stdin: Some(Mutex::new(Some(stdin))),
        })
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl DockerStream {
    /// The next item, or none at the end (or after `cancel()`).
    #[uniffi::method(default(cancel = None))]
    pub async fn next(self: Arc<Self>, cancel: Option<Arc<CancelToken>>) -> Result<Option<Chunk>> {
        run(cancel, async move {
            let mut guard = self.source.lock().await;
            let Some(source) = guard.as_mut() else {
                return Ok(None);
            };
            let item = tokio::select! {
                biased;
                _ = self.closed.cancelled() => Ok(None),
                item = read_one(source) => item,
            };
            if !matches!(item, Ok(Some(_))) {
                // The end, a close or an error: the connection goes now.
                *guard = None;
            }
            item
        })
        .await
    }

    /// Ends the stream and its connection (both halves of a hijacked one). Not `close`:
    /// uniffi's Kotlin objects already have `close()` (AutoCloseable: frees the object).
    pub fn cancel(self: Arc<Self>) {
        self.closed.cancel();
        // Dropped now unless a `next()` holds the lock: that one sees the close and drops it,
        // but a `next()` whose caller went away (a cancelled coroutine) is an aborted task
        // that lets go of the lock a moment later; the drop then happens in the background.
        let source_now = self.source.try_lock().map(|mut g| g.take()).is_ok();
        let stdin_now = match &self.stdin {
            Some(stdin) => stdin.try_lock().map(|mut g| g.take()).is_ok(),
            None => true,
        };
        if !(source_now && stdin_now) {
            spawn_detached(async move {
                self.source.lock().await.take();
                if let Some(stdin) = &self.stdin {
                    stdin.lock().await.take();
                }
            });
        }
    }
}

async fn read_one(source: &mut Source) -> Result<Option<Chunk>> {
    let item = match source {
        // Batched: each chunk costs a crossing into Swift or Kotlin.
        Source::Bytes(s) => s
            .next_batch(ByteStream::BATCH_BYTES)
            .await
            .transpose()?
            .map(|b| Chunk {
                stream: None,
                data: Some(Vec::from(b)),
                json: None,
            }),
        // Batched as in Node and Python: a log of short lines is one frame per line.
        Source::Chunks(s) => s
            .next_batch(OutputStream::BATCH_BYTES)
            .await
            .transpose()?
            .map(|c| Chunk {
                stream: Some(c.stream.as_str().to_string()),
                data: Some(Vec::from(c.data)),
                json: None,
            }),
        Source::Lines(s) => s.next().await.transpose()?.map(|v| Chunk {
            stream: None,
            data: None,
            json: Some(v.to_string()),
        }),
    };
    Ok(item)
}

pub(crate) fn not_attached() -> DockerError {
    DockerError::invalid(
        "this stream has no stdin (only attach and exec start with stdin give one), or it is closed",
    )
}
