// What every `DockerError` carries, whatever its case: the kind (the core's ErrorKind name),
// the HTTP status, the daemon's message, the operation, the connect cause and exit code.
// The enum itself is generated (one case per kind, fields status/reason/operation/...); these
// accessors spare callers a 15-way switch.

extension DockerError: CustomStringConvertible {
    private var parts: (kind: String, status: UInt16?, reason: String, operation: String?, connectCause: String?, exitCode: Int64?) {
        switch self {
        case let .BadRequest(s, r, o, c, e): return ("BadRequest", s, r, o, c, e)
        case let .Unauthorized(s, r, o, c, e): return ("Unauthorized", s, r, o, c, e)
        case let .Forbidden(s, r, o, c, e): return ("Forbidden", s, r, o, c, e)
        case let .NotFound(s, r, o, c, e): return ("NotFound", s, r, o, c, e)
        case let .Conflict(s, r, o, c, e): return ("Conflict", s, r, o, c, e)
        case let .ServerError(s, r, o, c, e): return ("ServerError", s, r, o, c, e)
        case let .Unavailable(s, r, o, c, e): return ("Unavailable", s, r, o, c, e)
        case let .VersionUnsupported(s, r, o, c, e): return ("VersionUnsupported", s, r, o, c, e)
        case let .Stream(s, r, o, c, e): return ("Stream", s, r, o, c, e)
        case let .Decode(s, r, o, c, e): return ("Decode", s, r, o, c, e)
        case let .Connect(s, r, o, c, e): return ("Connect", s, r, o, c, e)
        case let .Timeout(s, r, o, c, e): return ("Timeout", s, r, o, c, e)
        case let .Cancelled(s, r, o, c, e): return ("Cancelled", s, r, o, c, e)
        case let .InvalidArgument(s, r, o, c, e): return ("InvalidArgument", s, r, o, c, e)
        case let .NonZeroExit(s, r, o, c, e): return ("NonZeroExit", s, r, o, c, e)
        }
    }

    /// The core's error kind: `NotFound`, `Conflict`, `Connect`, ...
    public var kind: String { parts.kind }

    /// The HTTP status of the daemon's answer; nil when the error arose in the client.
    public var status: Int? { parts.status.map(Int.init) }

    /// The daemon's message (or the client's own, for errors it found itself).
    public var message: String { parts.reason }

    /// The operationId of the call that failed.
    public var operation: String? { parts.operation }

    /// For `Connect` errors: `SocketNotFound`, `PermissionDenied`, `Refused`, `Tls`, `Other`.
    public var connectCause: String? { parts.connectCause }

    /// For `NonZeroExit` (a helper's `check`): the command's exit code.
    public var exitCode: Int? { parts.exitCode.map(Int.init) }

    /// One line: `ContainerInspect: 404 NotFound: No such container: x`.
    public var description: String {
        let p = parts
        return (p.operation.map { "\($0): " } ?? "") + (p.status.map { "\($0) " } ?? "") + "\(p.kind): \(p.reason)"
    }
}
