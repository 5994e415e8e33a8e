'use strict';
// Makes the methods of every group from the generated operation table
// (generated/groups.js): positional parameters, then an options object with camelCase keys,
// then `{ signal }`. The spec's names go to the core's `dispatch` unchanged.

const table = require('../generated/groups');
const { fromNative, makeError } = require('./errors');
const { tokenFor } = require('./cancel');
const { payloadArgs } = require('./payload');
const { DockerStream } = require('./streams');

function decode(out) {
  switch (out.kind) {
    case 'empty':
      return undefined;
    case 'json':
      return JSON.parse(out.text);
    default:
      return out.text;
  }
}

/** The spec-named args and the raw body of one call. */
function collect(entry, positional, options) {
  const args = {};
  let payload;
  entry.positional.forEach((name, i) => {
    if (name === '$payload') payload = positional[i];
    else args[name] = positional[i];
  });
  if (options != null) {
    if (typeof options !== 'object') {
      throw makeError({ kind: 'InvalidArgument', message: `${entry.op}: options must be an object` });
    }
    for (const [key, value] of Object.entries(options)) {
      const target = entry.options[key];
      if (target === undefined) {
        const known = Object.keys(entry.options).join(', ') || 'none';
        throw makeError({
          kind: 'InvalidArgument',
          message: `${entry.op}: unknown option \`${key}\` (the options are: ${known})`,
        });
      }
      if (value === undefined) continue;
      if (target === '$payload' || target === '$stdin') payload = value;
      else args[target] = value;
    }
  }
  return { args, payload };
}

/** The `signal` of a call's last argument, which may hold nothing else. */
function callSignal(what, call) {
  if (call == null) return undefined;
  const extra = typeof call === 'object' ? Object.keys(call).filter((k) => k !== 'signal') : ['(not an object)'];
  if (extra.length) {
    throw makeError({ kind: 'InvalidArgument', message: `${what}: unknown call option \`${extra[0]}\` (the call options are: signal)` });
  }
  return call.signal;
}

/** Calls one operation; stream results come back as DockerStreams, at once. */
function invoke(native, entry, positional, options, call) {
  const start = async (token) => {
    const { args, payload } = collect(entry, positional, options);
    const body = payloadArgs(payload);
    try {
      const answer = native.call(entry.op, JSON.stringify(args), body.body, body.sink, token);
      body.start();
      return await answer;
    } catch (e) {
      throw fromNative(e);
    }
  };
  let signal;
  let bad;
  try {
    signal = callSignal(entry.op, call);
  } catch (e) {
    bad = e;
  }
  if (entry.result === 'bytes' || entry.result === 'chunks' || entry.result === 'lines') {
    // Bad input shows at the first read, like any other failure of the stream.
    const open = async (token) => {
      if (bad) throw bad;
      return (await start(token)).stream();
    };
    return new DockerStream(entry.result, open, signal);
  }
  return (async () => {
    if (bad) throw bad;
    const cancel = tokenFor(signal);
    try {
      return decode(await start(cancel.token));
    } finally {
      cancel.done();
    }
  })();
}

/** A call refused before it starts: a rejected promise, or a stream failing at its first read. */
function failed(entry, err) {
  if (entry.result === 'json' || entry.result === 'empty' || entry.result === 'text') return Promise.reject(err);
  return new DockerStream(entry.result, async () => { throw err; });
}

/** The group objects of one client: `{ containers: { list(...), ... }, ... }`. */
function makeGroups(native) {
  const groups = {};
  for (const [group, methods] of Object.entries(table)) {
    const g = {};
    for (const [name, entry] of Object.entries(methods)) {
      const n = entry.positional.length;
      g[name] = function (...argv) {
        const positional = argv.slice(0, n);
        if (positional.length < n || positional.some((v) => v === undefined)) {
          const missing = entry.positional[positional.findIndex((v) => v === undefined)] ?? entry.positional[positional.length];
          const err = makeError({
            kind: 'InvalidArgument',
            message: `${entry.op}: argument \`${missing === '$payload' ? 'payload' : missing}\` is required`,
          });
          return failed(entry, err);
        }
        // Operations without options take `{ signal }` right after their positional ones.
        const hasOptions = Object.keys(entry.options).length > 0;
        if (argv.length > n + (hasOptions ? 2 : 1)) {
          // A signal in a place where it is not read would be ignored silently.
          const shape = hasOptions ? 'options?, { signal }?' : '{ signal }? (it has no options)';
          return failed(entry, makeError({
            kind: 'InvalidArgument',
            message: `${entry.op}: too many arguments (it takes ${n ? 'its positional ones, then ' : ''}${shape})`,
          }));
        }
        const options = hasOptions ? argv[n] : undefined;
        return invoke(native, entry, positional, options, hasOptions ? argv[n + 1] : argv[n]);
      };
    }
    groups[group] = g;
  }
  return groups;
}

module.exports = { makeGroups, table };
