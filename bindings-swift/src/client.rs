//! The client: made from a host or the environment; calls by operation id (the core's
//! `dispatch`), helpers by name, pulls with progress, the negotiated version, and hijacked
//! stdin. The typed groups (`client.containers().list(...)`) are in `generated/`.

use crate::cancel::CancelToken;
use crate::error::{DockerError, Result};
use crate::json::parse;
use crate::run::run;
use crate::sink::PayloadSink;
use crate::stream::{DockerStream, Source};
use docker_engine_api::helpers::PullProgress;
use docker_engine_api::models::CreateImageInfo;
use docker_engine_api::{dispatch, Docker, Output, Payload, TlsPaths, VersionPolicy};
use std::sync::Arc;
use std::time::Duration;

/// TLS for `https://` and `tcp://` hosts, as Docker's CLI: `cert_path` holds `ca.pem`,
/// `cert.pem` and `key.pem`; `ca`, `cert` and `key` name single files (and win over
/// `cert_path`); `verify` false skips checking the engine's certificate.
#[derive(uniffi::Record, Debug, Clone, Default)]
pub struct TlsConfig {
    #[uniffi(default)]
    pub cert_path: Option<String>,
    #[uniffi(default)]
    pub ca: Option<String>,
    #[uniffi(default)]
    pub cert: Option<String>,
    #[uniffi(default)]
    pub key: Option<String>,
    #[uniffi(default)]
    pub verify: Option<bool>,
}

/// How to talk to the engine.
#[derive(uniffi::Record, Debug, Clone, Default)]
pub struct ClientOptions {
    /// `auto` (negotiate, the default) or a version such as `1.41`.
    #[uniffi(default)]
    pub version: Option<String>,
    /// How long any call may go without a word from the engine (response and idle timeouts).
    #[uniffi(default)]
    pub timeout_ms: Option<u64>,
    #[uniffi(default)]
    pub tls: Option<TlsConfig>,
}

/// What a call by operation id answered; `kind` says which of `text` and `stream` holds it.
#[derive(uniffi::Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputKind {
    Empty,
    /// JSON text in `text`.
    Json,
    /// Plain text in `text`.
    Text,
    /// Raw bytes in `stream` (chunks with `data` only).
    Bytes,
    /// Container output in `stream` (chunks with `stream` and `data`).
    Chunks,
    /// JSON lines in `stream` (chunks with `json`).
    Lines,
}

#[derive(uniffi::Record)]
pub struct CallOutput {
    pub kind: OutputKind,
    pub text: Option<String>,
    pub stream: Option<Arc<DockerStream>>,
}

impl From<Output> for CallOutput {
    fn from(o: Output) -> CallOutput {
        let (kind, text, stream) = match o {
            Output::Empty => (OutputKind::Empty, None, None),
            Output::Json(text) => (OutputKind::Json, Some(text), None),
            Output::Text(t) => (OutputKind::Text, Some(t), None),
            Output::Bytes(s) => (OutputKind::Bytes, None, Some(Source::Bytes(s))),
            Output::Chunks(s) => (OutputKind::Chunks, None, Some(Source::Chunks(s))),
            Output::Lines(s) => (OutputKind::Lines, None, Some(Source::Lines(s))),
        };
        CallOutput {
            kind,
            text,
            stream: stream.map(DockerStream::new),
        }
    }
}

/// A raw request body (tar archives for builds and uploads, image tarballs, ...).
#[derive(uniffi::Enum)]
pub enum RequestBody {
    Bytes {
        data: Vec<u8>,
    },
    /// The file at this path, sent as it is read.
    File {
        path: String,
    },
    /// What the foreign side pushes into the sink, sent as it comes.
    Sink {
        sink: Arc<PayloadSink>,
    },
}

impl RequestBody {
    pub(crate) async fn into_payload(self) -> Result<Payload> {
        Ok(match self {
            RequestBody::Bytes { data } => Payload::from(data),
            RequestBody::File { path } => Payload::from_file(path).await?,
            RequestBody::Sink { sink } => sink.take_payload()?,
        })
    }
}

/// Called with each progress message of a pull, as JSON text (`status`, `progressDetail`, ...).
#[uniffi::export(with_foreign)]
pub trait ProgressListener: Send + Sync {
    fn on_progress(&self, message_json: String);
}

#[derive(uniffi::Object)]
pub struct DockerClient {
    pub(crate) docker: Docker,
}

fn build(host: Option<String>, options: ClientOptions) -> Result<Docker> {
    // No address: the environment, as `from_env` reads it.
    let version: Option<VersionPolicy> = options.version.map(|v| v.parse()).transpose()?;
    let mut builder = Docker::builder_for(host, version)?;
    if let Some(t) = options.tls {
        let paths = TlsPaths {
            cert_path: t.cert_path.map(Into::into),
            ca: t.ca.map(Into::into),
            cert: t.cert.map(Into::into),
            key: t.key.map(Into::into),
            verify: t.verify,
        };
        builder = builder.tls(paths.into_options()?);
    }
    if let Some(ms) = options.timeout_ms {
        if ms == 0 {
            return Err(DockerError::invalid(
                "timeout must be a positive number of milliseconds",
            ));
        }
        // One number for people: how long a call may go without hearing from the engine
        // (headers, then between two chunks). A `wait` answers its headers at once, so the
        // response timeout alone would never fire there.
        let limit = Some(Duration::from_millis(ms));
        builder = builder.response_timeout(limit).idle_timeout(limit);
    }
    Ok(builder.build()?)
}

#[uniffi::export(async_runtime = "tokio")]
impl DockerClient {
    /// `host`: `unix:///var/run/docker.sock`, `tcp://host:port`, `http://host:port`,
    /// `https://host:port`, `ssh://user@host` (default: the environment as `from_env` reads
    /// it: `DOCKER_HOST` or the current context, their TLS, `DOCKER_API_VERSION`).
    #[uniffi::constructor(default(host = None, options = None))]
    pub fn new(host: Option<String>, options: Option<ClientOptions>) -> Result<Arc<DockerClient>> {
        Ok(Arc::new(DockerClient {
            docker: build(host, options.unwrap_or_default())?,
        }))
    }

    /// `DOCKER_HOST`, `DOCKER_API_VERSION`, `DOCKER_CERT_PATH`, `DOCKER_TLS_VERIFY`, as the
    /// Docker CLI; negotiates the version unless pinned.
    #[uniffi::constructor]
    pub fn from_env() -> Result<Arc<DockerClient>> {
        Ok(Arc::new(DockerClient {
            docker: Docker::from_env()?,
        }))
    }

    /// Calls `operation` (an operationId of the spec) with JSON `args_json` keyed by the
    /// spec's parameter names (`{"id": "web", "body": {...}}`) and an optional raw body.
    #[uniffi::method(default(payload = None, cancel = None))]
    pub async fn call(
        &self,
        operation: String,
        args_json: String,
        payload: Option<RequestBody>,
        cancel: Option<Arc<CancelToken>>,
    ) -> Result<CallOutput> {
        let docker = self.docker.clone();
        run(cancel, async move {
            let args = parse("args", &args_json)?;
            let payload = match payload {
                Some(p) => Some(p.into_payload().await?),
                None => None,
            };
            Ok(dispatch(&docker, &operation, args, payload).await?.into())
        })
        .await
    }

    /// Calls a helper of the core by name (`containers.run`, `exec.run`, `images.pull`,
    /// `build`, ...): JSON in, JSON text out.
    #[uniffi::method(default(cancel = None))]
    pub async fn helper(
        &self,
        name: String,
        args_json: String,
        cancel: Option<Arc<CancelToken>>,
    ) -> Result<String> {
        let docker = self.docker.clone();
        run(cancel, async move {
            let args = parse("args", &args_json)?;
            let v = docker_engine_api::helpers::call_helper(&docker, &name, args).await?;
            Ok(v.to_string())
        })
        .await
    }

    /// The helper `images.pull` (`args_json` as for `helper`), calling `progress` with each
    /// progress message of the pull as it comes.
    #[uniffi::method(default(progress = None, cancel = None))]
    pub async fn pull(
        &self,
        args_json: String,
        progress: Option<Arc<dyn ProgressListener>>,
        cancel: Option<Arc<CancelToken>>,
    ) -> Result<String> {
        let docker = self.docker.clone();
        run(cancel, async move {
            let args = parse("args", &args_json)?;
            let progress: Option<PullProgress> = progress.map(|listener| {
                let report = move |info: &CreateImageInfo| {
                    if let Ok(text) = serde_json::to_string(info) {
                        listener.on_progress(text);
                    }
                };
                Arc::new(report) as PullProgress
            });
            let v = docker_engine_api::helpers::pull_by_name(&docker, args, progress).await?;
            Ok(v.to_string())
        })
        .await
    }

    /// The API version in use (negotiated once when the policy is `auto`).
    #[uniffi::method(default(cancel = None))]
    pub async fn api_version(&self, cancel: Option<Arc<CancelToken>>) -> Result<String> {
        let docker = self.docker.clone();
        run(cancel, async move {
            Ok(docker.api_version().await?.to_string())
        })
        .await
    }

    /// `ContainerAttach` or `ExecStart` with stdin: `args_json` holds `id` and the
    /// operation's other parameters by their spec names. The stream's `write` and
    /// `close_stdin` feed the program.
    #[uniffi::method(default(cancel = None))]
    pub async fn attach(
        &self,
        operation: String,
        args_json: String,
        cancel: Option<Arc<CancelToken>>,
    ) -> Result<Arc<DockerStream>> {
        let docker = self.docker.clone();
        run(cancel, async move {
            let args = parse("args", &args_json)?;
            let attached =
                docker_engine_api::helpers::attach_by_name(&docker, &operation, args).await?;
            let (stdin, output) = attached.into_parts();
            Ok(DockerStream::duplex(Source::Chunks(output), stdin))
        })
        .await
    }
}
