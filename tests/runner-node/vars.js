'use strict';
// `${...}` expansion in case strings (tests/cases/README.md).

const PATTERN = /\$\{([A-Za-z_][A-Za-z0-9_]*)([+-][0-9]+)?(\|int)?\}/g;

const unixNow = () => Math.floor(Date.now() / 1000);

function lookup(vars, name, offset) {
  if (name === 'now') return String(unixNow() + (offset ? parseInt(offset, 10) : 0));
  if (!Object.prototype.hasOwnProperty.call(vars, name)) throw new Error(`unknown variable \${${name}}`);
  return vars[name];
}

/** A string that is exactly one variable takes the variable's JSON value; otherwise text. */
function expandStr(s, vars) {
  const whole = new RegExp(`^${PATTERN.source}$`).exec(s);
  if (whole) {
    const value = lookup(vars, whole[1], whole[2]);
    if (!whole[3]) return value;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (!/^-?[0-9]+$/.test(text)) throw new Error(`\${${whole[1]}} is not an integer: ${text}`);
    return parseInt(text, 10);
  }
  return s.replace(PATTERN, (_m, name, offset) => {
    const v = lookup(vars, name, offset);
    return typeof v === 'string' ? v : JSON.stringify(v);
  });
}

/** Expands every string inside `value`; an unknown variable throws. */
function expand(value, vars) {
  if (typeof value === 'string') return expandStr(value, vars);
  if (Array.isArray(value)) return value.map((v) => expand(v, vars));
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const key = expandStr(k, vars);
      out[typeof key === 'string' ? key : k] = expand(v, vars);
    }
    return out;
  }
  return value;
}

module.exports = { expand, unixNow };
