'use strict';
// A raw request body from JavaScript: bytes, text, a file (read as it is sent), or a Node
// `Readable` / any async iterable of chunks (pushed into the request as it reads them).

const native = require('./native');
const { makeError } = require('./errors');

function asBuffer(chunk) {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk);
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError(`a payload stream gave a ${typeof chunk}, not bytes`);
}

/** Feeds `source` into `sink`; a failure of either side ends the other. */
async function pump(sink, source) {
  try {
    for await (const chunk of source) await sink.push(asBuffer(chunk));
    sink.end();
  } catch (e) {
    sink.fail(`the payload stream failed: ${e && e.message ? e.message : e}`);
    if (typeof source.destroy === 'function') source.destroy();
  }
}

/**
 * The native call's body arguments: `{ body, sink, start }`; `body` is bytes or a file path,
 * `sink` a PayloadSink, and `start()` begins feeding it once the call is made.
 */
function payloadArgs(input) {
  const none = { body: undefined, sink: undefined, start() {} };
  if (input == null) return none;
  if (Buffer.isBuffer(input)) return { ...none, body: input };
  if (input instanceof Uint8Array || typeof input === 'string') return { ...none, body: asBuffer(input) };
  if (typeof input === 'object' && typeof input[Symbol.asyncIterator] === 'function') {
    const sink = new native.PayloadSink();
    return { body: undefined, sink, start: () => pump(sink, input) };
  }
  if (typeof input === 'object' && typeof input.file === 'string') return { ...none, body: input.file };
  throw makeError({
    kind: 'InvalidArgument',
    message: 'a payload is a Buffer, a Uint8Array, a string, { file: path } or a Readable (any async iterable of bytes)',
  });
}

module.exports = { payloadArgs };
