// A tar archive of text files (the `{"tar": {...}}` payload of a case): ustar headers, mode
// 0644, mtime 0, as the Rust runner makes them.
package dockerengineapi.runner

import java.io.ByteArrayOutputStream

private fun octal(n: Long, width: Int): ByteArray =
    (n.toString(8).padStart(width - 1, '0') + "\u0000").toByteArray(Charsets.US_ASCII)

private fun header(path: String, size: Int): ByteArray {
    val h = ByteArray(512)
    val name = path.toByteArray(Charsets.UTF_8)
    if (name.size > 100) throw CaseError("tar path too long for this runner: $path")
    fun put(at: Int, bytes: ByteArray) = bytes.copyInto(h, at)
    put(0, name)
    put(100, octal(0b110100100, 8))
    put(108, octal(0, 8))
    put(116, octal(0, 8))
    put(124, octal(size.toLong(), 12))
    put(136, octal(0, 12))
    put(148, "        ".toByteArray())
    h[156] = '0'.code.toByte()
    put(257, "ustar\u0000".toByteArray())
    put(263, "00".toByteArray())
    val sum = h.sumOf { it.toInt() and 0xff }
    put(148, (sum.toString(8).padStart(6, '0') + "\u0000 ").toByteArray())
    return h
}

/** `{path: text}` as the bytes of a tar archive. */
fun tarOf(files: Map<String, String>): ByteArray {
    val out = ByteArrayOutputStream()
    for ((path, text) in files) {
        val data = text.toByteArray(Charsets.UTF_8)
        out.write(header(path, data.size))
        out.write(data)
        out.write(ByteArray((512 - data.size % 512) % 512))
    }
    out.write(ByteArray(1024))
    return out.toByteArray()
}

private fun field(h: ByteArray, start: Int, len: Int): String {
    val s = String(h, start, len, Charsets.ISO_8859_1)
    val end = s.indexOf('\u0000')
    return if (end < 0) s else s.substring(0, end)
}

/**
 * Every entry of the tar `raw` under `folder/` (the `nest` of a tar payload): headers copied
 * with the new name, type, mode, size and link targets kept. USTAR names only (a container
 * export's are); a long-name entry is refused rather than mangled.
 */
private fun nestTar(folder: String, raw: ByteArray, out: ByteArrayOutputStream) {
    var at = 0
    while (at + 512 <= raw.size) {
        val h = raw.copyOfRange(at, at + 512)
        if (h.all { it == 0.toByte() }) break
        val type = h[156].toInt().toChar()
        if (type in "LKxg") throw CaseError("tar entry type $type is not supported by this runner's nest")
        val size = field(h, 124, 12).trim().ifEmpty { "0" }.toLong(8).toInt()
        val prefix = if (field(h, 257, 6).startsWith("ustar")) field(h, 345, 155) else ""
        val name = "$folder/${if (prefix.isNotEmpty()) "$prefix/" else ""}${field(h, 0, 100)}"
        if (name.toByteArray(Charsets.ISO_8859_1).size > 100) throw CaseError("tar path too long for this runner: $name")
        h.fill(0, 0, 100)
        name.toByteArray(Charsets.ISO_8859_1).copyInto(h, 0)
        h.fill(0, 345, 500)
        if (type == '1') {
            // A hard link names another entry of the archive: it moves with it.
            val target = "$folder/${field(h, 157, 100)}"
            h.fill(0, 157, 257)
            target.toByteArray(Charsets.ISO_8859_1).copyInto(h, 157)
        }
        "        ".toByteArray().copyInto(h, 148)
        val sum = h.sumOf { it.toInt() and 0xff }
        (sum.toString(8).padStart(6, '0') + "\u0000 ").toByteArray().copyInto(h, 148)
        val padded = (size + 511) / 512 * 512
        out.write(h)
        out.write(raw, at + 512, minOf(padded, raw.size - at - 512))
        at += 512 + padded
    }
}

/** `{path: text}` plus nested raw tars (`{folder: bytes}`) as the bytes of one tar archive. */
fun tarWith(files: Map<String, String>, nested: Map<String, ByteArray>): ByteArray {
    val own = tarOf(files)
    val out = ByteArrayOutputStream()
    out.write(own, 0, own.size - 1024)
    for ((folder, raw) in nested) nestTar(folder, raw, out)
    out.write(ByteArray(1024))
    return out.toByteArray()
}
