// `make demo-kotlin`: drive a real Docker engine from Kotlin, end to end, and say what
// happened. Uses DOCKER_HOST (the Makefile points it at the project's engine when none of
// yours answers) and DOCKER_API_VERSION (unset: the version is negotiated like the Docker CLI).
package dockerengineapi.examples

import dockerengineapi.*
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlin.system.exitProcess

const val IMAGE = "busybox:latest"

fun main() = runBlocking {
    try {
        Docker.fromEnv().use { docker -> demo(docker) }
    } catch (e: DockerException) {
        System.err.println("demo failed: ${e.describe()}")
        if (e is DockerException.Connect) System.err.println("(set DOCKER_HOST to a running engine, or run `make engines` first)")
        exitProcess(1)
    }
}

suspend fun demo(docker: Docker) {
    println("Kotlin: engine at ${System.getenv("DOCKER_HOST") ?: "unix:///var/run/docker.sock"}")
    val pong = docker.system.ping()
    val api = docker.apiVersion()
    val version = docker.system.version()
    val how = if (System.getenv("DOCKER_API_VERSION").isNullOrEmpty()) "negotiated" else "pinned"
    println("1. Ping answered \"$pong\"; API $api ($how); engine Docker ${version.version} (API ${version.apiVersion})")

    val images = docker.images.list()
    println("2. The engine has ${images.size} image(s)")

    // Typed records in and out: create, start, follow the logs as a Flow, wait, remove.
    val name = "dea-demo-kotlin-${ProcessHandle.current().pid()}"
    val created = docker.containers.create(
        ContainerCreateBody(image = IMAGE, cmd = listOf("sh", "-c", "echo Hello from busybox; echo a warning >&2; exit 3")),
        name = name,
    )
    val id = created.id!!
    try {
        docker.containers.start(id)
        val output = streamOf { docker.containers.logs(id, follow = true, stdout = true, stderr = true) }.text().toList()
        val exit = docker.containers.wait(id).statusCode
        val stdout = output.filter { it.first == "stdout" }.joinToString("") { it.second }
        val stderr = output.filter { it.first == "stderr" }.joinToString("") { it.second }
        println("3. Ran $IMAGE as $name: exit code $exit, stdout \"${stdout.trimEnd()}\", stderr \"${stderr.trimEnd()}\" (followed as a Flow)")
    } finally {
        docker.containers.delete(id, force = true)
    }

    // An error is a DockerException subclass with the daemon's status and message.
    try {
        docker.containers.inspect(name)
    } catch (e: DockerException.NotFound) {
        println("4. Inspecting the removed container: ${e.kind} (HTTP ${e.statusCode}): ${e.reason}")
    }

    // The core's helpers: a one-call run, stdin written then half-closed.
    val run = docker.helper("containers.run", """{"image": "$IMAGE", "cmd": ["tr", "a-z", "A-Z"], "stdin": "hello through stdin\n", "remove": true}""")
    println("5. containers.run with stdin: $run")
    println("Done from Kotlin: ping, version, images, typed create/start/logs/wait/delete, a typed error, a helper.")
}
