//! A hijacked attach or exec: stdin to write and half-close, the output as a `Stream`.

use crate::bridge::awaitable;
use crate::runtime::blocking;
use crate::stream::{Inner, Stream};
use docker_engine_api::{AttachedStdin, Error, Result};
use pyo3::prelude::*;
use std::sync::Arc;
use tokio::sync::Mutex;

#[pyclass(module = "docker_engine_api._native", frozen)]
pub struct Attached {
    stdin: Arc<Mutex<AttachedStdin>>,
    /// The program's output, read with its `next()`.
    #[pyo3(get)]
    output: Py<Stream>,
}

impl Attached {
    pub fn new(py: Python<'_>, attached: docker_engine_api::Attached) -> PyResult<Attached> {
        let (stdin, output) = attached.into_parts();
        Ok(Attached {
            stdin: Arc::new(Mutex::new(stdin)),
            output: Py::new(py, Stream::new(Inner::Chunks(output)))?,
        })
    }
}

async fn write(stdin: Arc<Mutex<AttachedStdin>>, data: Vec<u8>) -> Result<()> {
    stdin.lock().await.write(&data).await
}

async fn close(stdin: Arc<Mutex<AttachedStdin>>) -> Result<()> {
    stdin.lock().await.close_stdin().await
}

fn none(py: Python<'_>, (): ()) -> PyResult<Py<PyAny>> {
    Ok(py.None())
}

/// Only `bytes` are written: text must be encoded by the caller, who knows the encoding.
fn data_of(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    data.extract::<Vec<u8>>()
        .map_err(|_| crate::errors::to_py_err(py, &Error::invalid_argument("stdin takes bytes")))
}

#[pymethods]
impl Attached {
    fn write<'py>(&self, py: Python<'py>, data: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let data = data_of(py, data)?;
        awaitable(py, write(self.stdin.clone(), data), none)
    }

    fn write_blocking(&self, py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let data = data_of(py, data)?;
        blocking(py, write(self.stdin.clone(), data), none)
    }

    /// Half-closes the connection: the program reads end of file, its output keeps coming.
    fn close_stdin<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        awaitable(py, close(self.stdin.clone()), none)
    }

    fn close_stdin_blocking(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        blocking(py, close(self.stdin.clone()), none)
    }
}
