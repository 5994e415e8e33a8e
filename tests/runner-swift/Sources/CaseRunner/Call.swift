// One call of a step through the Swift API: operations by id (`DockerClient.call`), hijacked
// attach/exec with a stdin payload (`DockerClient.attach`), helpers by name, and the client's
// own questions; the answer as the case format's neutral JSON value.

import DockerEngineAPI
import Foundation

/// A step never waits longer than this; a hang fails the case instead of the run.
let stepTimeoutSeconds: UInt64 = 120

/// A call's neutral value, and the exact bytes when it was a byte stream.
struct Answer: Sendable {
    var value: JSON
    var raw: Data?
}

/// The result of a call: an answer, or the client's error (a broken case throws CaseError).
enum Outcome: Sendable {
    case answer(Answer)
    case failure(DockerError)
}

/// Chunks of container output, adjacent chunks of one stream merged, as lossy UTF-8 text.
func mergeChunks(_ chunks: [(String, Data)]) -> JSON {
    var merged: [(String, Data)] = []
    for (stream, data) in chunks {
        if let last = merged.last, last.0 == stream {
            merged[merged.count - 1].1.append(data)
        } else {
            merged.append((stream, data))
        }
    }
    return .array(merged.map { .object(["stream": .string($0.0), "data": .string(String(decoding: $0.1, as: UTF8.self))]) })
}

/// Reads a stream to its end as the neutral value of its kind.
func collect(_ stream: DockerStream, kind: OutputKind) async throws -> Answer {
    var bytes = Data()
    var chunks: [(String, Data)] = []
    var lines: [JSON] = []
    while let chunk = try await stream.next() {
        switch kind {
        case .bytes: bytes.append(chunk.data ?? Data())
        case .chunks: chunks.append((chunk.stream ?? "stdout", chunk.data ?? Data()))
        default:
            guard let text = chunk.json else { throw CaseError("a JSON-lines chunk without JSON") }
            lines.append(try JSON.parse(text))
        }
    }
    switch kind {
    case .bytes: return Answer(value: .string(String(decoding: bytes, as: UTF8.self)), raw: bytes)
    case .chunks: return Answer(value: mergeChunks(chunks))
    default: return Answer(value: .array(lines))
    }
}

func neutral(_ output: CallOutput) async throws -> Answer {
    switch output.kind {
    case .empty:
        return Answer(value: .null)
    case .json:
        return Answer(value: try JSON.parse(output.text ?? "null"))
    case .text:
        return Answer(value: .string(output.text ?? ""))
    case .bytes, .chunks, .lines:
        guard let stream = output.stream else { throw CaseError("a stream answer without a stream") }
        return try await collect(stream, kind: output.kind)
    }
}

/// The raw request body of a step.
func payloadOf(_ spec: JSON?, raws: [String: Data]) throws -> Data? {
    guard let spec else { return nil }
    guard var o = spec.object else { throw CaseError("payload must be an object") }
    let nest = o.removeValue(forKey: "nest")
    guard o.count == 1, let (kind, content) = o.first, nest == nil || kind == "tar" else {
        throw CaseError(#"payload must be {"tar": {...}[, "nest": {...}]}, {"text": "..."} or {"raw": NAME}"#)
    }
    switch kind {
    case "raw":
        guard let name = content.string, let bytes = raws[name] else {
            throw CaseError("no raw result saved as \(content.short)")
        }
        return bytes
    case "text":
        guard let text = content.string else { throw CaseError("text payload must be a string") }
        return Data(text.utf8)
    case "tar":
        guard let files = content.object else { throw CaseError("tar payload must map paths to contents") }
        var nests: [(String, Data)] = []
        if let nest {
            guard let map = nest.object else { throw CaseError("nest maps folders to raw names") }
            for folder in map.keys.sorted() {
                guard let name = map[folder]?.string else { throw CaseError("nest maps folders to raw names") }
                guard let bytes = raws[name] else { throw CaseError("no raw result saved as \(name)") }
                nests.append((folder, bytes))
            }
        }
        return try tarOf(files, nests: nests)
    default:
        throw CaseError("unknown payload kind \(kind)")
    }
}

/// Attach or exec start with stdin: hijacked, the payload written, stdin half-closed, the
/// output read to its end.
func attached(_ docker: DockerClient, _ op: String, _ args: JSON, stdin: Data) async throws -> Answer {
    let stream = try await docker.attach(operation: op, argsJson: args.text)
    defer { stream.cancel() }
    try await stream.write(data: stdin)
    try await stream.closeStdin()
    return try await collect(stream, kind: .chunks)
}

/// The call of a step, bounded by the step timeout.
func call(_ docker: DockerClient, _ step: Step, _ vars: Vars, _ raws: [String: Data]) async throws -> Outcome {
    let args = try step.args.map { try vars.expand($0) } ?? .object([:])
    let payload = try payloadOf(step.payload.map { try vars.expand($0) }, raws: raws)
    let work: @Sendable () async throws -> Answer = {
        if let question = step.client {
            guard question == "api_version" else { throw CaseError("unknown client question \(question)") }
            return Answer(value: .string(try await docker.apiVersion()))
        }
        if let helper = step.helper {
            return Answer(value: try await callHelper(docker, helper, args))
        }
        let op = step.op ?? ""
        if let payload, op == "ContainerAttach" || op == "ExecStart" {
            return try await attached(docker, op, args, stdin: payload)
        }
        let body = payload.map { RequestBody.bytes(data: $0) }
        return try await neutral(try await docker.call(operation: op, argsJson: args.text, payload: body))
    }
    do {
        return .answer(try await withTimeout(seconds: stepTimeoutSeconds, work))
    } catch let e as DockerError {
        return .failure(e)
    }
}

struct TimedOut: Error {}

/// Runs `work`, cancelling it (which cancels the core's request) after `seconds`.
func withTimeout<T: Sendable>(seconds: UInt64, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await Task.sleep(nanoseconds: seconds * 1_000_000_000)
            throw CaseError("no answer within \(seconds) s")
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
