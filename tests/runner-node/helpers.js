'use strict';
// The helper steps of the cases through the Node API's helpers (containers.run, exec.run,
// images.pull, images.buildFromDir, containers.copyTo/copyFrom). Files are `{path: text}`
// maps written to (or read back from) a scratch folder.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

class CaseError extends Error {}

function scratch() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'dea-node-runner-'));
}

function writeFiles(root, files) {
  for (const [rel, text] of Object.entries(files || {})) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
}

function readFiles(root) {
  const out = {};
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out[path.relative(root, p)] = fs.readFileSync(p).toString('utf8');
    }
  };
  walk(root);
  return out;
}

function take(args, allowed, helper) {
  for (const k of Object.keys(args)) {
    if (!allowed.includes(k)) throw new CaseError(`bad args for ${helper}: unknown field \`${k}\``);
  }
  return args;
}

function neutralOutput(r) {
  const v = { exit_code: r.exitCode, stdout: r.stdout, stderr: r.stderr, chunks: r.chunks };
  if (r.id !== undefined) v.id = r.id;
  return v;
}

/** Runs a helper step; a CaseError is a broken case, anything else the helper's own error. */
async function callHelper(docker, helper, args, call) {
  args = args || {};
  const dir = scratch();
  try {
    switch (helper) {
      case 'images.build_dir': {
        const { files, ...opts } = take(args, ['files', 'dockerfile', 'tag', 'buildargs', 'labels', 'gzip'], helper);
        writeFiles(dir, files);
        const r = await docker.images.buildFromDir(dir, opts, call);
        return { image_id: r.imageId, log: r.log };
      }
      case 'containers.copy_to': {
        const { id, source, files, dest } = take(args, ['id', 'source', 'files', 'dest'], helper);
        const src = path.join(dir, source);
        fs.mkdirSync(src, { recursive: true });
        writeFiles(src, files);
        await docker.containers.copyTo(id, src, dest, call);
        return null;
      }
      case 'containers.copy_from': {
        const { id, path: from } = take(args, ['id', 'path'], helper);
        await docker.containers.copyFrom(id, from, dir, call);
        return { files: readFiles(dir) };
      }
      case 'containers.run': {
        const { image, cmd, ...opts } = args;
        return neutralOutput(await docker.containers.run(image, cmd || [], opts, call));
      }
      case 'exec.run': {
        const { id, cmd, ...opts } = args;
        return neutralOutput(await docker.exec.run(id, cmd, opts, call));
      }
      case 'images.pull': {
        const { image, ...opts } = args;
        return docker.images.pull(image, opts, call);
      }
      default:
        throw new CaseError(`unknown helper ${JSON.stringify(helper)}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { callHelper, CaseError };
