//! A stream of the core read from JavaScript one item at a time: `next()` answers a chunk
//! (container output: its stream and bytes; byte streams: bytes; JSON lines: the object as
//! JSON text) or `null` at the end. `close()` drops the core's stream, closing its connection,
//! also while a `next()` waits (that one then answers `null`).

use crate::cancel::{cancellable, CancelToken};
use crate::error::to_napi;
use crate::guard::no_panic;
use docker_engine_api::{ByteStream, JsonStream, OutputStream};
use futures_util::StreamExt;
use napi::bindgen_prelude::{Buffer, PromiseRaw};
use napi::Env;
use napi_derive::napi;
use std::sync::Arc;
use tokio::sync::Mutex;
use tokio_util::sync::CancellationToken;

pub(crate) enum Source {
    Bytes(ByteStream),
    Chunks(OutputStream),
    Lines(JsonStream<serde_json::Value>),
}

/// One item of a stream.
#[napi(object)]
pub struct StreamItem {
    /// `stdout`, `stderr`, `console` or `stdin` for container output.
    pub stream: Option<String>,
    /// The bytes of container output and byte streams.
    pub data: Option<Buffer>,
    /// A JSON-lines object, as JSON text.
    pub json: Option<String>,
}

/// The shared state of a stream, also the output half of a duplex.
#[derive(Clone)]
pub(crate) struct Reader {
    source: Arc<Mutex<Option<Source>>>,
    closed: CancellationToken,
}

impl Reader {
    pub(crate) fn new(source: Source) -> Reader {
        Reader {
            source: Arc::new(Mutex::new(Some(source))),
            closed: CancellationToken::new(),
        }
    }

    pub(crate) fn next<'env>(
        &self,
        env: &'env Env,
        cancel: Option<&CancelToken>,
    ) -> napi::Result<PromiseRaw<'env, Option<StreamItem>>> {
        let me = self.clone();
        let token = cancel.map(|c| c.token.clone());
        env.spawn_future(no_panic(async move {
            let mut guard = me.source.lock().await;
            let Some(source) = guard.as_mut() else {
                return Ok(None);
            };
            let closed = me.closed.clone();
            let read = async {
                tokio::select! {
                    biased;
                    _ = closed.cancelled() => Ok(None),
                    item = read_one(source) => item,
                }
            };
            match cancellable(token, read).await {
                Ok(Some(item)) => Ok(Some(item)),
                // The end, a close or an error: the connection goes now.
                Ok(None) => {
                    *guard = None;
                    Ok(None)
                }
                Err(e) => {
                    *guard = None;
                    Err(to_napi(e))
                }
            }
        }))
    }

    pub(crate) fn close(&self) {
        self.closed.cancel();
        // Dropped now unless a `next()` holds it; that one drops it when it sees the close.
        if let Ok(mut guard) = self.source.try_lock() {
            *guard = None;
        }
    }
}

async fn read_one(source: &mut Source) -> docker_engine_api::Result<Option<StreamItem>> {
    Ok(match source {
        // Batched too: hyper hands a body over a read (often 8 KiB) at a time.
        Source::Bytes(s) => s
            .next_batch(ByteStream::BATCH_BYTES)
            .await
            .transpose()?
            .map(|b| StreamItem {
                stream: None,
                data: Some(Vec::from(b).into()),
                json: None,
            }),
        // Batched: one JavaScript call per frame of a log of short lines costs more than
        // its bytes.
        Source::Chunks(s) => s
            .next_batch(OutputStream::BATCH_BYTES)
            .await
            .transpose()?
            .map(|c| StreamItem {
                stream: Some(c.stream.as_str().to_string()),
                data: Some(Vec::from(c.data).into()),
                json: None,
            }),
        Source::Lines(s) => s.next().await.transpose()?.map(|v| StreamItem {
            stream: None,
            data: None,
            json: Some(v.to_string()),
        }),
    })
}

#[napi]
pub struct NativeStream {
    pub(crate) reader: Reader,
    /// The write side of a hijacked attach or exec (see duplex.rs); `None` otherwise.
    pub(crate) stdin: Option<crate::duplex::Stdin>,
}

impl NativeStream {
    pub(crate) fn new(source: Source) -> NativeStream {
        NativeStream {
            reader: Reader::new(source),
            stdin: None,
        }
    }
}

#[napi]
impl NativeStream {
    /// The next item, or `null` at the end.
    #[napi(ts_return_type = "Promise<StreamItem | null>")]
    pub fn next<'env>(
        &self,
        env: &'env Env,
        cancel: Option<&CancelToken>,
    ) -> napi::Result<PromiseRaw<'env, Option<StreamItem>>> {
        self.reader.next(env, cancel)
    }

    /// Ends the stream and its connection.
    #[napi]
    pub fn close(&self) {
        self.reader.close();
        if let Some(stdin) = &self.stdin {
            // Both halves must go for the connection to close.
            stdin.drop_now();
        }
    }
}
