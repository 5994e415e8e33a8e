// Runs every shared case of tests/cases through the Swift API (bindings-swift), prints one
// line per case and writes tests/results/swift.json for tests/matrix.py.
//
// Usage: CaseRunner [--cases DIR] [--results FILE] [--env FILE] [--only SUBSTRING]

import Foundation

let parallel = 4
let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

struct Arguments {
    var cases = root.appendingPathComponent("tests/cases").path
    var results = root.appendingPathComponent("tests/results/swift.json").path
    var env = ProcessInfo.processInfo.environment["DEA_ENGINES_ENV"]
        ?? root.appendingPathComponent("tests/engines/engines.env").path
    var only: String?

    init(_ argv: [String]) throws {
        var i = 0
        while i < argv.count {
            guard i + 1 < argv.count else { throw CaseError("\(argv[i]) needs a value") }
            let value = argv[i + 1]
            switch argv[i] {
            case "--cases": cases = value
            case "--results": results = value
            case "--env": env = value
            case "--only": only = value
            default: throw CaseError("unknown argument \(argv[i])")
            }
            i += 2
        }
    }
}

struct Finished: Sendable {
    var index: Int
    var result: Result
    var ms: Int
}

func runAll() async throws -> Int32 {
    let args = try Arguments(Array(CommandLine.arguments.dropFirst()))
    let engines = try discoverEngines(envFile: args.env)
    var cases = try loadCases(URL(fileURLWithPath: args.cases))
    if let only = args.only { cases = cases.filter { $0.name.contains(only) } }
    let runId = "dea-sw-\(ProcessInfo.processInfo.processIdentifier)"
    let all = cases
    let evidence = Evidence()
    var finished = [Finished?](repeating: nil, count: all.count)
    @Sendable func run(_ i: Int) async -> Finished {
        let started = Date()
        var result = await runCase(all[i], engines, runId: runId, evidence: evidence)
        if result.status == .fail { result.detail += " [case: \(all[i].doc)]" }
        return Finished(index: i, result: result, ms: Int(Date().timeIntervalSince(started) * 1000))
    }
    // Exclusive cases (swarm mode, prunes, plugins) change the engine for everyone: they run
    // after the others, one by one, with nothing else of this runner in flight.
    let shared = all.indices.filter { !all[$0].exclusive }
    await withTaskGroup(of: Finished.self) { group in
        var next = 0
        func start() {
            guard next < shared.count else { return }
            let i = shared[next]
            next += 1
            group.addTask { await run(i) }
        }
        for _ in 0..<parallel { start() }
        for await f in group {
            finished[f.index] = f
            start()
        }
    }
    for i in all.indices where all[i].exclusive {
        finished[i] = await run(i)
    }
    var counts: [Status: Int] = [.pass: 0, .fail: 0, .skip: 0]
    var results: [String: JSON] = [:]
    for (i, c) in all.enumerated() {
        let f = finished[i]!
        counts[f.result.status, default: 0] += 1
        let tag = f.result.status.rawValue.uppercased().padding(toLength: 4, withPad: " ", startingAt: 0)
        print("\(tag) \(c.name) (\(f.ms) ms)\(f.result.detail.isEmpty ? "" : ": \(f.result.detail)")")
        results[c.name] = .object(["status": .string(f.result.status.rawValue),
                                   "detail": .string(f.result.detail), "ms": .int(Int64(f.ms))])
    }
    let out = URL(fileURLWithPath: args.results)
    try FileManager.default.createDirectory(at: out.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data((JSON.object(["language": .string("swift"), "results": .object(results), "ops": await evidence.json]).text + "\n").utf8).write(to: out)
    print("swift: \(counts[.pass]!) passed, \(counts[.fail]!) failed, \(counts[.skip]!) skipped")
    return counts[.fail]! > 0 ? 1 : 0
}

do {
    exit(try await runAll())
} catch {
    FileHandle.standardError.write(Data("case-runner (swift): \(error)\n".utf8))
    exit(2)
}
