#!/usr/bin/env node
// Where the exchange's settlement gas goes, per fill. Copies the contracts and their tests to a
// temporary directory, takes one piece of work out of `settleBatch` at a time (an event, a policy
// call, the signature check, the order-state write, ...), and runs SettleBatchGasTest on each
// version: the difference from the whole exchange is what that piece costs a fill. The versions
// are for measuring only; none of them is safe to deploy.
//
//   node scripts/gas-breakdown.mjs
//
// Takes about two minutes: a minute for the first compile, then about 10 s a version.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const exchangeFile = path.join('src', 'SpectrumExchange.sol');
const whole = fs.readFileSync(path.join(root, exchangeFile), 'utf8');

// Each version: the lines taken out (or replaced) of SpectrumExchange.sol.
const versions = [
  ['the whole exchange', []],
  ['without the TradeSettled event', [
    ['emit TradeSettled(tally.marketId, maker, orderHash, side, q, c.price, amount);', '']]],
  ['without the TransferSingle events', [
    ['emit TransferSingle(tally.broker, address(0), maker, tally.marketId, q);', ''],
    ['if (fromLeases != 0) emit TransferSingle(tally.broker, maker, address(0), tally.marketId, fromLeases);', '']]],
  ['without the signature check', [
    ['address signer = _signer(orderHash, f.r, f.vs);', 'address signer = maker;']]],
  // The policy's checks cannot be taken out alone: they also give the maker's operator index, where
  // its position is kept.
  ['without the order-state write', [
    ['_setOrderWord(maker, nonce, filledWord);\n            return;', 'return;'],
    ['_setOrderWord(maker, nonce, filledWord);\n            if (filled', 'if (filled'],
    ['if (state == 0) _setOrderWord(maker, nonce, word | (PARTIAL << shift));', '']]],
  // The side check's transient word also keeps what the policy answered for the maker's first fill
  // in the market: without it, the policy is asked at every fill.
  ['without the one-side check (the policy asked every fill)', [
    ['(bytes32 seenKey, uint256 seen) = _requireOneSide(tally, maker, side);',
      '(bytes32 seenKey, uint256 seen) = (bytes32(0), 0);']]],
];

const setups = [
  ['10 + 10 makers who traded in the market before', 'same market'],
  ['10 + 10 makers who traded before, new market', 'new market'],
  ['50 new makers', 'new makers'],
  ['10 + 10 makers past their first orders, new market', 'established'],
];

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gas-breakdown-'));
for (const entry of ['src', 'test', 'scripts', 'foundry.toml']) {
  fs.cpSync(path.join(root, entry), path.join(work, entry), { recursive: true });
}
fs.symlinkSync(path.join(root, 'node_modules'), path.join(work, 'node_modules'));

function measure(edits) {
  let source = whole;
  for (const [from, to] of edits) {
    if (!source.includes(from)) {
      throw new Error(`SpectrumExchange.sol no longer has the line this version takes out: ${from}`);
    }
    source = source.replace(from, to);
  }
  fs.writeFileSync(path.join(work, exchangeFile), source);
  const run = spawnSync('node', ['scripts/forge.mjs', 'test', '--match-contract', 'SettleBatchGasTest', '-vv'],
    { cwd: work, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const figures = {};
  for (const m of run.stdout.matchAll(/settle gas per fill, ([^:]*): (\d+)/g)) figures[m[1]] = Number(m[2]);
  if (setups.some(([label]) => figures[label] === undefined)) {
    process.stderr.write(run.stdout.slice(-3000) + run.stderr.slice(-3000));
    throw new Error('SettleBatchGasTest printed no figures for this version');
  }
  return setups.map(([label]) => figures[label]);
}

try {
  const pad = (s, n) => String(s).padStart(n);
  const width = Math.max(...versions.map(([name]) => name.length)) + 2;
  console.log(`${'gas per fill'.padEnd(width)}${setups.map(([, short]) => pad(short, 12)).join('')}`);
  let base;
  for (const [name, edits] of versions) {
    const figures = measure(edits);
    base ??= figures;
    const cells = figures.map((g, i) => pad(edits.length === 0 ? g : g <= base[i] ? `-${base[i] - g}` : `+${g - base[i]}`, 12));
    console.log(`${name.padEnd(width)}${cells.join('')}`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
