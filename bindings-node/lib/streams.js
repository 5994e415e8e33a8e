'use strict';
// Streams as async iterators over the native stream: container output gives
// `{ stream, data: Buffer }`, JSON lines their objects, byte streams Buffers. A stream starts
// with its first read (so `for await (... of docker.containers.logs(id))` needs no `await`
// first); leaving the loop early or `close()` ends the request.

const { Readable } = require('node:stream');
const { fromNative } = require('./errors');
const { tokenFor } = require('./cancel');

function convert(kind, item) {
  if (kind === 'lines') return JSON.parse(item.json);
  if (kind === 'bytes') return item.data;
  return { stream: item.stream, data: item.data };
}

class DockerStream {
  /**
   * @param {string} kind `bytes`, `chunks` or `lines`
   * @param {(token: unknown) => Promise<any>} open resolves to the native stream
   * @param {AbortSignal | undefined} signal cancels the call and every read
   */
  constructor(kind, open, signal) {
    this.kind = kind;
    this._open = open;
    this._signal = signal;
    this._native = null;
    this._cancel = null;
    this._ended = false;
  }

  async _start() {
    if (!this._native) {
      this._native = (async () => {
        this._cancel = tokenFor(this._signal);
        return this._open(this._cancel.token);
      })();
    }
    return this._native;
  }

  /** The next item, or `null` at the end. */
  async next() {
    if (this._ended) return null;
    try {
      const n = await this._start();
      const item = await n.next(this._cancel.token);
      if (item === null) this._finish();
      return item === null ? null : convert(this.kind, item);
    } catch (e) {
      this._finish();
      throw fromNative(e);
    }
  }

  _finish() {
    this._ended = true;
    if (this._cancel) this._cancel.done();
  }

  /** Ends the stream and its connection. */
  close() {
    const wasStarted = this._native;
    this._finish();
    if (wasStarted) wasStarted.then((n) => n.close(), () => {});
  }

  [Symbol.asyncIterator]() {
    return {
      next: async () => {
        const value = await this.next();
        return value === null ? { done: true, value: undefined } : { done: false, value };
      },
      return: async () => {
        this.close();
        return { done: true, value: undefined };
      },
    };
  }

  /** A Node `Readable`: of Buffers for byte streams (pipe it to a file), else of objects. */
  toReadable() {
    return Readable.from(this, { objectMode: this.kind !== 'bytes' });
  }

  /** Reads everything: one Buffer for byte streams, else the array of items. */
  async collect() {
    const items = [];
    for await (const item of this) items.push(item);
    return this.kind === 'bytes' ? Buffer.concat(items) : items;
  }
}

/** A hijacked attach or exec: `write`, `closeStdin`, and the output as a DockerStream. */
class AttachedStream extends DockerStream {
  constructor(duplex, signal) {
    super('chunks', async () => duplex, signal);
    this._duplex = duplex;
  }

  /** Writes to the program's stdin. */
  async write(data) {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    try {
      await this._duplex.write(bytes);
    } catch (e) {
      throw fromNative(e);
    }
  }

  /** Closes stdin only: the program sees the end of its input; the output goes on. */
  async closeStdin() {
    try {
      await this._duplex.closeStdin();
    } catch (e) {
      throw fromNative(e);
    }
  }
}

module.exports = { DockerStream, AttachedStream };
