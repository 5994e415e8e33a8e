// `${...}` expansion in case strings (tests/cases/README.md): a string that is exactly one
// variable takes the variable's JSON value (`|int` makes it an integer); otherwise text.
package dockerengineapi.runner

import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonObject
import com.google.gson.JsonPrimitive

class CaseError(message: String) : Exception(message)

private val PATTERN = Regex("""\$\{([A-Za-z_][A-Za-z0-9_]*)([+-][0-9]+)?(\|int)?\}""")
private val WHOLE = Regex("^" + PATTERN.pattern + "$")

fun unixNow(): Long = System.currentTimeMillis() / 1000

class Vars(val values: MutableMap<String, JsonElement>) {
    private fun lookup(name: String, offset: String?): JsonElement {
        if (name == "now") return JsonPrimitive((unixNow() + (offset?.toLong() ?: 0)).toString())
        return values[name] ?: throw CaseError("unknown variable \${$name}")
    }

    private fun text(v: JsonElement): String =
        if (v.isJsonPrimitive && v.asJsonPrimitive.isString) v.asString else v.toString()

    fun expandString(s: String): JsonElement {
        WHOLE.matchEntire(s)?.let { m ->
            val v = lookup(m.groupValues[1], m.groupValues[2].ifEmpty { null })
            if (m.groupValues[3].isEmpty()) return v
            val t = text(v)
            if (!Regex("^-?[0-9]+$").matches(t)) throw CaseError("\${${m.groupValues[1]}} is not an integer: $t")
            return JsonPrimitive(t.toLong())
        }
        return JsonPrimitive(
            PATTERN.replace(s) { m -> text(lookup(m.groupValues[1], m.groupValues[2].ifEmpty { null })) },
        )
    }

    /** Expands every string inside `value` (keys too); an unknown variable throws. */
    fun expand(value: JsonElement?): JsonElement? = when {
        value == null -> null
        value.isJsonPrimitive && value.asJsonPrimitive.isString -> expandString(value.asString)
        value.isJsonArray -> JsonArray().also { out -> value.asJsonArray.forEach { out.add(expand(it)) } }
        value.isJsonObject -> JsonObject().also { out ->
            for ((k, v) in value.asJsonObject.entrySet()) {
                val key = expandString(k)
                out.add(if (key.isJsonPrimitive && key.asJsonPrimitive.isString) key.asString else k, expand(v))
            }
        }
        else -> value
    }
}
