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

function field(h, start, len) {
  const s = h.toString('latin1', start, start + len);
  const end = s.indexOf('\0');
  return end < 0 ? s : s.slice(0, end);
}

/**
 * Every entry of the tar `raw` under `folder/` (the `nest` of a tar payload): headers copied
 * with the new name, type, mode, size and link targets kept. USTAR names only (a container
 * export's are); a long-name entry is refused rather than mangled.
 */
function nestTar(folder, raw) {
  const parts = [];
  let at = 0;
  while (at + 512 <= raw.length) {
    const h = Buffer.from(raw.subarray(at, at + 512));
    if (h.every((b) => b === 0)) break;
    const type = String.fromCharCode(h[156]);
    if (['L', 'K', 'x', 'g'].includes(type)) throw new Error(`tar entry type ${type} is not supported by this runner's nest`);
    const size = parseInt(field(h, 124, 12).trim() || '0', 8);
    const prefix = field(h, 257, 6).startsWith('ustar') ? field(h, 345, 155) : '';
    const name = `${folder}/${prefix ? `${prefix}/` : ''}${field(h, 0, 100)}`;
    if (Buffer.byteLength(name) > 100) throw new Error(`tar path too long for this runner: ${name}`);
    h.fill(0, 0, 100);
    h.write(name, 0, 'latin1');
    h.fill(0, 345, 500);
    if (type === '1') {
      // A hard link names another entry of the archive: it moves with it.
      const target = `${folder}/${field(h, 157, 100)}`;
      h.fill(0, 157, 257);
      h.write(target, 157, 'latin1');
    }
    h.write('        ', 148);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    const padded = Math.ceil(size / 512) * 512;
    parts.push(h, raw.subarray(at + 512, at + 512 + padded));
    at += 512 + padded;
  }
  return parts;
}

/** `{path: text}` plus nested raw tars (`{folder: bytes}`) as the bytes of one tar archive. */
function tarWith(files, nested) {
  const own = tarOf(files);
  const inner = Object.entries(nested).flatMap(([folder, raw]) => nestTar(folder, raw));
  return Buffer.concat([own.subarray(0, own.length - 1024), ...inner, Buffer.alloc(1024)]);
}

module.exports = { tarOf, tarWith };
