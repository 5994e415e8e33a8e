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
