// A tar archive of text files (the `{"tar": {...}}` payload of a case): ustar headers,
// mode 0644, mtime 0, as the other runners make them.

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

/// `{path: text}` as the bytes of a tar archive (paths in sorted order).
func tarOf(_ files: [String: JSON]) throws -> Data {
    var out = [UInt8]()
    for path in files.keys.sorted() {
        guard let text = files[path]?.string else { throw CaseError("tar file contents must be strings") }
        let data = Array(text.utf8)
        out += try header(path, size: data.count)
        out += data
        out += [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }
    out += [UInt8](repeating: 0, count: 1024)
    return Data(out)
}
