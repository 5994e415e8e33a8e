// The helper steps of the cases through `DockerClient.helper` (the core's helpers by name).
// Files are `{path: text}` maps the runner writes to (or reads back from) a scratch folder.

import DockerEngineAPI
import Foundation

private func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("dea-swift-runner-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

private func writeFiles(_ root: URL, _ files: JSON?) throws {
    guard let files else { return }
    guard let map = files.object else { throw CaseError("`files` must map paths to text") }
    for (rel, text) in map {
        guard let text = text.string else { throw CaseError("`files` must map paths to text") }
        let url = root.appendingPathComponent(rel)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

/// Every regular file under `root` (symlinks not followed), by relative path, as lossy text.
private func readFiles(_ root: URL) throws -> JSON {
    var out: [String: JSON] = [:]
    let fm = FileManager.default
    func walk(_ dir: URL, _ prefix: String) throws {
        for name in try fm.contentsOfDirectory(atPath: dir.path) {
            let url = dir.appendingPathComponent(name)
            let rel = prefix.isEmpty ? name : "\(prefix)/\(name)"
            let type = try fm.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType
            if type == .typeDirectory {
                try walk(url, rel)
            } else if type == .typeRegular {
                out[rel] = .string(String(decoding: try Data(contentsOf: url), as: UTF8.self))
            }
        }
    }
    try walk(root, "")
    return .object(["files": .object(out)])
}

/// Runs a helper; a CaseError is a broken case, a DockerError the helper's own error.
func callHelper(_ docker: DockerClient, _ helper: String, _ args: JSON) async throws -> JSON {
    guard var a = args.object else { throw CaseError("the args of \(helper) must be an object") }
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    switch helper {
    case "images.build_dir":
        try writeFiles(dir, a.removeValue(forKey: "files"))
        a["path"] = .string(dir.path)
    case "containers.copy_to":
        let source = dir.appendingPathComponent(a["source"]?.string ?? "")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try writeFiles(source, a.removeValue(forKey: "files"))
        a["source"] = .string(source.path)
    case "containers.copy_from":
        a["dest"] = .string(dir.path)
        _ = try await docker.helper(name: helper, argsJson: JSON.object(a).text)
        return try readFiles(dir)
    default:
        break
    }
    return try JSON.parse(try await docker.helper(name: helper, argsJson: JSON.object(a).text))
}
