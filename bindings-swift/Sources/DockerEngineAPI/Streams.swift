// Streams as AsyncSequence. Every stream of the core (logs, attach, events, stats, progress,
// exports) crosses the FFI as a `DockerStream` read with `next()`; here it is a sequence:
//
//     for try await chunk in docker.containers.logs(id, follow: true) { ... }
//
// Leaving the loop early (break, throw, a cancelled Task) cancels the stream, which ends the
// request and its connection in the core at once, not when the engine next writes.

import Foundation

extension DockerStream: AsyncSequence {
    public typealias Element = Chunk

    public func makeAsyncIterator() -> ChunkIterator {
        ChunkIterator(open: { self })
    }
}

/// A stream opened by its first `next()`: the sequence a streaming method returns, so the
/// request starts when the loop starts.
public struct Chunks: AsyncSequence, Sendable {
    public typealias Element = Chunk
    private let open: @Sendable () async throws -> DockerStream

    public init(_ open: @escaping @Sendable () async throws -> DockerStream) {
        self.open = open
    }

    public func makeAsyncIterator() -> ChunkIterator {
        ChunkIterator(open: open)
    }
}

public struct ChunkIterator: AsyncIteratorProtocol {
    private let state: State

    init(open: @escaping @Sendable () async throws -> DockerStream) {
        state = State(open: open)
    }

    public mutating func next() async throws -> Chunk? {
        try await state.next()
    }

    /// Holds the open stream; closes it when the iterator goes (a loop left early).
    private final class State: @unchecked Sendable {
        // Only the iterator's own (sequential) next() calls touch `stream`: an iterator is
        // not shared between tasks, which is what makes the unchecked Sendable sound.
        private let open: @Sendable () async throws -> DockerStream
        private var stream: DockerStream?
        private var done = false

        init(open: @escaping @Sendable () async throws -> DockerStream) {
            self.open = open
        }

        func next() async throws -> Chunk? {
            if done { return nil }
            do {
                if stream == nil { stream = try await open() }
                let chunk = try await stream!.next()
                if chunk == nil { finish() }
                return chunk
            } catch {
                finish()
                throw error
            }
        }

        private func finish() {
            done = true
            stream?.cancel()
            stream = nil
        }

        deinit {
            stream?.cancel()
        }
    }
}

extension Chunk {
    /// The chunk's bytes as (lossy) UTF-8 text; a JSON-lines item's JSON text.
    public var text: String {
        if let json { return json }
        return String(decoding: data ?? Data(), as: UTF8.self)
    }
}
