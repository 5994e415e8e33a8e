//! The one error type of the client: a kind, the HTTP status, the daemon's message and the
//! operation that failed. Every binding maps `ErrorKind` to its native error classes.

use std::fmt;

/// What went wrong, coarse enough to branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// 400: the daemon rejected the request.
    BadRequest,
    /// 401: missing or wrong credentials.
    Unauthorized,
    /// 403
    Forbidden,
    /// 404: no such container, image, network, ...
    NotFound,
    /// 409: the object is in a state that forbids the operation (e.g. removing a running container).
    Conflict,
    /// 500 and other 5xx except 503.
    ServerError,
    /// 503: e.g. the node is not a swarm manager.
    Unavailable,
    /// The API version is not supported: by the daemon (HTTP 400 "client version ... is too new"),
    /// or client side (a parameter or operation newer than the negotiated version).
    VersionUnsupported,
    /// An error reported inside a stream, or a stream that broke.
    Stream,
    /// The response could not be decoded.
    Decode,
    /// The engine could not be reached; see [`Error::connect_cause`].
    Connect,
    /// A timeout elapsed (connect, response headers, idle stream).
    Timeout,
    /// The call was cancelled.
    Cancelled,
    /// The caller passed something unusable; nothing was sent.
    InvalidArgument,
    /// A command run by a helper (`containers().run`, `exec().run`) with `check` exited with
    /// a non-zero code: see [`Error::exit_code`]; the message ends with its last stderr lines.
    NonZeroExit,
}

impl ErrorKind {
    /// Stable name, used by the bindings and the shared test cases.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::BadRequest => "BadRequest",
            ErrorKind::Unauthorized => "Unauthorized",
            ErrorKind::Forbidden => "Forbidden",
            ErrorKind::NotFound => "NotFound",
            ErrorKind::Conflict => "Conflict",
            ErrorKind::ServerError => "ServerError",
            ErrorKind::Unavailable => "Unavailable",
            ErrorKind::VersionUnsupported => "VersionUnsupported",
            ErrorKind::Stream => "Stream",
            ErrorKind::Decode => "Decode",
            ErrorKind::Connect => "Connect",
            ErrorKind::Timeout => "Timeout",
            ErrorKind::Cancelled => "Cancelled",
            ErrorKind::InvalidArgument => "InvalidArgument",
            ErrorKind::NonZeroExit => "NonZeroExit",
        }
    }

    /// The kind for an HTTP error status of the daemon.
    pub fn from_status(status: u16) -> ErrorKind {
        match status {
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            503 => ErrorKind::Unavailable,
            400..=499 => ErrorKind::BadRequest,
            _ => ErrorKind::ServerError,
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a connection to the engine failed: the three cases users confuse most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ConnectCause {
    /// The unix socket file does not exist (daemon not running, or wrong path).
    SocketNotFound,
    /// The socket exists but this user may not open it.
    PermissionDenied,
    /// Nothing listens there (TCP port closed, or a stale socket file).
    Refused,
    /// The TLS handshake failed: an engine certificate from another CA or for another name,
    /// a client certificate the engine refused or did not get.
    Tls,
    /// Anything else (DNS, unreachable network, ...).
    Other,
}

impl ConnectCause {
    pub fn as_str(self) -> &'static str {
        match self {
            ConnectCause::SocketNotFound => "SocketNotFound",
            ConnectCause::PermissionDenied => "PermissionDenied",
            ConnectCause::Refused => "Refused",
            ConnectCause::Tls => "Tls",
            ConnectCause::Other => "Other",
        }
    }
}

/// The client's error. Display gives one readable line: operation, status, message.
pub struct Error {
    kind: ErrorKind,
    status: Option<u16>,
    message: String,
    operation: Option<&'static str>,
    connect_cause: Option<ConnectCause>,
    exit_code: Option<i64>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

/// Result with the client's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            status: None,
            message: message.into(),
            operation: None,
            connect_cause: None,
            exit_code: None,
            source: None,
        }
    }

    /// An error answered by the daemon with an HTTP status.
    pub fn from_daemon(status: u16, message: impl Into<String>) -> Error {
        let message = message.into();
        // The daemon answers 400 for a version it does not speak; that deserves its own kind.
        let kind = if status == 400 && is_version_message(&message) {
            ErrorKind::VersionUnsupported
        } else if status >= 500 && is_registry_refusal(&message) {
            // The daemon relays a registry's 401 (login, pull, push) as its own 500.
            ErrorKind::Unauthorized
        } else {
            ErrorKind::from_status(status)
        };
        Error {
            status: Some(status),
            ..Error::new(kind, message)
        }
    }

    pub fn invalid_argument(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidArgument, message)
    }

    pub fn connect(cause: ConnectCause, message: impl Into<String>) -> Error {
        Error {
            connect_cause: Some(cause),
            ..Error::new(ErrorKind::Connect, message)
        }
    }

    /// A `NonZeroExit` error: the command's exit code, and why in `message`.
    pub fn non_zero_exit(exit_code: i64, message: impl Into<String>) -> Error {
        Error {
            exit_code: Some(exit_code),
            ..Error::new(ErrorKind::NonZeroExit, message)
        }
    }

    /// The same error with another kind (status and message kept): for a helper that knows
    /// better than the HTTP status what the daemon meant (a 500 saying "unauthorized").
    pub(crate) fn with_kind(mut self, kind: ErrorKind) -> Error {
        self.kind = kind;
        self
    }

    pub(crate) fn with_source(
        mut self,
        source: impl Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
    ) -> Error {
        self.source = Some(source.into());
        self
    }

    /// Attaches the operation id, unless one is already set.
    pub fn with_operation(mut self, operation: &'static str) -> Error {
        self.operation.get_or_insert(operation);
        self
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    /// The HTTP status, when the daemon answered.
    pub fn status(&self) -> Option<u16> {
        self.status
    }
    /// The daemon's `message`, or the client's explanation.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// The operation id of the spec (e.g. `ContainerInspect`).
    pub fn operation(&self) -> Option<&'static str> {
        self.operation
    }
    /// For [`ErrorKind::Connect`]: which of the usual causes it was.
    pub fn connect_cause(&self) -> Option<ConnectCause> {
        self.connect_cause
    }
    /// For [`ErrorKind::NonZeroExit`]: the exit code of the command.
    pub fn exit_code(&self) -> Option<i64> {
        self.exit_code
    }
}

/// serde's reason without the offending value: for a wrong type or value it quotes it
/// (``invalid type: integer `12345678`, expected a string``, `invalid type: string "..."`),
/// and that may be a password. Field names (``unknown field `x` ``) stay: they are the
/// caller's, not secrets.
pub fn serde_reason(e: &serde_json::Error) -> String {
    let m = e.to_string();
    if !(m.starts_with("invalid type: ") || m.starts_with("invalid value: ")) {
        return m;
    }
    let mut out = String::with_capacity(m.len());
    // Inside `...` (numbers, ...) or "..." (strings, with \" escapes): left out.
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in m.chars() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '`' || c == '"' => quote = Some(c),
            None => out.push(c),
        }
    }
    out.replace(" ,", ",").replace("  ", " ")
}

/// A registry's refusal of the credentials, in the daemon's words.
pub(crate) fn is_registry_refusal(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    [
        "401 unauthorized",
        "unauthorized: ",
        "no basic auth credentials",
        "authentication required",
    ]
    .iter()
    .any(|s| m.contains(s))
}

fn is_version_message(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    m.contains("client version") && (m.contains("too new") || m.contains("too old"))
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(op) = self.operation {
            write!(f, "{op}: ")?;
        }
        match self.status {
            Some(status) => write!(f, "{} (HTTP {status}): {}", self.kind, self.message),
            None => write!(f, "{}: {}", self.kind, self.message),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind)
            .field("status", &self.status)
            .field("message", &self.message)
            .field("operation", &self.operation)
            .field("connect_cause", &self.connect_cause)
            .field("exit_code", &self.exit_code)
            .finish()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_maps_to_kind() {
        assert_eq!(Error::from_daemon(404, "x").kind(), ErrorKind::NotFound);
        assert_eq!(Error::from_daemon(409, "x").kind(), ErrorKind::Conflict);
        assert_eq!(Error::from_daemon(418, "x").kind(), ErrorKind::BadRequest);
        assert_eq!(Error::from_daemon(502, "x").kind(), ErrorKind::ServerError);
        assert_eq!(
            Error::from_daemon(
                400,
                "client version 1.99 is too new. Maximum supported API version is 1.45"
            )
            .kind(),
            ErrorKind::VersionUnsupported
        );
        let refused = Error::from_daemon(
            500,
            "login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized",
        );
        assert_eq!(refused.kind(), ErrorKind::Unauthorized);
        assert_eq!(refused.status(), Some(500));
        assert_eq!(
            Error::from_daemon(500, "failed to create shim task").kind(),
            ErrorKind::ServerError
        );
    }

    #[test]
    fn serde_reasons_never_quote_values() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Auth {
            password: String,
        }
        let e =
            serde_json::from_value::<Auth>(serde_json::json!({"password": 12345678})).unwrap_err();
        let r = serde_reason(&e);
        assert!(
            !r.contains("12345678") && r.contains("expected a string"),
            "{r}"
        );
        let e = serde_json::from_value::<Auth>(serde_json::json!({"pasword": "x"})).unwrap_err();
        assert!(serde_reason(&e).contains("pasword"));
        // A string where a record belongs: serde quotes it in double quotes, escapes and all.
        let e = serde_json::from_value::<Auth>(serde_json::json!(r#"p+ss/"w0rd?~"#)).unwrap_err();
        let r = serde_reason(&e);
        assert!(
            !r.contains("w0rd") && r.contains("expected struct Auth"),
            "{r}"
        );
    }

    #[test]
    fn display_names_operation_status_and_message() {
        let e =
            Error::from_daemon(404, "No such container: abc").with_operation("ContainerInspect");
        assert_eq!(
            e.to_string(),
            "ContainerInspect: NotFound (HTTP 404): No such container: abc"
        );
    }
}
