// Which engines the cases talk to: the project's own (tests/engines/engines.env), or the
// user's DOCKER_HOST when it is not the project's. The rules of tests/runner-rust/src/engines.rs.
package dockerengineapi.runner

import java.io.File

class Registry(val address: String, val user: String, val password: String)
class Tls(val host: String, val certs: String)

class Engines(
    val main: String,
    val old: String?,
    val whyNoOld: String,
    val registry: Registry?,
    val whyNoRegistry: String,
    val tls: Tls?,
    val whyNoTls: String,
)

private fun readEnvFile(path: String): Map<String, String>? {
    val f = File(path)
    if (!f.isFile) return null
    val vars = mutableMapOf<String, String>()
    for (raw in f.readLines()) {
        val line = raw.trim()
        if (line.isEmpty() || line.startsWith("#")) continue
        val i = line.indexOf('=')
        if (i > 0) vars[line.substring(0, i).trim()] = line.substring(i + 1).trim()
    }
    return vars
}

fun discover(envFile: String): Engines {
    val chosen = listOf("DEA_TEST_SELECTED", "DOCKER_HOST").mapNotNull { System.getenv(it)?.ifEmpty { null } }.firstOrNull()
    val project = readEnvFile(envFile)
    val projectHost = project?.get("DEA_TEST_HOST")
    if (chosen != null && chosen != projectHost) {
        fun why(what: String) =
            "needs the project's $what; running against your engine at $chosen (unset DOCKER_HOST to use the project's engines)"
        return Engines(chosen, null, why("API 1.41 engine"), null, why("registry"), null, why("TLS listener"))
    }
    if (project != null) {
        val host = project["DEA_TEST_HOST"] ?: throw IllegalStateException("$envFile has no DEA_TEST_HOST")
        fun v(k: String) = project[k]?.ifEmpty { null }
        val registry = v("DEA_TEST_REGISTRY")?.let { a ->
            v("DEA_TEST_REGISTRY_USER")?.let { u -> v("DEA_TEST_REGISTRY_PASSWORD")?.let { p -> Registry(a, u, p) } }
        }
        val tls = v("DEA_TEST_TLS_HOST")?.let { h -> v("DEA_TEST_TLS_CERTS")?.let { c -> Tls(h, c) } }
        return Engines(
            host, v("DEA_TEST_HOST_OLD"), "$envFile has no DEA_TEST_HOST_OLD",
            registry, "$envFile has no DEA_TEST_REGISTRY with user and password",
            tls, "$envFile has no DEA_TEST_TLS_HOST",
        )
    }
    throw IllegalStateException("no test engine: $envFile is missing and DOCKER_HOST is not set (run `make engines`)")
}
