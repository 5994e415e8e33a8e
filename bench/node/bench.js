'use strict';
// One benchmark measurement in Node: `node bench.js WORKLOAD CLIENT WORKLOAD.json REPS` prints
// {"seconds": [one per rep], ...} as bench/rust does. Clients: ours (bindings-node, the
// release build), dockerode. The inspect workload keeps 32 calls in flight.

const fs = require('fs');
const path = require('path');

const N = { ping: [2000, 1], list: [1000, 1], inspect: [2000, 32] };

function checkLen(items) {
  if (items.length !== 10) throw new Error(`the list answered ${items.length} containers, not the 10 prepared`);
}

class Ours {
  constructor(w) {
    const { Docker } = require(path.join(__dirname, '..', '..', 'bindings-node'));
    this.d = new Docker({ url: w.host });
    this.filters = { label: [w.label] };
  }
  async ping() { await this.d.system.ping(); }
  async list() { checkLen(await this.d.containers.list({ all: true, filters: this.filters })); }
  async inspect(id) { await this.d.containers.inspect(id); }
  async logs(id) {
    let n = 0;
    for await (const chunk of this.d.containers.logs(id, { follow: true, stdout: true, stderr: true })) n += chunk.data.length;
    return n;
  }
  async save(image) {
    const fd = fs.openSync('/dev/null', 'w');
    let n = 0;
    for await (const b of this.d.images.get(image)) { fs.writeSync(fd, b); n += b.length; }
    fs.closeSync(fd);
    return n;
  }
  async load(tar) {
    for await (const _ of this.d.images.load({ imagesTarball: { file: tar } })) { /* progress */ }
    return fs.statSync(tar).size;
  }
}

class Dockerode {
  constructor(w) {
    const Docker = require('dockerode');
    this.d = new Docker({ socketPath: w.socket, version: 'v1.45' });
    this.filters = { label: [w.label] };
  }
  async ping() { await this.d.ping(); }
  async list() { checkLen(await this.d.listContainers({ all: true, filters: this.filters })); }
  async inspect(id) { await this.d.getContainer(id).inspect(); }
  async logs(id) {
    const stream = await this.d.getContainer(id).logs({ follow: true, stdout: true, stderr: true });
    let n = 0;
    const { Writable } = require('stream');
    const count = () => new Writable({ write(b, _e, cb) { n += b.length; cb(); } });
    await new Promise((resolve, reject) => {
      this.d.modem.demuxStream(stream, count(), count());
      stream.on('end', resolve);
      stream.on('error', reject);
    });
    return n;
  }
  async save(image) {
    const stream = await this.d.getImage(image).get();
    const fd = fs.openSync('/dev/null', 'w');
    let n = 0;
    for await (const b of stream) { fs.writeSync(fd, b); n += b.length; }
    fs.closeSync(fd);
    return n;
  }
  async load(tar) {
    const stream = await this.d.loadImage(fs.createReadStream(tar));
    for await (const _ of stream) { /* progress */ }
    return fs.statSync(tar).size;
  }
}

const CLIENTS = { ours: Ours, dockerode: Dockerode };

async function runCalls(c, workload, w, n, inflight) {
  const ids = w.containers;
  if (workload === 'ping') { for (let i = 0; i < n; i++) await c.ping(); return; }
  if (workload === 'list') { for (let i = 0; i < n; i++) await c.list(); return; }
  let next = 0;
  const worker = async () => { while (next < n) { const i = next++; await c.inspect(ids[i % ids.length]); } };
  await Promise.all(Array.from({ length: inflight }, worker));
}

async function main() {
  const [workload, client, wpath, repsArg] = process.argv.slice(2);
  if (!repsArg) throw new Error('usage: node bench.js WORKLOAD CLIENT WORKLOAD.json REPS');
  const w = JSON.parse(fs.readFileSync(wpath, 'utf8'));
  const c = new CLIENTS[client](w);
  const reps = Number(repsArg);
  const seconds = [];
  let out = {};
  if (N[workload]) {
    let [n, inflight] = N[workload];
    if (w.quick) n = Math.floor(n / 10);
    await runCalls(c, workload, w, 64, inflight); // warm-up
    for (let r = 0; r < reps; r++) {
      const t = process.hrtime.bigint();
      await runCalls(c, workload, w, n, inflight);
      seconds.push(Number(process.hrtime.bigint() - t) / 1e9);
    }
    out = { calls: n, inflight };
  } else {
    const arg = { logs: w.logs_container, save: w.image, load: w.image_tar }[workload];
    for (let r = 0; r < reps; r++) {
      const t = process.hrtime.bigint();
      out.bytes = await c[workload](arg);
      seconds.push(Number(process.hrtime.bigint() - t) / 1e9);
    }
  }
  console.log(JSON.stringify({ seconds, ...out }));
}

main().catch((e) => { console.error(e); process.exit(1); });
