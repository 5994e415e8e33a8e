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

final class StreamErrorTests: EngineTestCase {
    /// A build context: `tar` of a folder holding only this Dockerfile.
    private func context(_ dockerfile: String) throws -> Data {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(dockerfile.utf8).write(to: dir.appendingPathComponent("Dockerfile"))
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.arguments = ["-c", "-C", dir.path, "Dockerfile"]
        let pipe = Pipe()
        tar.standardOutput = pipe
        try tar.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        tar.waitUntilExit()
        XCTAssertEqual(tar.terminationStatus, 0)
        return data
    }

    func testAFailingBuildThrowsAStreamErrorFromTheLoop() async throws {
        let docker = try testDocker()
        let body = RequestBody.bytes(data: try context("FROM busybox:latest\nRUN echo building; exit 7\n"))
        var progress: [String] = []
        do {
            for try await chunk in try await docker.images.build(payload: body, t: "\(prefix)-failing:1", rm: true, forcerm: true) {
                progress.append(chunk.text)
            }
            XCTFail("a failing build ended without an error")
        } catch let e as DockerError {
            // The engine answered 200, then reported the failure inside the stream.
            XCTAssertEqual(e.kind, "Stream", "\(e)")
            XCTAssertTrue(e.message.contains("non-zero code: 7"), e.message)
        }
        XCTAssertTrue(progress.contains { $0.contains("building") }, "\(progress)")
    }
}
