'use strict';
// An AbortSignal as the native CancelToken: aborting drops the Rust future of the call.

const native = require('./native');
const { cancelledError, makeError } = require('./errors');

/** `{ token, done }` for a signal (or none); `done()` stops listening. Throws if aborted. */
function tokenFor(signal) {
  if (signal == null) return { token: undefined, done() {} };
  if (typeof signal.addEventListener !== 'function' || typeof signal.aborted !== 'boolean') {
    throw makeError({ kind: 'InvalidArgument', message: '`signal` must be an AbortSignal' });
  }
  if (signal.aborted) throw cancelledError();
  const token = new native.CancelToken();
  const onAbort = () => token.cancel();
  signal.addEventListener('abort', onAbort, { once: true });
  return { token, done: () => signal.removeEventListener('abort', onAbort) };
}

module.exports = { tokenFor };
