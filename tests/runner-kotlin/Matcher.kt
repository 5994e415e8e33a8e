// The matchers of tests/cases/README.md: objects match key by key (other keys allowed),
// arrays element by element, scalars by equality (numbers as numbers), and the `$` matchers.
package dockerengineapi.runner

import com.google.gson.JsonElement

private fun shown(v: JsonElement?): String = v?.toString()?.take(300) ?: "nothing"

private fun typeOf(v: JsonElement?): String = when {
    v == null || v.isJsonNull -> "null"
    v.isJsonArray -> "array"
    v.isJsonObject -> "object"
    v.asJsonPrimitive.isString -> "string"
    v.asJsonPrimitive.isNumber -> "number"
    else -> "boolean"
}

private fun length(v: JsonElement?, what: String): Int = when {
    v != null && v.isJsonArray -> v.asJsonArray.size()
    v != null && v.isJsonObject -> v.asJsonObject.size()
    v != null && v.isJsonPrimitive && v.asJsonPrimitive.isString -> v.asString.codePointCount(0, v.asString.length)
    else -> throw CaseError("$what needs an array, string or object, got ${shown(v)}")
}

private fun ok(expected: JsonElement, actual: JsonElement?): Boolean =
    try {
        matches(expected, actual)
        true
    } catch (_: CaseError) {
        false
    }

private fun scalarEqual(e: JsonElement, a: JsonElement?): Boolean {
    if (a == null) return false // a missing key matches nothing but the `$` matchers that allow it
    if (e.isJsonNull) return a.isJsonNull
    if (!a.isJsonPrimitive) return false
    val ep = e.asJsonPrimitive
    val ap = a.asJsonPrimitive
    if (ep.isNumber && ap.isNumber) return ep.asBigDecimal.compareTo(ap.asBigDecimal) == 0
    return ep == ap
}

/** Throws a CaseError saying where `actual` does not match `expected`. */
fun matches(expected: JsonElement, actual: JsonElement?, where: String = "result") {
    if (expected.isJsonObject) {
        val o = expected.asJsonObject
        val keys = o.keySet()
        if (keys.size == 1 && keys.first().startsWith("$")) {
            special(keys.first(), o.get(keys.first()), actual, where)
            return
        }
        if (actual == null || !actual.isJsonObject) throw CaseError("$where: expected an object, got ${shown(actual)}")
        val a = actual.asJsonObject
        for ((k, v) in o.entrySet()) matches(v, a.get(k), "$where.$k")
        return
    }
    if (expected.isJsonArray) {
        val e = expected.asJsonArray
        if (actual == null || !actual.isJsonArray) throw CaseError("$where: expected an array, got ${shown(actual)}")
        val a = actual.asJsonArray
        if (a.size() != e.size()) throw CaseError("$where: expected ${e.size()} elements, got ${a.size()}: ${shown(actual)}")
        for (i in 0 until e.size()) matches(e[i], a[i], "$where[$i]")
        return
    }
    if (!scalarEqual(expected, actual)) throw CaseError("$where: expected ${shown(expected)}, got ${shown(actual)}")
}

private fun special(op: String, arg: JsonElement, actual: JsonElement?, where: String) {
    if (actual == null && op !in setOf("\$absent", "\$any", "\$not", "\$all")) {
        throw CaseError("$where: expected {$op: ${shown(arg)}}, found nothing")
    }
    when (op) {
        "\$type" -> if (typeOf(actual) != arg.asString) throw CaseError("$where: expected a ${arg.asString}, got ${shown(actual)}")
        "\$contains", "\$not_contains" -> {
            val found = when {
                actual != null && actual.isJsonArray -> actual.asJsonArray.any { ok(arg, it) }
                actual != null && actual.isJsonPrimitive && actual.asJsonPrimitive.isString ->
                    arg.isJsonPrimitive && arg.asJsonPrimitive.isString && actual.asString.contains(arg.asString)
                else -> throw CaseError("$where: $op needs an array or a string, got ${shown(actual)}")
            }
            if (op == "\$contains" && !found) throw CaseError("$where: ${shown(actual)} does not contain ${shown(arg)}")
            if (op == "\$not_contains" && found) throw CaseError("$where: ${shown(actual)} contains ${shown(arg)}")
        }
        "\$len" -> length(actual, op).let { if (it != arg.asInt) throw CaseError("$where: expected length ${arg.asInt}, got $it: ${shown(actual)}") }
        "\$min_len" -> length(actual, op).let { if (it < arg.asInt) throw CaseError("$where: expected length >= ${arg.asInt}, got $it: ${shown(actual)}") }
        "\$regex" -> {
            if (actual == null || !actual.isJsonPrimitive || !actual.asJsonPrimitive.isString) throw CaseError("$where: \$regex needs a string, got ${shown(actual)}")
            if (!Regex(arg.asString).containsMatchIn(actual.asString)) throw CaseError("$where: ${shown(actual)} does not match /${arg.asString}/")
        }
        "\$absent" -> if (actual != null && !actual.isJsonNull) throw CaseError("$where: expected absent, got ${shown(actual)}")
        "\$any" -> {}
        "\$all" -> arg.asJsonArray.forEach { matches(it, actual, where) }
        "\$not" -> if (ok(arg, actual)) throw CaseError("$where: ${shown(actual)} matches ${shown(arg)}, and must not")
        else -> throw CaseError("unknown matcher $op")
    }
}
