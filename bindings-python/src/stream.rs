//! Every streamed result as one Python object: `next()` answers the next item, `None` at the
//! end. Items: `bytes` (export, save, archive), `(stream, bytes)` (container output), JSON text
//! (events, stats, progress: decoded by the Python side). An error inside the stream is raised.

use crate::bridge::awaitable;
use crate::runtime::blocking;
use docker_engine_api::{ByteStream, JsonStream, OutputStream, Result};
use futures_util::StreamExt;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::sync::Mutex;

pub enum Inner {
    Bytes(ByteStream),
    Chunks(OutputStream),
    Lines(JsonStream<serde_json::Value>),
}

#[pyclass(module = "docker_engine_api._native", frozen)]
pub struct Stream {
    /// `bytes`, `chunks` or `lines`.
    #[pyo3(get)]
    kind: &'static str,
    /// `None` once finished or closed: the connection is then released.
    inner: Arc<Mutex<Option<Inner>>>,
    /// Set by `close()`: a `next` in flight holds the lock, so the stream is dropped by the
    /// next `next` instead.
    closed: Arc<AtomicBool>,
}

impl Stream {
    pub fn new(inner: Inner) -> Stream {
        let kind = match inner {
            Inner::Bytes(_) => "bytes",
            Inner::Chunks(_) => "chunks",
            Inner::Lines(_) => "lines",
        };
        Stream {
            kind,
            inner: Arc::new(Mutex::new(Some(inner))),
            closed: Arc::new(AtomicBool::new(false)),
        }
    }
}

/// One item, converted to Python once the GIL is held.
enum Item {
    Bytes(Vec<u8>),
    Chunk(&'static str, Vec<u8>),
    Line(String),
}

async fn next_item(
    inner: Arc<Mutex<Option<Inner>>>,
    closed: Arc<AtomicBool>,
) -> Result<Option<Item>> {
    let mut guard = inner.lock().await;
    if closed.load(Ordering::SeqCst) {
        *guard = None;
    }
    let item = match guard.as_mut() {
        None => return Ok(None),
        Some(Inner::Bytes(s)) => s
            .next_batch(ByteStream::BATCH_BYTES)
            .await
            .map(|r| r.map(|b| Item::Bytes(Vec::from(b)))),
        // Batched: one Python await per frame of a log of short lines costs more than its
        // bytes.
        Some(Inner::Chunks(s)) => s
            .next_batch(OutputStream::BATCH_BYTES)
            .await
            .map(|r| r.map(|c| Item::Chunk(c.stream.as_str(), Vec::from(c.data)))),
        Some(Inner::Lines(s)) => s.next().await.map(|r| r.map(|v| Item::Line(v.to_string()))),
    };
    match item {
        Some(Ok(item)) => Ok(Some(item)),
        Some(Err(e)) => {
            *guard = None;
            Err(e)
        }
        None => {
            *guard = None;
            Ok(None)
        }
    }
}

fn to_py(py: Python<'_>, item: Option<Item>) -> PyResult<Py<PyAny>> {
    Ok(match item {
        None => py.None(),
        Some(Item::Bytes(b)) => PyBytes::new(py, &b).into_any().unbind(),
        Some(Item::Chunk(stream, data)) => (stream, PyBytes::new(py, &data))
            .into_pyobject(py)?
            .into_any()
            .unbind(),
        Some(Item::Line(text)) => text.into_pyobject(py)?.into_any().unbind(),
    })
}

#[pymethods]
impl Stream {
    /// An awaitable of the next item, `None` at the end.
    fn next<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        awaitable(
            py,
            next_item(self.inner.clone(), self.closed.clone()),
            to_py,
        )
    }

    /// The next item, `None` at the end; waits with the GIL released.
    fn next_blocking(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        blocking(
            py,
            next_item(self.inner.clone(), self.closed.clone()),
            to_py,
        )
    }

    /// Ends the stream now (the request and its connection with it). Idempotent.
    fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
        if let Ok(mut guard) = self.inner.try_lock() {
            *guard = None;
        }
    }
}
