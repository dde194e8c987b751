// Measures, on each installed Node binary (the test manifest), two facts the analysis needs per
// version and writes them to lib/node-versions/generated/node-apis.ts:
// - the built-in modules (`require('module').builtinModules`, plus the `node:`-only ones that
//   `isBuiltin` accepts), so an unknown `node:` specifier is reported like Node reports it;
// - the APIs the Permission Model denies whatever is granted: each is called with every
//   capability granted (`--allow-fs-read=* --allow-fs-write=*` and every other allow flag the
//   binary has), and those that still throw ERR_ACCESS_DENIED are listed;
// - the probed APIs a binary does not have (`absent`: `module.enableCompileCache` before 22.1), whose
//   accesses a target without them never makes.
// Usage: node scripts/measure-node-apis.mjs [--print]   (reads the manifest the tests use)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cache = process.env.NPP_NODE_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'node-permission-policy', 'nodes');
const manifest = JSON.parse(readFileSync(path.join(cache, 'manifest.json'), 'utf8'));

/** Built-ins that exist only with the `node:` scheme, which builtinModules of 20 and 22 leaves out. */
const schemeOnly = ['node:test', 'node:test/reporters', 'node:sqlite', 'node:sea', 'node:quic', 'node:ffi'];
const builtinsProbe = `
const m = require('module');
const names = new Set(m.builtinModules.filter((n) => !n.startsWith('_')));
for (const n of ${JSON.stringify(schemeOnly)}) if (m.isBuiltin(n)) names.add(n);
console.log(JSON.stringify([...names].sort()));`;

// Each probe is one call with everything it needs granted; the list names the API as the
// detector tables do. An fd-based call gets a file opened for read and write in the temp folder.
const deniedProbe = `
const fs = require('fs'); const fsp = require('fs/promises');
const file = process.cwd() + '/f.txt';
fs.writeFileSync(file, 'x');
const fd = () => fs.openSync(file, 'r+');
const withHandle = async (f) => { const h = await fsp.open(file, 'r+'); try { return await f(h); } finally { await h.close(); } };
const cb = (f) => new Promise((res, rej) => f((e) => (e ? rej(e) : res())));
const probes = {
  'fs.fsyncSync': () => fs.fsyncSync(fd()),
  'fs.fsync': () => cb((k) => fs.fsync(fd(), k)),
  'fs.fdatasyncSync': () => fs.fdatasyncSync(fd()),
  'fs.fdatasync': () => cb((k) => fs.fdatasync(fd(), k)),
  'fs.fchmodSync': () => fs.fchmodSync(fd(), 0o644),
  'fs.fchmod': () => cb((k) => fs.fchmod(fd(), 0o644, k)),
  'fs.fchownSync': () => fs.fchownSync(fd(), process.getuid(), process.getgid()),
  'fs.fchown': () => cb((k) => fs.fchown(fd(), process.getuid(), process.getgid(), k)),
  'fs.futimesSync': () => fs.futimesSync(fd(), 1, 1),
  'fs.futimes': () => cb((k) => fs.futimes(fd(), 1, 1, k)),
  'fs.ftruncateSync': () => fs.ftruncateSync(fd(), 0),
  'fs.ftruncate': () => cb((k) => fs.ftruncate(fd(), 0, k)),
  'fs.fstatSync': () => fs.fstatSync(fd()),
  'fs.writeSync': () => fs.writeSync(fd(), 'y'),
  'fs.readSync': () => fs.readSync(fd(), Buffer.alloc(1)),
  'FileHandle.sync': () => withHandle((h) => h.sync()),
  'FileHandle.datasync': () => withHandle((h) => h.datasync()),
  'FileHandle.chmod': () => withHandle((h) => h.chmod(0o644)),
  'FileHandle.chown': () => withHandle((h) => h.chown(process.getuid(), process.getgid())),
  'FileHandle.utimes': () => withHandle((h) => h.utimes(1, 1)),
  'FileHandle.truncate': () => withHandle((h) => h.truncate(0)),
  'FileHandle.stat': () => withHandle((h) => h.stat()),
  'FileHandle.writeFile': () => withHandle((h) => h.writeFile('z')),
  'FileHandle.readFile': () => withHandle((h) => h.readFile()),
  'fs.symlinkSync': () => fs.symlinkSync(file, process.cwd() + '/l' + Math.random()),
  'fs.linkSync': () => fs.linkSync(file, process.cwd() + '/h' + Math.random()),
  'fs.cpSync': () => fs.cpSync(file, process.cwd() + '/c.txt'),
  'fs.statfsSync': () => fs.statfsSync(process.cwd()),
  'fs.realpathSync.native': () => fs.realpathSync.native(file),
  'fs.openAsBlob': () => fs.openAsBlob(file),
  'fs.mkdtempSync': () => fs.mkdtempSync(process.cwd() + '/t-'),
  'fs.watch': () => fs.watch(file).close(),
  'process.chdir': () => process.chdir(process.cwd()),
  'process.binding': () => process.binding('fs'),
  'process.report.writeReport': () => process.report.writeReport(process.cwd() + '/r.json'),
  'v8.writeHeapSnapshot': () => require('v8').writeHeapSnapshot(process.cwd() + '/h.heapsnapshot'),
  'v8.getHeapSnapshot': () => require('v8').getHeapSnapshot().destroy(),
  'child_process.spawnSync': () => { const r = require('child_process').spawnSync('true'); if (r.error) throw r.error; },
  'worker_threads.Worker': () => new Promise((res, rej) => { const w = new (require('worker_threads').Worker)('1', { eval: true }); w.on('error', rej); w.on('exit', res); }),
  'inspector.Session.connect': () => { const s = new (require('inspector').Session)(); s.connect(); s.disconnect(); },
  'trace_events.createTracing': () => require('trace_events').createTracing({ categories: ['node.perf'] }).enable(),
  'sqlite.DatabaseSync': () => { const { DatabaseSync } = require('node:sqlite'); const db = new DatabaseSync(process.cwd() + '/d.db'); db.exec('create table t(x)'); db.close(); },
  'sqlite.DatabaseSync(:memory:)': () => { const { DatabaseSync } = require('node:sqlite'); new DatabaseSync(':memory:').close(); },
  'module.register': () => require('module').register('data:text/javascript,export{}'),
  // Not denied but absent before 22.1: a target without it never makes the call's access.
  'module.enableCompileCache': () => { const r = require('module').enableCompileCache(process.cwd() + '/cc'); if (r.status === require('module').constants.compileCacheStatus.FAILED) throw new Error(r.message); },
  'os.setPriority': () => require('os').setPriority(0),
  'process.setegid': () => process.setegid(process.getegid()),
  'process.dlopen': () => { try { process.dlopen({ exports: {} }, '/nonexistent.node'); } catch (e) { if (e.code === 'ERR_ACCESS_DENIED') throw e; } },
};
(async () => {
  const denied = [];
  const missing = [];
  for (const [name, probe] of Object.entries(probes)) {
    try {
      await probe();
    } catch (e) {
      if (e && e.code === 'ERR_ACCESS_DENIED') denied.push(name);
      else if (e && /not a function|Cannot find module|No such built-in|ERR_UNKNOWN_BUILTIN_MODULE|is not a constructor/.test(String(e.message) + e.code)) missing.push(name);
    }
  }
  console.log(JSON.stringify({ denied, missing }));
  process.exit(0);
})();`;

function allowFlags(bin) {
  const help = execFileSync(bin, ['--help'], { encoding: 'utf8' });
  const flags = [...new Set(help.match(/--allow-[a-z-]+/g) ?? [])];
  return flags.map((f) => (f.startsWith('--allow-fs-') ? `${f}=*` : f));
}

function measure(bin) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npp-measure-'));
  try {
    const version = execFileSync(bin, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
    const builtins = JSON.parse(execFileSync(bin, ['-e', builtinsProbe], { encoding: 'utf8' }));
    const enable = Number(version.split('.')[0]) >= 22 ? '--permission' : '--experimental-permission';
    writeFileSync(path.join(dir, 'probe.js'), deniedProbe);
    const out = execFileSync(bin, [enable, ...allowFlags(bin), '--no-warnings', 'probe.js'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    const { denied, missing } = JSON.parse(out.trim().split('\n').pop());
    return { version, builtins, alwaysDenied: denied, absent: missing };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows = Object.entries(manifest).map(([major, entry]) => ({ major: Number(major), ...measure(entry.bin) }));
if (process.argv.includes('--print')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const out = path.join(repo, 'lib', 'node-versions', 'generated', 'node-apis.ts');
  const text =
    '// Generated by scripts/measure-node-apis.mjs from the installed Node binaries. Do not edit.\n' +
    'export const measuredApis = ' +
    JSON.stringify(rows, null, 2) +
    ' as const;\n';
  writeFileSync(out + '.tmp', text);
  renameSync(out + '.tmp', out);
  console.log(`wrote ${path.relative(repo, out)} (${rows.map((r) => r.version).join(', ')})`);
}
