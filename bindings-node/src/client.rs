//! The client: made from a URL or the environment; calls by operation id (the core's
//! `dispatch`), helpers by name, the negotiated version, and hijacked stdin.

use crate::cancel::{cancellable, CancelToken};
use crate::duplex::Stdin;
use crate::error::{parse_json, to_napi};
use crate::guard::no_panic;
use crate::sink::PayloadSink;
use crate::stream::{NativeStream, Source};
use docker_engine_api::api::{ContainerAttachOptions, ExecStartOptions};
use docker_engine_api::helpers::PullProgress;
use docker_engine_api::models::CreateImageInfo;
use docker_engine_api::{dispatch, Docker, Error, Output, Payload, TlsPaths, VersionPolicy};
use napi::bindgen_prelude::{Buffer, Either, PromiseRaw, Unknown};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::Env;
use napi::Status;
use napi_derive::napi;
use serde_json::Value;
use std::time::Duration;

#[napi]
pub struct NativeDocker {
    docker: Docker,
}

/// The answer of a call: `kind` says which of `text` (JSON text for `json`, the text for
/// `text`) or `stream()` holds it.
#[napi]
pub struct NativeOutput {
    kind: &'static str,
    text: Option<String>,
    stream: Option<Source>,
}

#[napi]
impl NativeOutput {
    /// `empty`, `json`, `text`, `bytes`, `chunks` or `lines`.
    #[napi(getter)]
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    #[napi(getter)]
    pub fn text(&self) -> Option<String> {
        self.text.clone()
    }

    /// The stream of `bytes`, `chunks` and `lines` answers (once).
    #[napi]
    pub fn stream(&mut self) -> Option<NativeStream> {
        self.stream.take().map(NativeStream::new)
    }
}

fn output(o: Output) -> NativeOutput {
    let (kind, text, stream) = match o {
        Output::Empty => ("empty", None, None),
        Output::Json(text) => ("json", Some(text), None),
        Output::Text(t) => ("text", Some(t), None),
        Output::Bytes(s) => ("bytes", None, Some(Source::Bytes(s))),
        Output::Chunks(s) => ("chunks", None, Some(Source::Chunks(s))),
        Output::Lines(s) => ("lines", None, Some(Source::Lines(s))),
    };
    NativeOutput { kind, text, stream }
}

fn token(cancel: Option<&CancelToken>) -> Option<tokio_util::sync::CancellationToken> {
    cancel.map(|c| c.token.clone())
}

#[napi]
impl NativeDocker {
    /// `url`: `unix:///var/run/docker.sock`, `tcp://host:port`, `http://host:port`, `ssh://...`
    /// (default: the environment as `fromEnv` reads it: `DOCKER_HOST` or the current
    /// context, their TLS, `DOCKER_API_VERSION`);
    /// `version`: `auto` or `1.41`...; `timeoutMs`: how long any call may go without a word
    /// from the engine (response and idle timeouts); `tls`: JSON text of the core's
    /// `TlsPaths` (`cert_path`, `ca`, `cert`, `key`, `verify`).
    #[napi(constructor)]
    pub fn new(
        url: Option<String>,
        version: Option<String>,
        timeout_ms: Option<f64>,
        tls: Option<String>,
    ) -> napi::Result<NativeDocker> {
        // No address: the environment, as `fromEnv` reads it.
        let version: Option<VersionPolicy> =
            version.map(|v| v.parse()).transpose().map_err(to_napi)?;
        let mut builder = Docker::builder_for(url, version).map_err(to_napi)?;
        if let Some(tls) = tls {
            let tls = TlsPaths::from_json(parse_json("tls", &tls)?).map_err(to_napi)?;
            builder = builder.tls(tls);
        }
        if let Some(ms) = timeout_ms {
            if !(ms.is_finite() && ms > 0.0) {
                return Err(to_napi(Error::invalid_argument(format!(
                    "timeout must be a positive number of milliseconds, not {ms}"
                ))));
            }
            // One number for people: how long a call may go without hearing from the engine
            // (headers, then between two chunks). A `wait` answers its headers at once, so the
            // response timeout alone would never fire there.
            let limit = Some(Duration::try_from_secs_f64(ms / 1000.0).map_err(|_| {
                to_napi(Error::invalid_argument(format!(
                    "timeout {ms} ms is too large for a duration"
                )))
            })?);
            builder = builder.response_timeout(limit).idle_timeout(limit);
        }
        Ok(NativeDocker {
            docker: builder.build().map_err(to_napi)?,
        })
    }

    /// `DOCKER_HOST` and `DOCKER_API_VERSION`; negotiates the version unless pinned.
    #[napi(factory)]
    pub fn from_env() -> napi::Result<NativeDocker> {
        Ok(NativeDocker {
            docker: Docker::from_env().map_err(to_napi)?,
        })
    }

    /// Calls `operation` with JSON `args` keyed by the spec's parameter names. The raw body
    /// is `payload` (bytes, or a string: the path of a file), or what JavaScript pushes into
    /// `payloadStream`; files and streams are sent as they are read.
    #[napi(ts_return_type = "Promise<NativeOutput>")]
    pub fn call<'env>(
        &self,
        env: &'env Env,
        operation: String,
        args: String,
        payload: Option<Either<Buffer, String>>,
        payload_stream: Option<&PayloadSink>,
        cancel: Option<&CancelToken>,
    ) -> napi::Result<PromiseRaw<'env, NativeOutput>> {
        let docker = self.docker.clone();
        let args = parse_json("args", &args)?;
        let (bytes, file) = match payload {
            Some(Either::A(b)) => (Some(b.to_vec()), None),
            Some(Either::B(path)) => (None, Some(path)),
            None => (None, None),
        };
        let streamed = payload_stream.map(PayloadSink::take_payload).transpose()?;
        let token = token(cancel);
        env.spawn_future(no_panic(async move {
            let work = async {
                let payload = match (bytes, file, streamed) {
                    (Some(b), _, _) => Some(Payload::from(b)),
                    (None, Some(path), _) => Some(Payload::from_file(path).await?),
                    (None, None, streamed) => streamed,
                };
                dispatch(&docker, &operation, args, payload).await
            };
            cancellable(token, work).await.map(output).map_err(to_napi)
        }))
    }

    /// Calls a helper of the core by name (`containers.run`, ...): JSON in, JSON text out.
    #[napi(ts_return_type = "Promise<string>")]
    pub fn helper<'env>(
        &self,
        env: &'env Env,
        name: String,
        args: String,
        cancel: Option<&CancelToken>,
    ) -> napi::Result<PromiseRaw<'env, String>> {
        let docker = self.docker.clone();
        let args = parse_json("args", &args)?;
        let token = token(cancel);
        env.spawn_future(no_panic(async move {
            let work = docker_engine_api::helpers::call_helper(&docker, &name, args);
            cancellable(token, work)
                .await
                .map(|v| v.to_string())
                .map_err(to_napi)
        }))
    }

    /// The helper `images.pull` (`args` as for `helper`), calling `progress` with the JSON
    /// text of each progress message of the pull as it comes.
    #[napi(ts_return_type = "Promise<string>")]
    pub fn pull<'env>(
        &self,
        env: &'env Env,
        args: String,
        #[napi(ts_arg_type = "((message: string) => void) | undefined | null")] progress: Option<
            ThreadsafeFunction<String, Unknown<'static>, String, Status, false>,
        >,
        cancel: Option<&CancelToken>,
    ) -> napi::Result<PromiseRaw<'env, String>> {
        let docker = self.docker.clone();
        let args = parse_json("args", &args)?;
        let token = token(cancel);
        let progress: Option<PullProgress> = progress.map(|f| {
            let report = move |info: &CreateImageInfo| {
                let text = serde_json::to_string(info).unwrap_or_default();
                f.call(text, ThreadsafeFunctionCallMode::NonBlocking);
            };
            std::sync::Arc::new(report) as PullProgress
        });
        env.spawn_future(no_panic(async move {
            let work = docker_engine_api::helpers::pull_by_name(&docker, args, progress);
            cancellable(token, work)
                .await
                .map(|v| v.to_string())
                .map_err(to_napi)
        }))
    }

    /// The API version in use (negotiated once when the policy is `auto`).
    #[napi(ts_return_type = "Promise<string>")]
    pub fn api_version<'env>(
        &self,
        env: &'env Env,
        cancel: Option<&CancelToken>,
    ) -> napi::Result<PromiseRaw<'env, String>> {
        let docker = self.docker.clone();
        let token = token(cancel);
        env.spawn_future(no_panic(async move {
            let work = async { docker.api_version().await.map(|v| v.to_string()) };
            cancellable(token, work).await.map_err(to_napi)
        }))
    }

    /// `ContainerAttach` or `ExecStart` with stdin: `args` holds `id` and the operation's
    /// other parameters by their spec names.
    #[napi(ts_return_type = "Promise<NativeStream>")]
    pub fn attach<'env>(
        &self,
        env: &'env Env,
        operation: String,
        args: String,
        cancel: Option<&CancelToken>,
    ) -> napi::Result<PromiseRaw<'env, NativeStream>> {
        let docker = self.docker.clone();
        let args = parse_json("args", &args)?;
        let token = token(cancel);
        env.spawn_future(no_panic(async move {
            let work = attach(&docker, &operation, args);
            let attached = cancellable(token, work).await.map_err(to_napi)?;
            let (stdin, output) = attached.into_parts();
            Ok(NativeStream {
                stdin: Some(Stdin::new(stdin)),
                ..NativeStream::new(Source::Chunks(output))
            })
        }))
    }
}

async fn attach(
    docker: &Docker,
    operation: &str,
    args: Value,
) -> docker_engine_api::Result<docker_engine_api::Attached> {
    let Value::Object(mut map) = args else {
        return Err(Error::invalid_argument("the arguments must be an object"));
    };
    let id = match map.remove("id") {
        Some(Value::String(id)) => id,
        _ => {
            return Err(Error::invalid_argument(
                "argument `id` (a string) is required",
            ))
        }
    };
    let bad = |e: serde_json::Error| {
        Error::invalid_argument(format!(
            "{operation}: {}",
            docker_engine_api::error::serde_reason(&e)
        ))
    };
    match operation {
        "ContainerAttach" => {
            let opts: ContainerAttachOptions =
                serde_json::from_value(Value::Object(map)).map_err(bad)?;
            docker.containers().attach_stdin(&id, opts).await
        }
        "ExecStart" => {
            let opts: ExecStartOptions = serde_json::from_value(Value::Object(map)).map_err(bad)?;
            docker.exec().start_stdin(&id, opts).await
        }
        other => Err(Error::invalid_argument(format!(
            "only ContainerAttach and ExecStart take stdin, not {other}"
        ))),
    }
}
