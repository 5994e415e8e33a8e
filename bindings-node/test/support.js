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

/**
 * The project's tests/engines/engines.env as an object, or `{ why }` when the tests do not run
 * against the project's engines (a user's DOCKER_HOST) or the file is missing.
 */
function projectEngines() {
  const env = path.join(__dirname, '../../tests/engines/engines.env');
  let text;
  try {
    text = fs.readFileSync(env, 'utf8');
  } catch (_) {
    return { why: `no ${env}` };
  }
  const vars = { file: env };
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0 && !line.startsWith('#')) vars[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  if (vars.DEA_TEST_HOST !== HOST) return { why: `running against your engine at ${HOST}, not the project's` };
  return vars;
}
const docker = () => new Docker({ url: HOST });
const unique = (what) => `dea-node-test-${process.pid}-${what}`;

/** A running busybox container (removed by the returned cleanup). */
async function runningContainer(d, what, cmd = ['sleep', '300']) {
  const { Id } = await d.containers.create({ Image: 'busybox:latest', Cmd: cmd }, { name: unique(what) });
  await d.containers.start(Id);
  return { id: Id, remove: () => d.containers.delete(Id, { force: true }).catch(() => {}) };
}

module.exports = { HOST, docker, unique, runningContainer, projectEngines };
