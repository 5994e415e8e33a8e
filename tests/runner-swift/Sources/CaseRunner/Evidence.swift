// Per-operation evidence for tests/coverage.py (tests/cases/README.md, "Operation evidence"):
// was an operation called against the engine, was its answer decoded, was it asserted.

import DockerEngineAPI

actor Evidence {
    private var ops: [String: (called: Bool, decoded: Bool, asserted: Bool)] = [:]

    /// One call of `op`; `asserted` when a step's `expect` checked it and passed.
    func record(_ op: String, _ outcome: Outcome, asserted: Bool) {
        var called = true, decoded = true
        if case .failure(let e) = outcome {
            let daemon = e.status != nil
            called = daemon || e.kind == "Stream"
            decoded = daemon && e.kind != "Decode"
        }
        let have = ops[op] ?? (false, false, false)
        ops[op] = (have.called || called, have.decoded || decoded, have.asserted || asserted)
    }

    var json: JSON {
        .object(ops.mapValues { .object(["called": .bool($0.called), "decoded": .bool($0.decoded), "asserted": .bool($0.asserted)]) })
    }
}
