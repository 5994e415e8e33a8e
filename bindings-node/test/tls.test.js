'use strict';
// The `tls` option against the project's --tlsverify listener (tests/engines/engines.env:
// DEA_TEST_TLS_HOST, DEA_TEST_TLS_CERTS); skipped, saying why, when there is none.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { Docker, ConnectError, InvalidArgumentError } = require('..');
const { projectEngines } = require('./support');

function tlsEngine() {
  const vars = projectEngines();
  if (vars.why) return vars;
  if (!vars.DEA_TEST_TLS_HOST || !vars.DEA_TEST_TLS_CERTS) return { why: `${vars.file} has no DEA_TEST_TLS_HOST` };
  return { host: vars.DEA_TEST_TLS_HOST, certs: vars.DEA_TEST_TLS_CERTS };
}

const tls = tlsEngine();
const skip = tls.why || false;

test('the client certificate folder (certPath) gets through mTLS', { skip }, async () => {
  const d = new Docker({ url: tls.host, tls: { certPath: tls.certs } });
  assert.equal(await d.system.ping(), 'OK');
});

test('ca, cert and key given as files work like the folder', { skip }, async () => {
  const file = (f) => path.join(tls.certs, f);
  const d = new Docker({ url: tls.host, tls: { ca: file('ca.pem'), cert: file('cert.pem'), key: file('key.pem'), verify: true } });
  assert.equal(await d.system.ping(), 'OK');
});

test('a certificate without its key throws InvalidArgumentError when the client is made', { skip }, () => {
  assert.throws(
    () => new Docker({ url: tls.host, tls: { ca: path.join(tls.certs, 'ca.pem'), cert: path.join(tls.certs, 'cert.pem') } }),
    (e) => e instanceof InvalidArgumentError && /key/.test(e.message),
  );
});

test('without a client certificate the handshake fails: ConnectError, connectCause Tls', { skip }, async () => {
  const d = new Docker({ url: tls.host, tls: { ca: path.join(tls.certs, 'ca.pem') } });
  const err = await d.system.ping().catch((e) => e);
  assert.ok(err instanceof ConnectError, String(err));
  assert.equal(err.connectCause, 'Tls');
  assert.equal(err.statusCode, undefined);
});

test('bad tls settings throw InvalidArgumentError', () => {
  const bad = [
    { certPath: 1 },
    { verify: 'no' },
    { caFile: '/x' },
    'certs',
    { ca: '/nonexistent/ca.pem' },
  ];
  for (const t of bad) {
    assert.throws(() => new Docker({ url: 'tcp://127.0.0.1:1', tls: t }), InvalidArgumentError, JSON.stringify(t));
  }
});
