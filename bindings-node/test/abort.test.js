'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { CancelledError } = require('..');
const { docker, runningContainer } = require('./support');

test('an AbortSignal cancels a pending call', async () => {
  const d = docker();
  const c = await runningContainer(d, 'abort-wait');
  try {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 300);
    const err = await d.containers.wait(c.id, {}, { signal: controller.signal }).catch((e) => e);
    assert.ok(err instanceof CancelledError, String(err));
    assert.equal(err.code, 'Cancelled');
    assert.ok(Date.now() - started < 5000);
    // The client still works after a cancelled call.
    assert.equal((await d.containers.inspect(c.id)).State.Running, true);
  } finally {
    await c.remove();
  }
});

test('an aborted signal fails at once; a timeout signal works too', async () => {
  const d = docker();
  const err = await d.system.ping({ signal: AbortSignal.abort() }).catch((e) => e);
  assert.ok(err instanceof CancelledError, String(err));
  const c = await runningContainer(d, 'abort-timeout');
  try {
    const e2 = await d.containers.wait(c.id, {}, { signal: AbortSignal.timeout(200) }).catch((e) => e);
    assert.ok(e2 instanceof CancelledError, String(e2));
  } finally {
    await c.remove();
  }
});

test('an AbortSignal ends a followed stream while it waits', async () => {
  const d = docker();
  const c = await runningContainer(d, 'abort-logs', ['sh', '-c', 'echo first; sleep 300']);
  try {
    const controller = new AbortController();
    const stream = d.containers.logs(c.id, { follow: true, stdout: true }, { signal: controller.signal });
    const first = await stream.next();
    assert.equal(first.data.toString(), 'first\n');
    setTimeout(() => controller.abort(), 200);
    const err = await stream.next().catch((e) => e);
    assert.ok(err instanceof CancelledError, String(err));
    assert.equal(await stream.next(), null); // ended for good
  } finally {
    await c.remove();
  }
});

test('the client-wide timeout is a TimeoutError', async () => {
  const { Docker, TimeoutError } = require('..');
  const { HOST } = require('./support');
  const d = docker();
  const c = await runningContainer(d, 'timeout');
  try {
    const impatient = new Docker({ url: HOST, timeout: 300 });
    const err = await impatient.containers.wait(c.id).catch((e) => e);
    assert.ok(err instanceof TimeoutError, String(err));
    assert.equal(err.code, 'Timeout');
    assert.equal(err.statusCode, undefined);
  } finally {
    await c.remove();
  }
});
