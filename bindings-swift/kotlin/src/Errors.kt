// The errors: every failure is a `DockerException` (generated), one subclass per kind of the
// core (`DockerException.NotFound`, `.Conflict`, `.Connect`, `.Timeout`, `.Cancelled`...),
// each with `status` (the HTTP status, if any), `reason` (the daemon's message), `operation`,
// `connectCause` and `exitCode` (the core's `ServerError` is `ServerException`: uniffi turns an
// `Error` suffix into `Exception`). These accessors read them without a `when` on the subclass.
package dockerengineapi

/** The fields every kind carries. */
data class ErrorInfo(
    val kind: String,
    val status: Int?,
    val reason: String,
    val operation: String?,
    val connectCause: String?,
    val exitCode: Long?,
)

/** The kind's name, as the core's `ErrorKind`: `NotFound`, `Conflict`, ... */
val DockerException.kind: String get() = info.kind

/** The HTTP status of the daemon's answer; null for errors found client side. */
val DockerException.statusCode: Int? get() = info.status

/** The daemon's message, or the client's. */
val DockerException.text: String get() = info.reason

val DockerException.info: ErrorInfo
    get() = when (this) {
        is DockerException.BadRequest -> ErrorInfo("BadRequest", status?.toInt(), reason, operation, connectCause, exitCode)
        is DockerException.Unauthorized -> ErrorInfo("Unauthorized", status?.toInt(), reason, operation, connectCause, exitCode)
        is DockerException.Forbidden -> ErrorInfo("Forbidden", status?.toInt(), reason, operation, connectCause, exitCode)
        is DockerException.NotFound -> ErrorInfo("NotFound", status?.toInt(), reason, operation, connectCause, exitCode)
        is DockerException.Conflict -> ErrorInfo("Conflict", status?.toInt(), reason, operation, connectCause, exitCode)
        is DockerException.ServerException -> ErrorInfo("ServerError", status?.toInt(), reason, operation, connectCause, exitCode)
        is DockerException.Unavailable -> ErrorInfo("Unavailable", status?.toInt(), reason, operation, connectCause, exitCode)
        is DockerException.VersionUnsupported -> ErrorInfo("VersionUnsupported", status?.toInt(), reason, operation, connectCause, exitCode)
        is DockerException.Stream -> ErrorInfo("Stream", status?.toInt(), reason, operation, connectCause, exitCode)
        is DockerException.Decode -> ErrorInfo("Decode", status?.toInt(), reason, operation, connectCause, exitCode)
        is DockerException.Connect -> ErrorInfo("Connect", status?.toInt(), reason, operation, connectCause, exitCode)
        is DockerException.Timeout -> ErrorInfo("Timeout", status?.toInt(), reason, operation, connectCause, exitCode)
        is DockerException.Cancelled -> ErrorInfo("Cancelled", status?.toInt(), reason, operation, connectCause, exitCode)
        is DockerException.InvalidArgument -> ErrorInfo("InvalidArgument", status?.toInt(), reason, operation, connectCause, exitCode)
        is DockerException.NonZeroExit -> ErrorInfo("NonZeroExit", status?.toInt(), reason, operation, connectCause, exitCode)
    }

/** One line: `ContainerInspect: 404 NotFound: No such container: x`. */
fun DockerException.describe(): String {
    val i = info
    return buildString {
        i.operation?.let { append(it).append(": ") }
        i.status?.let { append(it).append(' ') }
        append(i.kind).append(": ").append(i.reason)
    }
}
