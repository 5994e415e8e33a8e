// The Kotlin binding's own tests against a real engine: typed calls and records, streams as
// Flows, cancellation (a cancelled coroutine and a fired CancelToken end the request in the
// core: its connection closes), hijacked stdin, helpers, and typed errors.
package dockerengineapi.tests

import dockerengineapi.*
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlin.system.exitProcess

val PREFIX = "dea-kt-${ProcessHandle.current().pid()}"

suspend inline fun <reified E : DockerException> expectError(crossinline body: suspend () -> Unit): E {
    try {
        body()
    } catch (e: DockerException) {
        check(e is E) { "expected ${E::class.simpleName}, got ${e.describe()}" }
        return e as E
    }
    throw AssertionError("expected ${E::class.simpleName}, the call succeeded")
}

fun main() {
    val h = Harness()
    val host = testHost()
    val docker = Docker.connect(host, version = "1.45")
    runBlocking {
        h.test("system: ping and the negotiated version") {
            check(docker.system.ping() == "OK") { "ping" }
            check(docker.apiVersion() == "1.45") { "version" }
            val auto = Docker.connect(host)
            check(auto.apiVersion().startsWith("1.")) { "auto version" }
            auto.close()
        }

        h.test("records: create, start, wait, inspect and list with typed answers") {
            docker.withContainer("$PREFIX-records", "echo hello; echo oops >&2; exit 3") { id ->
                val waited = docker.containers.wait(id)
                check(waited.statusCode == 3L) { "exit code ${waited.statusCode}" }
                val inspected = docker.containers.inspect(id)
                check(inspected.id == id) { "inspect id" }
                check(inspected.state?.status == "exited") { "state ${inspected.state?.status}" }
                check(inspected.name == "/$PREFIX-records") { "name ${inspected.name}" }
                val listed = docker.containers.list(all = true, filters = mapOf("id" to listOf(id)))
                check(listed.size == 1 && listed[0].id == id) { "list: $listed" }
                check(listed[0].image == "busybox:latest") { "image ${listed[0].image}" }
            }
        }

        h.test("streams: logs as a Flow of stdout and stderr chunks") {
            docker.withContainer("$PREFIX-logs", "echo hello; echo oops >&2") { id ->
                docker.containers.wait(id)
                val chunks = docker.containers.logs(id, stdout = true, stderr = true).asFlow().text().toList()
                val out = chunks.filter { it.first == "stdout" }.joinToString("") { it.second }
                val err = chunks.filter { it.first == "stderr" }.joinToString("") { it.second }
                check(out == "hello\n") { "stdout ${out}" }
                check(err == "oops\n") { "stderr ${err}" }
            }
        }

        h.test("streams: a followed log ends when the container exits") {
            docker.withContainer("$PREFIX-follow", "for i in 1 2 3; do echo \$i; sleep 0.2; done") { id ->
                val text = streamOf { docker.containers.logs(id, follow = true, stdout = true) }
                    .text().toList().joinToString("") { it.second }
                check(text == "1\n2\n3\n") { "followed: $text" }
            }
        }

        h.test("streams: JSON lines (events) as JSON text") {
            var id: String? = null
            try {
                val since = System.currentTimeMillis() / 1000 - 1
                id = docker.startContainer("$PREFIX-events", "true")
                docker.containers.wait(id)
                val until = System.currentTimeMillis() / 1000 + 1
                val events = docker.system.events(
                    since = since.toString(), until = until.toString(),
                    filters = mapOf("container" to listOf(id)),
                ).asFlow().json().toList()
                check(events.any { it.contains("\"start\"") }) { "no start event in $events" }
            } finally {
                docker.removeQuietly(id)
            }
        }

        h.test("cancellation: a cancelled collector of a followed log closes its connection") {
            docker.withContainer("$PREFIX-cancel-logs", "while true; do echo tick; sleep 0.1; done") { id ->
                val started = System.nanoTime()
                var ticks = 0
                var during = 0
                try {
                    withTimeout(1500) {
                        docker.containers.logs(id, follow = true, stdout = true).asFlow().collect {
                            // The log's connection is open while chunks come.
                            if (ticks++ == 0) during = openSockets()
                        }
                    }
                    throw AssertionError("the followed log ended by itself")
                } catch (_: TimeoutCancellationException) {
                }
                val ms = (System.nanoTime() - started) / 1_000_000
                check(ticks > 0) { "no chunk before the cancel" }
                check(ms < 2500) { "the cancel took ${ms} ms" }
                val after = socketsSettle(during - 1, 2000)
                check(after < during) { "sockets: $during while following, $after after the cancel" }
            }
        }

        h.test("cancellation: cancelling a coroutine blocked in ContainerWait ends the request") {
            docker.withContainer("$PREFIX-cancel-wait", "sleep 60") { id ->
                val job = launch { docker.containers.wait(id) }
                delay(500)
                check(job.isActive) { "wait returned early" }
                // The wait's connection is open now (maybe a pooled one, counted before too).
                val during = openSockets()
                val started = System.nanoTime()
                job.cancelAndJoin()
                val ms = (System.nanoTime() - started) / 1_000_000
                check(ms < 1000) { "cancel took ${ms} ms" }
                val after = socketsSettle(during - 1, 2000)
                check(after < during) { "sockets: $during while waiting, $after after the cancel" }
                val state = docker.containers.inspect(id).state?.status
                check(state == "running") { "the container is $state: only the request should end" }
            }
        }

        h.test("cancellation: a fired CancelToken ends a call with Cancelled") {
            docker.withContainer("$PREFIX-token", "sleep 60") { id ->
                val token = CancelToken()
                val call = async { expectError<DockerException.Cancelled> { docker.containers.wait(id, cancel = token) } }
                delay(300)
                token.cancel()
                val e = withTimeout(2000) { call.await() }
                check(e.statusCode == null) { "status ${e.statusCode}" }
            }
        }

        h.test("hijacked: exec with stdin written, half-closed, output read") {
            docker.withContainer("$PREFIX-exec", "sleep 60") { id ->
                val exec = docker.exec.create(
                    id,
                    ExecConfig(attachStdin = true, attachStdout = true, attachStderr = true, cmd = listOf("cat")),
                )
                val stream = docker.attach("ExecStart", "{\"id\": ${json(exec.id!!)}, \"execStartConfig\": {}}")
                check(stream.hasStdin()) { "no stdin" }
                stream.write("hi there\n".toByteArray())
                stream.closeStdin()
                val out = stream.asFlow().text().toList().joinToString("") { it.second }
                check(out == "hi there\n") { "exec output: $out" }
                check(docker.exec.inspect(exec.id!!).exitCode == 0L) { "exit code" }
            }
        }

        h.test("helpers: containers.run by name, JSON in and out") {
            val out = docker.helper(
                "containers.run",
                "{\"image\": \"busybox:latest\", \"cmd\": [\"sh\", \"-c\", \"echo run-ok\"], \"remove\": true, \"name\": ${json("$PREFIX-run")}}",
            )
            check(out.contains("\"stdout\":\"run-ok\\n\"")) { "run: $out" }
            check(out.contains("\"exit_code\":0")) { "run: $out" }
        }

        h.test("call by id: the generic call answers JSON text and streams") {
            val out = docker.call("SystemPing")
            check(out.kind == OutputKind.TEXT && out.text == "OK") { "ping: ${out.kind} ${out.text}" }
            val info = docker.call("SystemInfo")
            check(info.kind == OutputKind.JSON && info.text!!.contains("\"ID\"")) { "info" }
        }

        h.test("errors: NotFound with the status, the daemon's message and the operation") {
            val e = expectError<DockerException.NotFound> { docker.containers.inspect("$PREFIX-missing") }
            check(e.kind == "NotFound" && e.statusCode == 404) { e.describe() }
            check(e.reason.contains("No such container")) { e.reason }
            check(e.operation == "ContainerInspect") { "operation ${e.operation}" }
            check(e.message!!.contains("No such container")) { "message ${e.message}" }
        }

        h.test("errors: Conflict removing a running container") {
            docker.withContainer("$PREFIX-conflict", "sleep 60") { id ->
                val e = expectError<DockerException.Conflict> { docker.containers.delete(id) }
                check(e.statusCode == 409) { e.describe() }
            }
        }

        h.test("errors: Connect with its cause for a missing socket") {
            val missing = Docker.connect("unix:///nonexistent/$PREFIX.sock", version = "1.45")
            val e = expectError<DockerException.Connect> { missing.system.ping() }
            check(e.connectCause == "SocketNotFound") { "cause ${e.connectCause}" }
            missing.close()
        }

        h.test("errors: InvalidArgument for bad JSON and an unknown operation, nothing sent") {
            val bad = expectError<DockerException.InvalidArgument> { docker.call("ContainerList", "{not json") }
            check(bad.statusCode == null) { bad.describe() }
            expectError<DockerException.InvalidArgument> { docker.call("NoSuchOperation") }
            expectError<DockerException.InvalidArgument> { Docker.connect(host, timeoutMs = -1) }
        }

        h.test("errors: Timeout when the engine says nothing for longer than timeoutMs") {
            var id: String? = null
            val slow = Docker.connect(host, version = "1.45", timeoutMs = 300)
            try {
                id = docker.startContainer("$PREFIX-timeout", "sleep 60")
                expectError<DockerException.Timeout> { slow.containers.wait(id) }
            } finally {
                slow.close()
                docker.removeQuietly(id)
            }
        }

        h.test("errors: NonZeroExit from a checked run carries the exit code") {
            val e = expectError<DockerException.NonZeroExit> {
                docker.helper("containers.run", "{\"image\": \"busybox:latest\", \"cmd\": [\"sh\", \"-c\", \"exit 7\"], \"remove\": true, \"check\": true}")
            }
            check(e.exitCode == 7L) { e.describe() }
        }

        h.test("request bodies: a build context pushed through a PayloadSink while the engine reads it") {
            val tag = "$PREFIX-sink:latest"
            val context = tarOf(mapOf("Dockerfile" to "FROM busybox:latest\nLABEL dea.kotlin=sink\n"))
            val sink = PayloadSink()
            try {
                coroutineScope {
                    val feeding = launch {
                        // Small pieces, so the body really is a stream of several chunks.
                        context.toList().chunked(700).forEach { sink.push(it.toByteArray()) }
                        sink.end()
                    }
                    val progress = docker.images.build(RequestBody.Sink(sink), t = tag).asFlow().json().toList()
                    feeding.join()
                    check(progress.any { it.contains("\"aux\"") }) { "no image id in $progress" }
                }
                val labels = docker.images.inspect(tag).config?.labels
                check(labels?.get("dea.kotlin") == "sink") { "labels $labels" }
            } finally {
                try {
                    docker.images.delete(tag, force = true)
                } catch (_: DockerException) {
                }
            }
        }

        h.test("helpers: a pull from the registry reports its progress through a listener") {
            val (registry, user, password) = testRegistry(host) ?: throw Skip("needs the project's registry")
            val auth = "{\"username\": ${json(user)}, \"password\": ${json(password)}, \"serveraddress\": ${json(registry)}}"
            val header = java.util.Base64.getUrlEncoder().encodeToString(auth.toByteArray())
            val repo = "$registry/$PREFIX-pull"
            try {
                docker.images.tag("busybox:latest", repo = repo, tag = "v1")
                docker.images.push(repo, header, tag = "v1").asFlow().toList()
                docker.images.delete("$repo:v1")
                val progress = java.util.concurrent.CopyOnWriteArrayList<String>()
                val image = docker.pull("{\"image\": ${json("$repo:v1")}, \"auth\": $auth}") { progress.add(it) }
                check(image.contains("\"RepoTags\"") && image.contains("$PREFIX-pull:v1")) { "pulled: ${image.take(200)}" }
                check(progress.isNotEmpty() && progress.all { it.startsWith("{") }) { "progress: $progress" }
                check(progress.any { it.contains("\"status\"") }) { "progress: $progress" }
            } finally {
                try {
                    docker.images.delete("$repo:v1", force = true)
                } catch (_: DockerException) {
                }
            }
        }

        h.test("flows: first() closes the stream of a followed log early") {
            docker.withContainer("$PREFIX-first", "while true; do echo line; sleep 0.1; done") { id ->
                var during = 0
                val first = streamOf { docker.containers.logs(id, follow = true, stdout = true) }
                    .text().onEach { during = openSockets() }.first()
                check(first.second.startsWith("line")) { "first: $first" }
                val after = socketsSettle(during - 1, 2000)
                check(after < during) { "sockets: $during while reading, $after after first()" }
            }
        }
    }
    docker.close()
    println("kotlin: ${h.passed} passed, ${h.failed} failed, ${h.skipped} skipped")
    exitProcess(if (h.failed == 0) 0 else 1)
}
