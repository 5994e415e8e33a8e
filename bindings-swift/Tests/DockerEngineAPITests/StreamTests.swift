// Streams as AsyncSequence: `for try await chunk in docker.containers.logs(id, ...)`.

import DockerEngineAPI
import Foundation
import XCTest

final class StreamTests: EngineTestCase {
    func testLogsAreAnAsyncSequenceOfDemuxedChunks() async throws {
        let docker = try testDocker()
        let id = try await startBusybox(docker, "logs", ["sh", "-c", "echo one; echo two >&2; echo three"])
        _ = try await docker.containers.wait(id: id)
        var out = "", err = ""
        for try await chunk in docker.containers.logs(id, stdout: true, stderr: true) {
            switch chunk.stream {
            case "stdout": out += chunk.text
            case "stderr": err += chunk.text
            default: XCTFail("unexpected stream \(chunk.stream ?? "none")")
            }
        }
        XCTAssertEqual(out, "one\nthree\n")
        XCTAssertEqual(err, "two\n")
    }

    func testFollowedLogsCanBeLeftEarly() async throws {
        let docker = try testDocker()
        let id = try await startBusybox(docker, "ticks", ["sh", "-c", "while true; do echo tick; sleep 0.1; done"])
        var ticks = 0
        let started = Date()
        for try await chunk in docker.containers.logs(id, follow: true, stdout: true) {
            ticks += chunk.text.components(separatedBy: "tick").count - 1
            if ticks >= 3 { break }
        }
        XCTAssertGreaterThanOrEqual(ticks, 3)
        // The container never ends: only leaving the loop ended the stream.
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }

    func testJsonLinesStreamGivesObjects() async throws {
        let docker = try testDocker()
        let id = try await startBusybox(docker, "stats", ["sleep", "30"])
        var objects: [[String: Any]] = []
        for try await chunk in docker.containers.stats(id, stream: false) {
            let json = try XCTUnwrap(chunk.json)
            objects.append(try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]))
        }
        XCTAssertEqual(objects.count, 1)
        XCTAssertNotNil(objects.first?["memory_stats"])
    }

    func testGeneratedStreamObjectIsAnAsyncSequenceToo() async throws {
        let docker = try testDocker()
        let id = try await startBusybox(docker, "export", ["true"])
        _ = try await docker.containers.wait(id: id)
        var bytes = 0
        for try await chunk in try await docker.containers.export(id: id) {
            bytes += chunk.data?.count ?? 0
        }
        // A tar of the busybox filesystem: the static binary alone is over 1 MB.
        XCTAssertGreaterThan(bytes, 1_000_000)
    }
}
