//! A request body fed from Swift or Kotlin (an `InputStream`, a `Flow`, an `AsyncSequence`):
//! the foreign side pushes chunks, the core sends them as they come. The channel is bounded,
//! so a push waits while the engine is slower than the source (constant memory whatever the
//! size).

use crate::error::{DockerError, Result};
use bytes::Bytes;
use docker_engine_api::Payload;
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;

/// Chunks in flight between the foreign side and the request.
const DEPTH: usize = 8;

type Item = std::io::Result<Bytes>;

#[derive(uniffi::Object)]
pub struct PayloadSink {
    tx: Mutex<Option<mpsc::Sender<Item>>>,
    rx: Mutex<Option<mpsc::Receiver<Item>>>,
}

fn gone() -> DockerError {
    DockerError::invalid("the request no longer reads its body")
}

#[uniffi::export(async_runtime = "tokio")]
impl PayloadSink {
    #[uniffi::constructor]
    pub fn new() -> Arc<PayloadSink> {
        let (tx, rx) = mpsc::channel(DEPTH);
        Arc::new(PayloadSink {
            tx: Mutex::new(Some(tx)),
            rx: Mutex::new(Some(rx)),
        })
    }

    /// Sends one chunk; waits while the request is behind. Fails when the request is gone.
    pub async fn push(&self, data: Vec<u8>) -> Result<()> {
        let tx = self
            .tx
            .lock()
            .ok()
            .and_then(|t| t.clone())
            .ok_or_else(gone)?;
        tx.send(Ok(Bytes::from(data))).await.map_err(|_| gone())
    }

    /// The end of the body.
    pub fn end(&self) {
        self.tx.lock().map(|mut t| t.take()).ok();
    }

    /// The source failed: the request fails with this text.
    pub fn fail(&self, reason: String) {
        if let Some(tx) = self.tx.lock().ok().and_then(|mut t| t.take()) {
            let _ = tx.try_send(Err(std::io::Error::other(reason)));
        }
    }
}

impl PayloadSink {
    /// The body for the request (once).
    pub(crate) fn take_payload(&self) -> Result<Payload> {
        let mut rx = self
            .rx
            .lock()
            .ok()
            .and_then(|mut r| r.take())
            .ok_or_else(|| DockerError::invalid("this payload sink was already sent"))?;
        Ok(Payload::from_stream(futures_util::stream::poll_fn(
            move |cx| rx.poll_recv(cx),
        )))
    }
}
