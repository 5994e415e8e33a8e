//! The client handle: an endpoint, a pooled HTTP client and the version policy.
//! Cheap to clone; clones share the pool and the negotiated version.

use crate::auth::Credentials;
use crate::connection::{
    build_http_client, map_reqwest_error, parse_host, process_env, resolve_env, Endpoint,
    SshOptions, SshTunnel, TlsOptions, DEFAULT_SOCKET,
};
use crate::error::{ConnectCause, Error, ErrorKind, Result};
use crate::operation::Operation;
use crate::transport::RequestBuilder;
use crate::version::{ApiVersion, VersionPolicy};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::OnceCell;

/// Per-phase timeouts. `None` waits forever: a `logs --follow` may be idle for hours, a
/// `wait` or `stop?t=150` answers only when the container is done, so only `connect` has a
/// default (10 s).
///
/// `response` and `idle` apply per call: set them on the builder for every call, or on a
/// handle from [`Docker::with_timeouts`] for some calls. `connect` belongs to the pooled HTTP
/// client (reqwest sets it per client): it is the builder's, and `with_timeouts` keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Establishing the connection (client-wide).
    pub connect: Option<Duration>,
    /// From sending the request to the response headers.
    pub response: Option<Duration>,
    /// The longest wait between two chunks of a response body (streams included).
    pub idle: Option<Duration>,
}

impl Default for Timeouts {
    fn default() -> Timeouts {
        Timeouts {
            connect: Some(Duration::from_secs(10)),
            response: None,
            idle: None,
        }
    }
}

/// A Docker Engine API client.
#[derive(Clone)]
pub struct Docker {
    inner: Arc<Inner>,
    /// This handle's timeouts: handles from `with_timeouts` share the pool but not these.
    timeouts: Timeouts,
}

struct Inner {
    http: reqwest::Client,
    endpoint: Endpoint,
    base_url: String,
    policy: VersionPolicy,
    negotiated: OnceCell<ApiVersion>,
    credentials: Credentials,
    /// The local end of an `ssh://` engine; stops when the last clone of the client goes.
    ssh: Option<SshTunnel>,
}

impl std::fmt::Debug for Docker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Docker")
            .field("endpoint", &self.inner.endpoint.to_string())
            .field("version", &self.inner.policy)
            .finish()
    }
}

/// Builds a [`Docker`] client step by step.
#[derive(Debug, Clone, Default)]
pub struct DockerBuilder {
    host: Option<String>,
    version: Option<VersionPolicy>,
    timeouts: Timeouts,
    credentials: Credentials,
    tls: Option<TlsOptions>,
    ssh: SshOptions,
}

impl DockerBuilder {
    /// The engine address (`unix:///var/run/docker.sock`, `tcp://127.0.0.1:2375`,
    /// `http://localhost:2375/v1.45`). Default: the local socket.
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.host = Some(host.into());
        self
    }
    /// Pin a version or negotiate (`VersionPolicy::Auto`). A version in the host's path wins
    /// over the default, but not over this explicit choice.
    pub fn version(mut self, version: VersionPolicy) -> Self {
        self.version = Some(version);
        self
    }
    /// Speak TLS to a `tcp://` engine (mTLS when `tls` has a client certificate). An
    /// `https://` address uses TLS without this, verifying against the system's roots.
    pub fn tls(mut self, tls: TlsOptions) -> Self {
        self.tls = Some(tls);
        self
    }
    /// How `ssh` is run for an `ssh://` engine (program, options such as `-i KEY` or
    /// `-F CONFIG`). Default: `ssh -o BatchMode=yes`.
    pub fn ssh(mut self, ssh: SshOptions) -> Self {
        self.ssh = ssh;
        self
    }
    /// Where the helpers (`images().pull`, `push_image`, `build_from_dir`) find registry
    /// credentials when a call is given none. Default: the Docker CLI's config
    /// ([`Credentials::from_env`]).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = credentials;
        self
    }
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }
    pub fn connect_timeout(mut self, t: Option<Duration>) -> Self {
        self.timeouts.connect = t;
        self
    }
    pub fn response_timeout(mut self, t: Option<Duration>) -> Self {
        self.timeouts.response = t;
        self
    }
    pub fn idle_timeout(mut self, t: Option<Duration>) -> Self {
        self.timeouts.idle = t;
        self
    }

    pub fn build(self) -> Result<Docker> {
        let host = self
            .host
            .unwrap_or_else(|| format!("unix://{DEFAULT_SOCKET}"));
        let mut parsed = parse_host(&host)?;
        if self.tls.is_some() {
            match &mut parsed.endpoint {
                Endpoint::Tcp { tls, .. } => *tls = true,
                Endpoint::Unix(_) | Endpoint::Ssh { .. } => {
                    return Err(Error::invalid_argument(format!(
                        "TLS options are for tcp:// engines, not {host}"
                    )))
                }
            }
        }
        let policy = self
            .version
            .or(parsed.pinned.map(VersionPolicy::Pinned))
            .unwrap_or(VersionPolicy::Pinned(ApiVersion::LATEST));
        let ssh = match &parsed.endpoint {
            Endpoint::Ssh { destination, port } => {
                Some(SshTunnel::start(destination, *port, &self.ssh)?)
            }
            _ => None,
        };
        // An SSH engine's requests go to the tunnel's local socket.
        let transport = match &ssh {
            Some(t) => Endpoint::Unix(t.socket().to_path_buf()),
            None => parsed.endpoint.clone(),
        };
        let http = build_http_client(&transport, &self.timeouts, self.tls.as_ref())?;
        Ok(Docker {
            inner: Arc::new(Inner {
                http,
                base_url: parsed.endpoint.base_url(),
                endpoint: parsed.endpoint,
                policy,
                negotiated: OnceCell::new(),
                credentials: self.credentials,
                ssh,
            }),
            timeouts: self.timeouts,
        })
    }
}

impl Docker {
    pub fn builder() -> DockerBuilder {
        DockerBuilder::default()
    }

    /// A client for this address, speaking API 1.45 unless the address pins another version.
    pub fn connect(host: &str) -> Result<Docker> {
        Docker::builder().host(host).build()
    }

    /// A client as the Docker CLI would make it: `DOCKER_HOST`, else the context of
    /// `DOCKER_CONTEXT` or of `currentContext` in `config.json` (`DOCKER_CONFIG`, else
    /// `~/.docker`), else the local socket; TLS from `DOCKER_TLS_VERIFY`, `DOCKER_TLS` and
    /// `DOCKER_CERT_PATH` (or the context's TLS files); `DOCKER_API_VERSION` pins the
    /// version, else it is negotiated with the engine.
    pub fn from_env() -> Result<Docker> {
        Docker::builder_from(&process_env)?.build()
    }

    /// Where a binding's constructor starts: the address it was given, else the
    /// environment as [`Docker::from_env`] reads it (`DOCKER_HOST` or the current context,
    /// their TLS material, `DOCKER_API_VERSION`). The caller's `version` applies on top, except
    /// `Auto` over a `DOCKER_API_VERSION` of the environment, which wins over negotiation as
    /// for the Docker CLI.
    pub fn builder_for(
        url: Option<String>,
        version: Option<VersionPolicy>,
    ) -> Result<DockerBuilder> {
        let from_env = url.is_none();
        let b = match url {
            Some(url) => Docker::builder().host(url),
            None => Docker::builder_from(&process_env)?,
        };
        Ok(match version {
            Some(VersionPolicy::Auto)
                if from_env && process_env("DOCKER_API_VERSION").is_some() =>
            {
                b
            }
            Some(v) => b.version(v),
            None => b,
        })
    }

    /// The builder [`Docker::from_env`] uses, reading variables through `env` (empty values
    /// count as unset): to adjust it before building, or to resolve another environment.
    pub fn builder_from(env: &dyn Fn(&str) -> Option<String>) -> Result<DockerBuilder> {
        let found = resolve_env(env)?;
        let mut b = Docker::builder().version(VersionPolicy::Auto);
        if let Some(host) = found.host {
            b = b.host(host);
        }
        if let Some(tls) = found.tls {
            b = b.tls(tls);
        }
        if let Some(v) = env("DOCKER_API_VERSION") {
            b = b.version(VersionPolicy::Pinned(v.parse()?));
        }
        Ok(b)
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.inner.endpoint
    }

    pub fn version_policy(&self) -> VersionPolicy {
        self.inner.policy
    }

    pub fn timeouts(&self) -> &Timeouts {
        &self.timeouts
    }

    /// Where this client finds stored registry credentials.
    pub fn credentials(&self) -> &Credentials {
        &self.inner.credentials
    }

    /// A handle whose calls use these response and idle timeouts; it shares the connection
    /// pool and the negotiated version with `self` (cheap: one `Arc` clone). The connect
    /// timeout stays the client's.
    ///
    /// ```no_run
    /// # async fn demo(docker: docker_engine_api::Docker) -> docker_engine_api::Result<()> {
    /// use std::time::Duration;
    /// let quick = docker.with_timeouts(docker_engine_api::Timeouts {
    ///     response: Some(Duration::from_secs(5)),
    ///     ..*docker.timeouts()
    /// });
    /// quick.system().ping().await?;
    /// # Ok(()) }
    /// ```
    pub fn with_timeouts(&self, timeouts: Timeouts) -> Docker {
        Docker {
            inner: self.inner.clone(),
            timeouts: Timeouts {
                connect: self.timeouts.connect,
                ..timeouts
            },
        }
    }

    /// The version used in request paths; with `Auto`, negotiated once on first use.
    pub async fn api_version(&self) -> Result<ApiVersion> {
        match self.inner.policy {
            VersionPolicy::Pinned(v) => Ok(v),
            VersionPolicy::Auto => self
                .inner
                .negotiated
                .get_or_try_init(|| self.negotiate())
                .await
                .copied(),
        }
    }

    /// `GET /_ping` without a version prefix; the engine says its version in `Api-Version`.
    async fn negotiate(&self) -> Result<ApiVersion> {
        let url = format!("{}/_ping", self.inner.base_url);
        let response = self
            .with_response_timeout(self.inner.http.get(url).send())
            .await?;
        let server = match response
            .headers()
            .get("api-version")
            .and_then(|v| v.to_str().ok())
        {
            Some(v) => v.parse::<ApiVersion>()?,
            // Engines older than 1.25 do not send the header; the oldest we speak is the answer.
            None => ApiVersion::MINIMUM,
        };
        if server < ApiVersion::MINIMUM {
            return Err(Error::new(
                ErrorKind::VersionUnsupported,
                format!(
                    "the engine at {} speaks API {server}, older than {} (the oldest this client supports)",
                    self.inner.endpoint,
                    ApiVersion::MINIMUM
                ),
            ));
        }
        Ok(server.min(ApiVersion::LATEST))
    }

    /// Starts a request for an operation of the table. Generated methods use this; it is
    /// public for callers who need a raw call.
    pub fn request(&self, op: &'static Operation) -> RequestBuilder {
        RequestBuilder::new(self.clone(), op)
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    pub(crate) fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Waits for the response headers within the response timeout, mapping transport errors.
    pub(crate) async fn with_response_timeout(
        &self,
        send: impl std::future::Future<Output = reqwest::Result<reqwest::Response>>,
    ) -> Result<reqwest::Response> {
        let result = match self.timeouts.response {
            Some(t) => tokio::time::timeout(t, send).await.map_err(|_| {
                Error::new(
                    ErrorKind::Timeout,
                    format!(
                        "no response from the engine at {} within {t:?}",
                        self.inner.endpoint
                    ),
                )
            })?,
            None => send.await,
        };
        result.map_err(|e| {
            let e = map_reqwest_error(e, &self.inner.endpoint);
            match self.inner.ssh.as_ref().and_then(SshTunnel::take_last_error) {
                // ssh itself failed (refused, unknown host key, key not accepted): the engine
                // was never reached, whatever the HTTP side saw of the closed pipe.
                Some(said) => {
                    let cause = if said.contains("Connection refused") {
                        ConnectCause::Refused
                    } else {
                        ConnectCause::Other
                    };
                    Error::connect(
                        cause,
                        format!(
                            "cannot reach the engine at {} through ssh: {said}",
                            self.inner.endpoint
                        ),
                    )
                    .with_source(e)
                }
                None => e,
            }
        })
    }
}
