//! Building and sending one call of the operation table.
//!
//! Setters never fail: the first problem is remembered and returned by `send_*`, so that
//! generated code stays a flat list of setters.

use super::error_body::error_from_response;
use super::query::encode_query_value;
use super::stream::stream_error;
use super::{ByteStream, PathStat, Payload};
use crate::error::{Error, ErrorKind, Result};
use crate::operation::{Operation, Param, ParamLocation};
use crate::streams::{framing, Attached, Framing, JsonStream, OutputStream};
use crate::version::ApiVersion;
use crate::Docker;
use base64::{engine::general_purpose::STANDARD as BASE64, Engine as _};
use futures_util::StreamExt;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Path segments keep only unreserved characters; `/` is escaped too, since a name never
/// spans segments (the daemon decodes `%2F` before routing).
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// One request being assembled for an operation.
pub struct RequestBuilder {
    docker: Docker,
    op: &'static Operation,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(&'static str, String)>,
    body: Option<(reqwest::Body, &'static str)>,
    /// Parameters given a value; checked against the version at send time.
    used: Vec<&'static Param>,
    /// The raw value of the `id`/`name` path parameter: the target whose Tty setting decides
    /// the framing of container output.
    target: Option<String>,
    /// Ask the engine to hijack the connection (`Upgrade: tcp`, answer 101).
    upgrade: bool,
    /// Ask for another protocol instead (`Upgrade: h2c` for `/session`, `websocket`).
    upgrade_to: Option<&'static str>,
    error: Option<Error>,
}

impl std::fmt::Debug for RequestBuilder {
    // Headers may hold credentials (X-Registry-Auth): never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestBuilder")
            .field("operation", &self.op.id)
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl RequestBuilder {
    pub(crate) fn new(docker: Docker, op: &'static Operation) -> RequestBuilder {
        RequestBuilder {
            docker,
            op,
            path: op.path.to_string(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            used: Vec::new(),
            target: None,
            upgrade: false,
            upgrade_to: None,
            error: None,
        }
    }

    pub fn operation(&self) -> &'static Operation {
        self.op
    }

    fn fail(&mut self, e: Error) {
        self.error.get_or_insert(e);
    }

    fn param(&mut self, name: &str, location: ParamLocation) -> Option<&'static Param> {
        match self.op.param(name) {
            Some(p) if p.location == location => Some(p),
            _ => {
                self.fail(Error::invalid_argument(format!(
                    "{} has no {location:?} parameter {name:?}",
                    self.op.id
                )));
                None
            }
        }
    }

    /// Fills `{name}` in the path template. Empty values are refused: they would reach
    /// another route.
    pub fn path_param(&mut self, name: &str, value: &str) -> &mut Self {
        if let Some(p) = self.param(name, ParamLocation::Path) {
            if value.is_empty() {
                self.fail(Error::invalid_argument(format!(
                    "{}: `{name}` must not be empty",
                    self.op.id
                )));
            } else if value.chars().any(char::is_control) {
                // A newline or NUL in a name is never what the daemon has; say so here instead
                // of its "page not found".
                self.fail(Error::invalid_argument(format!(
                    "{}: `{name}` {value:?} has a control character",
                    self.op.id
                )));
            } else if value
                .split('/')
                .any(|seg| seg.is_empty() || seg == "." || seg == "..")
            {
                // The daemon decodes `%2F` before routing and cleans the path: `..` would
                // climb out of this route into another one (e.g. from an image to a container).
                self.fail(Error::invalid_argument(format!(
                    "{}: `{name}` {value:?} has an empty, `.` or `..` path segment",
                    self.op.id
                )));
            } else {
                let encoded = utf8_percent_encode(value, PATH_SEGMENT).to_string();
                self.path = self.path.replace(&format!("{{{}}}", p.name), &encoded);
                self.used.push(p);
                self.target.get_or_insert_with(|| value.to_string());
            }
        }
        self
    }

    /// Adds a query parameter; `None`/`null` values are left out.
    pub fn query<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> &mut Self {
        let Some(p) = self.param(name, ParamLocation::Query) else {
            return self;
        };
        match serde_json::to_value(value) {
            Ok(serde_json::Value::Null) => {}
            Ok(v) => {
                encode_query_value(p.name, &v, &mut self.query);
                self.used.push(p);
            }
            Err(e) => self.fail(Error::invalid_argument(format!(
                "{}: bad value for `{name}`: {e}",
                self.op.id
            ))),
        }
        self
    }

    /// Adds a header parameter unless `None`.
    pub fn header(&mut self, name: &str, value: Option<&str>) -> &mut Self {
        let Some(p) = self.param(name, ParamLocation::Header) else {
            return self;
        };
        if let Some(v) = value {
            if reqwest::header::HeaderValue::from_str(v).is_err() {
                // The value is not shown: it is often a credential.
                self.fail(Error::invalid_argument(format!(
                    "{}: header `{}` has a character a header cannot carry (a newline, a \
                     control character or non-ASCII text)",
                    self.op.id, p.name
                )));
            } else {
                self.headers.push((p.name, v.to_string()));
                self.used.push(p);
            }
        }
        self
    }

    /// A JSON body.
    pub fn json_body<T: Serialize + ?Sized>(&mut self, body: &T) -> &mut Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some((reqwest::Body::from(bytes), "application/json")),
            Err(e) => self.fail(Error::invalid_argument(format!(
                "{}: body is not valid JSON: {e}",
                self.op.id
            ))),
        }
        self
    }

    /// A raw body (tar archive, bytes), streamed as given.
    pub fn raw_body(&mut self, body: Payload, content_type: &'static str) -> &mut Self {
        self.body = Some((body.into_body(), content_type));
        self
    }

    /// Refuses what the version in use does not have, before anything is sent.
    fn check_version(&self, version: ApiVersion) -> Result<()> {
        if self.op.since > version {
            return Err(Error::new(
                ErrorKind::VersionUnsupported,
                format!(
                    "{} needs API {} but this client talks API {version} to the engine",
                    self.op.id, self.op.since
                ),
            ));
        }
        if let Some(p) = self.used.iter().find(|p| p.since > version) {
            return Err(Error::new(
                ErrorKind::VersionUnsupported,
                format!(
                    "parameter `{}` of {} needs API {} but this client talks API {version} to the engine",
                    p.name, self.op.id, p.since
                ),
            ));
        }
        Ok(())
    }

    /// Sends the request; answers with the response when the status is a success.
    pub async fn send(self) -> Result<reqwest::Response> {
        let op = self.op.id;
        self.send_inner().await.map_err(|e| e.with_operation(op))
    }

    async fn send_inner(mut self) -> Result<reqwest::Response> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        let missing = self.op.params.iter().find(|p| {
            p.required
                && p.location == ParamLocation::Path
                && self.path.contains(&format!("{{{}}}", p.name))
        });
        if let Some(p) = missing {
            return Err(Error::invalid_argument(format!(
                "{}: `{}` is required",
                self.op.id, p.name
            )));
        }
        let version = self.docker.api_version().await?;
        self.check_version(version)?;

        let url = format!("{}/v{version}{}", self.docker.base_url(), self.path);
        let method = reqwest::Method::from_bytes(self.op.method.as_bytes())
            .map_err(|e| Error::invalid_argument(format!("bad method {}: {e}", self.op.method)))?;
        let mut req = self.docker.http().request(method, url);
        if !self.query.is_empty() {
            req = req.query(&self.query);
        }
        for (name, value) in &self.headers {
            req = req.header(*name, value);
        }
        if let Some((body, content_type)) = self.body.take() {
            req = req
                .header(reqwest::header::CONTENT_TYPE, content_type)
                .body(body);
        }
        if self.upgrade {
            req = req
                .header(reqwest::header::CONNECTION, "Upgrade")
                .header(reqwest::header::UPGRADE, self.upgrade_to.unwrap_or("tcp"));
        }
        if self.upgrade_to == Some("websocket") {
            // The key is a nonce against caching proxies, not a secret: any 16 bytes do.
            let nonce = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default();
            req = req
                .header("Sec-WebSocket-Version", "13")
                .header("Sec-WebSocket-Key", BASE64.encode(nonce.to_le_bytes()));
        }
        let response = self.docker.with_response_timeout(req.send()).await?;
        let status = response.status();
        if self.upgrade && status == reqwest::StatusCode::SWITCHING_PROTOCOLS {
            return Ok(response);
        }
        if self.upgrade && status.is_success() {
            return Err(Error::new(
                ErrorKind::Stream,
                format!("the engine answered {status} instead of switching protocols (101)"),
            ));
        }
        // 304 answers "already started/stopped": not a failure for the caller.
        if status.is_success() || status == reqwest::StatusCode::NOT_MODIFIED {
            Ok(response)
        } else {
            Err(error_from_response(response).await)
        }
    }

    /// The body as a stream, with this call's idle timeout.
    fn body_stream(docker: &Docker, op: &'static str, response: reqwest::Response) -> ByteStream {
        let stream = response
            .bytes_stream()
            .map(move |r| r.map_err(|e| stream_error(op, e)));
        ByteStream::with_idle_timeout(stream.boxed(), docker.timeouts().idle, op)
    }

    /// Reads a small body whole, with this call's idle timeout between reads.
    async fn read_all(
        docker: &Docker,
        op: &'static str,
        response: reqwest::Response,
    ) -> Result<bytes::Bytes> {
        Self::body_stream(docker, op, response)
            .collect_bytes()
            .await
            .map_err(|e| e.with_operation(op))
    }

    /// Sends and decodes a JSON answer.
    pub async fn send_json<T: DeserializeOwned>(self) -> Result<T> {
        let op = self.op.id;
        let docker = self.docker.clone();
        let response = self.send().await?;
        if response.status() == reqwest::StatusCode::NOT_MODIFIED {
            return decode_json(op, b"null");
        }
        let bytes = Self::read_all(&docker, op, response).await?;
        decode_json(op, &bytes)
    }

    /// Sends and ignores the (empty) answer.
    pub async fn send_empty(self) -> Result<()> {
        let op = self.op.id;
        let docker = self.docker.clone();
        let response = self.send().await?;
        Self::read_all(&docker, op, response).await?;
        Ok(())
    }

    /// Sends and reads a text answer.
    pub async fn send_text(self) -> Result<String> {
        let op = self.op.id;
        let docker = self.docker.clone();
        let response = self.send().await?;
        let bytes = Self::read_all(&docker, op, response).await?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Sends and returns the body as a stream of chunks.
    pub async fn send_stream(self) -> Result<ByteStream> {
        let op = self.op.id;
        let docker = self.docker.clone();
        let response = self.send().await?;
        Ok(Self::body_stream(&docker, op, response))
    }

    /// Sends and reads one JSON object per line, each decoded as `T`.
    pub async fn send_json_lines<T>(self) -> Result<JsonStream<T>> {
        let op = self.op.id;
        Ok(JsonStream::new(self.send_stream().await?, op))
    }

    /// Sends and reads container output: multiplexed frames or raw TTY bytes, decided from the
    /// Content-Type and, where it is not conclusive, the target's Tty setting.
    pub async fn send_output(self) -> Result<OutputStream> {
        let op = self.op.id;
        let docker = self.docker.clone();
        let target = self.target.clone().unwrap_or_default();
        let response = self.send().await?;
        let framing = Self::framing_of(&docker, op, &target, &response, false).await?;
        Ok(OutputStream::new(
            Self::body_stream(&docker, op, response),
            framing,
            op,
        ))
    }

    /// Sends an operation that switches protocols (response kind `Upgrade`) and answers what
    /// the engine sends on the upgraded connection. `/session` (`Upgrade: h2c`): the engine
    /// opens HTTP/2 for BuildKit's callbacks; this client offers none, so it closes its side at
    /// once and the answer is what the engine sent until it closed (its HTTP/2 preface).
    /// Websocket attach: the data frames' payloads, until the engine's close frame.
    pub async fn send_upgraded(mut self) -> Result<ByteStream> {
        use tokio::io::AsyncWriteExt;
        let op = self.op.id;
        let docker = self.docker.clone();
        let protocol = upgrade_protocol(self.op.path);
        self.upgrade = true;
        self.upgrade_to = Some(protocol);
        let response = self.send().await?;
        let upgraded = response.upgrade().await.map_err(|e| {
            Error::new(
                ErrorKind::Stream,
                format!("the engine accepted the upgrade but the connection failed: {e}"),
            )
            .with_operation(op)
            .with_source(e)
        })?;
        let (reader, mut writer) = tokio::io::split(upgraded);
        if protocol == "h2c" {
            writer
                .shutdown()
                .await
                .map_err(|e| stream_error_io(op, e))?;
        }
        let raw = tokio_util::io::ReaderStream::with_capacity(reader, 64 * 1024)
            // The write half lives as long as the reads: dropping it early is no close.
            .map(move |r| {
                let _ = &writer;
                r.map_err(|e| stream_error_io(op, e))
            })
            .boxed();
        let body = match protocol {
            "websocket" => crate::streams::websocket::payloads(raw, op),
            _ => raw,
        };
        Ok(ByteStream::with_idle_timeout(
            body,
            docker.timeouts().idle,
            op,
        ))
    }

    /// Sends with `Upgrade: tcp` and answers the hijacked connection: stdin to write, output
    /// to read.
    pub async fn send_attached(mut self) -> Result<Attached> {
        let op = self.op.id;
        let docker = self.docker.clone();
        let target = self.target.clone().unwrap_or_default();
        self.upgrade = true;
        let response = self.send().await?;
        let framing = Self::framing_of(&docker, op, &target, &response, true).await?;
        let upgraded = response.upgrade().await.map_err(|e| {
            Error::new(
                ErrorKind::Stream,
                format!("the engine accepted the upgrade but the connection failed: {e}"),
            )
            .with_operation(op)
            .with_source(e)
        })?;
        let (reader, writer) = tokio::io::split(upgraded);
        let stream = tokio_util::io::ReaderStream::with_capacity(reader, 64 * 1024)
            .map(move |r| r.map_err(|e| stream_error(op, e)));
        let body = ByteStream::with_idle_timeout(stream.boxed(), docker.timeouts().idle, op);
        Ok(Attached::new(
            writer,
            OutputStream::new(body, framing, op),
            op,
        ))
    }

    async fn framing_of(
        docker: &Docker,
        op: &'static str,
        target: &str,
        response: &reqwest::Response,
        upgraded: bool,
    ) -> Result<Framing> {
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok());
        let version = docker.api_version().await?;
        match framing::from_content_type(content_type, op, version, upgraded) {
            Some(f) => Ok(f),
            None => framing::from_tty_setting(docker, op, target)
                .await
                .map_err(|e| e.with_operation(op)),
        }
    }

    /// Sends a `HEAD .../archive` and decodes the path-stat header.
    pub async fn send_path_stat(self) -> Result<PathStat> {
        let op = self.op.id;
        let response = self.send().await?;
        let header = response
            .headers()
            .get("x-docker-container-path-stat")
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Decode,
                    "the engine sent no X-Docker-Container-Path-Stat header",
                )
                .with_operation(op)
            })?;
        PathStat::from_header(header.as_bytes()).map_err(|e| e.with_operation(op))
    }
}

/// The protocol an `Upgrade` operation asks for, by its path: the spec names it only in prose.
fn upgrade_protocol(path: &str) -> &'static str {
    if path.ends_with("/attach/ws") {
        "websocket"
    } else {
        "h2c"
    }
}

fn stream_error_io(op: &'static str, e: std::io::Error) -> Error {
    Error::new(
        ErrorKind::Stream,
        format!("the upgraded connection failed: {e}"),
    )
    .with_operation(op)
    .with_source(e)
}

fn decode_json<T: DeserializeOwned>(op: &'static str, bytes: &[u8]) -> Result<T> {
    serde_json::from_slice(bytes).map_err(|e| {
        Error::new(
            ErrorKind::Decode,
            format!("cannot decode the engine's answer: {e}"),
        )
        .with_operation(op)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::{BodyKind, ParamType, ResponseKind};

    const fn param(name: &'static str, location: ParamLocation, since: ApiVersion) -> Param {
        Param {
            name,
            location,
            ty: ParamType::String,
            required: false,
            default: None,
            since,
            description: "",
        }
    }

    static OP: Operation = Operation {
        id: "TestOp",
        group: "Test",
        method_name: "test",
        method: "GET",
        path: "/things/{name}/json",
        summary: "",
        params: &[
            param("name", ParamLocation::Path, ApiVersion::new(1, 24)),
            param("all", ParamLocation::Query, ApiVersion::new(1, 24)),
            param("filters", ParamLocation::Query, ApiVersion::new(1, 24)),
            param("shared-size", ParamLocation::Query, ApiVersion::new(1, 42)),
            param(
                "X-Registry-Auth",
                ParamLocation::Header,
                ApiVersion::new(1, 24),
            ),
        ],
        body: BodyKind::None,
        response: ResponseKind::Json,
        since: ApiVersion::new(1, 24),
    };

    fn builder() -> RequestBuilder {
        Docker::connect("unix:///nowhere.sock")
            .unwrap()
            .request(&OP)
    }

    #[test]
    fn path_segments_are_escaped() {
        let mut b = builder();
        b.path_param("name", "127.0.0.1:5000/my image:v1?x#y");
        assert_eq!(
            b.path,
            "/things/127.0.0.1%3A5000%2Fmy%20image%3Av1%3Fx%23y/json"
        );
        assert!(b.error.is_none());
    }

    #[test]
    fn dot_segments_cannot_leave_the_route() {
        for bad in [
            "..",
            ".",
            "../../containers/x",
            "a/../b",
            "/abs",
            "a//b",
            "a/",
        ] {
            let mut b = builder();
            b.path_param("name", bad);
            let e = b.error.take().unwrap_or_else(|| panic!("{bad} accepted"));
            assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{bad}");
        }
        let mut b = builder();
        b.path_param("name", "registry.local:5000/team/app.v2:1.0..rc");
        assert!(b.error.is_none(), "dots inside a segment are fine");
    }

    #[test]
    fn query_skips_none_and_encodes_the_rest() {
        let mut b = builder();
        let filters = std::collections::BTreeMap::from([("label", vec!["a=b"])]);
        b.query("all", &Some(true))
            .query("filters", &Some(filters))
            .query("shared-size", &None::<bool>);
        assert_eq!(
            b.query,
            [
                ("all".to_string(), "1".to_string()),
                ("filters".to_string(), r#"{"label":["a=b"]}"#.to_string())
            ]
        );
        assert_eq!(
            b.used.len(),
            2,
            "only parameters with a value count for version checks"
        );
    }

    #[test]
    fn first_problem_is_kept_and_nothing_panics() {
        let mut b = builder();
        b.path_param("name", "")
            .query("no-such-param", &1)
            .header("X-Registry-Auth", Some("secret"));
        let e = b.error.take().unwrap();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        assert!(e.message().contains("`name` must not be empty"), "{e}");
        assert!(
            !format!("{b:?}").contains("secret"),
            "headers never appear in Debug"
        );
    }

    #[test]
    fn version_check_names_the_parameter_and_versions() {
        let mut b = builder();
        b.query("shared-size", &true);
        assert!(b.check_version(ApiVersion::new(1, 42)).is_ok());
        let e = b.check_version(ApiVersion::new(1, 41)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::VersionUnsupported);
        assert_eq!(e.status(), None);
        assert!(
            e.message().contains("`shared-size`")
                && e.message().contains("1.42")
                && e.message().contains("1.41"),
            "{e}"
        );
    }
}
