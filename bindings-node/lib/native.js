'use strict';
// Loads the native half (built by `napi build --platform`: docker-engine-api.<platform>.node).

const fs = require('node:fs');
const path = require('node:path');

function load() {
  const dir = path.join(__dirname, '..');
  const wanted = `docker-engine-api.${process.platform}-${process.arch}`;
  const found = fs.readdirSync(dir).filter((f) => f.startsWith(wanted) && f.endsWith('.node'));
  if (found.length === 0) {
    throw new Error(
      `docker-engine-api: no native module ${wanted}*.node in ${dir} (build it with \`npm run build\`)`,
    );
  }
  return require(path.join(dir, found.sort()[0]));
}

module.exports = load();
