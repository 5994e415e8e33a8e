//! `Client`: one core `Docker` handle. Operations by id with JSON arguments, helpers by name,
//! attach with stdin, and the API version, each as an awaitable or blocking.

use crate::attached::Attached;
use crate::bridge::awaitable;
use crate::errors::{invalid, to_py_err};
use crate::runtime::blocking;
use crate::stream::{Inner, Stream};
use docker_engine_api::helpers::{attach_by_name, call_helper};
use docker_engine_api::{
    dispatch, Docker, Output, Payload, Result, TlsOptions, TlsPaths, VersionPolicy,
};
use pyo3::prelude::*;
use serde_json::Value;
use std::sync::Mutex;
use std::time::Duration;

#[pyclass(module = "docker_engine_api._native", frozen)]
pub struct Client {
    recipe: Recipe,
    /// The core's client and the pid it was made in: its connections belong to that process.
    docker: Mutex<(u32, Docker)>,
}

/// What the client was made from, to make it again in a child after `fork()`.
#[derive(Clone)]
struct Recipe {
    from_env: bool,
    url: Option<String>,
    version: Option<VersionPolicy>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    tls: Option<TlsOptions>,
}

impl Recipe {
    fn build(&self) -> Result<Docker> {
        // No address: the environment, as `from_env` (with this client's timeouts).
        let url = if self.from_env {
            None
        } else {
            self.url.clone()
        };
        let mut b = Docker::builder_for(url, self.version)?
            // As in Node: `timeout` bounds any silence from the engine, before the headers
            // and between the chunks of a stream.
            .response_timeout(self.timeout)
            .idle_timeout(self.timeout)
            .connect_timeout(self.connect_timeout);
        if let Some(tls) = &self.tls {
            b = b.tls(tls.clone());
        }
        b.build()
    }
}

impl Client {
    /// The core's client of this process. In a child after `fork()` it is made again (the
    /// parent's connections and its runtime's tasks are not the child's); the parent's is
    /// leaked there, as dropping it would touch the parent's runtime.
    fn docker(&self, py: Python<'_>) -> PyResult<Docker> {
        let pid = std::process::id();
        let mut slot = self.docker.lock().unwrap_or_else(|p| p.into_inner());
        if slot.0 != pid {
            let fresh = self.recipe.build().map_err(|e| to_py_err(py, &e))?;
            std::mem::forget(std::mem::replace(&mut *slot, (pid, fresh)));
        }
        Ok(slot.1.clone())
    }
}

fn seconds(py: Python<'_>, name: &str, t: Option<f64>) -> PyResult<Option<Duration>> {
    t.map(|s| {
        Duration::try_from_secs_f64(s)
            .map_err(|_| invalid(py, format!("{name} must be a positive number of seconds")))
    })
    .transpose()
}

fn parse_args(py: Python<'_>, args: &str) -> PyResult<Value> {
    serde_json::from_str(args).map_err(|e| invalid(py, format!("arguments are not JSON: {e}")))
}

/// `("empty", None)`, `("json", text)`, `("text", str)`, or `(kind, Stream)` for a stream.
fn output_to_py(py: Python<'_>, output: Output) -> PyResult<Py<PyAny>> {
    let pair = |kind: &str, value: Py<PyAny>| -> PyResult<Py<PyAny>> {
        Ok((kind, value).into_pyobject(py)?.into_any().unbind())
    };
    match output {
        Output::Empty => pair("empty", py.None()),
        Output::Json(text) => pair("json", text.into_pyobject(py)?.into_any().unbind()),
        Output::Text(t) => pair("text", t.into_pyobject(py)?.into_any().unbind()),
        Output::Bytes(s) => pair(
            "stream",
            Py::new(py, Stream::new(Inner::Bytes(s)))?.into_any(),
        ),
        Output::Chunks(s) => pair(
            "stream",
            Py::new(py, Stream::new(Inner::Chunks(s)))?.into_any(),
        ),
        Output::Lines(s) => pair(
            "stream",
            Py::new(py, Stream::new(Inner::Lines(s)))?.into_any(),
        ),
    }
}

fn json_to_py(py: Python<'_>, v: Value) -> PyResult<Py<PyAny>> {
    Ok(v.to_string().into_pyobject(py)?.into_any().unbind())
}

fn attached_to_py(py: Python<'_>, a: docker_engine_api::Attached) -> PyResult<Py<PyAny>> {
    Ok(Py::new(py, Attached::new(py, a)?)?.into_any())
}

fn text_to_py(py: Python<'_>, t: String) -> PyResult<Py<PyAny>> {
    Ok(t.into_pyobject(py)?.into_any().unbind())
}

/// The future of an operation call; the payload is bytes in memory or a file streamed in.
async fn operation(
    docker: Docker,
    op: String,
    args: Value,
    payload: Option<Vec<u8>>,
    payload_path: Option<String>,
) -> Result<Output> {
    let payload = match (payload, payload_path) {
        (Some(bytes), _) => Some(Payload::from(bytes)),
        (None, Some(path)) => Some(Payload::from_file(path).await?),
        (None, None) => None,
    };
    dispatch(&docker, &op, args, payload).await
}

#[pymethods]
impl Client {
    /// `url`: the engine address (default: the environment as `from_env` reads it:
    /// `DOCKER_HOST` or the current context, their TLS, `DOCKER_API_VERSION`); `version`:
    /// `auto` (negotiate) or a pinned `1.41`...; `timeout`: the longest silence from the
    /// engine, before the response headers or between stream chunks (none by default: a wait
    /// may take hours); `connect_timeout`: seconds to connect.
    /// `tls`: the core's `TlsPaths` as JSON text (`cert_path`, `ca`, `cert`, `key`, `verify`).
    #[new]
    #[pyo3(signature = (url=None, version=None, timeout=None, connect_timeout=Some(10.0), from_env=false, tls=None))]
    fn new(
        py: Python<'_>,
        url: Option<String>,
        version: Option<String>,
        timeout: Option<f64>,
        connect_timeout: Option<f64>,
        from_env: bool,
        tls: Option<&str>,
    ) -> PyResult<Client> {
        let version = version
            .map(|v| v.parse::<VersionPolicy>().map_err(|e| to_py_err(py, &e)))
            .transpose()?;
        let tls = tls
            .map(|t| {
                let v = serde_json::from_str(t)
                    .map_err(|e| invalid(py, format!("TLS settings are not JSON: {e}")))?;
                TlsPaths::from_json(v).map_err(|e| to_py_err(py, &e))
            })
            .transpose()?;
        let recipe = Recipe {
            from_env,
            url,
            version,
            timeout: seconds(py, "timeout", timeout)?,
            connect_timeout: seconds(py, "connect_timeout", connect_timeout)?,
            tls,
        };
        let docker = recipe.build().map_err(|e| to_py_err(py, &e))?;
        Ok(Client {
            recipe,
            docker: Mutex::new((std::process::id(), docker)),
        })
    }

    /// The engine address, as given.
    #[getter]
    fn endpoint(&self) -> String {
        let slot = self.docker.lock().unwrap_or_else(|p| p.into_inner());
        slot.1.endpoint().to_string()
    }

    #[pyo3(signature = (op, args, payload=None, payload_path=None))]
    fn call<'py>(
        &self,
        py: Python<'py>,
        op: String,
        args: &str,
        payload: Option<Vec<u8>>,
        payload_path: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let fut = operation(
            self.docker(py)?,
            op,
            parse_args(py, args)?,
            payload,
            payload_path,
        );
        awaitable(py, fut, output_to_py)
    }

    #[pyo3(signature = (op, args, payload=None, payload_path=None))]
    fn call_blocking(
        &self,
        py: Python<'_>,
        op: String,
        args: &str,
        payload: Option<Vec<u8>>,
        payload_path: Option<String>,
    ) -> PyResult<Py<PyAny>> {
        let fut = operation(
            self.docker(py)?,
            op,
            parse_args(py, args)?,
            payload,
            payload_path,
        );
        blocking(py, fut, output_to_py)
    }

    /// A helper of the core by name (`containers.run`...), JSON text in and out.
    fn helper<'py>(
        &self,
        py: Python<'py>,
        name: String,
        args: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (docker, args) = (self.docker(py)?, parse_args(py, args)?);
        awaitable(
            py,
            async move { call_helper(&docker, &name, args).await },
            json_to_py,
        )
    }

    fn helper_blocking(&self, py: Python<'_>, name: String, args: &str) -> PyResult<Py<PyAny>> {
        let (docker, args) = (self.docker(py)?, parse_args(py, args)?);
        blocking(
            py,
            async move { call_helper(&docker, &name, args).await },
            json_to_py,
        )
    }

    /// `ContainerAttach` or `ExecStart` with stdin: an `Attached`.
    fn attach<'py>(&self, py: Python<'py>, op: String, args: &str) -> PyResult<Bound<'py, PyAny>> {
        let (docker, args) = (self.docker(py)?, parse_args(py, args)?);
        awaitable(
            py,
            async move { attach_by_name(&docker, &op, args).await },
            attached_to_py,
        )
    }

    fn attach_blocking(&self, py: Python<'_>, op: String, args: &str) -> PyResult<Py<PyAny>> {
        let (docker, args) = (self.docker(py)?, parse_args(py, args)?);
        blocking(
            py,
            async move { attach_by_name(&docker, &op, args).await },
            attached_to_py,
        )
    }

    /// The API version in use, as text (negotiated once when the policy is `auto`).
    fn api_version<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let docker = self.docker(py)?;
        awaitable(
            py,
            async move { docker.api_version().await.map(|v| v.to_string()) },
            text_to_py,
        )
    }

    fn api_version_blocking(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let docker = self.docker(py)?;
        blocking(
            py,
            async move { docker.api_version().await.map(|v| v.to_string()) },
            text_to_py,
        )
    }
}
