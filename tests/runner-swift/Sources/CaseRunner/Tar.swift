// A tar archive of text files (the `{"tar": {...}}` payload of a case): ustar headers,
// mode 0644, mtime 0, as the other runners make them; `nest` puts every entry of a saved raw
// tar (a container export) under a folder, type, mode, size, links and content kept.

import Foundation

private func octal(_ n: Int, _ width: Int) -> [UInt8] {
    let digits = String(n, radix: 8)
    let padded = String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits
    return Array(padded.utf8) + [0]
}

private func header(_ path: String, size: Int) throws -> [UInt8] {
    let name = Array(path.utf8)
    guard name.count <= 100 else { throw CaseError("tar path too long for this runner: \(path)") }
    var h = [UInt8](repeating: 0, count: 512)
    func put(_ bytes: [UInt8], at offset: Int) {
        h.replaceSubrange(offset..<offset + bytes.count, with: bytes)
    }
    put(name, at: 0)
    put(octal(0o644, 8), at: 100)
    put(octal(0, 8), at: 108)
    put(octal(0, 8), at: 116)
    put(octal(size, 12), at: 124)
    put(octal(0, 12), at: 136)
    put(Array("        ".utf8), at: 148) // the checksum is summed as spaces
    put(Array("0".utf8), at: 156)
    put(Array("ustar".utf8) + [0], at: 257)
    put(Array("00".utf8), at: 263)
    let sum = h.reduce(0) { $0 + Int($1) }
    put(octal(sum, 7) + Array(" ".utf8), at: 148)
    return h
}

private func checksum(_ h: inout [UInt8]) {
    h.replaceSubrange(148..<156, with: Array("        ".utf8))
    let sum = h.reduce(0) { $0 + Int($1) }
    h.replaceSubrange(148..<156, with: octal(sum, 7) + Array(" ".utf8))
}

private func padding(_ n: Int) -> [UInt8] {
    [UInt8](repeating: 0, count: (512 - n % 512) % 512)
}

private func cString<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
}

/// A numeric header field: octal text, or base-256 when its first byte has the high bit.
private func number(_ field: ArraySlice<UInt8>) -> Int {
    if let first = field.first, first & 0x80 != 0 {
        return field.dropFirst().reduce(Int(first & 0x7f)) { $0 << 8 | Int($1) }
    }
    let text = cString(field).trimmingCharacters(in: .whitespaces)
    return Int(text, radix: 8) ?? 0
}

/// A PAX extended header (`x`) holding `records` ("LEN key=value\n", LEN counting itself).
private func paxHeader(_ records: [(String, String)]) -> [UInt8] {
    var body = [UInt8]()
    for (k, v) in records {
        let rest = " \(k)=\(v)\n".utf8.count
        var len = rest + String(rest).count
        if String(len).count > String(rest).count { len += 1 }
        body += Array("\(len) \(k)=\(v)\n".utf8)
    }
    var h = [UInt8](repeating: 0, count: 512)
    h.replaceSubrange(0..<14, with: Array("././@PaxHeader".utf8))
    h.replaceSubrange(100..<108, with: octal(0o644, 8))
    h.replaceSubrange(108..<116, with: octal(0, 8))
    h.replaceSubrange(116..<124, with: octal(0, 8))
    h.replaceSubrange(124..<136, with: octal(body.count, 12))
    h.replaceSubrange(136..<148, with: octal(0, 12))
    h[156] = UInt8(ascii: "x")
    h.replaceSubrange(257..<263, with: Array("ustar".utf8) + [0])
    h.replaceSubrange(263..<265, with: Array("00".utf8))
    checksum(&h)
    return h + body + padding(body.count)
}

private func parsePax(_ data: [UInt8]) -> [(String, String)] {
    var out: [(String, String)] = []
    var rest = data[...]
    while let space = rest.firstIndex(of: UInt8(ascii: " ")), let len = Int(cString(rest[..<space])), len > 0,
          rest.count >= len {
        let record = rest.prefix(len).dropFirst(space - rest.startIndex + 1).dropLast() // no "\n"
        if let eq = record.firstIndex(of: UInt8(ascii: "=")) {
            out.append((String(decoding: record[..<eq], as: UTF8.self),
                        String(decoding: record[record.index(after: eq)...], as: UTF8.self)))
        }
        rest = rest.dropFirst(len)
    }
    return out
}

/// Every entry of the tar `raw` under `folder/`: a PAX header gives each its new path (and
/// the new target of a hard link, which names another entry and so moves with it).
private func nested(_ folder: String, _ raw: [UInt8]) throws -> [UInt8] {
    var out = [UInt8]()
    var pos = 0
    var longName: String?, longLink: String?
    var pax: [(String, String)] = []
    while pos + 512 <= raw.count {
        let h = Array(raw[pos..<pos + 512])
        if h.allSatisfy({ $0 == 0 }) { break }
        let size = number(h[124..<136])
        let start = pos + 512
        guard start + size <= raw.count else { throw CaseError("a truncated tar to nest under \(folder)") }
        let data = Array(raw[start..<start + size])
        pos = start + size + padding(size).count
        switch h[156] {
        case UInt8(ascii: "L"): longName = cString(data); continue
        case UInt8(ascii: "K"): longLink = cString(data); continue
        case UInt8(ascii: "x"): pax = parsePax(data); continue
        case UInt8(ascii: "g"): out += h + data + padding(size); continue
        default: break
        }
        let paxValue = { (key: String) in pax.last(where: { $0.0 == key })?.1 }
        var name = cString(h[0..<100])
        let prefix = cString(h[345..<500])
        if cString(h[257..<263]) == "ustar", !prefix.isEmpty { name = "\(prefix)/\(name)" }
        name = longName ?? paxValue("path") ?? name
        let link = longLink ?? paxValue("linkpath") ?? cString(h[157..<257])
        let newName = "\(folder)/\(name)"
        let newLink = h[156] == UInt8(ascii: "1") ? "\(folder)/\(link)" : link
        var records = pax.filter { $0.0 != "path" && $0.0 != "linkpath" }
        records.append(("path", newName))
        if !link.isEmpty { records.append(("linkpath", newLink)) }
        out += paxHeader(records)
        var nh = h
        nh.replaceSubrange(0..<100, with: Array((Array(newName.utf8).prefix(100) + [UInt8](repeating: 0, count: 100)).prefix(100)))
        nh.replaceSubrange(157..<257, with: Array((Array(newLink.utf8).prefix(100) + [UInt8](repeating: 0, count: 100)).prefix(100)))
        if cString(h[257..<263]) == "ustar" { nh.replaceSubrange(345..<500, with: [UInt8](repeating: 0, count: 155)) }
        checksum(&nh)
        out += nh + data + padding(size)
        longName = nil
        longLink = nil
        pax = []
    }
    return out
}

/// `{path: text}` as the bytes of a tar archive (paths in sorted order), then the entries of
/// each raw tar of `nests` (folder -> bytes) under its folder.
func tarOf(_ files: [String: JSON], nests: [(String, Data)] = []) throws -> Data {
    var out = [UInt8]()
    for path in files.keys.sorted() {
        guard let text = files[path]?.string else { throw CaseError("tar file contents must be strings") }
        let data = Array(text.utf8)
        out += try header(path, size: data.count)
        out += data
        out += [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }
    for (folder, raw) in nests {
        out += try nested(folder, Array(raw))
    }
    out += [UInt8](repeating: 0, count: 1024)
    return Data(out)
}
