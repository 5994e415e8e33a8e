// The case files of tests/cases (tests/cases/README.md), read as JSON and checked as strictly
// as the Rust runner does (an unknown field is a broken case, not an ignored one).

import Foundation

struct Expect {
    var result: JSON?  // .null when the case says `"result": null`
    var error: String?
    var status: Int?
    var message: JSON?
    var connectCause: String?
    var clientSide = false
    var exitCode: Int?
}

/// `retry`: make a failing step again, `attempts` times in all, `delayMs` apart.
struct Retry {
    var attempts = 1
    var delayMs: UInt64 = 0
}

struct Step {
    var op: String?
    var client: String?
    var helper: String?
    var args: JSON?
    var payload: JSON?
    var expect = Expect()
    var save: [(String, JSON)] = []
    var saveRaw: String?
    var retry: Retry?

    var label: String { op ?? helper ?? "client.\(client ?? "")" }
}

struct Case {
    var name: String
    var doc = ""
    var engine = "main"
    var version: String?
    var host: JSON?
    var needs: [String] = []
    var tls: JSON?
    var steps: [Step] = []
    var cleanup: [Step] = []
    /// Changes the engine's global state: runs with no other case of this runner in flight.
    var exclusive = false
}

private func fields(_ v: JSON, _ allowed: Set<String>, _ what: String) throws -> [String: JSON] {
    guard let o = v.object else { throw CaseError("\(what) must be an object") }
    if let bad = o.keys.sorted().first(where: { !allowed.contains($0) }) {
        throw CaseError("\(what): unknown field `\(bad)`")
    }
    return o
}

private func text(_ o: [String: JSON], _ key: String, _ what: String) throws -> String? {
    guard let v = o[key] else { return nil }
    guard let s = v.string else { throw CaseError("\(what): `\(key)` must be text") }
    return s
}

private func int(_ o: [String: JSON], _ key: String, _ what: String) throws -> Int? {
    guard let v = o[key] else { return nil }
    guard case .int(let i) = v else { throw CaseError("\(what): `\(key)` must be an integer") }
    return Int(i)
}

private func parseExpect(_ v: JSON, _ what: String) throws -> Expect {
    let o = try fields(v, ["result", "error", "status", "message", "connect_cause", "client_side", "exit_code"], what)
    var e = Expect()
    e.result = o["result"]
    e.error = try text(o, "error", what)
    e.status = try int(o, "status", what)
    e.message = o["message"]
    e.connectCause = try text(o, "connect_cause", what)
    if let cs = o["client_side"] {
        guard case .bool(let b) = cs else { throw CaseError("\(what): `client_side` must be a boolean") }
        e.clientSide = b
    }
    e.exitCode = try int(o, "exit_code", what)
    return e
}

private func parseStep(_ v: JSON, _ what: String) throws -> Step {
    let o = try fields(v, ["op", "client", "helper", "args", "payload", "expect", "save", "save_raw", "retry"], what)
    var s = Step()
    s.op = try text(o, "op", what)
    s.client = try text(o, "client", what)
    s.helper = try text(o, "helper", what)
    if [s.op, s.client, s.helper].compactMap({ $0 }).count != 1 {
        throw CaseError("\(what): every step needs exactly one of `op`, `helper` and `client`")
    }
    s.args = o["args"]
    s.payload = o["payload"]
    if let e = o["expect"] { s.expect = try parseExpect(e, what) }
    if let save = o["save"] {
        guard let m = save.object else { throw CaseError("\(what): `save` must be an object") }
        s.save = m.keys.sorted().map { ($0, m[$0]!) }
    }
    s.saveRaw = try text(o, "save_raw", what)
    if let r = o["retry"] {
        let ro = try fields(r, ["attempts", "delay_ms"], "\(what) retry")
        guard let attempts = try int(ro, "attempts", "\(what) retry") else {
            throw CaseError("\(what): `retry` needs `attempts`")
        }
        s.retry = Retry(attempts: max(1, attempts), delayMs: UInt64(max(0, try int(ro, "delay_ms", "\(what) retry") ?? 0)))
    }
    return s
}

private func parseCase(_ v: JSON) throws -> Case {
    let o = try fields(v, ["name", "doc", "engine", "version", "host", "needs", "tls", "steps", "cleanup", "exclusive"], "a case")
    guard let name = o["name"]?.string else { throw CaseError("a case without a name") }
    var c = Case(name: name)
    c.doc = try text(o, "doc", name) ?? ""
    c.engine = try text(o, "engine", name) ?? "main"
    c.version = try text(o, "version", name)
    c.host = o["host"]
    c.tls = o["tls"]
    if let x = o["exclusive"] {
        guard case .bool(let b) = x else { throw CaseError("\(name): `exclusive` must be a boolean") }
        c.exclusive = b
    }
    if let needs = o["needs"] {
        guard let list = needs.array?.compactMap(\.string), list.count == needs.array?.count else {
            throw CaseError("\(name): `needs` must be a list of text")
        }
        c.needs = list
    }
    guard let steps = o["steps"]?.array else { throw CaseError("\(name): no `steps`") }
    c.steps = try steps.enumerated().map { try parseStep($1, "\(name) step \($0 + 1)") }
    c.cleanup = try (o["cleanup"]?.array ?? []).enumerated().map { try parseStep($1, "\(name) cleanup \($0 + 1)") }
    return c
}

/// Every case of every `*.json` file in `dir`, files in name order; names must be unique.
func loadCases(_ dir: URL) throws -> [Case] {
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        .filter { $0.hasSuffix(".json") }
        .sorted()
    var cases: [Case] = []
    var names = Set<String>()
    for f in files {
        let json = try JSON.parse(Data(contentsOf: dir.appendingPathComponent(f)))
        guard let list = json["cases"]?.array else { throw CaseError("\(f): no `cases` list") }
        for c in try list.map(parseCase) {
            guard names.insert(c.name).inserted else { throw CaseError("duplicate case name \(c.name)") }
            cases.append(c)
        }
    }
    return cases
}
