// The matchers of the case format (tests/cases/README.md): subset objects, exact arrays,
// `$`-operators. The same rules as tests/runner-rust/src/matcher.rs.

import Foundation

struct Mismatch: Error, CustomStringConvertible {
    let description: String
}

private func length(_ v: JSON) -> Int? {
    switch v {
    case .array(let a): return a.count
    case .string(let s): return s.unicodeScalars.count
    case .object(let o): return o.count
    default: return nil
    }
}

private func ok(_ body: () throws -> Void) -> Bool {
    (try? body()) != nil
}

/// Throws a Mismatch saying where and why `actual` does not match `expected`.
func matches(_ expected: JSON, _ actual: JSON) throws {
    try check(expected, actual)
}

/// `actual` nil: the key is missing.
private func check(_ expected: JSON, _ actual: JSON?, at: String = "$") throws {
    func fail(_ why: String) -> Mismatch { Mismatch(description: "at \(at): \(why)") }
    if case .object(let o) = expected, o.count == 1, let (op, arg) = o.first, op.hasPrefix("$") {
        return try special(op, arg, actual, at: at)
    }
    guard let actual else { throw fail("expected \(expected.short), found nothing") }
    switch (expected, actual) {
    case (.object(let e), .object(let a)):
        for k in e.keys.sorted() {
            try check(e[k]!, a[k], at: "\(at).\(k)")
        }
    case (.array(let e), .array(let a)):
        guard e.count == a.count else {
            throw fail("expected \(e.count) elements, found \(a.count): \(actual.short)")
        }
        for (i, ev) in e.enumerated() {
            try check(ev, a[i], at: "\(at)[\(i)]")
        }
    default:
        if let en = expected.number, let an = actual.number, en == an { return }
        if expected == actual { return }
        throw fail("expected \(expected.short), found \(actual.short)")
    }
}

private func special(_ op: String, _ arg: JSON, _ actual: JSON?, at: String) throws {
    func fail(_ why: String) -> Mismatch { Mismatch(description: "at \(at): \(why)") }
    switch op {
    case "$absent":
        if let actual, !actual.isNull { throw fail("expected nothing, found \(actual.short)") }
        return
    case "$any":
        return
    case "$not":
        if ok({ try check(arg, actual, at: at) }) { throw fail("\(actual?.short ?? "nothing") matches \(arg.short)") }
        return
    case "$all":
        guard let ms = arg.array else { throw fail("$all needs an array of matchers") }
        for m in ms { try check(m, actual, at: at) }
        return
    default:
        break
    }
    guard let actual else { throw fail("expected {\(op): \(arg.short)}, found nothing") }
    switch op {
    case "$type":
        guard arg.string == actual.typeName else { throw fail("expected a \(arg.short), found \(actual.short)") }
    case "$contains", "$not_contains":
        let found: Bool
        switch (actual, arg) {
        case (.string(let s), .string(let sub)): found = s.contains(sub)
        case (.array(let a), _): found = a.contains { item in ok { try check(arg, item, at: at) } }
        default: throw fail("\(op) needs a string or an array, found \(actual.short)")
        }
        if op == "$contains" && !found { throw fail("\(actual.short) does not contain \(arg.short)") }
        if op == "$not_contains" && found { throw fail("\(actual.short) contains \(arg.short)") }
    case "$len", "$min_len":
        let want = arg.number.map { Int($0) } ?? 0
        let n = length(actual)
        let good = n.map { op == "$len" ? $0 == want : $0 >= want } ?? false
        if !good { throw fail("expected \(op) \(want), found \(actual.short)") }
    case "$regex":
        let pattern = arg.string ?? arg.text
        guard let re = try? NSRegularExpression(pattern: pattern) else { throw fail("bad regex /\(pattern)/") }
        guard let s = actual.string,
              re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
        else { throw fail("\(actual.short) does not match /\(pattern)/") }
    default:
        throw fail("unknown matcher \(op)")
    }
}
