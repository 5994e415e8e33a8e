//! The core's error as one uniffi error enum, a variant per `ErrorKind`, each with the HTTP
//! status, the daemon's (or the client's) text, the operation, and the connect cause or exit
//! code where they apply. Kotlin sees `DockerException.NotFound(...)` and so on, Swift
//! `DockerError.notFound(...)`. The text field is `reason`: `message` would clash with Kotlin's
//! `Throwable.message`. The core's messages never hold secrets; nothing is added here.

use docker_engine_api::{Error, ErrorKind};
use std::fmt;

macro_rules! docker_error {
    ($($kind:ident),* $(,)?) => {
        /// An error of the client; the variant is the core's `ErrorKind`.
        #[derive(Debug, uniffi::Error)]
        pub enum DockerError {
            $(
                $kind {
                    /// The HTTP status of the daemon's answer, if there was one.
                    status: Option<u16>,
                    /// The daemon's message, or the client's for errors it found itself.
                    reason: String,
                    /// The operationId of the call that failed.
                    operation: Option<String>,
                    /// For `Connect`: `SocketNotFound`, `PermissionDenied`, `Refused`, `Tls`, `Other`.
                    connect_cause: Option<String>,
                    /// For `NonZeroExit`: the command's exit code.
                    exit_code: Option<i64>,
                },
            )*
        }

        impl DockerError {
            /// The core's `ErrorKind` name: `NotFound`, `Conflict`, ...
            pub fn kind(&self) -> &'static str {
                match self {
                    $(DockerError::$kind { .. } => stringify!($kind),)*
                }
            }

            fn parts(&self) -> (Option<u16>, &str, Option<&str>) {
                match self {
                    $(DockerError::$kind { status, reason, operation, .. } => {
                        (*status, reason, operation.as_deref())
                    })*
                }
            }
        }

        impl From<Error> for DockerError {
            fn from(e: Error) -> DockerError {
                let status = e.status();
                let reason = e.message().to_string();
                let operation = e.operation().map(str::to_string);
                let connect_cause = e.connect_cause().map(|c| c.as_str().to_string());
                let exit_code = e.exit_code();
                match e.kind() {
                    $(ErrorKind::$kind => DockerError::$kind {
                        status, reason, operation, connect_cause, exit_code,
                    },)*
                    // A kind newer than this binding: the closest general one.
                    _ => DockerError::ServerError { status, reason, operation, connect_cause, exit_code },
                }
            }
        }
    };
}

docker_error!(
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    ServerError,
    Unavailable,
    VersionUnsupported,
    Stream,
    Decode,
    Connect,
    Timeout,
    Cancelled,
    InvalidArgument,
    NonZeroExit,
);

impl fmt::Display for DockerError {
    /// One line, as the core's: `ContainerInspect: 404 NotFound: No such container: x`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (status, reason, operation) = self.parts();
        if let Some(op) = operation {
            write!(f, "{op}: ")?;
        }
        if let Some(s) = status {
            write!(f, "{s} ")?;
        }
        write!(f, "{}: {reason}", self.kind())
    }
}

impl std::error::Error for DockerError {}

impl DockerError {
    pub(crate) fn invalid(message: impl Into<String>) -> DockerError {
        Error::invalid_argument(message).into()
    }
}

pub(crate) type Result<T> = std::result::Result<T, DockerError>;

#[cfg(test)]
mod tests {
    use super::*;
    use docker_engine_api::ConnectCause;

    #[test]
    fn a_daemon_error_keeps_kind_status_reason_and_operation() {
        let e: DockerError = Error::from_daemon(404, "No such container: x")
            .with_operation("ContainerInspect")
            .into();
        assert_eq!(e.kind(), "NotFound");
        match &e {
            DockerError::NotFound {
                status,
                reason,
                operation,
                ..
            } => {
                assert_eq!(*status, Some(404));
                assert_eq!(reason, "No such container: x");
                assert_eq!(operation.as_deref(), Some("ContainerInspect"));
            }
            other => panic!("not NotFound: {other}"),
        }
        assert_eq!(
            e.to_string(),
            "ContainerInspect: 404 NotFound: No such container: x"
        );
    }

    #[test]
    fn connect_and_exit_details_cross() {
        let e: DockerError = Error::connect(ConnectCause::SocketNotFound, "no socket").into();
        assert!(matches!(
            e,
            DockerError::Connect { status: None, ref connect_cause, .. }
                if connect_cause.as_deref() == Some("SocketNotFound")
        ));
        let e: DockerError = Error::non_zero_exit(7, "exit 7").into();
        assert!(matches!(
            e,
            DockerError::NonZeroExit {
                exit_code: Some(7),
                ..
            }
        ));
    }
}
