// The helper steps of the cases through the binding's `helper` (the core's helpers by name):
// files given as `{path: text}` maps are written to (or read back from) a scratch folder,
// whose path the core's helper takes instead (tests/cases/README.md, core helpers/by_name.rs).
package dockerengineapi.runner

import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import dockerengineapi.Docker
import java.io.File
import java.nio.file.Files

private fun writeFiles(root: File, files: JsonElement?) {
    if (files == null || files.isJsonNull) return
    if (!files.isJsonObject) throw CaseError("files must be an object of path -> text")
    for ((rel, text) in files.asJsonObject.entrySet()) {
        val f = File(root, rel)
        f.parentFile.mkdirs()
        f.writeText(if (text.isJsonPrimitive) text.asString else text.toString())
    }
}

private fun readFiles(root: File): JsonObject {
    val out = JsonObject()
    root.walkTopDown().filter { it.isFile }.sortedBy { it.path }.forEach {
        out.addProperty(it.relativeTo(root).path, it.readBytes().toString(Charsets.UTF_8))
    }
    return out
}

private fun take(args: JsonObject, allowed: List<String>, helper: String): JsonObject {
    for (k in args.keySet()) if (k !in allowed) throw CaseError("bad args for $helper: unknown field `$k`")
    return args
}

/** Runs a helper step: its neutral result; a DockerException is the helper's own error. */
suspend fun callHelper(docker: Docker, helper: String, args: JsonElement?): JsonElement {
    val a = when {
        args == null || args.isJsonNull -> JsonObject()
        args.isJsonObject -> args.asJsonObject.deepCopy()
        else -> throw CaseError("helper args must be an object")
    }
    val dir = Files.createTempDirectory("dea-kotlin-runner-").toFile()
    try {
        val result: String = when (helper) {
            "images.build_dir" -> {
                take(a, listOf("files", "dockerfile", "tag", "buildargs", "labels", "gzip"), helper)
                writeFiles(dir, a.remove("files"))
                a.addProperty("path", dir.path)
                docker.helper(helper, a.toString())
            }
            "containers.copy_to" -> {
                take(a, listOf("id", "source", "files", "dest"), helper)
                val source = a.get("source")?.asString ?: throw CaseError("containers.copy_to needs source")
                val src = File(dir, source).also { it.mkdirs() }
                writeFiles(src, a.remove("files"))
                a.addProperty("source", src.path)
                docker.helper(helper, a.toString())
            }
            "containers.copy_from" -> {
                take(a, listOf("id", "path"), helper)
                a.addProperty("dest", dir.path)
                docker.helper(helper, a.toString())
                return JsonObject().also { it.add("files", readFiles(dir)) }
            }
            "containers.run", "exec.run", "images.pull" -> docker.helper(helper, a.toString())
            else -> throw CaseError("unknown helper \"$helper\"")
        }
        return JsonParser.parseString(result) ?: JsonNull.INSTANCE
    } finally {
        dir.deleteRecursively()
    }
}
