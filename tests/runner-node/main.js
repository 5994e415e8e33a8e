#!/usr/bin/env node
'use strict';
// Runs every shared case of tests/cases through the Node API (bindings-node), prints one line
// per case and writes tests/results/node.json for tests/matrix.py.
//
// Usage: node tests/runner-node/main.js [--cases DIR] [--results FILE] [--env FILE] [--only SUBSTRING]

const fs = require('node:fs');
const path = require('node:path');
const { discover } = require('./engines');
const { runCase } = require('./run');
const { Evidence } = require('./evidence');

const PARALLEL = 4;
const ROOT = path.join(__dirname, '..', '..');

function parseArgs(argv) {
  const args = {
    cases: path.join(ROOT, 'tests/cases'),
    results: path.join(ROOT, 'tests/results/node.json'),
    env: process.env.DEA_ENGINES_ENV || path.join(ROOT, 'tests/engines/engines.env'),
    only: null,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const key = { '--cases': 'cases', '--results': 'results', '--env': 'env', '--only': 'only' }[argv[i]];
    if (!key) throw new Error(`unknown argument ${argv[i]}`);
    if (argv[i + 1] === undefined) throw new Error(`${argv[i]} needs a value`);
    args[key] = argv[i + 1];
  }
  return args;
}

function loadCases(dir) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const cases = [];
  for (const f of files) cases.push(...JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')).cases);
  const names = new Set();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`duplicate case name ${c.name}`);
    names.add(c.name);
    for (const s of [...c.steps, ...(c.cleanup || [])]) {
      if (['op', 'client', 'helper'].filter((k) => s[k] !== undefined).length !== 1) {
        throw new Error(`${c.name}: every step needs exactly one of \`op\`, \`helper\` and \`client\``);
      }
    }
  }
  return cases;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const engines = discover(args.env);
  let cases = loadCases(args.cases);
  if (args.only) cases = cases.filter((c) => c.name.includes(args.only));
  const runId = `dea-js-${process.pid}`;
  const outcomes = new Array(cases.length);
  const evidence = new Evidence();
  const runOne = async (i) => {
    const c = cases[i];
    const started = Date.now();
    let outcome = await runCase(c, engines, runId, evidence);
    if (outcome.status === 'fail') outcome = { ...outcome, detail: `${outcome.detail} [case: ${c.doc || ''}]` };
    outcomes[i] = { ...outcome, ms: Date.now() - started };
  };
  // Exclusive cases (swarm mode, prunes) run after the others, one by one, so that nothing
  // else of this runner is in flight.
  const shared = cases.map((c, i) => i).filter((i) => !cases[i].exclusive);
  const worker = async () => {
    while (shared.length > 0) await runOne(shared.shift());
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  for (const [i, c] of cases.entries()) if (c.exclusive) await runOne(i);
  const counts = { pass: 0, fail: 0, skip: 0 };
  const results = {};
  cases.forEach((c, i) => {
    const o = outcomes[i];
    counts[o.status] += 1;
    console.log(`${o.status.toUpperCase().padEnd(4)} ${c.name} (${o.ms} ms)${o.detail ? `: ${o.detail}` : ''}`);
    results[c.name] = { status: o.status, detail: o.detail || '', ms: o.ms };
  });
  fs.mkdirSync(path.dirname(args.results), { recursive: true });
  fs.writeFileSync(args.results, `${JSON.stringify({ language: 'node', results, ops: evidence }, null, 2)}\n`);
  console.log(`node: ${counts.pass} passed, ${counts.fail} failed, ${counts.skip} skipped`);
  return counts.fail > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(`case-runner (node): ${e.message}`);
    process.exitCode = 2;
  },
);
