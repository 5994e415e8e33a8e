//! Container output (logs, attach, exec start, service and task logs) as a stream of chunks,
//! each tagged with the stream it came from.

use super::frames::{FrameDecoder, FrameError};
use crate::error::{Error, ErrorKind, Result};
use crate::transport::ByteStream;
use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Which stream a chunk of container output belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutputKind {
    Stdin,
    Stdout,
    Stderr,
    /// A TTY: stdout and stderr are one stream of raw terminal bytes.
    Console,
}

impl OutputKind {
    /// Stable lower-case name (`stdout`), used by the bindings and the shared cases.
    pub fn as_str(self) -> &'static str {
        match self {
            OutputKind::Stdin => "stdin",
            OutputKind::Stdout => "stdout",
            OutputKind::Stderr => "stderr",
            OutputKind::Console => "console",
        }
    }
}

/// Some bytes of container output, as they arrived. A frame of the engine may come in several
/// chunks; adjacent chunks of one stream belong together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputChunk {
    pub stream: OutputKind,
    pub data: Bytes,
}

/// How the body is laid out; decided from the Content-Type and the Tty setting, never from
/// the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// 8-byte-header frames (a container without a TTY).
    Multiplexed,
    /// Raw terminal bytes (a container or exec with a TTY).
    Raw,
}

/// Container output, chunk by chunk, as soon as the engine sends it. Dropping it ends the
/// request and frees its connection.
pub struct OutputStream {
    body: ByteStream,
    framing: Framing,
    decoder: FrameDecoder,
    ready: VecDeque<OutputChunk>,
    /// An error to give after the chunks that came before it (errors are boxed here to
    /// keep the stream, moved around by value, small).
    failed: Option<Box<Error>>,
    done: bool,
    operation: &'static str,
    /// The stdin writer of a hijacked call, driven while the output is read; its failure is
    /// reported after the output.
    writer: Option<Writer>,
    writer_error: Option<Box<Error>>,
}

type Writer = Pin<Box<dyn std::future::Future<Output = Result<()>> + Send>>;

impl OutputStream {
    pub(crate) fn new(body: ByteStream, framing: Framing, operation: &'static str) -> Self {
        OutputStream {
            body,
            framing,
            decoder: FrameDecoder::default(),
            ready: VecDeque::new(),
            failed: None,
            done: false,
            operation,
            writer: None,
            writer_error: None,
        }
    }

    pub(crate) fn with_writer(
        mut self,
        f: impl std::future::Future<Output = Result<()>> + Send + 'static,
    ) -> Self {
        self.writer = Some(Box::pin(f));
        self
    }

    /// Drives the writer; true once it has finished.
    fn poll_writer(&mut self, cx: &mut Context<'_>) -> bool {
        let Some(w) = self.writer.as_mut() else {
            return true;
        };
        let Poll::Ready(result) = w.as_mut().poll(cx) else {
            return false;
        };
        self.writer = None;
        self.writer_error = result.err().map(Box::new);
        true
    }

    /// A batch size for [`next_batch`](Self::next_batch) that makes the per-chunk cost of a
    /// binding vanish beside the bytes while staying small in memory.
    pub const BATCH_BYTES: usize = 256 * 1024;

    /// The next chunk with the chunks of the same stream that have already arrived appended,
    /// up to about `max_bytes`: the same bytes in the same order, in fewer, larger chunks.
    /// For consumers that pay per chunk (a binding's call into another language): a log of
    /// short lines comes as one small frame per line, and a chunk each would cost more than
    /// the bytes. Never waits for more than the first chunk.
    pub async fn next_batch(&mut self, max_bytes: usize) -> Option<Result<OutputChunk>> {
        let first = match self.next().await? {
            Ok(chunk) => chunk,
            Err(e) => return Some(Err(e)),
        };
        let mut data: Option<bytes::BytesMut> = None;
        let mut len = first.data.len();
        let mut yielded = false;
        while len < max_bytes {
            // Only what is here now: a chunk already decoded, else one the connection has.
            // The HTTP connection is another task that hands the body over a chunk (one
            // frame) at a time: when it has not yet, it is given one turn to do so, and the
            // batch ends when that finds nothing either (the socket is then empty).
            let next = match self.ready.pop_front() {
                Some(chunk) => Some(Ok(chunk)),
                None => match futures_util::FutureExt::now_or_never(self.next()) {
                    Some(item) => item,
                    None if !yielded => {
                        yielded = true;
                        tokio::task::yield_now().await;
                        continue;
                    }
                    None => None,
                },
            };
            yielded = false;
            match next {
                Some(Ok(chunk)) if chunk.stream == first.stream => {
                    len += chunk.data.len();
                    data.get_or_insert_with(|| bytes::BytesMut::from(&first.data[..]))
                        .extend_from_slice(&chunk.data);
                }
                Some(Ok(chunk)) => {
                    self.ready.push_front(chunk);
                    break;
                }
                Some(Err(e)) => {
                    // Given after what came before it, as `next` does.
                    self.failed = Some(Box::new(e));
                    break;
                }
                None => break,
            }
        }
        Some(Ok(match data {
            Some(all) => OutputChunk {
                stream: first.stream,
                data: all.freeze(),
            },
            None => first,
        }))
    }

    /// Multiplexed or raw, as decided for this call.
    pub fn framing(&self) -> Framing {
        self.framing
    }

    /// Reads to the end; stdout and stderr (or the console) apart. For bounded output only.
    pub async fn collect_output(mut self) -> Result<CollectedOutput> {
        let mut all = CollectedOutput::default();
        while let Some(chunk) = self.next().await {
            let chunk = chunk?;
            match chunk.stream {
                OutputKind::Stderr => all.stderr.extend_from_slice(&chunk.data),
                OutputKind::Stdin => {}
                OutputKind::Stdout | OutputKind::Console => {
                    all.stdout.extend_from_slice(&chunk.data)
                }
            }
        }
        Ok(all)
    }

    fn frame_error(&self, e: FrameError) -> Error {
        Error::new(ErrorKind::Stream, e.to_string()).with_operation(self.operation)
    }

    fn take_body(&mut self, bytes: Bytes) {
        match self.framing {
            Framing::Raw => self.ready.push_back(OutputChunk {
                stream: OutputKind::Console,
                data: bytes,
            }),
            Framing::Multiplexed => {
                let mut out = Vec::new();
                let result = self.decoder.decode(bytes, &mut out);
                self.ready.extend(out);
                if let Err(e) = result {
                    self.failed = Some(Box::new(self.frame_error(e)));
                    self.done = true;
                }
            }
        }
    }
}

/// The whole output of a call, stdout (or the console of a TTY) and stderr apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CollectedOutput {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Stream for OutputStream {
    type Item = Result<OutputChunk>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let writer_done = self.poll_writer(cx);
        loop {
            if let Some(chunk) = self.ready.pop_front() {
                return Poll::Ready(Some(Ok(chunk)));
            }
            if let Some(e) = self.failed.take() {
                self.writer = None;
                return Poll::Ready(Some(Err(*e)));
            }
            if self.done {
                // The output has ended, so the program has: stdin it did not read is not
                // wanted (and waiting for a writer the engine no longer reads could take
                // as long as the socket buffers take to fail).
                if !writer_done {
                    self.writer = None;
                }
                if let Some(e) = self.writer_error.take() {
                    return Poll::Ready(Some(Err((*e).with_operation(self.operation))));
                }
                return Poll::Ready(None);
            }
            match std::task::ready!(self.body.poll_next_unpin(cx)) {
                Some(Ok(bytes)) => self.take_body(bytes),
                Some(Err(e)) => {
                    self.failed = Some(Box::new(e));
                    self.done = true;
                }
                None => {
                    self.done = true;
                    if let Err(e) = self.decoder.finish() {
                        self.failed = Some(Box::new(self.frame_error(e)));
                    }
                }
            }
        }
    }
}

impl std::fmt::Debug for OutputStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutputStream")
            .field("framing", &self.framing)
            .field("operation", &self.operation)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::stream;

    fn frame(id: u8, payload: &[u8]) -> Vec<u8> {
        let mut f = vec![id, 0, 0, 0];
        f.extend_from_slice(&(payload.len() as u32).to_be_bytes());
        f.extend_from_slice(payload);
        f
    }

    fn output(reads: Vec<Result<Bytes>>) -> OutputStream {
        let body = ByteStream::new(stream::iter(reads).boxed());
        OutputStream::new(body, Framing::Multiplexed, "ContainerLogs")
    }

    async fn batches(mut s: OutputStream, max: usize) -> Vec<Result<(OutputKind, Vec<u8>)>> {
        let mut all = Vec::new();
        while let Some(item) = s.next_batch(max).await {
            all.push(item.map(|c| (c.stream, c.data.to_vec())));
        }
        all
    }

    #[tokio::test]
    async fn next_batch_joins_adjacent_chunks_of_one_stream_and_keeps_the_order() {
        let mut read1 = frame(1, b"a1\n");
        read1.extend(frame(1, b"a2\n"));
        read1.extend(frame(2, b"e1\n"));
        read1.extend(frame(2, b"e2"));
        let mut read2 = frame(2, b"\n");
        read2.extend(frame(1, b"a3\n"));
        let got = batches(output(vec![Ok(read1.into()), Ok(read2.into())]), 1 << 20).await;
        let got: Vec<_> = got.into_iter().map(|r| r.unwrap()).collect();
        assert_eq!(
            got,
            vec![
                (OutputKind::Stdout, b"a1\na2\n".to_vec()),
                (OutputKind::Stderr, b"e1\ne2\n".to_vec()),
                (OutputKind::Stdout, b"a3\n".to_vec()),
            ]
        );
    }

    #[tokio::test]
    async fn next_batch_stops_near_its_limit() {
        let mut read = Vec::new();
        for _ in 0..10 {
            read.extend(frame(1, &[b'x'; 100]));
        }
        let got = batches(output(vec![Ok(read.into())]), 250).await;
        let sizes: Vec<usize> = got.into_iter().map(|r| r.unwrap().1.len()).collect();
        assert_eq!(sizes, vec![300, 300, 300, 100]);
    }

    #[tokio::test]
    async fn next_batch_gives_an_error_after_the_bytes_before_it() {
        let broken = Error::new(ErrorKind::Stream, "the response stream broke");
        let got = batches(
            output(vec![Ok(frame(1, b"ok").into()), Err(broken)]),
            1 << 20,
        )
        .await;
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[0].as_ref().unwrap(),
            &(OutputKind::Stdout, b"ok".to_vec())
        );
        assert_eq!(got[1].as_ref().unwrap_err().kind(), ErrorKind::Stream);
    }
}
