// Runs one case: the client it asks for, its steps in order (the first failing one fails the
// case), then its cleanup whatever happened.

import DockerEngineAPI
import Foundation

enum Status: String, Sendable {
    case pass, fail, skip
}

struct Result: Sendable {
    var status: Status
    var detail = ""
}

/// `X-Registry-Auth` for the registry's user: base64url of the JSON AuthConfig.
private func registryVars(_ r: Registry) -> [String: JSON] {
    let json = JSON.object(["username": .string(r.user), "password": .string(r.password),
                            "serveraddress": .string(r.address)]).text
    let auth = Data(json.utf8).base64EncodedString()
        .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    return ["registry": .string(r.address), "registry_user": .string(r.user),
            "registry_password": .string(r.password), "registry_auth": .string(auth)]
}

/// The case's `tls` (the core's `TlsPaths` keys) as the API's option record.
private func tlsConfig(_ tls: JSON) throws -> TlsConfig {
    let o = try tls.object.orThrow(CaseError("tls must be an object"))
    if let bad = o.keys.sorted().first(where: { !["cert_path", "ca", "cert", "key", "verify"].contains($0) }) {
        throw CaseError("bad tls settings: unknown field `\(bad)`")
    }
    var verify: Bool?
    if let v = o["verify"] {
        guard case .bool(let b) = v else { throw CaseError("bad tls settings: `verify` must be a boolean") }
        verify = b
    }
    return TlsConfig(certPath: o["cert_path"]?.string, ca: o["ca"]?.string, cert: o["cert"]?.string,
                     key: o["key"]?.string, verify: verify)
}

extension Optional {
    func orThrow(_ e: @autoclosure () -> Error) throws -> Wrapped {
        guard let v = self else { throw e() }
        return v
    }
}

private enum Client {
    case ready(DockerClient)
    case skip(String)
    case fail(String)
}

private func clientFor(_ c: Case, _ engines: Engines, _ vars: Vars) -> Client {
    var host: String
    var tls: TlsConfig?
    do {
        if let h = c.host {
            guard let text = try vars.expand(h).string else { return .fail("host must be text, not \(h.short)") }
            host = text
        } else {
            switch c.engine {
            case "main": host = engines.main
            case "old":
                guard let old = engines.old else { return .skip(engines.whyNoOld) }
                host = old
            default: return .fail("unknown engine \(c.engine)")
            }
        }
        tls = try c.tls.map { try tlsConfig(try vars.expand($0)) }
    } catch {
        return .fail("\(error)")
    }
    do {
        // No stored credentials: the client sends only what a case names.
        let options = ClientOptions(version: c.version ?? "1.45", timeoutMs: nil, tls: tls)
        return .ready(try DockerClient(host: host, options: options))
    } catch let e as DockerError {
        return .fail("cannot make the client: \(e)")
    } catch {
        return .fail("cannot make the client: \(error)")
    }
}

/// Checks the answer of a step against its `expect` and keeps what it saves.
private func verify(_ step: Step, _ outcome: Outcome, _ vars: inout Vars, _ raws: inout [String: Data]) throws {
    let expect = step.expect
    guard let kind = expect.error else {
        switch outcome {
        case .failure(let e):
            throw CaseError("unexpected error: \(e)")
        case .answer(let answer):
            if let m = expect.result { try matches(try vars.expand(m), answer.value) }
            if let name = step.saveRaw {
                guard let raw = answer.raw else { throw CaseError("save_raw needs a byte-stream result") }
                raws[name] = raw
            }
            for (name, p) in step.save {
                guard let pointer = try vars.expand(p).string else { throw CaseError("save pointers are strings") }
                guard let found = answer.value.pointer(pointer) else {
                    throw CaseError("nothing at \(pointer) to save as \(name)")
                }
                vars[name] = found
            }
        }
        return
    }
    guard case .failure(let e) = outcome else {
        if case .answer(let a) = outcome { throw CaseError("expected a \(kind) error, got a result: \(a.value.short)") }
        return
    }
    if e.kind != kind { throw CaseError("expected a \(kind) error, got \(e.kind): \(e)") }
    if let status = expect.status, e.status != status {
        throw CaseError("expected HTTP \(status), got \(e.status.map(String.init) ?? "none"): \(e)")
    }
    if expect.clientSide, e.status != nil {
        throw CaseError("expected a client-side error, got one from the daemon: \(e)")
    }
    if let m = expect.message {
        do {
            try matches(try vars.expand(m), .string(e.message))
        } catch let why as Mismatch {
            throw CaseError("error message: \(why)")
        }
    }
    if let code = expect.exitCode, e.exitCode != code {
        throw CaseError("expected exit code \(code), got \(e.exitCode.map(String.init) ?? "none"): \(e)")
    }
    if let cause = expect.connectCause, e.connectCause != cause {
        throw CaseError("expected connect cause \(cause), got \(e.connectCause ?? "none"): \(e)")
    }
}

func runCase(_ c: Case, _ engines: Engines, runId: String, evidence: Evidence) async -> Result {
    var vars = Vars()
    vars["run"] = .string(runId)
    vars["case_start"] = .string(String(unixNow()))
    for need in c.needs {
        switch need {
        case "registry":
            guard let r = engines.registry else { return Result(status: .skip, detail: engines.whyNoRegistry) }
            for (k, v) in registryVars(r) { vars[k] = v }
        case "tls":
            guard let t = engines.tls else { return Result(status: .skip, detail: engines.whyNoTls) }
            vars["tls_host"] = .string(t.host)
            vars["tls_host_by_name"] = .string(t.host.replacingOccurrences(of: "127.0.0.1", with: "localhost"))
            vars["tls_certs"] = .string(t.certs)
        case "socket":
            guard engines.main.hasPrefix("unix://") else {
                return Result(status: .skip, detail: "the main engine is not a unix socket")
            }
            vars["main_socket"] = .string(String(engines.main.dropFirst("unix://".count)))
        default:
            return Result(status: .fail, detail: "unknown need \(need)")
        }
    }
    let docker: DockerClient
    switch clientFor(c, engines, vars) {
    case .ready(let d): docker = d
    case .skip(let why): return Result(status: .skip, detail: why)
    case .fail(let why): return Result(status: .fail, detail: why)
    }
    var raws: [String: Data] = [:]
    var result = Result(status: .pass)
    for (i, step) in c.steps.enumerated() {
        let attempts = step.retry?.attempts ?? 1
        for attempt in 1...attempts {
            do {
                if attempt > 1 { try await Task.sleep(nanoseconds: (step.retry?.delayMs ?? 0) * 1_000_000) }
                let outcome = try await call(docker, step, vars, raws)
                let checks = step.expect.result != nil || step.expect.error != nil
                do {
                    try verify(step, outcome, &vars, &raws)
                } catch {
                    if let op = step.op { await evidence.record(op, outcome, asserted: false) }
                    throw error
                }
                if let op = step.op { await evidence.record(op, outcome, asserted: checks) }
                result = Result(status: .pass)
                break
            } catch {
                // The last attempt's failure is the step's.
                result = Result(status: .fail, detail: "step \(i + 1) (\(step.label)): \(error)")
            }
        }
        if result.status == .fail { break }
    }
    for step in c.cleanup {
        // Cleanup errors are expected (the object may never have been made).
        if let outcome = try? await call(docker, step, vars, raws), let op = step.op {
            await evidence.record(op, outcome, asserted: false)
        }
    }
    return result
}
