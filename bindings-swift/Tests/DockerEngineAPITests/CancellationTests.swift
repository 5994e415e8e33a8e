// Cancelling a Task ends the request in the core. uniffi's Swift does not do this by itself;
// the generated Swift is patched (bindings-swift/swift/cancel-patch.py) and these tests hold it to
// that: the call answers CancellationError at once, and the engine sees the connection go.

import DockerEngineAPI
import Foundation
import XCTest

final class CancellationTests: EngineTestCase {
    func testCancellingABlockedWaitEndsItPromptly() async throws {
        let docker = try testDocker()
        let id = try await startBusybox(docker, "wait", ["sleep", "300"])
        let waiting = Task { try await docker.containers.wait(id: id) }
        try await Task.sleep(nanoseconds: 300_000_000)
        let cancelled = Date()
        waiting.cancel()
        do {
            _ = try await waiting.value
            XCTFail("the wait answered although the container still runs")
        } catch is CancellationError {
            XCTAssertLessThan(Date().timeIntervalSince(cancelled), 2)
        }
        // Only the request ended: the container runs on.
        let state = try await docker.containers.inspect(id: id).state
        XCTAssertEqual(state?.running, true)
    }

    func testCancellingAStreamLoopClosesTheEnginesEventsListener() async throws {
        let docker = try testDocker()
        func listeners() async throws -> Int64 { try await docker.system.info().nEventsListener ?? -1 }
        let before = try await listeners()
        let reading = Task {
            for try await _ in try await docker.system.events() {}
        }
        // The engine counts our events request among its listeners while it is open...
        let opened = try await eventually(5) { try await listeners() > before }
        XCTAssertTrue(opened, "the events request never reached the engine")
        let during = try await listeners()
        reading.cancel()
        do {
            try await reading.value
            XCTFail("the events loop ended without an error")
        } catch is CancellationError {}
        // ...and no longer once the Task is cancelled: the core dropped the connection.
        let closed = try await eventually(5) { try await listeners() < during }
        XCTAssertTrue(closed, "the engine still has the events listener of a cancelled Task")
    }

    func testCancelBeforeTheCallStartsNeverSendsIt() async throws {
        let docker = try testDocker()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await docker.system.ping()
        }
        do {
            _ = try await task.value
            XCTFail("a call of a cancelled Task answered")
        } catch is CancellationError {}
    }
}
