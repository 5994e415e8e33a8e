'use strict';
// A raw request body from JavaScript: bytes, text, or a file read as it is sent.

const { makeError } = require('./errors');

/** `[bytes | undefined, filePath | undefined]` for the native call. */
function payloadArgs(input) {
  if (input == null) return [undefined, undefined];
  if (Buffer.isBuffer(input)) return [input, undefined];
  if (input instanceof Uint8Array) return [Buffer.from(input.buffer, input.byteOffset, input.byteLength), undefined];
  if (typeof input === 'string') return [Buffer.from(input), undefined];
  if (typeof input === 'object' && typeof input.file === 'string') return [undefined, input.file];
  throw makeError({
    kind: 'InvalidArgument',
    message: 'a payload is a Buffer, a Uint8Array, a string or { file: path }',
  });
}

module.exports = { payloadArgs };
