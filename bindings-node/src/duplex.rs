//! A hijacked attach or exec: stdin written from JavaScript while the output is read (the
//! output is the `NativeStream` that holds this stdin).

use crate::error::to_napi;
use crate::guard::no_panic;
use crate::stream::NativeStream;
use docker_engine_api::AttachedStdin;
use napi::bindgen_prelude::{Buffer, PromiseRaw};
use napi::Env;
use napi_derive::napi;
use std::sync::Arc;
use tokio::sync::Mutex;

/// The write side; `None` once the stream is closed.
#[derive(Clone)]
pub(crate) struct Stdin(Arc<Mutex<Option<AttachedStdin>>>);

impl Stdin {
    pub(crate) fn new(stdin: AttachedStdin) -> Stdin {
        Stdin(Arc::new(Mutex::new(Some(stdin))))
    }

    /// Drops the write side now unless a write holds it (that one finishes first).
    pub(crate) fn drop_now(&self) {
        if let Ok(mut guard) = self.0.try_lock() {
            *guard = None;
        }
    }
}

fn not_attached() -> napi::Error {
    to_napi(docker_engine_api::Error::invalid_argument(
        "this stream has no stdin (only attachStdin and startStdin give one), or it is closed",
    ))
}

#[napi]
impl NativeStream {
    /// Writes bytes to the program's stdin.
    #[napi(ts_return_type = "Promise<void>")]
    pub fn write<'env>(&self, env: &'env Env, data: Buffer) -> napi::Result<PromiseRaw<'env, ()>> {
        let stdin = self.stdin.clone();
        let data = data.to_vec();
        env.spawn_future(no_panic(async move {
            let stdin = stdin.ok_or_else(not_attached)?;
            let mut guard = stdin.0.lock().await;
            let s = guard.as_mut().ok_or_else(not_attached)?;
            s.write(&data).await.map_err(to_napi)
        }))
    }

    /// Closes stdin only (half-close): the program sees the end of its input, the output
    /// goes on.
    #[napi(ts_return_type = "Promise<void>")]
    pub fn close_stdin<'env>(&self, env: &'env Env) -> napi::Result<PromiseRaw<'env, ()>> {
        let stdin = self.stdin.clone();
        env.spawn_future(no_panic(async move {
            let stdin = stdin.ok_or_else(not_attached)?;
            let mut guard = stdin.0.lock().await;
            match guard.as_mut() {
                Some(s) => s.close_stdin().await.map_err(to_napi),
                None => Ok(()),
            }
        }))
    }
}
