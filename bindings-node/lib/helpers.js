'use strict';
// The core's hand-written helpers as methods of the groups: containers.run, exec.run,
// images.pull, images.buildFromDir, containers.copyTo/copyFrom, and the hijacked
// containers.attachStdin / exec.startStdin. The work is the core's (`call_helper`); this
// file only renames keys.

const { fromNative, makeError } = require('./errors');
const { tokenFor } = require('./cancel');
const { AttachedStream } = require('./streams');

async function helper(native, name, args, call) {
  const cancel = tokenFor(call && call.signal);
  try {
    return JSON.parse(await native.helper(name, JSON.stringify(args), cancel.token));
  } catch (e) {
    throw fromNative(e);
  } finally {
    cancel.done();
  }
}

function commandOutput(r) {
  const out = { exitCode: r.exit_code, stdout: r.stdout, stderr: r.stderr, chunks: r.chunks };
  if (r.id !== undefined) out.id = r.id;
  return out;
}

function onlyKeys(what, opts, keys) {
  if (opts == null) return {};
  if (typeof opts !== 'object') throw makeError({ kind: 'InvalidArgument', message: `${what}: options must be an object` });
  for (const k of Object.keys(opts)) {
    if (!keys.includes(k)) {
      throw makeError({ kind: 'InvalidArgument', message: `${what}: unknown option \`${k}\` (the options are: ${keys.join(', ')})` });
    }
  }
  return opts;
}

const RUN_KEYS = ['pull', 'auth', 'name', 'env', 'workdir', 'user', 'labels', 'tty', 'stdin', 'remove', 'check', 'body'];
const EXEC_KEYS = ['stdin', 'tty', 'env', 'workdir', 'user', 'privileged', 'check'];
const BUILD_KEYS = ['dockerfile', 'tag', 'buildargs', 'labels', 'gzip', 'nocache', 'pull'];

async function attach(native, operation, args, call) {
  const cancel = tokenFor(call && call.signal);
  try {
    const duplex = await native.attach(operation, JSON.stringify(args), cancel.token);
    return new AttachedStream(duplex, call && call.signal);
  } catch (e) {
    throw fromNative(e);
  } finally {
    cancel.done();
  }
}

function addHelpers(native, groups) {
  Object.assign(groups.containers, {
    async run(image, cmd = [], opts, call) {
      const o = onlyKeys('containers.run', opts, RUN_KEYS);
      return commandOutput(await helper(native, 'containers.run', { image, cmd, ...o }, call));
    },
    async copyTo(id, hostPath, containerDir, call) {
      await helper(native, 'containers.copy_to', { id, source: hostPath, dest: containerDir }, call);
    },
    async copyFrom(id, containerPath, hostDir, call) {
      await helper(native, 'containers.copy_from', { id, path: containerPath, dest: hostDir }, call);
    },
    attachStdin(id, opts = {}, call) {
      return attach(native, 'ContainerAttach', { id, ...opts }, call);
    },
  });
  Object.assign(groups.exec, {
    async run(id, cmd, opts, call) {
      const o = onlyKeys('exec.run', opts, EXEC_KEYS);
      return commandOutput(await helper(native, 'exec.run', { id, cmd, ...o }, call));
    },
    startStdin(id, config, call) {
      return attach(native, 'ExecStart', config === undefined ? { id } : { id, execStartConfig: config }, call);
    },
  });
  Object.assign(groups.images, {
    async pull(image, opts, call) {
      const { progress, ...o } = onlyKeys('images.pull', opts, ['auth', 'platform', 'progress']);
      if (progress === undefined) return helper(native, 'images.pull', { image, ...o }, call);
      if (typeof progress !== 'function') {
        throw makeError({ kind: 'InvalidArgument', message: 'images.pull: progress must be a function' });
      }
      // The callback's own error ends nothing midway: the pull goes on, then it is thrown.
      let thrown;
      const report = (text) => {
        if (thrown !== undefined) return;
        try {
          progress(JSON.parse(text));
        } catch (e) {
          thrown = { e };
        }
      };
      const cancel = tokenFor(call && call.signal);
      let pulled;
      try {
        pulled = JSON.parse(await native.pull(JSON.stringify({ image, ...o }), report, cancel.token));
      } catch (e) {
        throw fromNative(e);
      } finally {
        cancel.done();
      }
      if (thrown !== undefined) throw thrown.e;
      return pulled;
    },
    async buildFromDir(path, opts, call) {
      const r = await helper(native, 'images.build_dir', { path, ...onlyKeys('images.buildFromDir', opts, BUILD_KEYS) }, call);
      return { imageId: r.image_id, log: r.log };
    },
  });
  return groups;
}

module.exports = { addHelpers, helper };
