// The hand-written Kotlin layer over the generated bindings (generated/, package
// dockerengineapi): a `Docker` client with its groups as properties, made from the
// environment or a host. Every operation is a suspend function of its group
// (`docker.containers.list(all = true)`); streams become `Flow`s (Streams.kt); errors are the
// `DockerException` subclasses of their kind (Errors.kt).
package dockerengineapi

/**
 * A Docker Engine client. Cheap to share: calls may run concurrently from any coroutine.
 * `close()` frees the native client (and the groups taken from it).
 */
class Docker(val client: DockerClient) : AutoCloseable {
    companion object {
        /** `DOCKER_HOST`, `DOCKER_API_VERSION`, `DOCKER_CERT_PATH`, `DOCKER_TLS_VERIFY`, as the Docker CLI. */
        @JvmStatic
        fun fromEnv(): Docker = Docker(DockerClient.fromEnv())

        /**
         * `host`: `unix:///var/run/docker.sock` (the default), `tcp://h:p`, `http://h:p`,
         * `https://h:p`, `ssh://user@h`. `version`: `auto` (negotiate) or `1.41`...
         * `timeoutMs`: how long a call may go without a word from the engine.
         */
        @JvmStatic
        fun connect(
            host: String? = null,
            version: String? = null,
            timeoutMs: Long? = null,
            tls: TlsConfig? = null,
        ): Docker {
            // A negative timeout would wrap to a huge unsigned one: refuse it here.
            if (timeoutMs != null && timeoutMs <= 0) {
                throw DockerException.InvalidArgument(
                    null, "timeout must be a positive number of milliseconds, not $timeoutMs", null, null, null,
                )
            }
            return Docker(DockerClient(host, ClientOptions(version, timeoutMs?.toULong(), tls)))
        }
    }

    val containers: ContainersApi by lazy { client.containers() }
    val images: ImagesApi by lazy { client.images() }
    val networks: NetworksApi by lazy { client.networks() }
    val volumes: VolumesApi by lazy { client.volumes() }
    val exec: ExecApi by lazy { client.exec() }
    val system: SystemApi by lazy { client.system() }
    val swarm: SwarmApi by lazy { client.swarm() }
    val nodes: NodesApi by lazy { client.nodes() }
    val services: ServicesApi by lazy { client.services() }
    val tasks: TasksApi by lazy { client.tasks() }
    val secrets: SecretsApi by lazy { client.secrets() }
    val configs: ConfigsApi by lazy { client.configs() }
    val plugins: PluginsApi by lazy { client.plugins() }
    val distribution: DistributionApi by lazy { client.distribution() }
    val session: SessionApi by lazy { client.session() }

    /** The API version in use (negotiated once when the policy is `auto`). */
    suspend fun apiVersion(): String = client.apiVersion()

    /** Any operation by its operationId, with JSON arguments keyed by the spec's names. */
    suspend fun call(operation: String, argsJson: String = "{}", payload: RequestBody? = null): CallOutput =
        client.call(operation, argsJson, payload)

    /** A helper of the core by name (`containers.run`, `exec.run`, `images.pull`, ...): JSON in and out. */
    suspend fun helper(name: String, argsJson: String = "{}"): String = client.helper(name, argsJson)

    /** Pulls an image (`{"image": "alpine:3"}`), calling `onProgress` with each progress message (JSON text). */
    suspend fun pull(argsJson: String, onProgress: ((String) -> Unit)? = null): String {
        val listener = onProgress?.let { f ->
            object : ProgressListener {
                override fun onProgress(messageJson: String) = f(messageJson)
            }
        }
        return client.pull(argsJson, listener)
    }

    /** `ContainerAttach` or `ExecStart` with stdin: write with `write`, end with `closeStdin`, read as a `Flow`. */
    suspend fun attach(operation: String, argsJson: String): DockerStream = client.attach(operation, argsJson)

    override fun close() {
        client.close()
    }
}
