'use strict';
// The matchers of the case format (tests/cases/README.md): subset objects, exact arrays,
// `$`-operators. The same rules as tests/runner-rust/src/matcher.rs.

function typeName(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v; // string, number, boolean, object
}

function short(v) {
  const s = v === undefined ? 'nothing' : JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}...` : s;
}

function length(v) {
  if (Array.isArray(v)) return v.length;
  if (typeof v === 'string') return [...v].length;
  if (v !== null && typeof v === 'object') return Object.keys(v).length;
  return undefined;
}

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Throws an Error saying where and why `actual` does not match `expected`. */
function check(expected, actual, at) {
  const fail = (why) => {
    throw new Error(`at ${at}: ${why}`);
  };
  if (isObject(expected)) {
    const keys = Object.keys(expected);
    if (keys.length === 1 && keys[0].startsWith('$')) return special(keys[0], expected[keys[0]], actual, at);
  }
  if (actual === undefined) fail(`expected ${JSON.stringify(expected)}, found nothing`);
  if (isObject(expected) && isObject(actual)) {
    for (const [k, ev] of Object.entries(expected)) {
      check(ev, Object.prototype.hasOwnProperty.call(actual, k) ? actual[k] : undefined, `${at}.${k}`);
    }
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      fail(`expected ${expected.length} elements, found ${actual.length}: ${short(actual)}`);
    }
    expected.forEach((ev, i) => check(ev, actual[i], `${at}[${i}]`));
    return;
  }
  if (typeof expected === 'number' && typeof actual === 'number' && expected === actual) return;
  if (expected === actual) return;
  fail(`expected ${JSON.stringify(expected)}, found ${short(actual)}`);
}

function ok(fn) {
  try {
    fn();
    return true;
  } catch (_) {
    return false;
  }
}

function special(op, arg, actual, at) {
  const fail = (why) => {
    throw new Error(`at ${at}: ${why}`);
  };
  switch (op) {
    case '$absent':
      if (actual !== undefined && actual !== null) fail(`expected nothing, found ${short(actual)}`);
      return;
    case '$any':
      return;
    case '$not':
      if (ok(() => check(arg, actual, at))) fail(`${short(actual)} matches ${JSON.stringify(arg)}`);
      return;
    case '$all':
      if (!Array.isArray(arg)) fail('$all needs an array of matchers');
      for (const m of arg) check(m, actual, at);
      return;
    default:
      break;
  }
  if (actual === undefined) fail(`expected {${op}: ${JSON.stringify(arg)}}, found nothing`);
  switch (op) {
    case '$type':
      if (arg !== typeName(actual)) fail(`expected a ${JSON.stringify(arg)}, found ${short(actual)}`);
      return;
    case '$contains':
    case '$not_contains': {
      let found;
      if (typeof actual === 'string' && typeof arg === 'string') found = actual.includes(arg);
      else if (Array.isArray(actual)) found = actual.some((i) => ok(() => check(arg, i, at)));
      else fail(`${op} needs a string or an array, found ${short(actual)}`);
      if (op === '$contains' && !found) fail(`${short(actual)} does not contain ${JSON.stringify(arg)}`);
      if (op === '$not_contains' && found) fail(`${short(actual)} contains ${JSON.stringify(arg)}`);
      return;
    }
    case '$len':
    case '$min_len': {
      const want = typeof arg === 'number' ? arg : 0;
      const n = length(actual);
      const good = n !== undefined && (op === '$len' ? n === want : n >= want);
      if (!good) fail(`expected ${op} ${want}, found ${short(actual)}`);
      return;
    }
    case '$regex': {
      const re = new RegExp(String(arg), 'u');
      if (typeof actual !== 'string' || !re.test(actual)) fail(`${short(actual)} does not match /${arg}/`);
      return;
    }
    default:
      fail(`unknown matcher ${op}`);
  }
}

/** Throws when `actual` does not match `expected`. */
function matches(expected, actual) {
  check(expected, actual, '$');
}

module.exports = { matches };
