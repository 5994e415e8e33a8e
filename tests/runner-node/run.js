'use strict';
// Runs one case through the Node API: each `op` step as the method of its group
// (`docker.containers.list({ all: true })`), its spec-named args turned into the method's
// positional parameters and camelCase options by the generated operation table.

const { Docker, DockerError } = require('../../bindings-node');
const table = require('../../bindings-node/generated/groups');
const { matches } = require('./matcher');
const { expand, unixNow } = require('./vars');
const { tarOf, tarWith } = require('./tar');
const { callHelper, CaseError } = require('./helpers');

/** A step never waits longer than this; a hang fails the case instead of the run. */
const STEP_TIMEOUT_MS = 120000;

const byOperation = {};
for (const [group, methods] of Object.entries(table)) {
  for (const [method, entry] of Object.entries(methods)) byOperation[entry.op] = { group, method, entry };
}

/** The case's `tls` (the core's snake_case `TlsPaths` keys) as the API's camelCase option. */
const TLS_OPTION = { cert_path: 'certPath', ca: 'ca', cert: 'cert', key: 'key', verify: 'verify' };

function tlsOption(tls) {
  if (tls === null || typeof tls !== 'object' || Array.isArray(tls)) return tls;
  // An unknown key goes through as it is, for the API to refuse.
  return Object.fromEntries(Object.entries(tls).map(([k, v]) => [TLS_OPTION[k] || k, v]));
}

function clientFor(c, engines, vars) {
  let host;
  let tls;
  try {
    host = c.host === undefined ? undefined : expand(c.host, vars);
    tls = c.tls === undefined ? undefined : tlsOption(expand(c.tls, vars));
  } catch (e) {
    return { fail: e.message };
  }
  if (host !== undefined && typeof host !== 'string') return { fail: `host must be text, not ${JSON.stringify(host)}` };
  if (!host) {
    const engine = c.engine || 'main';
    if (engine === 'main') host = engines.main;
    else if (engine === 'old') {
      if (!engines.old) return { skip: engines.whyNoOld };
      host = engines.old;
    } else return { fail: `unknown engine ${JSON.stringify(engine)}` };
  }
  try {
    return { docker: new Docker({ url: host, version: c.version || '1.45', tls }) };
  } catch (e) {
    return { fail: `cannot make the client: ${e.detail || e.message}` };
  }
}

function registryVars(r) {
  const json = JSON.stringify({ username: r.user, password: r.password, serveraddress: r.address });
  const auth = Buffer.from(json).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  return { registry: r.address, registry_user: r.user, registry_password: r.password, registry_auth: auth };
}

/** `${tls_host}`, `${tls_host_by_name}` (a name the engine's certificate lacks), `${tls_certs}`. */
function tlsVars(t) {
  return { tls_host: t.host, tls_host_by_name: t.host.replace('127.0.0.1', 'localhost'), tls_certs: t.certs };
}

function payloadOf(spec, raws) {
  if (spec == null) return undefined;
  const keys = Object.keys(spec).filter((k) => k !== 'nest');
  if (keys.length !== 1 || (spec.nest !== undefined && keys[0] !== 'tar')) {
    throw new CaseError('payload must be {"tar": {...}[, "nest": {...}]}, {"text": "..."} or {"raw": NAME}');
  }
  const [kind] = keys;
  if (kind === 'raw') {
    if (!raws.has(spec.raw)) throw new CaseError(`no raw result saved as ${JSON.stringify(spec.raw)}`);
    return raws.get(spec.raw);
  }
  if (kind === 'text') return Buffer.from(String(spec.text));
  if (kind === 'tar' && spec.nest !== undefined) {
    const nested = {};
    for (const [folder, name] of Object.entries(spec.nest)) {
      if (!raws.has(name)) throw new CaseError(`no raw result saved as ${JSON.stringify(name)}`);
      nested[folder] = raws.get(name);
    }
    return tarWith(spec.tar, nested);
  }
  if (kind === 'tar') return tarOf(spec.tar);
  throw new CaseError(`unknown payload kind ${kind}`);
}

/** The method's arguments for spec-named `args` and a raw `payload`. */
function methodArgs(entry, args, payload) {
  const rest = { ...(args || {}) };
  const positional = entry.positional.map((name) => {
    if (name === '$payload') return payload;
    const v = rest[name];
    delete rest[name];
    return v;
  });
  const toKey = {};
  for (const [key, target] of Object.entries(entry.options)) toKey[target] = key;
  const options = {};
  for (const [name, value] of Object.entries(rest)) options[toKey[name] || name] = value;
  if (payload !== undefined && !entry.positional.includes('$payload')) {
    const key = toKey.$payload || toKey.$stdin || 'payload';
    options[key] = payload;
  }
  // Leftover args of an operation without options still go in: the API refuses them.
  const hasOptions = Object.keys(entry.options).length > 0 || Object.keys(options).length > 0;
  return hasOptions ? [...positional, options] : positional;
}

function mergeChunks(chunks) {
  const merged = [];
  for (const c of chunks) {
    const last = merged[merged.length - 1];
    if (last && last.stream === c.stream) last.parts.push(c.data);
    else merged.push({ stream: c.stream, parts: [c.data] });
  }
  return merged.map((m) => ({ stream: m.stream, data: Buffer.concat(m.parts).toString('utf8') }));
}

/** The neutral result of a call: `{ value, raw }` (raw: the bytes of a byte stream). */
async function neutral(entry, result) {
  switch (entry.result) {
    case 'empty':
      return { value: null };
    case 'bytes': {
      const raw = await result.collect();
      return { value: raw.toString('utf8'), raw };
    }
    case 'chunks':
      return { value: mergeChunks(await result.collect()) };
    case 'lines':
      return { value: await result.collect() };
    default:
      return { value: result === undefined ? null : result };
  }
}

/** Makes the call of a step: `{ value, raw }` or `{ error }`; a CaseError is a broken case. */
async function call(docker, step, vars, raws) {
  const args = step.args === undefined ? undefined : expand(step.args, vars);
  const payload = payloadOf(step.payload === undefined ? undefined : expand(step.payload, vars), raws);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), STEP_TIMEOUT_MS);
  const signal = controller.signal;
  try {
    if (step.client !== undefined) {
      if (step.client !== 'api_version') throw new CaseError(`unknown client question ${JSON.stringify(step.client)}`);
      return { value: await docker.apiVersion({ signal }) };
    }
    if (step.helper !== undefined) return { value: await callHelper(docker, step.helper, args, { signal }) };
    const found = byOperation[step.op];
    if (!found) throw new CaseError(`unknown operation ${step.op}`);
    const method = docker[found.group][found.method];
    const result = method(...methodArgs(found.entry, args, payload), { signal });
    const streamed = ['bytes', 'chunks', 'lines'].includes(found.entry.result);
    return await neutral(found.entry, streamed ? result : await result);
  } catch (e) {
    if (e instanceof CaseError) throw e;
    if (signal.aborted) throw new CaseError(`no answer within ${STEP_TIMEOUT_MS} ms`);
    if (!(e instanceof DockerError)) throw new CaseError(`not a DockerError: ${e && e.stack}`);
    return { error: e };
  } finally {
    clearTimeout(timer);
  }
}

function shown(v) {
  return JSON.stringify(v === undefined ? null : v).slice(0, 300);
}

function pointer(value, p) {
  if (p === '') return value;
  let v = value;
  for (const raw of p.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (v === null || typeof v !== 'object' || !(key in v)) return undefined;
    v = Array.isArray(v) ? v[Number(key)] : v[key];
  }
  return v;
}

/** A step, made again while it fails when it has `retry`. */
async function runWithRetry(docker, step, vars, raws, evidence) {
  const attempts = Math.max(1, (step.retry && step.retry.attempts) || 1);
  const delay = (step.retry && step.retry.delay_ms) || 0;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await runStep(docker, step, vars, raws, evidence);
      return;
    } catch (why) {
      if (attempt >= attempts) throw why;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

async function runStep(docker, step, vars, raws, evidence) {
  const answer = await call(docker, step, vars, raws);
  const expect = step.expect || {};
  const checks = 'result' in expect || expect.error !== undefined;
  try {
    check(step, expect, vars, raws, answer);
  } catch (why) {
    if (step.op) evidence.record(step.op, answer.error, false);
    throw why;
  }
  if (step.op) evidence.record(step.op, answer.error, checks);
}

/** Compares a call's answer with the step's `expect`, then saves what the step saves. */
function check(step, expect, vars, raws, answer) {
  const e = answer.error;
  if (expect.error === undefined) {
    if (e) throw new CaseError(`unexpected error: ${e.detail}`);
    if ('result' in expect) matches(expand(expect.result, vars), answer.value);
    if (step.save_raw !== undefined) {
      if (!answer.raw) throw new CaseError('save_raw needs a byte-stream result');
      raws.set(step.save_raw, answer.raw);
    }
    for (const [name, p] of Object.entries(step.save || {})) {
      const where = expand(p, vars);
      const found = pointer(answer.value, where);
      if (found === undefined) throw new CaseError(`nothing at ${where} to save as ${name}`);
      vars[name] = found;
    }
    return;
  }
  const kind = expect.error;
  if (!e) throw new CaseError(`expected a ${kind} error, got a result: ${shown(answer.value)}`);
  if (e.code !== kind) throw new CaseError(`expected a ${kind} error, got ${e.code}: ${e.detail}`);
  if (expect.status !== undefined && e.statusCode !== expect.status) {
    throw new CaseError(`expected HTTP ${expect.status}, got ${e.statusCode}: ${e.detail}`);
  }
  if (expect.client_side && e.statusCode !== undefined) {
    throw new CaseError(`expected a client-side error, got one from the daemon: ${e.detail}`);
  }
  if (expect.message !== undefined) {
    try {
      matches(expand(expect.message, vars), e.message);
    } catch (why) {
      throw new CaseError(`error message: ${why.message}`);
    }
  }
  if (expect.exit_code !== undefined && e.exitCode !== expect.exit_code) {
    throw new CaseError(`expected exit code ${expect.exit_code}, got ${e.exitCode}: ${e.detail}`);
  }
  if (expect.connect_cause !== undefined && e.connectCause !== expect.connect_cause) {
    throw new CaseError(`expected connect cause ${expect.connect_cause}, got ${e.connectCause}: ${e.detail}`);
  }
}

function label(step) {
  return step.op || step.helper || `client.${step.client}`;
}

/** `{ status: pass|fail|skip, detail }` */
async function runCase(c, engines, runId, evidence) {
  const vars = { run: runId, case_start: String(unixNow()) };
  for (const need of c.needs || []) {
    if (need === 'registry') {
      if (!engines.registry) return { status: 'skip', detail: engines.whyNoRegistry };
      Object.assign(vars, registryVars(engines.registry));
    } else if (need === 'tls') {
      if (!engines.tls) return { status: 'skip', detail: engines.whyNoTls };
      Object.assign(vars, tlsVars(engines.tls));
    } else if (need === 'socket') {
      if (!engines.main.startsWith('unix://')) return { status: 'skip', detail: 'the main engine is not a unix socket' };
      vars.main_socket = engines.main.slice('unix://'.length);
    } else return { status: 'fail', detail: `unknown need ${JSON.stringify(need)}` };
  }
  const client = clientFor(c, engines, vars);
  if (client.skip) return { status: 'skip', detail: client.skip };
  if (client.fail) return { status: 'fail', detail: client.fail };
  const { docker } = client;
  const raws = new Map();
  let outcome = { status: 'pass', detail: '' };
  for (const [i, step] of c.steps.entries()) {
    try {
      await runWithRetry(docker, step, vars, raws, evidence);
    } catch (why) {
      outcome = { status: 'fail', detail: `step ${i + 1} (${label(step)}): ${why.message}` };
      break;
    }
  }
  for (const step of c.cleanup || []) {
    try {
      const answer = await call(docker, step, vars, raws);
      if (step.op) evidence.record(step.op, answer.error, false);
    } catch (_) {
      // Cleanup errors are expected (the object may never have been made).
    }
  }
  return outcome;
}

module.exports = { runCase, methodArgs, mergeChunks };
