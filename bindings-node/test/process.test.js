'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { HOST } = require('./support');

const pkg = path.join(__dirname, '..');

function runChild(args, code) {
  return spawnSync(process.execPath, [...args, code], {
    env: { ...process.env, DOCKER_HOST: HOST },
    encoding: 'utf8',
    timeout: 30000,
  });
}

test('the process exits when its work is done (no handle keeps it alive)', () => {
  const code = `
    const { Docker } = require(${JSON.stringify(pkg)});
    const d = Docker.fromEnv();
    (async () => {
      await d.containers.list({ all: true });
      const events = d.system.events();          // a stream left open, never read to the end
      const save = d.images.get('busybox:latest'); // a stream never started
      const first = await d.images.get('busybox:latest').next(); // one started, then abandoned
      const e = await d.containers.inspect('nope-${process.pid}').catch((e) => e.code);
      console.log('done', e, Buffer.isBuffer(first));
    })();`;
  const started = Date.now();
  const r = runChild(['-e'], code);
  assert.equal(r.error, undefined, `the child did not exit: ${r.error}`);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'done NotFound true');
  assert.ok(Date.now() - started < 20000);
});

test('the ESM entry gives the same API', () => {
  const code = `
    import { Docker, NotFoundError } from ${JSON.stringify(pkg + '/index.mjs')};
    const d = Docker.fromEnv();
    const v = await d.apiVersion();
    const e = await d.volumes.inspect('nope-${process.pid}').catch((e) => e);
    console.log(v, e instanceof NotFoundError);`;
  const r = runChild(['--input-type=module', '-e'], code);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout.trim(), /^1\.\d+ true$/);
});

test('without a url the client reads the environment as fromEnv does', () => {
  // DOCKER_HOST from the environment, and DOCKER_API_VERSION, which the default yields to.
  const code = `
    const { Docker } = require(${JSON.stringify(pkg)});
    (async () => {
      const d = new Docker({ timeout: 5000 });
      console.log(await d.system.ping(), await d.apiVersion());
    })();`;
  const r = spawnSync(process.execPath, ['-e', code], {
    env: { ...process.env, DOCKER_HOST: HOST, DOCKER_API_VERSION: '1.41' },
    encoding: 'utf8',
    timeout: 30000,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'OK 1.41');
});
