'use strict';
// The client: `new Docker({ url, version, timeout })` or `Docker.fromEnv()`, with one
// property per group of operations.

const native = require('./native');
const { fromNative, makeError } = require('./errors');
const { tokenFor } = require('./cancel');
const { makeGroups } = require('./groups');
const { addHelpers } = require('./helpers');

/** The API's camelCase TLS keys and the core's `TlsPaths` keys they stand for. */
const TLS_KEYS = { certPath: 'cert_path', ca: 'ca', cert: 'cert', key: 'key', verify: 'verify' };

/** The `tls` option as the JSON text of the core's `TlsPaths`, which checks the values. */
function tlsJson(tls) {
  if (tls === undefined || tls === null) return undefined;
  if (typeof tls !== 'object' || Array.isArray(tls)) {
    throw makeError({ kind: 'InvalidArgument', message: 'the tls option must be an object' });
  }
  const paths = {};
  for (const [k, v] of Object.entries(tls)) {
    if (v === undefined) continue;
    if (!Object.prototype.hasOwnProperty.call(TLS_KEYS, k)) {
      throw makeError({ kind: 'InvalidArgument', message: `unknown tls option \`${k}\` (the options are: ${Object.keys(TLS_KEYS).join(', ')})` });
    }
    paths[TLS_KEYS[k]] = v;
  }
  return JSON.stringify(paths);
}

class Docker {
  /**
   * @param {{ url?: string, version?: string, timeout?: number, tls?: object }} [options]
   *   `timeout`: ms a call may go without hearing from the engine (none by default: a `wait`
   *   may take hours); `tls`: `{ certPath, ca, cert, key, verify }` (lib/types.d.ts)
   */
  constructor(options = {}, _native) {
    if (options === null || typeof options !== 'object') {
      throw makeError({ kind: 'InvalidArgument', message: 'Docker options must be an object' });
    }
    const { url, version, timeout, tls, ...rest } = options;
    const unknown = Object.keys(rest);
    if (unknown.length) {
      throw makeError({ kind: 'InvalidArgument', message: `unknown Docker option \`${unknown[0]}\` (the options are: url, version, timeout, tls)` });
    }
    try {
      this._native = _native || new native.NativeDocker(
        url, version === undefined ? undefined : String(version), timeout, tlsJson(tls));
    } catch (e) {
      throw fromNative(e);
    }
    Object.assign(this, addHelpers(this._native, makeGroups(this._native)));
  }

  /** `DOCKER_HOST` and `DOCKER_API_VERSION`; negotiates the version unless pinned. */
  static fromEnv() {
    let n;
    try {
      n = native.NativeDocker.fromEnv();
    } catch (e) {
      throw fromNative(e);
    }
    return new Docker({}, n);
  }

  /** The API version in use (negotiated once when the version is `auto`). */
  async apiVersion(call) {
    const cancel = tokenFor(call && call.signal);
    try {
      return await this._native.apiVersion(cancel.token);
    } catch (e) {
      throw fromNative(e);
    } finally {
      cancel.done();
    }
  }
}

module.exports = { Docker };
