// `${...}` expansion in case strings (tests/cases/README.md): `${NAME}`, `${now}`, `${now+N}`,
// and `|int` for a whole-string variable that becomes a JSON integer.

import Foundation

struct CaseError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func unixNow() -> Int64 { Int64(Date().timeIntervalSince1970) }

/// One `${name+offset|int}` reference, parsed from the text between `${` and `}`.
private struct Reference {
    let name: String
    let offset: Int64?
    let asInt: Bool

    init?(_ inner: Substring) {
        var rest = inner
        asInt = rest.hasSuffix("|int")
        if asInt { rest = rest.dropLast(4) }
        let nameEnd = rest.firstIndex { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_")) } ?? rest.endIndex
        let name = rest[..<nameEnd]
        guard let first = name.first, first.isLetter || first == "_" else { return nil }
        self.name = String(name)
        let tail = rest[nameEnd...]
        if tail.isEmpty {
            offset = nil
        } else {
            guard let sign = tail.first, sign == "+" || sign == "-", tail.count > 1,
                  tail.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int64(tail)
            else { return nil }
            offset = n
        }
    }
}

struct Vars {
    var values: [String: JSON] = [:]

    subscript(name: String) -> JSON? {
        get { values[name] }
        set { values[name] = newValue }
    }

    private func lookup(_ r: Reference) throws -> JSON {
        if r.name == "now" { return .string(String(unixNow() + (r.offset ?? 0))) }
        guard let v = values[r.name] else { throw CaseError("unknown variable ${\(r.name)}") }
        return v
    }

    private static func text(_ v: JSON) -> String { v.string ?? v.text }

    /// A string that is exactly one variable takes the variable's JSON value; otherwise text.
    func expand(_ s: String) throws -> JSON {
        if s.hasPrefix("${"), s.hasSuffix("}"), !s.dropFirst(2).dropLast().contains("}"),
           let r = Reference(s.dropFirst(2).dropLast()) {
            let value = try lookup(r)
            guard r.asInt else { return value }
            let t = Vars.text(value)
            guard let i = Int64(t) else { throw CaseError("${\(r.name)} is not an integer: \(t)") }
            return .int(i)
        }
        var out = ""
        var rest = Substring(s)
        while let open = rest.range(of: "${") {
            out += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "}") else {
                rest = rest[open.lowerBound...]
                break
            }
            if let r = Reference(after[..<close]), !r.asInt {
                out += Vars.text(try lookup(r))
                rest = after[after.index(after: close)...]
            } else {
                out += "${"
                rest = after
            }
        }
        out += rest
        return .string(out)
    }

    /// Expands every string inside `value` (object keys too); an unknown variable throws.
    func expand(_ value: JSON) throws -> JSON {
        switch value {
        case .string(let s): return try expand(s)
        case .array(let a): return .array(try a.map { try expand($0) })
        case .object(let o):
            var out: [String: JSON] = [:]
            for (k, v) in o {
                let key = try expand(k)
                out[key.string ?? k] = try expand(v)
            }
            return .object(out)
        default: return value
        }
    }
}
