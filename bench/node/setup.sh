#!/usr/bin/env bash
# The Node benchmark environment: dockerode from npm into bench/node (as locked), and the
# binding's native module built in release mode (over the debug one `make test` builds).
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ -d bench/node/node_modules/dockerode ]] || (cd bench/node && npm ci --no-audit --no-fund --loglevel=error) >&2
[[ -d bindings-node/node_modules/@napi-rs ]] || (cd bindings-node && npm ci --no-audit --no-fund --loglevel=error) >&2
(cd bindings-node && npx napi build --platform --release --no-js --dts native.d.ts --output-dir .) >&2
