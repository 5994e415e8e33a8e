'use strict';
// Per-operation evidence for tests/coverage.py: was an operation called against the engine,
// was its answer decoded, was it asserted (tests/cases/README.md, "Operation evidence").

class Evidence {
  constructor() {
    this.ops = new Map();
  }

  /** One call of `op`: `error` undefined when it succeeded (decoded, stream read to its end). */
  record(op, error, asserted) {
    let called = true;
    let decoded = true;
    if (error) {
      const daemon = error.statusCode !== undefined;
      called = daemon || error.code === 'Stream';
      decoded = daemon && error.code !== 'Decode';
    }
    const have = this.ops.get(op) || [false, false, false];
    this.ops.set(op, have.map((v, i) => v || [called, decoded, asserted][i]));
  }

  toJSON() {
    const out = {};
    for (const op of [...this.ops.keys()].sort()) {
      const [called, decoded, asserted] = this.ops.get(op);
      out[op] = { called, decoded, asserted };
    }
    return out;
  }
}

module.exports = { Evidence };
