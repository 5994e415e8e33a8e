'use strict';
// A tar archive of text files (the `{"tar": {...}}` payload of a case): ustar headers, mode
// 0644, mtime 0, as the Rust runner makes them.

function octal(n, width) {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

function header(path, size) {
  const h = Buffer.alloc(512);
  if (Buffer.byteLength(path) > 100) throw new Error(`tar path too long for this runner: ${path}`);
  h.write(path, 0);
  h.write(octal(0o644, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  h.write(octal(size, 12), 124);
  h.write(octal(0, 12), 136);
  h.write('        ', 148); // checksum counted as spaces
  h.write('0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

/** `{path: text}` as the bytes of a tar archive. */
function tarOf(files) {
  const parts = [];
  for (const [path, text] of Object.entries(files)) {
    if (typeof text !== 'string') throw new Error('tar file contents must be strings');
    const data = Buffer.from(text);
    parts.push(header(path, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

module.exports = { tarOf };
