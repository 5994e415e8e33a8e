// Runs one case through the Kotlin binding: `op` steps through the generic call by operation
// id (the same core dispatch the typed group methods use), `helper` steps through the core's
// helpers by name, `client` questions through the client; hijacked stdin for ContainerAttach
// and ExecStart with a payload. The rules of tests/cases/README.md.
package dockerengineapi.runner

import com.google.gson.GsonBuilder
import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import com.google.gson.JsonPrimitive
import dockerengineapi.*
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeout
import java.io.ByteArrayOutputStream
import java.util.Base64

/** A step never waits longer than this; a hang fails the case instead of the run. */
const val STEP_TIMEOUT_MS = 120_000L

val GSON = GsonBuilder().disableHtmlEscaping().create()!!

class Outcome(val status: String, val detail: String)

/** The neutral result of a call, and the bytes of a byte stream (for `save_raw`). */
class Answer(val value: JsonElement? = null, val raw: ByteArray? = null, val error: DockerException? = null)

private fun str(o: JsonObject, key: String): String? = o.get(key)?.takeIf { !it.isJsonNull }?.asString

private fun tlsConfig(tls: JsonElement): TlsConfig {
    if (!tls.isJsonObject) throw CaseError("tls must be an object, not $tls")
    val o = tls.asJsonObject
    for (k in o.keySet()) {
        if (k !in setOf("cert_path", "ca", "cert", "key", "verify")) throw CaseError("TLS settings: unknown field `$k`")
    }
    return TlsConfig(
        certPath = str(o, "cert_path"), ca = str(o, "ca"), cert = str(o, "cert"), key = str(o, "key"),
        verify = o.get("verify")?.takeIf { !it.isJsonNull }?.asBoolean,
    )
}

private fun registryVars(r: Registry): Map<String, JsonElement> {
    val auth = JsonObject().apply {
        addProperty("username", r.user)
        addProperty("password", r.password)
        addProperty("serveraddress", r.address)
    }
    val encoded = Base64.getUrlEncoder().encodeToString(GSON.toJson(auth).toByteArray())
    return mapOf(
        "registry" to JsonPrimitive(r.address), "registry_user" to JsonPrimitive(r.user),
        "registry_password" to JsonPrimitive(r.password), "registry_auth" to JsonPrimitive(encoded),
    )
}

private fun tlsVars(t: Tls): Map<String, JsonElement> = mapOf(
    "tls_host" to JsonPrimitive(t.host),
    "tls_host_by_name" to JsonPrimitive(t.host.replace("127.0.0.1", "localhost")),
    "tls_certs" to JsonPrimitive(t.certs),
)

private fun textFiles(v: JsonElement): Map<String, String> {
    if (!v.isJsonObject) throw CaseError("a tar payload is an object of path -> text")
    return v.asJsonObject.entrySet().associate { (p, t) ->
        if (!t.isJsonPrimitive || !t.asJsonPrimitive.isString) throw CaseError("tar file contents must be strings")
        p to t.asString
    }
}

private fun payloadOf(spec: JsonElement?, raws: Map<String, ByteArray>): ByteArray? {
    if (spec == null || spec.isJsonNull) return null
    val o = if (spec.isJsonObject) spec.asJsonObject else null
    val keys = o?.keySet()?.filter { it != "nest" }.orEmpty()
    val nest = o?.get("nest")
    if (o == null || keys.size != 1 || (nest != null && keys[0] != "tar")) {
        throw CaseError("payload must be {\"tar\": {...}[, \"nest\": {...}]}, {\"text\": \"...\"} or {\"raw\": NAME}")
    }
    fun raw(name: String) = raws[name] ?: throw CaseError("no raw result saved as \"$name\"")
    val v = o.get(keys[0])
    return when (keys[0]) {
        "raw" -> raw(v.asString)
        "text" -> (if (v.isJsonPrimitive) v.asString else v.toString()).toByteArray()
        "tar" -> if (nest == null) {
            tarOf(textFiles(v))
        } else {
            if (!nest.isJsonObject) throw CaseError("nest maps folders to raw names")
            tarWith(textFiles(v), nest.asJsonObject.entrySet().associate { (folder, name) -> folder to raw(name.asString) })
        }
        else -> throw CaseError("unknown payload kind ${keys[0]}")
    }
}

/** Container output: adjacent chunks of one stream merged, data as (lossy) UTF-8 text. */
fun mergeChunks(chunks: List<Chunk>): JsonArray {
    val merged = mutableListOf<Pair<String, ByteArrayOutputStream>>()
    for (c in chunks) {
        val stream = c.stream ?: "stdout"
        val last = merged.lastOrNull()
        val buf = if (last != null && last.first == stream) last.second else ByteArrayOutputStream().also { merged.add(stream to it) }
        c.data?.let { buf.write(it) }
    }
    return JsonArray().also { out ->
        for ((stream, buf) in merged) {
            out.add(JsonObject().apply {
                addProperty("stream", stream)
                addProperty("data", buf.toByteArray().toString(Charsets.UTF_8))
            })
        }
    }
}

private suspend fun readAll(stream: DockerStream): List<Chunk> {
    val chunks = mutableListOf<Chunk>()
    try {
        while (true) chunks.add(stream.next() ?: break)
    } finally {
        stream.cancel()
        stream.destroy()
    }
    return chunks
}

private suspend fun neutral(out: CallOutput): Answer = when (out.kind) {
    OutputKind.EMPTY -> Answer(JsonNull.INSTANCE)
    OutputKind.JSON -> Answer(JsonParser.parseString(out.text ?: "null"))
    OutputKind.TEXT -> Answer(JsonPrimitive(out.text ?: ""))
    OutputKind.BYTES -> {
        val buf = ByteArrayOutputStream()
        readAll(out.stream!!).forEach { c -> c.data?.let { buf.write(it) } }
        val raw = buf.toByteArray()
        Answer(JsonPrimitive(raw.toString(Charsets.UTF_8)), raw)
    }
    OutputKind.CHUNKS -> Answer(mergeChunks(readAll(out.stream!!)))
    OutputKind.LINES -> Answer(JsonArray().also { a -> readAll(out.stream!!).forEach { c -> a.add(JsonParser.parseString(c.json ?: "null")) } })
}

/** The call of a step: its answer, or its DockerException; a CaseError is a broken case. */
suspend fun call(docker: Docker, step: JsonObject, vars: Vars, raws: Map<String, ByteArray>): Answer {
    val args = vars.expand(step.get("args"))
    val payload = payloadOf(vars.expand(step.get("payload")), raws)
    val argsJson = if (args == null || args.isJsonNull) "{}" else args.toString()
    try {
        return withTimeout(STEP_TIMEOUT_MS) {
            step.get("client")?.let { q ->
                if (q.asString != "api_version") throw CaseError("unknown client question \"${q.asString}\"")
                return@withTimeout Answer(JsonPrimitive(docker.apiVersion()))
            }
            step.get("helper")?.let { return@withTimeout Answer(callHelper(docker, it.asString, args)) }
            val op = step.get("op").asString
            if (payload != null && (op == "ContainerAttach" || op == "ExecStart")) {
                // Hijacked: the payload is the program's stdin, written then half-closed.
                val stream = docker.attach(op, argsJson)
                try {
                    stream.write(payload)
                    stream.closeStdin()
                } catch (e: Throwable) {
                    stream.cancel()
                    stream.destroy()
                    throw e
                }
                return@withTimeout Answer(mergeChunks(readAll(stream)))
            }
            neutral(docker.call(op, argsJson, payload?.let { RequestBody.Bytes(it) }))
        }
    } catch (e: TimeoutCancellationException) {
        throw CaseError("no answer within $STEP_TIMEOUT_MS ms")
    } catch (e: DockerException) {
        return Answer(error = e)
    }
}

private fun shown(v: JsonElement?): String = (v?.toString() ?: "null").take(300)

private fun pointer(value: JsonElement?, p: String): JsonElement? {
    if (p == "") return value
    var v = value
    for (raw in p.split("/").drop(1)) {
        val key = raw.replace("~1", "/").replace("~0", "~")
        v = when {
            v == null -> return null
            v.isJsonObject -> v.asJsonObject.get(key) ?: return null
            v.isJsonArray -> key.toIntOrNull()?.let { i -> v!!.asJsonArray.takeIf { i in 0 until it.size() }?.get(i) } ?: return null
            else -> return null
        }
    }
    return v
}

private fun expectText(v: JsonElement?): String = v?.takeIf { it.isJsonPrimitive }?.asString ?: shown(v)

/** A step, made again while it fails when it has `retry` (`attempts`, `delay_ms`). */
suspend fun runWithRetry(docker: Docker, step: JsonObject, vars: Vars, raws: MutableMap<String, ByteArray>, evidence: Evidence) {
    val retry = step.getAsJsonObject("retry")
    val attempts = maxOf(1, retry?.get("attempts")?.asInt ?: 1)
    val delayMs = retry?.get("delay_ms")?.asLong ?: 0
    for (attempt in 1..attempts) {
        try {
            runStep(docker, step, vars, raws, evidence)
            return
        } catch (why: Exception) {
            if (why is kotlinx.coroutines.CancellationException || attempt >= attempts) throw why
            delay(delayMs)
        }
    }
}

suspend fun runStep(docker: Docker, step: JsonObject, vars: Vars, raws: MutableMap<String, ByteArray>, evidence: Evidence) {
    val answer = call(docker, step, vars, raws)
    val expect = step.getAsJsonObject("expect") ?: JsonObject()
    val op = step.get("op")?.asString
    try {
        check(step, expect, vars, raws, answer)
    } catch (why: CaseError) {
        op?.let { evidence.record(it, answer.error, false) }
        throw why
    }
    op?.let { evidence.record(it, answer.error, expect.has("result") || expect.has("error")) }
}

/** Compares a call's answer with the step's `expect`, then saves what the step saves. */
private fun check(step: JsonObject, expect: JsonObject, vars: Vars, raws: MutableMap<String, ByteArray>, answer: Answer) {
    val e = answer.error
    if (!expect.has("error")) {
        if (e != null) throw CaseError("unexpected error: ${e.describe()}")
        if (expect.has("result")) matches(vars.expand(expect.get("result"))!!, answer.value)
        step.get("save_raw")?.let { name ->
            val raw = answer.raw ?: throw CaseError("save_raw needs a byte-stream result")
            raws[name.asString] = raw
        }
        step.getAsJsonObject("save")?.entrySet()?.forEach { (name, p) ->
            val where = expectText(vars.expand(p))
            val found = pointer(answer.value, where) ?: throw CaseError("nothing at $where to save as $name")
            vars.values[name] = found
        }
        return
    }
    val kind = expect.get("error").asString
    if (e == null) throw CaseError("expected a $kind error, got a result: ${shown(answer.value)}")
    val info = e.info
    if (info.kind != kind) throw CaseError("expected a $kind error, got ${e.describe()}")
    expect.get("status")?.let { s ->
        if (info.status != s.asInt) throw CaseError("expected HTTP ${s.asInt}, got ${info.status}: ${e.describe()}")
    }
    if (expect.get("client_side")?.asBoolean == true && info.status != null) {
        throw CaseError("expected a client-side error, got one from the daemon: ${e.describe()}")
    }
    expect.get("message")?.let { m ->
        try {
            matches(vars.expand(m)!!, JsonPrimitive(info.reason), "message")
        } catch (why: CaseError) {
            throw CaseError("error message: ${why.message}")
        }
    }
    expect.get("exit_code")?.let { c ->
        if (info.exitCode != c.asLong) throw CaseError("expected exit code ${c.asLong}, got ${info.exitCode}: ${e.describe()}")
    }
    expect.get("connect_cause")?.let { c ->
        if (info.connectCause != c.asString) throw CaseError("expected connect cause ${c.asString}, got ${info.connectCause}: ${e.describe()}")
    }
}

private fun label(step: JsonObject): String =
    step.get("op")?.asString ?: step.get("helper")?.asString ?: "client.${step.get("client")?.asString}"

private fun clientFor(c: JsonObject, engines: Engines, vars: Vars): Pair<Docker?, Outcome?> {
    val host: String
    val tls: TlsConfig?
    try {
        val expandedHost = c.get("host")?.let { vars.expand(it) }
        if (expandedHost != null && !(expandedHost.isJsonPrimitive && expandedHost.asJsonPrimitive.isString)) {
            return null to Outcome("fail", "host must be text, not $expandedHost")
        }
        tls = c.get("tls")?.let { tlsConfig(vars.expand(it)!!) }
        host = expandedHost?.asString?.ifEmpty { null } ?: when (val engine = c.get("engine")?.asString ?: "main") {
            "main" -> engines.main
            "old" -> engines.old ?: return null to Outcome("skip", engines.whyNoOld)
            else -> return null to Outcome("fail", "unknown engine \"$engine\"")
        }
    } catch (e: CaseError) {
        return null to Outcome("fail", e.message ?: "")
    }
    return try {
        Docker.connect(host, version = c.get("version")?.asString ?: "1.45", tls = tls) to null
    } catch (e: DockerException) {
        null to Outcome("fail", "cannot make the client: ${e.describe()}")
    }
}

suspend fun runCase(c: JsonObject, engines: Engines, runId: String, evidence: Evidence): Outcome {
    val vars = Vars(mutableMapOf("run" to JsonPrimitive(runId), "case_start" to JsonPrimitive(unixNow().toString())))
    for (need in c.getAsJsonArray("needs") ?: JsonArray()) {
        when (need.asString) {
            "registry" -> vars.values.putAll(registryVars(engines.registry ?: return Outcome("skip", engines.whyNoRegistry)))
            "tls" -> vars.values.putAll(tlsVars(engines.tls ?: return Outcome("skip", engines.whyNoTls)))
            "socket" -> {
                if (!engines.main.startsWith("unix://")) return Outcome("skip", "the main engine is not a unix socket")
                vars.values["main_socket"] = JsonPrimitive(engines.main.removePrefix("unix://"))
            }
            else -> return Outcome("fail", "unknown need \"${need.asString}\"")
        }
    }
    val (docker, refused) = clientFor(c, engines, vars)
    if (docker == null) return refused!!
    val raws = mutableMapOf<String, ByteArray>()
    var outcome = Outcome("pass", "")
    try {
        for ((i, s) in c.getAsJsonArray("steps").withIndex()) {
            val step = s.asJsonObject
            try {
                runWithRetry(docker, step, vars, raws, evidence)
            } catch (why: CaseError) {
                outcome = Outcome("fail", "step ${i + 1} (${label(step)}): ${why.message}")
                break
            } catch (why: Exception) {
                outcome = Outcome("fail", "step ${i + 1} (${label(step)}): ${why.javaClass.simpleName}: ${why.message}")
                break
            }
        }
        for (s in c.getAsJsonArray("cleanup") ?: JsonArray()) {
            try {
                val answer = call(docker, s.asJsonObject, vars, raws)
                s.asJsonObject.get("op")?.let { evidence.record(it.asString, answer.error, false) }
            } catch (_: Exception) {
                // Cleanup errors are expected (the object may never have been made).
            }
        }
    } finally {
        docker.close()
    }
    return outcome
}
