// Streams as Flows. A `DockerStream` (logs, attach, events, stats, progress, export...) is
// read with `asFlow()`; the flow closes the stream, and its connection, when the collector
// finishes, fails or is cancelled (a cancelled `next()` also frees its Rust future).
package dockerengineapi

import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.mapNotNull
import java.io.ByteArrayOutputStream

/** The chunks of this stream, once: a second collection finds the stream closed (no chunks). */
fun DockerStream.asFlow(): Flow<Chunk> = flow {
    try {
        while (true) {
            val chunk = next() ?: break
            emit(chunk)
        }
    } finally {
        cancel()
    }
}

/** A stream opened when the flow is collected: `streamOf { docker.containers.logs(id, follow = true) }`. */
fun streamOf(open: suspend () -> DockerStream): Flow<Chunk> = flow {
    val stream = open()
    try {
        while (true) {
            val chunk = stream.next() ?: break
            emit(chunk)
        }
    } finally {
        stream.cancel()
        stream.destroy()
    }
}

/** Container output as text lines per chunk: `"stdout" to "hello\n"` (lossy UTF-8). */
fun Flow<Chunk>.text(): Flow<Pair<String, String>> =
    map { (it.stream ?: "bytes") to (it.data ?: ByteArray(0)).toString(Charsets.UTF_8) }

/** The JSON-lines items (events, stats, progress) as JSON text. */
fun Flow<Chunk>.json(): Flow<String> = mapNotNull { it.json }

/** Every byte of a byte stream (export, archive, save), read to the end. */
suspend fun DockerStream.readBytes(): ByteArray {
    val out = ByteArrayOutputStream()
    asFlow().collect { c -> c.data?.let { out.write(it) } }
    return out.toByteArray()
}
