// A small test harness: named tests run in order, each with a time limit; prints one line
// per test and `kotlin: N passed, N failed` last; main exits non-zero on any failure.
package dockerengineapi.tests

import dockerengineapi.Docker
import java.io.File
import java.nio.file.Files
import kotlinx.coroutines.withTimeout

/** Thrown by a test that cannot run here (a service it needs is absent). */
class Skip(why: String) : Exception(why)

class Harness {
    var passed = 0
    var failed = 0
    var skipped = 0

    suspend fun test(name: String, body: suspend () -> Unit) {
        val started = System.nanoTime()
        try {
            withTimeout(90_000) { body() }
            passed++
            println("PASS $name (${(System.nanoTime() - started) / 1_000_000} ms)")
        } catch (e: Skip) {
            skipped++
            println("SKIP $name: ${e.message}")
        } catch (e: Throwable) {
            failed++
            println("FAIL $name: $e")
        }
    }
}

fun check(condition: Boolean, message: () -> String) {
    if (!condition) throw AssertionError(message())
}

/** A value of the project's tests/engines/engines.env, if it has it. */
fun engineVar(name: String): String? {
    val env = File(System.getenv("DEA_ENGINES_ENV") ?: "tests/engines/engines.env")
    if (!env.exists()) return null
    return env.readLines().map { it.trim() }.firstOrNull { it.startsWith("$name=") }?.removePrefix("$name=")
}

/** The engine the tests use: DEA_TEST_SELECTED, DOCKER_HOST, else the project's engine A. */
fun testHost(): String {
    System.getenv("DEA_TEST_SELECTED")?.takeIf { it.isNotEmpty() }?.let { return it }
    System.getenv("DOCKER_HOST")?.takeIf { it.isNotEmpty() }?.let { return it }
    return engineVar("DEA_TEST_HOST") ?: throw IllegalStateException("no engine: set DOCKER_HOST or run `make engines`")
}

/** The project's registry (address, user, password) when this run uses the project's engine. */
fun testRegistry(host: String): Triple<String, String, String>? {
    if (engineVar("DEA_TEST_HOST") != host) return null
    val address = engineVar("DEA_TEST_REGISTRY") ?: return null
    val user = engineVar("DEA_TEST_REGISTRY_USER") ?: return null
    val password = engineVar("DEA_TEST_REGISTRY_PASSWORD") ?: return null
    return Triple(address, user, password)
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

/** Runs `body` with a started busybox container running `script`, removed afterwards. */
suspend fun <T> Docker.withContainer(name: String, script: String, body: suspend (String) -> T): T {
    var id: String? = null
    try {
        id = startContainer(name, script)
        return body(id)
    } finally {
        removeQuietly(id)
    }
}

/** `{path: text}` as a tar archive (ustar, mode 0644): a build context. */
fun tarOf(files: Map<String, String>): ByteArray {
    val out = java.io.ByteArrayOutputStream()
    for ((path, text) in files) {
        val data = text.toByteArray()
        val h = ByteArray(512)
        fun put(at: Int, v: String) = v.toByteArray().copyInto(h, at)
        put(0, path)
        put(100, "0000644\u0000")
        put(108, "0000000\u0000")
        put(116, "0000000\u0000")
        put(124, data.size.toString(8).padStart(11, '0') + "\u0000")
        put(136, "00000000000\u0000")
        put(148, "        ")
        put(156, "0")
        put(257, "ustar\u000000")
        put(148, h.sumOf { it.toInt() and 0xff }.toString(8).padStart(6, '0') + "\u0000 ")
        out.write(h)
        out.write(data)
        out.write(ByteArray((512 - data.size % 512) % 512))
    }
    out.write(ByteArray(1024))
    return out.toByteArray()
}
