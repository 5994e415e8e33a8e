'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const pkg = path.join(__dirname, '..');

test('the npm pack tarball installs in a fresh folder and loads (CJS and ESM)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dea-node-pack-'));
  try {
    const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
    const name = execFileSync('npm', ['pack', '--pack-destination', dir, ...quiet], { cwd: pkg, encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop();
    const app = path.join(dir, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), '{"name": "app", "private": true}');
    // The package has no runtime dependencies: nothing to fetch.
    execFileSync('npm', ['install', '--offline', ...quiet, path.join(dir, name)], { cwd: app });
    const cjs = execFileSync(process.execPath, ['-e', "const m = require('docker-engine-api'); console.log(typeof m.Docker, typeof new m.Docker().containers.list)"], { cwd: app, encoding: 'utf8' });
    assert.equal(cjs.trim(), 'function function');
    const esm = execFileSync(process.execPath, ['--input-type=module', '-e', "import { Docker, NotFoundError } from 'docker-engine-api'; console.log(typeof Docker, typeof NotFoundError)"], { cwd: app, encoding: 'utf8' });
    assert.equal(esm.trim(), 'function function');
    for (const f of ['index.d.ts', 'generated/index.d.ts', 'lib/types.d.ts', 'generated/groups.js']) {
      assert.ok(fs.existsSync(path.join(app, 'node_modules/docker-engine-api', f)), f);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
