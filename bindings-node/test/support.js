'use strict';
// What the Node tests share: the engine to use (the one `make test` selected, or the
// project's) and a client for it.

const fs = require('node:fs');
const path = require('node:path');
const { Docker } = require('..');

function engineHost() {
  const chosen = process.env.DEA_TEST_SELECTED || process.env.DOCKER_HOST;
  if (chosen) return chosen;
  const env = path.join(__dirname, '../../tests/engines/engines.env');
  const line = fs.readFileSync(env, 'utf8').split('\n').find((l) => l.startsWith('DEA_TEST_HOST='));
  if (!line) throw new Error(`${env} has no DEA_TEST_HOST (run tests/engines/ensure.sh)`);
  return line.slice('DEA_TEST_HOST='.length).trim();
}

const HOST = engineHost();
const docker = () => new Docker({ url: HOST });
const unique = (what) => `dea-node-test-${process.pid}-${what}`;

/** A running busybox container (removed by the returned cleanup). */
async function runningContainer(d, what, cmd = ['sleep', '300']) {
  const { Id } = await d.containers.create({ Image: 'busybox:latest', Cmd: cmd }, { name: unique(what) });
  await d.containers.start(Id);
  return { id: Id, remove: () => d.containers.delete(Id, { force: true }).catch(() => {}) };
}

module.exports = { HOST, docker, unique, runningContainer };
