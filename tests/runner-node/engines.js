'use strict';
// Which engines the cases talk to: the project's own (tests/engines/engines.env), or the
// user's DOCKER_HOST when it is not the project's. The rules of tests/runner-rust/src/engines.rs.

const fs = require('node:fs');

function readEnvFile(path) {
  let text;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (_) {
    return null;
  }
  const vars = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const i = line.indexOf('=');
    if (i > 0) vars[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return vars;
}

function discover(envFile) {
  const chosen = ['DEA_TEST_SELECTED', 'DOCKER_HOST'].map((k) => process.env[k]).find((v) => v);
  const project = readEnvFile(envFile);
  const projectHost = project && project.DEA_TEST_HOST;
  if (chosen && chosen !== projectHost) {
    const why = (what) => `needs the project's ${what}; running against your engine at ${chosen} (unset DOCKER_HOST to use the project's engines)`;
    return {
      main: chosen, old: null, whyNoOld: why('API 1.41 engine'), registry: null, whyNoRegistry: why('registry'),
      tls: null, whyNoTls: why('TLS listener'),
    };
  }
  if (project) {
    if (!project.DEA_TEST_HOST) throw new Error(`${envFile} has no DEA_TEST_HOST`);
    const v = (k) => project[k] || null;
    const registry = v('DEA_TEST_REGISTRY') && v('DEA_TEST_REGISTRY_USER') && v('DEA_TEST_REGISTRY_PASSWORD')
      ? { address: v('DEA_TEST_REGISTRY'), user: v('DEA_TEST_REGISTRY_USER'), password: v('DEA_TEST_REGISTRY_PASSWORD') }
      : null;
    const tls = v('DEA_TEST_TLS_HOST') && v('DEA_TEST_TLS_CERTS')
      ? { host: v('DEA_TEST_TLS_HOST'), certs: v('DEA_TEST_TLS_CERTS') }
      : null;
    return {
      main: project.DEA_TEST_HOST,
      old: v('DEA_TEST_HOST_OLD'),
      whyNoOld: `${envFile} has no DEA_TEST_HOST_OLD`,
      registry,
      whyNoRegistry: `${envFile} has no DEA_TEST_REGISTRY with user and password`,
      tls,
      whyNoTls: `${envFile} has no DEA_TEST_TLS_HOST`,
    };
  }
  throw new Error(`no test engine: ${envFile} is missing and DOCKER_HOST is not set (run \`make engines\`)`);
}

module.exports = { discover };
