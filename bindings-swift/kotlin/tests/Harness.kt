// A small test harness: named tests run in order, each with a time limit; prints one line
// per test and `kotlin: N passed, N failed` last; main exits non-zero on any failure.
package dockerengineapi.tests

import dockerengineapi.Docker
import java.io.File
import java.nio.file.Files
import kotlinx.coroutines.withTimeout

class Harness {
    var passed = 0
    var failed = 0

    suspend fun test(name: String, body: suspend () -> Unit) {
        val started = System.nanoTime()
        try {
            withTimeout(90_000) { body() }
            passed++
            println("PASS $name (${(System.nanoTime() - started) / 1_000_000} ms)")
        } catch (e: Throwable) {
            failed++
            println("FAIL $name: $e")
        }
    }
}

fun check(condition: Boolean, message: () -> String) {
    if (!condition) throw AssertionError(message())
}

/** The engine the tests use: DEA_TEST_SELECTED, DOCKER_HOST, else the project's engine A. */
fun testHost(): String {
    System.getenv("DEA_TEST_SELECTED")?.takeIf { it.isNotEmpty() }?.let { return it }
    System.getenv("DOCKER_HOST")?.takeIf { it.isNotEmpty() }?.let { return it }
    val env = File(System.getenv("DEA_ENGINES_ENV") ?: "tests/engines/engines.env")
    if (env.exists()) {
        env.readLines().map { it.trim() }.firstOrNull { it.startsWith("DEA_TEST_HOST=") }
            ?.let { return it.removePrefix("DEA_TEST_HOST=") }
    }
    throw IllegalStateException("no engine: set DOCKER_HOST or run `make engines`")
}

/** The sockets this process has open: a request that ended has closed its connection. */
fun openSockets(): Int =
    File("/proc/self/fd").listFiles().orEmpty().count {
        try {
            Files.readSymbolicLink(it.toPath()).toString().startsWith("socket:")
        } catch (_: Exception) {
            false
        }
    }

/** Waits up to `ms` for the open sockets to fall to `expected` (or below); the last count. */
fun socketsSettle(expected: Int, ms: Long): Int {
    val deadline = System.currentTimeMillis() + ms
    var n = openSockets()
    while (n > expected && System.currentTimeMillis() < deadline) {
        Thread.sleep(20)
        n = openSockets()
    }
    return n
}

fun json(s: String): String = "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""

/** Starts a busybox container running `script` under `sh -c`; its id. */
suspend fun Docker.startContainer(name: String, script: String): String {
    val created = containers.create(
        dockerengineapi.ContainerCreateBody(image = "busybox:latest", cmd = listOf("sh", "-c", script)),
        name = name,
    )
    val id = created.id ?: throw AssertionError("ContainerCreate answered no Id")
    containers.start(id)
    return id
}

suspend fun Docker.removeQuietly(id: String?) {
    if (id == null) return
    try {
        containers.delete(id, force = true)
    } catch (_: Exception) {
    }
}
