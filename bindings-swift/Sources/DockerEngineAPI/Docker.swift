// The entry point of the Swift API:
//
//     let docker = try Docker.fromEnv()
//     let containers = try await docker.containers.list(all: true)
//
// `Docker` holds the generated `DockerClient` (one connection pool, shared by every group)
// and gives its groups as properties (Groups.swift, generated). Every call is `async throws`,
// throws `DockerError`, and ends its request in the core when its Task is cancelled
// (`CancellationError`).

public final class Docker: Sendable {
    /// The generated client, for what the layer does not wrap (`call`, `helper`, `attach`).
    public let client: DockerClient

    /// `host`: `unix:///var/run/docker.sock` (the default), `tcp://host:port`,
    /// `http(s)://host:port`, `ssh://user@host`. `version`: `auto` (the default: negotiated
    /// once) or a pinned version such as `1.45`.
    public init(host: String? = nil, version: String? = nil, timeoutMs: UInt64? = nil, tls: TlsConfig? = nil) throws {
        client = try DockerClient(host: host, options: ClientOptions(version: version, timeoutMs: timeoutMs, tls: tls))
    }

    public init(client: DockerClient) {
        self.client = client
    }

    /// As the Docker CLI: `DOCKER_HOST`, `DOCKER_API_VERSION`, `DOCKER_CERT_PATH`,
    /// `DOCKER_TLS_VERIFY`.
    public static func fromEnv() throws -> Docker {
        Docker(client: try DockerClient.fromEnv())
    }

    /// The API version in use (negotiated on first use when the policy is `auto`).
    public func apiVersion() async throws -> String {
        try await client.apiVersion()
    }
}
