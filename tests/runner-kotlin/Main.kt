// Runs every shared case of tests/cases through the Kotlin binding, prints one line per case
// and writes tests/results/kotlin.json for tests/matrix.py.
//
// Usage: bindings-swift/kotlin/build.sh cases [--cases DIR] [--results FILE] [--env FILE] [--only SUBSTRING]
package dockerengineapi.runner

import com.google.gson.JsonObject
import com.google.gson.JsonParser
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import java.io.File
import kotlin.system.exitProcess

const val PARALLEL = 4

fun loadCases(dir: File): List<JsonObject> {
    val cases = mutableListOf<JsonObject>()
    for (f in dir.listFiles { f -> f.name.endsWith(".json") }.orEmpty().sortedBy { it.name }) {
        JsonParser.parseString(f.readText()).asJsonObject.getAsJsonArray("cases").forEach { cases.add(it.asJsonObject) }
    }
    val names = mutableSetOf<String>()
    for (c in cases) {
        val name = c.get("name").asString
        if (!names.add(name)) throw IllegalStateException("duplicate case name $name")
        val steps = c.getAsJsonArray("steps").toList() + (c.getAsJsonArray("cleanup")?.toList() ?: emptyList())
        for (s in steps) {
            if (listOf("op", "client", "helper").count { s.asJsonObject.has(it) } != 1) {
                throw IllegalStateException("$name: every step needs exactly one of `op`, `helper` and `client`")
            }
        }
    }
    return cases
}

class Result(val status: String, val detail: String, val ms: Long)

fun main(argv: Array<String>) {
    val root = File(System.getenv("DEA_REPO") ?: ".").absoluteFile
    val opts = mutableMapOf(
        "cases" to File(root, "tests/cases").path,
        "results" to File(root, "tests/results/kotlin.json").path,
        "env" to (System.getenv("DEA_ENGINES_ENV") ?: File(root, "tests/engines/engines.env").path),
        "only" to "",
    )
    var i = 0
    while (i < argv.size) {
        val key = argv[i].removePrefix("--")
        if (!argv[i].startsWith("--") || key !in opts || i + 1 >= argv.size) {
            System.err.println("case-runner (kotlin): bad argument ${argv[i]}")
            exitProcess(2)
        }
        opts[key] = argv[i + 1]
        i += 2
    }
    val code = try {
        run(opts)
    } catch (e: Exception) {
        System.err.println("case-runner (kotlin): ${e.message}")
        2
    }
    exitProcess(code)
}

fun run(opts: Map<String, String>): Int {
    val engines = discover(opts.getValue("env"))
    val cases = loadCases(File(opts.getValue("cases"))).filter { it.get("name").asString.contains(opts.getValue("only")) }
    val runId = "dea-kt-${ProcessHandle.current().pid()}"
    val outcomes = arrayOfNulls<Result>(cases.size)
    val evidence = Evidence()
    // Cases marked `exclusive` run alone, after the others (they must not overlap any case).
    val (alone, shared) = cases.indices.partition { cases[it].get("exclusive")?.asBoolean == true }
    suspend fun one(index: Int) {
        val c = cases[index]
        val started = System.nanoTime()
        var o = try {
            runCase(c, engines, runId, evidence)
        } catch (e: Exception) {
            Outcome("fail", "the runner failed: ${e.javaClass.simpleName}: ${e.message}")
        }
        if (o.status == "fail") o = Outcome("fail", "${o.detail} [case: ${c.get("doc")?.asString ?: ""}]")
        outcomes[index] = Result(o.status, o.detail, (System.nanoTime() - started) / 1_000_000)
    }
    runBlocking(Dispatchers.Default) {
        val lock = Mutex()
        var next = 0
        val workers = (1..PARALLEL).map {
            launch {
                while (true) {
                    val index = lock.withLock { if (next < shared.size) shared[next++] else null } ?: break
                    one(index)
                }
            }
        }
        workers.forEach { it.join() }
        for (index in alone) one(index)
    }
    val counts = mutableMapOf("pass" to 0, "fail" to 0, "skip" to 0)
    val results = JsonObject()
    cases.forEachIndexed { index, c ->
        val r = outcomes[index]!!
        counts[r.status] = counts.getValue(r.status) + 1
        val name = c.get("name").asString
        println("${r.status.uppercase().padEnd(4)} $name (${r.ms} ms)${if (r.detail.isNotEmpty()) ": ${r.detail}" else ""}")
        results.add(name, JsonObject().apply {
            addProperty("status", r.status)
            addProperty("detail", r.detail)
            addProperty("ms", r.ms)
        })
    }
    val out = File(opts.getValue("results"))
    out.parentFile.mkdirs()
    out.writeText(GSON.newBuilder().setPrettyPrinting().create().toJson(JsonObject().apply {
        addProperty("language", "kotlin")
        add("results", results)
        add("ops", evidence.toJson())
    }) + "\n")
    println("kotlin: ${counts["pass"]} passed, ${counts["fail"]} failed, ${counts["skip"]} skipped")
    return if (counts.getValue("fail") > 0) 1 else 0
}
