// Errors: one `DockerError` enum, a case per kind, with the status and the daemon's message.

import DockerEngineAPI
import Foundation
import XCTest

final class ErrorTests: EngineTestCase {
    func testMissingContainerIsNotFoundWithTheDaemonsMessage() async throws {
        let docker = try testDocker()
        do {
            _ = try await docker.containers.inspect(id: "\(prefix)-absent")
            XCTFail("inspect of a missing container succeeded")
        } catch let e as DockerError {
            guard case .NotFound(let status, let reason, let operation, _, _) = e else {
                return XCTFail("expected NotFound, got \(e)")
            }
            XCTAssertEqual(status, 404)
            XCTAssertTrue(reason.contains("No such container"), reason)
            XCTAssertEqual(operation, "ContainerInspect")
            XCTAssertEqual(e.kind, "NotFound")
            XCTAssertEqual(e.status, 404)
            XCTAssertEqual(e.message, reason)
        }
    }

    func testRemovingARunningContainerIsConflict() async throws {
        let docker = try testDocker()
        let id = try await startBusybox(docker, "conflict", ["sleep", "30"])
        do {
            try await docker.containers.delete(id: id)
            XCTFail("removing a running container succeeded")
        } catch let e as DockerError {
            XCTAssertEqual(e.kind, "Conflict", "\(e)")
            XCTAssertEqual(e.status, 409)
            XCTAssertTrue(e.message.contains("running"), e.message)
        }
    }

    func testMissingSocketIsAConnectErrorWithoutStatus() async throws {
        let docker = try Docker(host: "unix:///nonexistent/\(prefix).sock", version: "1.45")
        do {
            _ = try await docker.system.ping()
            XCTFail("ping through a missing socket succeeded")
        } catch let e as DockerError {
            guard case .Connect = e else { return XCTFail("expected Connect, got \(e)") }
            XCTAssertNil(e.status)
            XCTAssertEqual(e.connectCause, "SocketNotFound")
        }
    }

    func testBadHostIsInvalidArgumentAtConstruction() throws {
        XCTAssertThrowsError(try Docker(host: "gopher://nowhere")) { error in
            XCTAssertEqual((error as? DockerError)?.kind, "InvalidArgument", "\(error)")
        }
    }
}
