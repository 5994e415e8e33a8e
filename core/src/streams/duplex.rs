//! A hijacked connection (attach or exec start with stdin): the engine answers `101` and the
//! connection becomes raw. The caller writes stdin, half-closes it (shuts down the write side
//! only) and keeps reading the output to the end.

use super::output::OutputStream;
use crate::error::{Error, ErrorKind, Result};
use crate::transport::Payload;
use futures_util::StreamExt;
use std::io;
use tokio::io::{AsyncWriteExt, WriteHalf};

pub(crate) type Upgraded = reqwest::Upgraded;

/// An attached container or exec: its stdin to write and its output to read.
#[derive(Debug)]
pub struct Attached {
    pub stdin: AttachedStdin,
    pub output: OutputStream,
}

/// The write side of a hijacked connection.
pub struct AttachedStdin {
    writer: WriteHalf<Upgraded>,
    closed: bool,
    operation: &'static str,
}

impl Attached {
    pub(crate) fn new(
        writer: WriteHalf<Upgraded>,
        output: OutputStream,
        operation: &'static str,
    ) -> Attached {
        Attached {
            stdin: AttachedStdin {
                writer,
                closed: false,
                operation,
            },
            output,
        }
    }

    pub fn into_parts(self) -> (AttachedStdin, OutputStream) {
        (self.stdin, self.output)
    }

    /// Sends `payload` as stdin, then half-closes it, while the output is read: the answer is
    /// the output, to read to the end. Writing happens as the output is polled (no task is
    /// spawned; dropping the stream stops both). A program that exits without reading all its
    /// stdin is not an error.
    pub fn send_stdin(self, payload: Payload) -> OutputStream {
        let mut stdin = self.stdin;
        let writer = async move {
            let mut chunks = payload.into_stream();
            while let Some(chunk) = chunks.next().await {
                let chunk = chunk.map_err(|e| {
                    Error::new(
                        ErrorKind::InvalidArgument,
                        format!("cannot read the stdin to send: {e}"),
                    )
                })?;
                match stdin.write(&chunk).await {
                    Err(e) if stdin_gone(&e) => return Ok(()),
                    other => other?,
                }
            }
            match stdin.close_stdin().await {
                Err(e) if stdin_gone(&e) => Ok(()),
                other => other,
            }
        };
        self.output.with_writer(writer)
    }
}

/// The engine closed the connection (the program ended): what is unsent is not wanted.
fn stdin_gone(e: &Error) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if let Some(io) = err.downcast_ref::<io::Error>() {
            return matches!(
                io.kind(),
                io::ErrorKind::BrokenPipe
                    | io::ErrorKind::ConnectionReset
                    | io::ErrorKind::NotConnected
            );
        }
        cur = err.source();
    }
    false
}

impl AttachedStdin {
    /// Writes all of `bytes` to the program's stdin.
    pub async fn write(&mut self, bytes: &[u8]) -> Result<()> {
        if self.closed {
            return Err(
                Error::new(ErrorKind::InvalidArgument, "stdin is already closed")
                    .with_operation(self.operation),
            );
        }
        self.writer
            .write_all(bytes)
            .await
            .map_err(|e| self.io_error("cannot write to stdin", e))?;
        self.writer
            .flush()
            .await
            .map_err(|e| self.io_error("cannot write to stdin", e))
    }

    /// Closes stdin (the program reads end of file) and only stdin: the output keeps coming
    /// until the program ends. Closing twice is harmless.
    pub async fn close_stdin(&mut self) -> Result<()> {
        if self.closed {
            return Ok(());
        }
        self.closed = true;
        self.writer
            .shutdown()
            .await
            .map_err(|e| self.io_error("cannot close stdin", e))
    }

    fn io_error(&self, what: &str, e: io::Error) -> Error {
        Error::new(ErrorKind::Stream, format!("{what}: {e}"))
            .with_operation(self.operation)
            .with_source(e)
    }
}

impl std::fmt::Debug for AttachedStdin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AttachedStdin")
            .field("closed", &self.closed)
            .field("operation", &self.operation)
            .finish_non_exhaustive()
    }
}
