#!/usr/bin/env node
'use strict';
// `make demo-node`: drive a real Docker engine from Node, end to end, and say what happened.
// Uses DOCKER_HOST (the Makefile points it at the project's engine when none of yours answers)
// and DOCKER_API_VERSION (unset: the version is negotiated like the Docker CLI).

const { Docker, ConnectError } = require('..');

const IMAGE = 'busybox:latest';
const text = (v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v ?? ''));

async function main() {
  const docker = Docker.fromEnv();
  console.log(`Node: engine at ${process.env.DOCKER_HOST || 'unix:///var/run/docker.sock'}`);

  const pong = await docker.system.ping();
  const api = await docker.apiVersion();
  const version = await docker.system.version();
  console.log(`1. Ping answered ${JSON.stringify(pong)}; API ${api} (${process.env.DOCKER_API_VERSION ? 'pinned' : 'negotiated'}); engine Docker ${version.Version} (API ${version.ApiVersion})`);

  const images = await docker.images.list();
  console.log(`2. The engine has ${images.length} image(s)`);

  // One call: create, attach, start, collect the output, wait, remove.
  const run = await docker.containers.run(IMAGE, ['sh', '-c', 'echo Hello from busybox; echo a warning >&2; exit 3'], { remove: true });
  console.log(`3. Ran ${IMAGE}: exit code ${run.exitCode}, stdout ${JSON.stringify(text(run.stdout))}, stderr ${JSON.stringify(text(run.stderr))}, removed`);

  const name = `dea-demo-node-${process.pid}`;
  const { Id } = await docker.containers.create({ Image: IMAGE, Cmd: ['sleep', '60'] }, { name });
  let exec;
  try {
    await docker.containers.start(Id);
    // stdin is written, then half-closed: `tr` sees the end of its input and exits.
    exec = await docker.exec.run(Id, ['tr', 'a-z', 'A-Z'], { stdin: 'hello through stdin\n' });
  } finally {
    await docker.containers.delete(Id, { force: true });
  }
  console.log(`4. Exec in ${name} with stdin: \`tr a-z A-Z\` answered ${JSON.stringify(text(exec.stdout).trimEnd())}, exit code ${exec.exitCode}; container removed`);
  console.log('Done from Node: ping, version, images, run, exec with stdin.');
}

main().catch((e) => {
  console.error(`demo failed: ${e.detail || e.message}`);
  if (e instanceof ConnectError) console.error('(set DOCKER_HOST to a running engine, or run `make engines` first)');
  process.exit(1);
});
