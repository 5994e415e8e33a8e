'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pipeline } = require('node:stream/promises');
const { docker, runningContainer } = require('./support');

test('logs as an async iterator of { stream, data: Buffer }', async () => {
  const d = docker();
  const c = await runningContainer(d, 'logs', ['sh', '-c', 'echo one; echo two >&2; sleep 300']);
  try {
    const seen = [];
    for await (const chunk of d.containers.logs(c.id, { follow: true, stdout: true, stderr: true })) {
      assert.ok(Buffer.isBuffer(chunk.data));
      seen.push(`${chunk.stream}:${chunk.data.toString()}`);
      const all = seen.join('');
      if (all.includes('one') && all.includes('two')) break; // leaving the loop ends the followed request
    }
    assert.deepEqual(seen.sort(), ['stderr:two\n', 'stdout:one\n']);
  } finally {
    await c.remove();
  }
});

test('JSON-lines streams give objects (events between two times)', async () => {
  const d = docker();
  const now = Math.floor(Date.now() / 1000);
  const c = await runningContainer(d, 'events', ['true']);
  await c.remove();
  const events = await d.system.events({ since: String(now - 1), until: String(Math.floor(Date.now() / 1000) + 1) }).collect();
  assert.ok(events.some((e) => e.Type === 'container' && e.Actor && e.Actor.ID === c.id), JSON.stringify(events).slice(0, 300));
});

test('an image save stream pipes to a file', async () => {
  const d = docker();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dea-node-save-')), 'busybox.tar');
  try {
    await pipeline(d.images.get('busybox:latest').toReadable(), fs.createWriteStream(file));
    const bytes = fs.readFileSync(file);
    assert.ok(bytes.length > 100000, `only ${bytes.length} bytes`);
    assert.equal(bytes.subarray(257, 262).toString(), 'ustar'); // a tar archive
    // And back: the file as the body of ImageLoad, read as it is sent.
    const progress = await d.images.load({ imagesTarball: { file } }).collect();
    assert.ok(progress.some((p) => JSON.stringify(p).includes('busybox')), JSON.stringify(progress));
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
});

test('attach duplex: write, closeStdin, read the output to its end', async () => {
  const d = docker();
  const { Id } = await d.containers.create({ Image: 'busybox:latest', Cmd: ['cat'], OpenStdin: true, StdinOnce: true, AttachStdin: true });
  try {
    const io = await d.containers.attachStdin(Id, { stream: true, stdin: true, stdout: true, stderr: true });
    await d.containers.start(Id);
    await io.write('hello ');
    await io.write(Buffer.from('world\n'));
    await io.closeStdin();
    let text = '';
    for await (const chunk of io) text += chunk.data.toString();
    assert.equal(text, 'hello world\n');
    const { StatusCode } = await d.containers.wait(Id);
    assert.equal(StatusCode, 0);
  } finally {
    await d.containers.delete(Id, { force: true }).catch(() => {});
  }
});

test('helpers: exec.run with stdin, copyTo/copyFrom, buildFromDir', async () => {
  const d = docker();
  const c = await runningContainer(d, 'helpers');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dea-node-helpers-'));
  try {
    const out = await d.exec.run(c.id, ['cat'], { stdin: 'through cat' });
    assert.equal(out.exitCode, 0);
    assert.equal(out.stdout, 'through cat');
    fs.mkdirSync(path.join(dir, 'site'));
    fs.writeFileSync(path.join(dir, 'site', 'a.txt'), 'A');
    await d.containers.copyTo(c.id, path.join(dir, 'site'), '/');
    await d.containers.copyFrom(c.id, '/site', path.join(dir, 'back'));
    assert.equal(fs.readFileSync(path.join(dir, 'back', 'site', 'a.txt'), 'utf8'), 'A');
    fs.writeFileSync(path.join(dir, 'site', 'Dockerfile'), 'FROM busybox:latest\nCOPY a.txt /a.txt\n');
    const built = await d.images.buildFromDir(path.join(dir, 'site'), { tag: `dea-node-test-${process.pid}:built` });
    assert.match(built.imageId, /^sha256:/);
    await d.images.delete(`dea-node-test-${process.pid}:built`, { force: true });
  } finally {
    await c.remove();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a Readable is a streamed payload (a tar piped into PutContainerArchive)', async () => {
  const d = docker();
  const c = await runningContainer(d, 'readable-payload');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dea-node-readable-'));
  try {
    // A tar made by the engine itself: /bin/busybox as an archive, saved to a file...
    await pipeline(d.containers.archive(c.id, '/bin/busybox').toReadable(), fs.createWriteStream(path.join(dir, 'bb.tar')));
    // ...then send the file back under /copied as a Readable, chunk by chunk.
    await d.exec.run(c.id, ['mkdir', '/copied']);
    await d.containers.putArchive(c.id, '/copied', fs.createReadStream(path.join(dir, 'bb.tar'), { highWaterMark: 64 * 1024 }));
    const out = await d.exec.run(c.id, ['/copied/busybox', 'echo', 'streamed back']);
    assert.equal(out.stdout, 'streamed back\n');
    // A failing source fails the call, with its reason.
    async function* broken() {
      yield Buffer.alloc(512);
      throw new Error('source broke');
    }
    const err = await d.containers.putArchive(c.id, '/copied', broken()).catch((e) => e);
    assert.ok(err instanceof Error && /source broke|payload/.test(err.message), String(err));
  } finally {
    await c.remove();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
