// Which engines the cases talk to: the project's own (tests/engines/engines.env), or the
// user's DOCKER_HOST when it is not the project's. The rules of tests/runner-rust/src/engines.rs.

import Foundation

struct Registry {
    let address: String
    let user: String
    let password: String
}

struct TlsListener {
    let host: String
    let certs: String
}

struct Engines {
    let main: String
    let old: String?
    let whyNoOld: String
    let registry: Registry?
    let whyNoRegistry: String
    let tls: TlsListener?
    let whyNoTls: String
}

private func readEnvFile(_ path: String) -> [String: String]? {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    var vars: [String: String] = [:]
    for raw in text.split(separator: "\n") {
        let line = raw.trimmingCharacters(in: .whitespaces)
        if line.isEmpty || line.hasPrefix("#") { continue }
        guard let eq = line.firstIndex(of: "="), eq != line.startIndex else { continue }
        vars[line[..<eq].trimmingCharacters(in: .whitespaces)] =
            line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
    }
    return vars
}

func discoverEngines(envFile: String) throws -> Engines {
    let env = ProcessInfo.processInfo.environment
    let chosen = ["DEA_TEST_SELECTED", "DOCKER_HOST"].compactMap { env[$0] }.first { !$0.isEmpty }
    let project = readEnvFile(envFile)
    let projectHost = project?["DEA_TEST_HOST"]
    if let chosen, chosen != projectHost {
        func why(_ what: String) -> String {
            "needs the project's \(what); running against your engine at \(chosen) (unset DOCKER_HOST to use the project's engines)"
        }
        return Engines(main: chosen, old: nil, whyNoOld: why("API 1.41 engine"), registry: nil,
                       whyNoRegistry: why("registry"), tls: nil, whyNoTls: why("TLS listener"))
    }
    guard let project else {
        throw CaseError("no test engine: \(envFile) is missing and DOCKER_HOST is not set (run `make engines`)")
    }
    guard let main = projectHost, !main.isEmpty else { throw CaseError("\(envFile) has no DEA_TEST_HOST") }
    func v(_ k: String) -> String? { project[k].flatMap { $0.isEmpty ? nil : $0 } }
    var registry: Registry?
    if let a = v("DEA_TEST_REGISTRY"), let u = v("DEA_TEST_REGISTRY_USER"), let p = v("DEA_TEST_REGISTRY_PASSWORD") {
        registry = Registry(address: a, user: u, password: p)
    }
    var tls: TlsListener?
    if let h = v("DEA_TEST_TLS_HOST"), let c = v("DEA_TEST_TLS_CERTS") { tls = TlsListener(host: h, certs: c) }
    return Engines(main: main, old: v("DEA_TEST_HOST_OLD"), whyNoOld: "\(envFile) has no DEA_TEST_HOST_OLD",
                   registry: registry, whyNoRegistry: "\(envFile) has no DEA_TEST_REGISTRY with user and password",
                   tls: tls, whyNoTls: "\(envFile) has no DEA_TEST_TLS_HOST")
}
