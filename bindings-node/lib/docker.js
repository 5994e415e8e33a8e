'use strict';
// The client: `new Docker({ url, version, timeout })` or `Docker.fromEnv()`, with one
// property per group of operations.

const native = require('./native');
const { fromNative, makeError } = require('./errors');
const { tokenFor } = require('./cancel');
const { makeGroups } = require('./groups');
const { addHelpers } = require('./helpers');

class Docker {
  /**
   * @param {{ url?: string, version?: string, timeout?: number }} [options] `timeout`: ms a
   *   call may go without hearing from the engine (none by default: a `wait` may take hours)
   */
  constructor(options = {}, _native) {
    if (options === null || typeof options !== 'object') {
      throw makeError({ kind: 'InvalidArgument', message: 'Docker options must be an object' });
    }
    const { url, version, timeout, ...rest } = options;
    const unknown = Object.keys(rest);
    if (unknown.length) {
      throw makeError({ kind: 'InvalidArgument', message: `unknown Docker option \`${unknown[0]}\` (the options are: url, version, timeout)` });
    }
    try {
      this._native = _native || new native.NativeDocker(url, version === undefined ? undefined : String(version), timeout);
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
