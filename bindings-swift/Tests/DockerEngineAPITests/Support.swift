// What the tests share: the engine they talk to (the project's test engine, or the user's
// DOCKER_HOST), names unique to this run, and busybox containers removed after each test.

import DockerEngineAPI
import Foundation
import XCTest

/// The engine: $DEA_TEST_SELECTED or $DOCKER_HOST, else tests/engines/engines.env.
func engineHost() throws -> String {
    let env = ProcessInfo.processInfo.environment
    for key in ["DEA_TEST_SELECTED", "DOCKER_HOST"] {
        if let host = env[key], !host.isEmpty { return host }
    }
    let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let file = repo.appendingPathComponent("tests/engines/engines.env")
    if let text = try? String(contentsOf: file, encoding: .utf8),
       let line = text.split(separator: "\n").first(where: { $0.hasPrefix("DEA_TEST_HOST=") }) {
        return String(line.dropFirst("DEA_TEST_HOST=".count))
    }
    throw XCTSkip("no engine: set DOCKER_HOST or run `make engines` (tests/engines/engines.env)")
}

func testDocker() throws -> Docker {
    try Docker(host: try engineHost(), version: "1.45")
}

/// Names made here start with this (and the process id): other runs share the engine.
let prefix = "dea-swift-test-\(ProcessInfo.processInfo.processIdentifier)"

/// Creates and starts a busybox container running `cmd`; removed by `removeAll`.
func startBusybox(_ docker: Docker, _ name: String, _ cmd: [String], tty: Bool = false) async throws -> String {
    var body = ContainerCreateBody()
    body.image = "busybox:latest"
    body.cmd = cmd
    body.tty = tty
    body.labels = ["dea.test": prefix]
    let created = try await docker.containers.create(body: body, name: "\(prefix)-\(name)")
    let id = try XCTUnwrap(created.id)
    try await docker.containers.start(id: id)
    return id
}

/// A test on the engine: the containers it made are removed after it, before the next test
/// (and before the process exits, which a detached cleanup Task would not wait for).
class EngineTestCase: XCTestCase {
    override func tearDown() async throws {
        if let docker = try? testDocker() { await removeAll(docker) }
        try await super.tearDown()
    }
}

/// Removes every container this process made.
func removeAll(_ docker: Docker) async {
    guard let list = try? await docker.containers.list(all: true, filters: ["label": ["dea.test=\(prefix)"]]) else { return }
    for c in list {
        if let id = c.id { try? await docker.containers.delete(id: id, force: true) }
    }
}

/// Polls `condition` every 50 ms until it holds or `seconds` pass.
func eventually(_ seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try await Task.sleep(nanoseconds: 50_000_000)
    }
    return try await condition()
}
