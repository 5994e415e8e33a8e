// `make demo-swift`: drive a real Docker engine from Swift, end to end, and say what happened.
// Uses DOCKER_HOST (the Makefile points it at the project's engine when none of yours answers)
// and DOCKER_API_VERSION (unset: the version is negotiated like the Docker CLI).

import DockerEngineAPI
import Foundation

let image = "busybox:latest"
let env = ProcessInfo.processInfo.environment

func demo() async throws {
    let docker = try Docker.fromEnv()
    print("Swift: engine at \(env["DOCKER_HOST"] ?? "unix:///var/run/docker.sock")")

    let pong = try await docker.system.ping()
    let api = try await docker.apiVersion()
    let version = try await docker.system.version()
    let how = env["DOCKER_API_VERSION"] == nil ? "negotiated" : "pinned"
    print("1. Ping answered \(pong); API \(api) (\(how)); engine Docker \(version.version ?? "?") (API \(version.apiVersion ?? "?"))")

    let images = try await docker.images.list()
    print("2. The engine has \(images.count) image(s)")

    // Create and start a container, read its output as an AsyncSequence, wait, remove.
    var body = ContainerCreateBody()
    body.image = image
    body.cmd = ["sh", "-c", "echo Hello from busybox; echo a warning >&2; exit 3"]
    let name = "dea-demo-swift-\(ProcessInfo.processInfo.processIdentifier)"
    let created = try await docker.containers.create(body: body, name: name)
    let id = created.id ?? name
    do {
        try await docker.containers.start(id: id)
        let exit = try await docker.containers.wait(id: id)
        var out = "", err = ""
        for try await chunk in docker.containers.logs(id, stdout: true, stderr: true) {
            if chunk.stream == "stderr" { err += chunk.text } else { out += chunk.text }
        }
        print("3. Ran \(image) as \(name): exit code \(exit.statusCode ?? -1), stdout \(out.debugDescription), stderr \(err.debugDescription)")

        // A follow stream that never ends by itself, left after a few lines; then a Task
        // cancelled while it waits: both end the request in the core at once.
        body.cmd = ["sh", "-c", "while true; do echo tick; sleep 0.2; done"]
        let ticker = try await docker.containers.create(body: body, name: "\(name)-ticker")
        let tid = ticker.id ?? "\(name)-ticker"
        do {
            try await docker.containers.start(id: tid)
            var lines = 0
            for try await chunk in docker.containers.logs(tid, follow: true, stdout: true) {
                lines += chunk.text.split(separator: "\n").count
                if lines >= 3 { break }
            }
            let waiting = Task { try await docker.containers.wait(id: tid) }
            try await Task.sleep(nanoseconds: 200_000_000)
            waiting.cancel()
            let outcome: String
            do {
                _ = try await waiting.value
                outcome = "answered (unexpected)"
            } catch is CancellationError {
                outcome = "ended by Task.cancel()"
            }
            print("4. Followed the logs of a ticking container for \(lines) lines, then left the loop; a blocked wait on it was \(outcome)")
        }
        try? await docker.containers.delete(id: tid, force: true)
    }
    try? await docker.containers.delete(id: id, force: true)

    do {
        _ = try await docker.containers.inspect(id: name)
    } catch let e as DockerError {
        print("5. Inspecting the removed container throws DockerError.\(e.kind) (status \(e.status.map(String.init) ?? "none")): \(e.message)")
    }
    print("Done from Swift: ping, version, images, create/start/logs/wait, follow and cancel, errors.")
}

do {
    try await demo()
} catch {
    FileHandle.standardError.write(Data("demo failed: \(error)\n(set DOCKER_HOST to a running engine, or run `make engines` first)\n".utf8))
    exit(1)
}
