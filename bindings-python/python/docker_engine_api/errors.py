"""The exceptions of the client: one `DockerError` base, one subclass per kind of error.

Every error has `.kind` (the core's stable kind name), `.status` (the HTTP status when the
daemon answered), `.message` (the daemon's message or the client's explanation) and
`.operation` (the spec's operation id, e.g. `ContainerInspect`).
"""

from __future__ import annotations


class DockerError(Exception):
    """Any error of the client."""

    kind: str = "Unknown"

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        operation: str | None = None,
        connect_cause: str | None = None,
        exit_code: int | None = None,
        text: str | None = None,
    ) -> None:
        super().__init__(text or message)
        self.message = message
        self.status = status
        self.operation = operation
        #: For `ConnectError`: `SocketNotFound`, `PermissionDenied`, `Refused` or `Other`.
        self.connect_cause = connect_cause
        #: For `NonZeroExit`: the command's exit code.
        self.exit_code = exit_code


class BadRequest(DockerError):
    """400: the daemon rejected the request."""

    kind = "BadRequest"


class Unauthorized(DockerError):
    """401: missing or wrong credentials."""

    kind = "Unauthorized"


class Forbidden(DockerError):
    """403"""

    kind = "Forbidden"


class NotFound(DockerError):
    """404: no such container, image, network..."""

    kind = "NotFound"


class Conflict(DockerError):
    """409: the object's state forbids the operation (e.g. removing a running container)."""

    kind = "Conflict"


class ServerError(DockerError):
    """500 and other 5xx."""

    kind = "ServerError"


class Unavailable(ServerError):
    """503: e.g. the node is not a swarm manager."""

    kind = "Unavailable"


class VersionUnsupported(DockerError):
    """The API version is not supported, by the daemon or (client side) for a parameter."""

    kind = "VersionUnsupported"


class StreamError(DockerError):
    """An error reported inside a stream (a failed build or pull), or a broken stream."""

    kind = "Stream"


class DecodeError(DockerError):
    """The response could not be decoded."""

    kind = "Decode"


class ConnectError(DockerError):
    """The engine could not be reached; `.connect_cause` says why."""

    kind = "Connect"


class Timeout(DockerError):
    """A timeout elapsed (connect, response headers, idle stream)."""

    kind = "Timeout"


class Cancelled(DockerError):
    """The call was cancelled."""

    kind = "Cancelled"


class InvalidArgument(DockerError, ValueError):
    """The caller passed something unusable; nothing was sent."""

    kind = "InvalidArgument"


class NonZeroExit(DockerError):
    """A command run by a helper with `check=True` exited non-zero: see `.exit_code`."""

    kind = "NonZeroExit"


_BY_KIND: dict[str, type[DockerError]] = {
    cls.kind: cls
    for cls in (
        BadRequest,
        Unauthorized,
        Forbidden,
        NotFound,
        Conflict,
        ServerError,
        Unavailable,
        VersionUnsupported,
        StreamError,
        DecodeError,
        ConnectError,
        Timeout,
        Cancelled,
        InvalidArgument,
        NonZeroExit,
    )
}


def _from_native(
    kind: str,
    status: int | None,
    message: str,
    operation: str | None,
    connect_cause: str | None,
    exit_code: int | None,
    text: str,
) -> DockerError:
    """Called by the Rust side to make the exception of an error of the core."""
    cls = _BY_KIND.get(kind, DockerError)
    err = cls(
        message,
        status=status,
        operation=operation,
        connect_cause=connect_cause,
        exit_code=exit_code,
        text=text,
    )
    err.kind = kind
    return err


__all__ = ["DockerError"] + [cls.__name__ for cls in _BY_KIND.values()]
