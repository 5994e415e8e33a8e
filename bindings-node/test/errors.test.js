'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const api = require('..');
const { docker, unique } = require('./support');

const { Docker, DockerError, NotFoundError, ConflictError, InvalidArgumentError, ConnectError, NonZeroExitError } = api;

test('a missing container is a NotFoundError with the status and the daemon message', async () => {
  const err = await docker().containers.inspect(unique('missing')).catch((e) => e);
  assert.ok(err instanceof NotFoundError);
  assert.ok(err instanceof DockerError);
  assert.ok(err instanceof Error);
  assert.equal(err.code, 'NotFound');
  assert.equal(err.statusCode, 404);
  assert.match(err.message, /No such container/);
  assert.equal(err.operation, 'ContainerInspect');
  assert.equal(err.name, 'NotFoundError');
});

test('creating a name twice is a ConflictError', async () => {
  const d = docker();
  const name = unique('conflict');
  const { Id } = await d.containers.create({ Image: 'busybox:latest' }, { name });
  try {
    const err = await d.containers.create({ Image: 'busybox:latest' }, { name }).catch((e) => e);
    assert.ok(err instanceof ConflictError, String(err));
    assert.equal(err.statusCode, 409);
  } finally {
    await d.containers.delete(Id, { force: true });
  }
});

test('bad input is an InvalidArgumentError, never a crash', async () => {
  const d = docker();
  const cases = [
    () => d.containers.list({ all: 'yes' }),
    () => d.containers.list({ bogus: true }),
    () => d.containers.inspect(),
    () => d.containers.list({}, { signal: 'no' }),
    // A signal where it is not read is refused, not ignored: ping has no options.
    () => d.system.ping({}, { signal: AbortSignal.abort() }),
    () => d.containers.inspect('x', {}, { signal: AbortSignal.abort() }, 'extra'),
    () => d.containers.logs('x', {}, {}, {}).collect(),
    () => d.containers.run('busybox:latest', ['true'], { pull: 'sometimes' }),
    () => d.images.load({ imagesTarball: 42 }).collect(),
  ];
  for (const call of cases) {
    const err = await call().catch((e) => e);
    assert.ok(err instanceof InvalidArgumentError, `${call}: ${err}`);
    assert.equal(err.statusCode, undefined);
  }
  assert.throws(() => new Docker({ url: 'ftp://nowhere' }), InvalidArgumentError);
  assert.throws(() => new Docker({ url: 42 }), InvalidArgumentError);
  assert.throws(() => new Docker({ version: 'x.y' }), InvalidArgumentError);
  assert.throws(() => new Docker({ nope: 1 }), InvalidArgumentError);
  // Finite but beyond any duration: refused, not a panic that aborts the process.
  assert.throws(() => new Docker({ url: 'tcp://127.0.0.1:1', timeout: 1e300 }), InvalidArgumentError);
});

test('a missing socket is a ConnectError saying so', async () => {
  const d = new Docker({ url: 'unix:///nonexistent/docker.sock' });
  const err = await d.system.ping().catch((e) => e);
  assert.ok(err instanceof ConnectError, String(err));
  assert.equal(err.connectCause, 'SocketNotFound');
});

test('run with check raises NonZeroExitError with the exit code; without, the code is data', async () => {
  const d = docker();
  const out = await d.containers.run('busybox:latest', ['sh', '-c', 'echo out; echo err >&2; exit 3'], { remove: true });
  assert.equal(out.exitCode, 3);
  assert.equal(out.stdout, 'out\n');
  assert.equal(out.stderr, 'err\n');
  const err = await d.containers
    .run('busybox:latest', ['sh', '-c', 'exit 5'], { remove: true, check: true })
    .catch((e) => e);
  assert.ok(err instanceof NonZeroExitError, String(err));
  assert.equal(err.exitCode, 5);
  assert.equal(err.code, 'NonZeroExit');
});
