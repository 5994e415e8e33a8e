//! A hijacked attach or exec: stdin written from JavaScript while the output is read.

use crate::cancel::CancelToken;
use crate::error::to_napi;
use crate::guard::no_panic;
use crate::stream::{Reader, StreamItem};
use docker_engine_api::AttachedStdin;
use napi::bindgen_prelude::{Buffer, PromiseRaw};
use napi::Env;
use napi_derive::napi;
use std::sync::Arc;
use tokio::sync::Mutex;

#[napi]
pub struct NativeDuplex {
    pub(crate) stdin: Arc<Mutex<Option<AttachedStdin>>>,
    pub(crate) reader: Reader,
}

#[napi]
impl NativeDuplex {
    /// Writes bytes to the program's stdin.
    #[napi(ts_return_type = "Promise<void>")]
    pub fn write<'env>(&self, env: &'env Env, data: Buffer) -> napi::Result<PromiseRaw<'env, ()>> {
        let stdin = self.stdin.clone();
        let data = data.to_vec();
        env.spawn_future(no_panic(async move {
            match stdin.lock().await.as_mut() {
                Some(s) => s.write(&data).await.map_err(to_napi),
                None => Err(to_napi(closed())),
            }
        }))
    }

    /// Closes stdin only (half-close): the program sees the end of its input, the output
    /// goes on.
    #[napi(ts_return_type = "Promise<void>")]
    pub fn close_stdin<'env>(&self, env: &'env Env) -> napi::Result<PromiseRaw<'env, ()>> {
        let stdin = self.stdin.clone();
        env.spawn_future(no_panic(async move {
            match stdin.lock().await.as_mut() {
                Some(s) => s.close_stdin().await.map_err(to_napi),
                None => Ok(()),
            }
        }))
    }

    #[napi(ts_return_type = "Promise<StreamItem | null>")]
    pub fn next<'env>(
        &self,
        env: &'env Env,
        cancel: Option<&CancelToken>,
    ) -> napi::Result<PromiseRaw<'env, Option<StreamItem>>> {
        self.reader.next(env, cancel)
    }

    /// Ends the output and the connection.
    #[napi]
    pub fn close(&self) {
        self.reader.close();
        // Both halves must go for the connection to close.
        if let Ok(mut stdin) = self.stdin.try_lock() {
            *stdin = None;
        }
    }
}

fn closed() -> docker_engine_api::Error {
    docker_engine_api::Error::invalid_argument("the attached connection is closed")
}
