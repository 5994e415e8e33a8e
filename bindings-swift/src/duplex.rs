//! A hijacked attach or exec: stdin written from Swift or Kotlin while the output is read
//! (the output is the `DockerStream` that holds this stdin).

use crate::error::Result;
use crate::stream::{not_attached, DockerStream};

#[uniffi::export(async_runtime = "tokio")]
impl DockerStream {
    /// Writes bytes to the program's stdin.
    pub async fn write(&self, data: Vec<u8>) -> Result<()> {
        let stdin = self.stdin.as_ref().ok_or_else(not_attached)?;
        let mut guard = stdin.lock().await;
        let s = guard.as_mut().ok_or_else(not_attached)?;
        Ok(s.write(&data).await?)
    }

    /// Closes stdin only (half-close): the program sees the end of its input, the output
    /// goes on.
    pub async fn close_stdin(&self) -> Result<()> {
        let stdin = self.stdin.as_ref().ok_or_else(not_attached)?;
        let mut guard = stdin.lock().await;
        match guard.as_mut() {
            Some(s) => Ok(s.close_stdin().await?),
            None => Ok(()),
        }
    }

    /// Whether this stream has a stdin to write (attach and exec start with stdin).
    pub fn has_stdin(&self) -> bool {
        self.stdin.is_some()
    }
}
