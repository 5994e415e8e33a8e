// Per-operation evidence for tests/coverage.py: was an operation called against the engine,
// was its answer decoded, was it asserted (tests/cases/README.md, "Operation evidence").
package dockerengineapi.runner

import com.google.gson.JsonObject
import dockerengineapi.DockerException
import dockerengineapi.info

class Evidence {
    private val ops = sortedMapOf<String, BooleanArray>()

    /** One call of `op`: `error` null when it succeeded (decoded, stream read to its end). */
    @Synchronized
    fun record(op: String, error: DockerException?, asserted: Boolean) {
        var called = true
        var decoded = true
        if (error != null) {
            val info = error.info
            val daemon = info.status != null
            called = daemon || info.kind == "Stream"
            decoded = daemon && info.kind != "Decode"
        }
        val have = ops.getOrPut(op) { BooleanArray(3) }
        have[0] = have[0] || called
        have[1] = have[1] || decoded
        have[2] = have[2] || asserted
    }

    @Synchronized
    fun toJson(): JsonObject = JsonObject().also { out ->
        for ((op, v) in ops) {
            out.add(op, JsonObject().apply {
                addProperty("called", v[0])
                addProperty("decoded", v[1])
                addProperty("asserted", v[2])
            })
        }
    }
}
