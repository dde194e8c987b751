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
];

/** The severity of the one API_ALWAYS_DENIED the snippet yields. */
function severityOf(source: string): string {
  const denied = findings(`${fs} ${source}`).diagnostics.filter((d) => d.code === 'API_ALWAYS_DENIED');
  assert.equal(denied.length, 1, source);
  return denied[0]!.severity;
}

test('an always-denied call is a warning only where the app lives past the denial', () => {
  const wrong = rows.filter(([source, expected]) => severityOf(source) !== expected).map(([source]) => source);
  assert.deepEqual(wrong, []);
});
