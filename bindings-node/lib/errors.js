'use strict';
// DockerError and one subclass per error kind of the core. `code` is the kind, `statusCode`
// the HTTP status (undefined when nothing came from the daemon), `message` the daemon's text.

const MARKER = 'DEA_ERROR:';

class DockerError extends Error {
  constructor(info) {
    super(info.message);
    this.name = this.constructor.name;
    this.code = info.kind;
    this.statusCode = info.status ?? undefined;
    this.operation = info.operation ?? undefined;
    this.connectCause = info.connectCause ?? undefined;
    this.exitCode = info.exitCode ?? undefined;
    this.detail = info.display ?? info.message;
  }
}

const KINDS = [
  'BadRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'Conflict', 'ServerError',
  'Unavailable', 'VersionUnsupported', 'Stream', 'Decode', 'Connect', 'Timeout', 'Cancelled',
  'InvalidArgument', 'NonZeroExit',
];

const classes = {};
for (const kind of KINDS) {
  const name = kind.endsWith('Error') ? kind : `${kind}Error`;
  // A named class per kind, so `instanceof NotFoundError` and stack traces read well.
  classes[name] = { [name]: class extends DockerError {} }[name];
}
const byKind = Object.fromEntries(KINDS.map((k) => [k, classes[k.endsWith('Error') ? k : `${k}Error`]]));

function makeError(info) {
  const Cls = byKind[info.kind] || DockerError;
  return new Cls(info);
}

/** A native error (or any thrown value) as a DockerError. */
function fromNative(err) {
  if (err instanceof DockerError) return err;
  const text = err && typeof err.message === 'string' ? err.message : String(err);
  if (text.startsWith(MARKER)) {
    try {
      return makeError(JSON.parse(text.slice(MARKER.length)));
    } catch (_) {
      // Not ours after all: fall through.
    }
  }
  // napi's own conversion errors: a value of the wrong type reached the native half.
  return makeError({ kind: 'InvalidArgument', message: text });
}

function cancelledError() {
  return makeError({ kind: 'Cancelled', message: 'the call was cancelled (AbortSignal)' });
}

module.exports = { DockerError, ...classes, fromNative, makeError, cancelledError, KINDS };
