//! A request body fed from JavaScript (a Node `Readable` or any async iterable): JavaScript
//! pushes chunks, the core sends them as they come. The channel is bounded, so a push waits
//! while the engine is slower than the source (constant memory whatever the size).

use crate::error::to_napi;
use crate::guard::no_panic;
use bytes::Bytes;
use docker_engine_api::{Error, Payload};
use napi::bindgen_prelude::{Buffer, PromiseRaw};
use napi::Env;
use napi_derive::napi;
use std::sync::Mutex;
use tokio::sync::mpsc;

/// Chunks in flight between JavaScript and the request.
const DEPTH: usize = 8;

type Chunk = std::io::Result<Bytes>;

#[napi]
pub struct PayloadSink {
    tx: Mutex<Option<mpsc::Sender<Chunk>>>,
    rx: Mutex<Option<mpsc::Receiver<Chunk>>>,
}

#[napi]
impl PayloadSink {
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> PayloadSink {
        let (tx, rx) = mpsc::channel(DEPTH);
        PayloadSink {
            tx: Mutex::new(Some(tx)),
            rx: Mutex::new(Some(rx)),
        }
    }

    /// Sends one chunk; waits while the request is behind. Fails when the request is gone.
    #[napi(ts_return_type = "Promise<void>")]
    pub fn push<'env>(&self, env: &'env Env, data: Buffer) -> napi::Result<PromiseRaw<'env, ()>> {
        let tx = self.sender();
        let data = Bytes::from(data.to_vec());
        env.spawn_future(no_panic(async move {
            let gone = || {
                to_napi(Error::invalid_argument(
                    "the request no longer reads its body",
                ))
            };
            tx.ok_or_else(gone)?
                .send(Ok(data))
                .await
                .map_err(|_| gone())
        }))
    }

    /// The end of the body.
    #[napi]
    pub fn end(&self) {
        self.tx.lock().map(|mut t| t.take()).ok();
    }

    /// The source failed: the request fails with this message.
    #[napi]
    pub fn fail(&self, message: String) {
        if let Some(tx) = self.tx.lock().ok().and_then(|mut t| t.take()) {
            let _ = tx.try_send(Err(std::io::Error::other(message)));
        }
    }
}

impl PayloadSink {
    fn sender(&self) -> Option<mpsc::Sender<Chunk>> {
        self.tx.lock().ok().and_then(|t| t.clone())
    }

    /// The body for the request (once).
    pub(crate) fn take_payload(&self) -> napi::Result<Payload> {
        let rx = self
            .rx
            .lock()
            .ok()
            .and_then(|mut r| r.take())
            .ok_or_else(|| {
                to_napi(Error::invalid_argument(
                    "this payload stream was already sent",
                ))
            })?;
        Ok(Payload::from_stream(tokio_stream_from(rx)))
    }
}

fn tokio_stream_from(
    mut rx: mpsc::Receiver<Chunk>,
) -> impl futures_util::Stream<Item = Chunk> + Send + 'static {
    futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx))
}
