// When an always-denied call (fsync, fchmod, process.binding) is an error and when a warning
// (lib/detect/always-denied.ts): a warning only where the app lives past the denial. Each row's
// outcome was measured under the Permission Model on Node 20.20.2, 22.23.3, 24.21.0 and 26.10.0
// (a script running the shape with the fd's file granted: exit 1 for each `error` row, exit 0
// for each `warning` row). A `catch` that rethrows or exits, or a callback that throws the error,
// kills the app as surely as no `try` at all: calling it a warning told an app that dies it was fine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findings } from './support/snippet.js';

const fs = `const fs = require('fs'); const fd = 3;`;

const rows: [string, 'error' | 'warning'][] = [
  [`fs.fsyncSync(fd)`, 'error'],
  [`try { fs.fsyncSync(fd) } catch {}`, 'warning'],
  [`try { fs.fsyncSync(fd) } catch (e) { console.log(e.code) }`, 'warning'],
  [`try { fs.fsyncSync(fd) } catch (e) { throw e }`, 'error'],
  [`try { fs.fsyncSync(fd) } catch (e) { if (e.code !== 'ENOENT') throw e }`, 'error'],
  [`try { fs.fsyncSync(fd) } catch (e) { console.error(e); process.exit(1) }`, 'error'],
  [`try { fs.fsyncSync(fd) } catch (e) { process.abort() }`, 'error'],
  // An outer try that survives catches what the inner one rethrows.
  [`try { try { fs.fsyncSync(fd) } catch (e) { throw e } } catch {}`, 'warning'],
  // A throw in a function the handler defines runs later, if ever.
  [`try { fs.fsyncSync(fd) } catch (e) { setTimeout(() => { throw e }, 1e9).unref() }`, 'warning'],
  [`fs.fsync(fd, () => {})`, 'warning'],
  [`fs.fsync(fd, (err) => { if (err) console.log(err.code) })`, 'warning'],
  [`fs.fsync(fd, (err) => { if (err) throw err })`, 'error'],
  [`fs.fsync(fd, function (err) { if (err) { process.exit(2) } })`, 'error'],
  [`fs.fchmod(fd, 0o644, (err) => { throw err })`, 'error'],
  // A callback handed in from elsewhere: what it does is not seen here.
  [`function f(cb) { fs.fsync(fd, cb) }`, 'warning'],
  // A function its file calls only under a condition it cannot show true (debug's `DEBUG_FD`)...
  [`function sync() { fs.fsyncSync(fd) } if (process.env.SYNC_FD) sync()`, 'warning'],
  // ...but not one called on both sides of a condition: it runs whichever way the condition goes.
  [`function sync() { fs.fsyncSync(fd) } if (x) { sync() } else { sync() }`, 'error'],
  [`function sync() { fs.fsyncSync(fd) } x ? sync() : sync()`, 'error'],
  [`function sync() { fs.fsyncSync(fd) } x && sync(); x || sync()`, 'error'],
  [`function sync() { fs.fsyncSync(fd) } if (!x) {} else sync(); if (x) {} else sync()`, 'error'],
  // Nor one used otherwise: exported, passed on, called through another name.
  [`function sync() { fs.fsyncSync(fd) } if (x) sync(); module.exports = sync`, 'error'],
  [`function sync() { fs.fsyncSync(fd) } if (x) sync(); [fd].forEach(sync)`, 'error'],
  [`function sync() { fs.fsyncSync(fd) } if (x) sync(); sync.call(null)`, 'error'],
];

/** The severity of the one API_ALWAYS_DENIED the snippet yields. */
function severityOf(source: string, file?: string): string {
  const prelude = file?.endsWith('.mjs') ? `import fs from 'fs'; const fd = 3;` : fs;
  const denied = findings(`${prelude} ${source}`, file).diagnostics.filter((d) => d.code === 'API_ALWAYS_DENIED');
  assert.equal(denied.length, 1, source);
  return denied[0]!.severity;
}

test('an always-denied call is a warning only where the app lives past the denial', () => {
  const wrong = rows.filter(([source, expected]) => severityOf(source) !== expected).map(([source]) => source);
  assert.deepEqual(wrong, []);
});

test('an exported declaration called in its file only under a condition stays an error: its importers call it', () => {
  for (const source of [`export function sync() { fs.fsyncSync(fd) } if (x) sync()`, `export default function sync() { fs.fsyncSync(fd) } if (x) sync()`]) {
    assert.equal(severityOf(source, '/app/index.mjs'), 'error', source);
  }
});

// Not downgrades: the option the condition reads is set by a caller the analysis sees (the app
// dies whenever it runs), or the condition is merely undecided, not off. The test is evaluated
// through the callers the file shows (option-branches.ts TurnsOn).
const turnedOnByCallers: string[] = [
  `function w(o) { if (o.sync) fs.fsyncSync(fd) } w({ sync: true })`,
  `function Sink(o) { this._fsync = o.fsync } Sink.prototype.flush = function () { if (this._fsync) fs.fsyncSync(fd) }; new Sink({ fsync: true }).flush()`,
  `function sync() { fs.fsyncSync(fd) } const rows = [1]; if (rows.length > 0) sync()`,
];

test('an always-denied call whose condition a visible caller turns on is an error', () => {
  for (const source of turnedOnByCallers) assert.equal(severityOf(source), 'error', source);
});
