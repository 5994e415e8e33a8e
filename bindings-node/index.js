'use strict';
// docker-engine-api: a Docker Engine API v1.45 client (CommonJS entry).

const { Docker } = require('./lib/docker');
const errors = require('./lib/errors');
const { DockerStream, AttachedStream } = require('./lib/streams');

const { fromNative, makeError, cancelledError, KINDS, ...errorClasses } = errors;

module.exports = { Docker, DockerStream, AttachedStream, ...errorClasses };
