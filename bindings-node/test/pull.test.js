'use strict';
// images.pull with a progress callback, from the project's registry (tests/engines/engines.env:
// DEA_TEST_REGISTRY and its user); skipped, saying why, when there is none.

const test = require('node:test');
const assert = require('node:assert/strict');
const { InvalidArgumentError } = require('..');
const { docker, projectEngines } = require('./support');

function registry() {
  const vars = projectEngines();
  if (vars.why) return vars;
  if (!vars.DEA_TEST_REGISTRY || !vars.DEA_TEST_REGISTRY_USER) return { why: `${vars.file} has no DEA_TEST_REGISTRY` };
  return {
    address: vars.DEA_TEST_REGISTRY,
    auth: { username: vars.DEA_TEST_REGISTRY_USER, password: vars.DEA_TEST_REGISTRY_PASSWORD, serveraddress: vars.DEA_TEST_REGISTRY },
  };
}

const reg = registry();
const skip = reg.why || false;

/** An image of the registry that the engine does not have (pushed, then removed locally). */
async function pushed(d, what) {
  const repo = `${reg.address}/dea-node-test-${process.pid}/${what}`;
  const header = Buffer.from(JSON.stringify(reg.auth)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  await d.images.tag('busybox:latest', { repo, tag: 'v1' });
  await d.images.push(repo, header, { tag: 'v1' }).collect();
  await d.images.delete(`${repo}:v1`);
  return `${repo}:v1`;
}

test('images.pull reports each progress message to the callback, then answers the image', { skip }, async () => {
  const d = docker();
  const image = await pushed(d, 'progress');
  try {
    const seen = [];
    const inspect = await d.images.pull(image, { auth: reg.auth, progress: (m) => seen.push(m) });
    assert.ok(inspect.RepoTags.includes(image), JSON.stringify(inspect.RepoTags));
    assert.ok(seen.length > 0, 'no progress message');
    assert.ok(seen.every((m) => typeof m === 'object' && m !== null));
    assert.ok(seen.some((m) => typeof m.status === 'string'), JSON.stringify(seen));
  } finally {
    await d.images.delete(image).catch(() => {});
  }
});

test('a progress callback that throws: the pull ends, then its error rejects the promise', { skip }, async () => {
  const d = docker();
  const image = await pushed(d, 'throws');
  try {
    const boom = new Error('boom');
    let calls = 0;
    const err = await d.images.pull(image, { auth: reg.auth, progress: () => { calls += 1; throw boom; } }).catch((e) => e);
    assert.equal(err, boom);
    assert.equal(calls, 1);
    await d.images.inspect(image);
  } finally {
    await d.images.delete(image).catch(() => {});
  }
});

test('a progress that is not a function is an InvalidArgumentError', async () => {
  const err = await docker().images.pull('busybox:latest', { progress: 'yes' }).catch((e) => e);
  assert.ok(err instanceof InvalidArgumentError, String(err));
});
