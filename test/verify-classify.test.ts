// The audit recorder and the classifier behind `generate-flags verify` and the fixture runner's
// silent-miss check: each recorded access is granted, reported at a site on its stack, silent,
// outside the project's code, or a probe of a missing path. Table-driven on hand-made records,
// then the recorder on the real binaries with an audit mode (24, 26).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../lib/index.js';
import type { Report } from '../lib/report.js';
import { auditFlags, auditSupport, classifyAccess, foldersAtStart, parseRecords, verifyOutcome, type RecordedAccess, type StackFrame } from '../lib/verify/index.js';
import { runAudited } from './support/audit-run.js';
import { nodeBinary } from './support/node-binaries.js';
import { minimalEnv } from './support/run-under-policy.js';
import { tempProject } from './support/temp-dirs.js';

const root = '/srv/app';

function reportWith(parts: Partial<Pick<Report, 'diagnostics' | 'unresolved'>> & { read?: string[]; child?: boolean } = {}): Report {
  const none = { granted: false, evidence: [] };
  return {
    project: { root, entries: [`${root}/index.js`], files: ['index.js', 'lib/load.js'] },
    policy: {
      fsRead: (parts.read ?? []).map((p) => ({ path: p, evidence: [] })),
      fsWrite: [],
      childProcess: { granted: parts.child ?? false, evidence: [] },
      worker: none,
      addons: none,
      wasi: none,
      net: none,
      inspector: none,
    },
    needs: [],
    diagnostics: parts.diagnostics ?? [],
    unresolved: parts.unresolved ?? [],
  } as unknown as Report;
}

const node = (fn: string, file = 'node:fs'): StackFrame => ({ file, line: 1, column: 1, fn });
const at = (file: string, line: number): StackFrame => ({ file: path.join(root, file), line, column: 5 });

function access(permission: string, resource: string, stack: StackFrame[]): RecordedAccess {
  return { pid: 1, tid: 0, permission, resource, stack: [node('Channel.publish', 'node:diagnostics_channel'), ...stack] };
}

const readAt = (resource: string, ...frames: StackFrame[]) => access('FileSystemRead', resource, [node('Object.readFileSync'), ...frames]);

const unknownRead = {
  code: 'FS_PATH_UNKNOWN',
  severity: 'warning',
  site: { file: 'lib/load.js', line: 7, column: 3 },
  args: { api: 'fs.readFileSync', scope: 'read', reason: 'parameter', fallback: 'warn' },
} as Report['diagnostics'][number];

/** A package model applied to `pkg` (fast-glob's stands in for @nodelib/fs.scandir too). */
const modelApplied = (pkg: string) => ({ code: 'MODEL_APPLIED', severity: 'info', args: { package: pkg, model: 'shipped:fast-glob.json', covers: 1 } }) as Report['diagnostics'][number];

/** A package's fs.promises.cp call, reported as needing read on every folder above its path. */
const cpAncestors = {
  code: 'FS_NEEDS_ANCESTOR_READ',
  severity: 'warning',
  site: { file: 'node_modules/@npmcli/fs/lib/cp/index.js', line: 18, column: 7 },
  args: { api: 'fs.promises.cp', path: `${root}/in/a.txt` },
} as Report['diagnostics'][number];

/** A package's fs.realpath (callback) call, reported as needing read on every folder above its path (browserify's). */
const realpathAncestors = {
  code: 'FS_NEEDS_ANCESTOR_READ',
  severity: 'warning',
  site: { file: 'node_modules/browserify/index.js', line: 534, column: 17 },
  args: { api: 'fs.realpath', path: 'its path' },
} as Report['diagnostics'][number];

/** zx's `{ spawn: cp.spawn }` and @quansync/fs's `{ async: fs.promises.readFile }`: functions kept in an object, called from another file. */
const spawnKept = {
  code: 'CAPABILITY_FUNCTION_ESCAPED',
  severity: 'warning',
  site: { file: 'node_modules/zx/build/vendor-core.cjs', line: 1006, column: 10 },
  args: { module: 'child_process', api: 'child_process.spawn', how: 'stored' },
} as Report['diagnostics'][number];
const readFileKept = {
  code: 'CAPABILITY_FUNCTION_ESCAPED',
  severity: 'warning',
  site: { file: 'node_modules/@quansync/fs/dist/index.mjs', line: 10, column: 9 },
  args: { module: 'fs', api: 'fs.promises.readFile', how: 'stored' },
} as Report['diagnostics'][number];

/** Code made at run time (`new Function(…)`) reported at a column of a minified bundle's only line. */
const codeMadeAt = (column: number) =>
  ({ code: 'CODE_GENERATED', severity: 'warning', site: { file: 'node_modules/m/dist/index.js', line: 1, column }, args: { api: 'Function', fallback: 'warn' } }) as Report['diagnostics'][number];

describe('classifyAccess', () => {
  const rows: [string, Report, RecordedAccess, string, Record<string, unknown>?][] = [
    ['a path under a folder grant', reportWith({ read: [`${root}/data/*`] }), readAt(`${root}/data/a.json`, at('index.js', 3)), 'granted'],
    ['a path written with .. under a file grant (Node normalises it before the check)', reportWith({ read: [`${root}/data/a.json`] }), readAt(`${root}/lib/../data/a.json`, at('index.js', 3)), 'granted'],
    ['a boolean grant', reportWith({ child: true }), access('ChildProcess', 'ls', [node('spawn', 'node:child_process'), at('index.js', 2)]), 'granted'],
    [
      'a diagnostic at an outer frame',
      reportWith({ diagnostics: [unknownRead] }),
      readAt(`${root}/x`, at('node_modules/dep/index.js', 4), at('lib/load.js', 7)),
      'reported',
      { reportedBy: { code: 'FS_PATH_UNKNOWN', site: unknownRead.site } },
    ],
    [
      'an unresolved access at its call site',
      reportWith({ unresolved: [{ capability: 'fs.read', site: { file: 'index.js', line: 9, column: 1 }, api: 'fs.readFileSync', package: '.', reason: 'env-unbound', fallback: 'warn' }] }),
      readAt(`${root}/y`, at('index.js', 9)),
      'reported',
    ],
    [
      'a spawn by a function the report says was kept in an object, from another frame',
      reportWith({ diagnostics: [spawnKept] }),
      access('ChildProcess', 'ls', [node('spawn', 'node:child_process'), at('node_modules/zx/build/vendor-core.cjs', 1118), at('index.js', 2)]),
      'reported',
      { reportedBy: { code: 'CAPABILITY_FUNCTION_ESCAPED', site: spawnKept.site } },
    ],
    [
      'a promise read by a kept fs function, from a module that is not on the stack where it was kept',
      reportWith({ diagnostics: [readFileKept] }),
      access('FileSystemRead', `${root}/data.txt`, [node('readFile', 'node:internal/fs/promises'), at('node_modules/quansync/dist/src.js', 22), at('index.js', 3)]),
      'reported',
    ],
    [
      'a spawn on a minified line far from the line\'s only warning: silent (node-machine-id: CODE_GENERATED at 1:6013, its execSync 500 columns on)',
      reportWith({ diagnostics: [codeMadeAt(6013)] }),
      access('ChildProcess', 'reg query', [node('execSync', 'node:child_process'), { ...at('node_modules/m/dist/index.js', 1), column: 6540 }, at('index.js', 4)]),
      'silent',
    ],
    [
      'a spawn on a minified line at the warning\'s own call (the frame at `(`, 14 columns after the call\'s start): reported',
      reportWith({ diagnostics: [codeMadeAt(6013)] }),
      access('ChildProcess', 'x', [node('execSync', 'node:child_process'), { ...at('node_modules/m/dist/index.js', 1), column: 6027 }, at('index.js', 4)]),
      'reported',
    ],
    [
      'a call whose callee is long, frame 173 columns after the call\'s site (@babel/register\'s `(c ? fs.mkdirSync : require("make-dir").sync)(…)`): reported',
      reportWith({ diagnostics: [codeMadeAt(5)] }),
      access('ChildProcess', 'x', [node('execSync', 'node:child_process'), { ...at('node_modules/m/dist/index.js', 1), column: 178 }, at('index.js', 4)]),
      'reported',
    ],
    [
      'a frame 200 columns before the line\'s only site: silent',
      reportWith({ diagnostics: [codeMadeAt(6013)] }),
      access('ChildProcess', 'x', [node('execSync', 'node:child_process'), { ...at('node_modules/m/dist/index.js', 1), column: 5813 }, at('index.js', 4)]),
      'silent',
    ],
    ['a read by another fs function than the one kept: still silent', reportWith({ diagnostics: [readFileKept] }), readAt(`${root}/data.txt`, at('index.js', 4)), 'silent'],
    ['no grant and no report: silent, with the first project frame as site', reportWith(), readAt('/etc/hosts', at('node_modules/@s/p/x.js', 2), at('index.js', 1)), 'silent', { site: { file: 'node_modules/@s/p/x.js', line: 2, column: 5 }, package: '@s/p', api: 'fs.readFileSync', flag: '--allow-fs-read=/etc/hosts' }],
    ['no project frame, a path outside the project', reportWith(), readAt('/home/u/.npmrc', { file: '/usr/lib/node_modules/npm/lib/x.js', line: 1, column: 1 }), 'outside'],
    ['no project frame, a path inside the project', reportWith(), access('FileSystemRead', `${root}/lib/esm.js`, [node('load', 'node:internal/modules/esm/load')]), 'silent'],
    ['the package-scope lookup of the entry folder', reportWith(), access('FileSystemRead', root, [node('getNearestParentPackageJSONType', 'node:internal/modules/helpers')]), 'outside'],
    ['the package-scope lookup of a require', reportWith(), access('FileSystemRead', `${root}/lib`, [node('require', 'node:internal/modules/helpers'), at('index.js', 1)]), 'outside'],
    ['a folder read by the app itself', reportWith(), readAt(`${root}/lib`, at('index.js', 1)), 'silent'],
    // pirates' `oldLoader(mod, filename)`: a require hook calls the loader's anonymous `.js` handler itself (sucrase/register).
    [
      'the package-scope lookup of a module a require hook hands to the loader',
      reportWith(),
      access('FileSystemRead', `${root}/lib`, [
        node('getNearestParentPackageJSON', 'node:internal/modules/helpers'),
        node('Object.getNearestParentPackageJSON', 'node:internal/modules/package_json_reader'),
        { file: 'node:internal/modules/cjs/loader', line: 2070, column: 29 },
        { ...at('node_modules/pirates/lib/index.js', 134), fn: 'newLoader' },
      ]),
      'outside',
    ],
    ['the loader looking up an existing folder of a module the analysis never saw', reportWith(), access('FileSystemRead', `${root}/node_modules/x/lib`, [node('require', 'node:internal/modules/helpers'), at('node_modules/x/lib/cli.js', 3)]), 'outside'],
    ["Node's inspector check for a new worker", reportWith(), access('Inspector', '', [node('new Worker', 'node:internal/worker'), at('index.js', 4)]), 'outside'],
    ['a stat of a missing path', reportWith(), access('FileSystemRead', `${root}/.rc`, [node('Object.statSync'), at('index.js', 2)]), 'absent'],
    ['a promisified stat of a missing path', reportWith(), access('FileSystemRead', `${root}/.rc`, [node('stat', 'node:internal/util'), at('index.js', 2)]), 'absent'],
    [
      "a node -e child's access, with the inline code reported at the spawn",
      reportWith({ unresolved: [{ capability: 'module', site: { file: 'index.js', line: 5, column: 1 }, api: 'child_process.execFileSync', package: '.', reason: 'child-inline-code', fallback: 'warn' }] }),
      access('FileSystemRead', `${root}/lib.js`, [node('require', 'node:internal/modules/helpers'), { file: '[eval]', line: 1, column: 13 }]),
      'reported',
    ],
    [
      "a node -e grandchild's write, started by a program the analysis never read (npm running a package.json script)",
      reportWith({ unresolved: [{ capability: 'module', site: { file: 'node_modules/npm-run-all2/lib/spawn-posix.js', line: 59, column: 17 }, api: 'cross-spawn', package: 'npm-run-all2', reason: 'child-program', fallback: 'warn' }] }),
      access('FileSystemWrite', `${root}/out/a.txt`, [node('Object.writeFileSync'), { file: '[eval]', line: 1, column: 63 }, { file: '[eval]-wrapper', line: 6, column: 24 }]),
      'reported',
    ],
    ["a node -e child's access with no such report", reportWith(), access('FileSystemRead', `${root}/lib.js`, [node('require', 'node:internal/modules/helpers'), { file: '[eval]', line: 1, column: 13 }]), 'silent'],
    [
      "a read stream's later open, with the stream call reported unresolved",
      reportWith({ unresolved: [{ capability: 'fs.read', site: { file: 'cli.js', line: 19, column: 22 }, api: 'fs.createReadStream', package: 'json5', reason: 'call-result', fallback: 'warn' }] }),
      access('FileSystemRead', `${root}/in.json5`, [node('Object.open', 'node:fs'), node('ReadStream._construct', 'node:internal/fs/streams'), node('process.processTicksAndRejections', 'node:internal/process/task_queues')]),
      'reported',
    ],
    [
      "a package's own write stream class opening its file from Node's construct (graceful-fs's WriteStream$open), the stream call reported",
      reportWith({ unresolved: [{ capability: 'fs.write', site: { file: 'node_modules/copy-file/index.js', line: 49, column: 23 }, api: 'fs.createWriteStream', package: 'copy-file', reason: 'call-result', fallback: 'warn' }] }),
      access('FileSystemWrite', `${root}/out/a.png`, [
        node('Object.open', 'node:fs'),
        { ...at('node_modules/graceful-fs/graceful-fs.js', 357), fn: 'go$open' },
        { ...at('node_modules/graceful-fs/graceful-fs.js', 329), fn: 'WriteStream$open' },
        node('WriteStream._construct', 'node:internal/fs/streams'),
        node('process.processTicksAndRejections', 'node:internal/process/task_queues'),
      ]),
      'reported',
    ],
    [
      "the same package stream open with no stream call reported: silent",
      reportWith(),
      access('FileSystemWrite', `${root}/out/a.png`, [node('Object.open', 'node:fs'), { ...at('node_modules/graceful-fs/graceful-fs.js', 357), fn: 'go$open' }, node('WriteStream._construct', 'node:internal/fs/streams')]),
      'silent',
    ],
    [
      "a write stream's later open, with only a read stream reported",
      reportWith({ unresolved: [{ capability: 'fs.read', site: { file: 'cli.js', line: 19, column: 22 }, api: 'fs.createReadStream', package: 'json5', reason: 'call-result', fallback: 'warn' }] }),
      access('FileSystemWrite', `${root}/out.json`, [node('Object.open', 'node:fs'), node('WriteStream._construct', 'node:internal/fs/streams'), node('process.processTicksAndRejections', 'node:internal/process/task_queues')]),
      'silent',
    ],
    [
      "a recursive rm's later unlink, with the rm call reported unresolved",
      reportWith({ unresolved: [{ capability: 'fs.write', site: { file: 'node-hfs.js', line: 282, column: 10 }, api: 'fs.promises.rm', package: '@humanfs/node', reason: 'parameter', fallback: 'warn' }] }),
      access('FileSystemWrite', `${root}/out/a.txt`, [node('unlink', 'node:fs'), { file: 'node:internal/fs/rimraf', line: 73, column: 5 }, node('FSReqCallback.oncomplete', 'node:fs')]),
      'reported',
    ],
    [
      "a modelled package's walk on a later tick, with the modelled call reported unresolved",
      reportWith({
        diagnostics: [modelApplied('fast-glob'), modelApplied('@nodelib/fs.scandir')],
        unresolved: [{ capability: 'fs.read', site: { file: 'index.js', line: 4, column: 1 }, api: 'fast-glob', package: '.', reason: 'global', fallback: 'warn' }],
      }),
      access('FileSystemRead', `${root}/data`, [node('readdir'), at('node_modules/@nodelib/fs.scandir/out/providers/async.js', 18), at('node_modules/fastq/queue.js', 132), at('node_modules/@nodelib/fs.scandir/out/index.js', 52)]),
      'reported',
    ],
    [
      "a modelled package's read in a tick another package began, with a modelled call reported unresolved",
      reportWith({
        diagnostics: [modelApplied('fast-glob'), modelApplied('@nodelib/fs.scandir')],
        unresolved: [{ capability: 'fs.read', site: { file: 'index.js', line: 4, column: 1 }, api: 'fast-glob', package: '.', reason: 'global', fallback: 'warn' }],
      }),
      access('FileSystemRead', `${root}/other`, [node('readdir'), at('node_modules/@nodelib/fs.scandir/out/providers/async.js', 18), at('node_modules/caller-pkg/index.js', 9)]),
      'silent',
    ],
    [
      "a modelled package's walk on a later tick, with only an unmodelled call reported",
      reportWith({ diagnostics: [modelApplied('fast-glob'), modelApplied('@nodelib/fs.scandir')], unresolved: [{ capability: 'fs.read', site: { file: 'index.js', line: 3, column: 1 }, api: 'fs.readFileSync', package: '.', reason: 'global', fallback: 'warn' }] }),
      access('FileSystemRead', `${root}/data`, [node('readdir'), at('node_modules/@nodelib/fs.scandir/out/providers/async.js', 18), node('FSReqCallback.oncomplete')]),
      'silent',
    ],
    [
      "a child's relative read in the folder its cwd option named, with the spawn reported child-cwd",
      reportWith({ unresolved: [{ capability: 'fs.read', site: { file: 'index.js', line: 6, column: 13 }, api: 'child_process.execFileSync', package: '.', reason: 'child-cwd', fallback: 'warn' }] }),
      { ...readAt('data.txt', at('tools/child.js', 4)), resolved: `${root}/work/data.txt` },
      'reported',
    ],
    [
      "a relative read resolved in the app's own folder, with a child-cwd spawn reported",
      reportWith({ unresolved: [{ capability: 'fs.read', site: { file: 'index.js', line: 6, column: 13 }, api: 'child_process.execFileSync', package: '.', reason: 'child-cwd', fallback: 'warn' }] }),
      { ...readAt('data.txt', at('tools/child.js', 4)), resolved: `${root}/data.txt` },
      'silent',
    ],
    [
      "a child's absolute read below the working folder it was started in",
      reportWith({ unresolved: [{ capability: 'fs.read', site: { file: 'index.js', line: 6, column: 13 }, api: 'child_process.execFileSync', package: '.', reason: 'child-cwd', fallback: 'warn' }] }),
      { ...readAt(`${root}/work/more.txt`, at('tools/child.js', 5)), cwd: `${root}/work` },
      'reported',
    ],
    [
      "a child's absolute read outside the working folder it was started in",
      reportWith({ unresolved: [{ capability: 'fs.read', site: { file: 'index.js', line: 6, column: 13 }, api: 'child_process.execFileSync', package: '.', reason: 'child-cwd', fallback: 'warn' }] }),
      { ...readAt(`${root}/more.txt`, at('tools/child.js', 5)), cwd: `${root}/work` },
      'silent',
    ],
    [
      "an async cp's later read of a folder above its path, only the awaiting caller on its stack, with the cp call reported FS_NEEDS_ANCESTOR_READ",
      reportWith({ diagnostics: [{ code: 'FS_NEEDS_ANCESTOR_READ', severity: 'warning', args: { api: 'fs.promises.cp', path: `${root}/a.txt` }, site: { file: 'node_modules/@npmcli/fs/lib/cp/index.js', line: 18, column: 7 } }] as Report['diagnostics'] }),
      access('FileSystemRead', `${root}/out`, [node('lstat', 'node:internal/fs/promises'), { file: 'node:internal/fs/cp/cp', line: 70, column: 5, fn: 'cpFn' }, { file: `${root}/run.js`, line: 10, column: 3, async: true }]),
      'reported',
    ],
    [
      "an async cp's later read with the awaiting module shown as a plain frame, with the cp call reported FS_NEEDS_ANCESTOR_READ",
      reportWith({ diagnostics: [{ code: 'FS_NEEDS_ANCESTOR_READ', severity: 'warning', args: { api: 'fs.promises.cp', path: `${root}/a.txt` }, site: { file: 'node_modules/@npmcli/fs/lib/cp/index.js', line: 18, column: 7 } }] as Report['diagnostics'] }),
      access('FileSystemRead', `${root}/out`, [node('lstat', 'node:internal/fs/promises'), { file: 'node:internal/fs/cp/cp', line: 70, column: 5, fn: 'cpFn' }, { file: `${root}/run.js`, line: 10, column: 3 }]),
      'reported',
    ],
    [
      "an async cp's later read of a folder above its path, with no FS_NEEDS_ANCESTOR_READ reported",
      reportWith(),
      access('FileSystemRead', `${root}/out`, [node('lstat', 'node:internal/fs/promises'), { file: 'node:internal/fs/cp/cp', line: 70, column: 5, fn: 'cpFn' }, { file: `${root}/run.js`, line: 10, column: 3, async: true }]),
      'silent',
    ],
    [
      "a write by a child running a script the analysis never read, with the spawn reported child-program",
      reportWith({ unresolved: [{ capability: 'module', site: { file: 'node_modules/ed/index.js', line: 6, column: 18 }, api: 'child_process.spawnSync', package: 'ed', reason: 'child-program', fallback: 'warn' }] }),
      { ...access('FileSystemWrite', `${root}/notes/a.txt`, [node('Object.appendFileSync'), at('editor.js', 3)]), main: `${root}/editor.js` },
      'reported',
    ],
    [
      "a write by a forked script the analysis never read, with the fork's script reported unresolved (nodemon's fork(options.script))",
      reportWith({ unresolved: [{ capability: 'module', site: { file: 'node_modules/nodemon/lib/monitor/run.js', line: 138, column: 13 }, api: 'child_process.fork', package: 'nodemon', reason: 'parameter', name: 'options', fallback: 'warn' }] }),
      { ...access('FileSystemWrite', `${root}/log/runs.txt`, [node('Object.writeFileSync'), at('server.js', 7)]), main: `${root}/server.js` },
      'reported',
    ],
    [
      "a write by a child running a script the analysis never read, with only a read of it unresolved",
      reportWith({ unresolved: [{ capability: 'fs.read', site: { file: 'node_modules/ed/index.js', line: 6, column: 18 }, api: 'fs.readFileSync', package: 'ed', reason: 'parameter', fallback: 'warn' }] }),
      { ...access('FileSystemWrite', `${root}/notes/a.txt`, [node('Object.appendFileSync'), at('editor.js', 3)]), main: `${root}/editor.js` },
      'silent',
    ],
    [
      "a write by a child running a script the analysis never read, with no child-program report",
      reportWith(),
      { ...access('FileSystemWrite', `${root}/notes/a.txt`, [node('Object.appendFileSync'), at('editor.js', 3)]), main: `${root}/editor.js` },
      'silent',
    ],
    [
      "a write by the app's own entry, with a child-program spawn reported elsewhere",
      reportWith({ unresolved: [{ capability: 'module', site: { file: 'node_modules/ed/index.js', line: 6, column: 18 }, api: 'child_process.spawnSync', package: 'ed', reason: 'child-program', fallback: 'warn' }] }),
      { ...access('FileSystemWrite', `${root}/notes/a.txt`, [node('Object.writeFileSync'), at('lib/load.js', 3)]), main: `${root}/index.js` },
      'silent',
    ],
    [
      "a child's relative read in another folder, with only a child-cwd write reported",
      reportWith({ unresolved: [{ capability: 'fs.write', site: { file: 'index.js', line: 6, column: 13 }, api: 'child_process.execFileSync', package: '.', reason: 'child-cwd', fallback: 'warn' }] }),
      { ...readAt('data.txt', at('tools/child.js', 4)), resolved: `${root}/work/data.txt` },
      'silent',
    ],
    [
      "a recursive rm's later check with only an awaiting caller of the project on its stack, with the rm call reported unresolved",
      reportWith({ unresolved: [{ capability: 'fs.write', site: { file: 'node-hfs.js', line: 282, column: 10 }, api: 'fs.promises.rm', package: '@humanfs/node', reason: 'parameter', fallback: 'warn' }] }),
      access('FileSystemWrite', `${root}/out`, [node('rm', 'node:fs'), { file: 'node:internal/fs/rimraf', line: 73, column: 5 }, { file: `${root}/index.js`, line: 5, column: 1, async: true }]),
      'reported',
    ],
    [
      "fs.promises.rm's second check after its own await, only the project's awaiting caller on its stack",
      reportWith({ unresolved: [{ capability: 'fs.read', site: { file: 'node-hfs.js', line: 282, column: 10 }, api: 'fs.promises.rm', package: '@humanfs/node', reason: 'parameter', fallback: 'warn' }] }),
      access('FileSystemRead', `${root}/out`, [node('Object.rm', 'node:internal/fs/promises'), { file: `${root}/index.js`, line: 5, column: 1, async: true }]),
      'reported',
    ],
    [
      "a recursive rm's walk resumed after its await, the awaiting module shown as a plain frame, with the rm call reported unresolved",
      reportWith({ unresolved: [{ capability: 'fs.read', site: { file: 'node-hfs.js', line: 282, column: 10 }, api: 'fs.promises.rm', package: '@humanfs/node', reason: 'parameter', fallback: 'warn' }] }),
      access('FileSystemRead', `${root}/out`, [node('lstat'), { file: 'node:internal/fs/rimraf', line: 61, column: 5, fn: '_rimraf' }, node('Object.rm', 'node:internal/fs/promises'), { file: `${root}/index.js`, line: 5, column: 1 }]),
      'reported',
    ],
    [
      "fs.promises.rm's check with a synchronous caller of the project that nothing reported",
      reportWith({ unresolved: [{ capability: 'fs.read', site: { file: 'node-hfs.js', line: 282, column: 10 }, api: 'fs.promises.rm', package: '@humanfs/node', reason: 'parameter', fallback: 'warn' }] }),
      access('FileSystemRead', `${root}/out`, [node('Object.rm', 'node:internal/fs/promises'), { file: `${root}/index.js`, line: 5, column: 1 }]),
      'silent',
    ],
    [
      "fs.cp's walk up its destination's parents after its own await, the awaiting module shown as a plain frame, with the cp call's ancestor read reported",
      reportWith({ diagnostics: [cpAncestors] }),
      access('FileSystemRead', '/srv', [node('stat', 'node:internal/fs/promises'), { file: 'node:internal/fs/cp/cp', line: 170, column: 22, fn: 'checkParentPaths' }, { file: 'node:internal/fs/cp/cp', line: 72, column: 3, fn: 'async cpFn' }, at('index.js', 10)]),
      'reported',
      { reportedBy: { code: 'FS_NEEDS_ANCESTOR_READ', site: cpAncestors.site } },
    ],
    [
      "fs.cp's walk up its destination's parents with nothing reported",
      reportWith(),
      access('FileSystemRead', '/srv', [node('stat', 'node:internal/fs/promises'), { file: 'node:internal/fs/cp/cp', line: 170, column: 22, fn: 'checkParentPaths' }, { file: 'node:internal/fs/cp/cp', line: 72, column: 3, fn: 'async cpFn' }, at('index.js', 10)]),
      'silent',
    ],
    [
      "fs.cp's copy of its source after its await, with only the cp call's ancestor read reported",
      reportWith({ diagnostics: [cpAncestors] }),
      access('FileSystemRead', `${root}/in/a.txt`, [node('lstat', 'node:internal/fs/promises'), { file: 'node:internal/fs/cp/cp', line: 200, column: 25, fn: 'getStatsForCopy' }, at('index.js', 10)]),
      'silent',
    ],
    [
      "fs.realpath's lstat of a folder above the project on a later tick, with the realpath call's ancestor read reported",
      reportWith({ diagnostics: [realpathAncestors] }),
      access('FileSystemRead', '/srv', [node('Object.lstat'), node('LOOP'), node('process.processTicksAndRejections', 'node:internal/process/task_queues')]),
      'reported',
      { reportedBy: { code: 'FS_NEEDS_ANCESTOR_READ', site: realpathAncestors.site } },
    ],
    [
      // The folder holds the project's modules, so it once passed for the loader's package-scope lookup.
      "fs.realpath's lstat of a folder above the project on a later tick, with nothing reported",
      reportWith(),
      access('FileSystemRead', '/srv', [node('Object.lstat'), node('LOOP'), node('process.processTicksAndRejections', 'node:internal/process/task_queues')]),
      'silent',
    ],
    [
      "a recursive rm's later unlink, with only an unlink reported",
      reportWith({ unresolved: [{ capability: 'fs.write', site: { file: 'x.js', line: 2, column: 1 }, api: 'fs.unlink', package: '.', reason: 'parameter', fallback: 'warn' }] }),
      access('FileSystemWrite', `${root}/out/a.txt`, [node('unlink', 'node:fs'), { file: 'node:internal/fs/rimraf', line: 73, column: 5 }, node('FSReqCallback.oncomplete', 'node:fs')]),
      'silent',
    ],
  ];
  for (const [name, report, recorded, want, fields] of rows) {
    it(name, () => {
      const got = classifyAccess(report, recorded, { exists: (p) => !p.endsWith('.rc'), isDir: (p) => p.endsWith('/lib') && p.includes('node_modules') });
      assert.equal(got.class, want);
      for (const [key, value] of Object.entries(fields ?? {})) assert.deepEqual(got[key as keyof typeof got], value, key);
    });
  }

  it('a call chained over lines is reported at its start, lines above the frame (test-exclude: `return glob\\n    .sync(p, o)`)', () => {
    const globAt = { code: 'FS_PATH_UNKNOWN', severity: 'warning', site: { file: 'node_modules/t/index.js', line: 3, column: 16 }, args: {} } as Report['diagnostics'][number];
    const text = ['', '', '        return glob', '            .sync(p, o)', '            .map(f)', 'other(x)', '  .sync(y)'];
    const lineText = (file: string, line: number) => (file === path.join(root, 'node_modules/t/index.js') ? text[line - 1] : undefined);
    const at4 = access('FileSystemRead', `${root}/in/a.js`, [node('lstatSync'), { file: path.join(root, 'node_modules/t/index.js'), line: 4, column: 14 }, at('index.js', 1)]);
    assert.equal(classifyAccess(reportWith({ diagnostics: [globAt] }), at4, { lineText }).class, 'reported');
    const at5 = access('FileSystemRead', `${root}/in/a.js`, [node('lstatSync'), { file: path.join(root, 'node_modules/t/index.js'), line: 5, column: 14 }, at('index.js', 1)]);
    assert.equal(classifyAccess(reportWith({ diagnostics: [globAt] }), at5, { lineText }).class, 'reported');
    // Without the text, or from a line that does not continue a chain, the site above is another call's.
    assert.equal(classifyAccess(reportWith({ diagnostics: [globAt] }), at4).class, 'silent');
    const at7 = access('FileSystemRead', `${root}/in/a.js`, [node('lstatSync'), { file: path.join(root, 'node_modules/t/index.js'), line: 6, column: 3 }, at('index.js', 1)]);
    assert.equal(classifyAccess(reportWith({ diagnostics: [globAt] }), at7, { lineText }).class, 'silent');
  });

  it('a stat of a path that exists is not excused', () => {
    const got = classifyAccess(reportWith(), access('FileSystemRead', `${root}/.rc`, [node('Object.statSync'), at('index.js', 2)]), { exists: () => true });
    assert.equal(got.class, 'silent');
  });
});

describe('parseRecords', () => {
  it('keeps records and counts the lines that are not', () => {
    const text = `${JSON.stringify({ pid: 2, tid: 1, permission: 'FileSystemRead', resource: 'a', resolved: '/x/a', stack: [{ file: '/x/i.js', line: 1, column: 2 }, { bad: 1 }] })}\n{"pid":3,"perm\n[]\n\n`;
    const { accesses, skipped } = parseRecords(text);
    assert.deepEqual(accesses, [{ pid: 2, tid: 1, permission: 'FileSystemRead', resource: 'a', resolved: '/x/a', stack: [{ file: '/x/i.js', line: 1, column: 2 }] }]);
    assert.equal(skipped, 2);
  });
});

describe('audit mode', () => {
  it('replaces the enable flag and keeps the grants', () => {
    assert.deepEqual(auditFlags(['--permission', '--allow-fs-read=/a', '--allow-worker']), ['--permission-audit', '--allow-fs-read=/a', '--allow-worker']);
  });
  it('is usable on 24 and 26 only (25 enforces fs and net, 20-23 have none)', () => {
    assert.deepEqual(['20.20.2', '22.23.3', '23.11.1', '24.21.0', '25.9.0', '26.10.0'].map((v) => auditSupport(v).usable), [false, false, false, true, false, true]);
  });
});

const app = {
  'package.json': '{"name":"a"}',
  'index.js': [
    "const fs = require('fs');",
    "const { execFileSync } = require('child_process');",
    "const { Worker } = require('worker_threads');",
    "fs.readFileSync(__dirname + '/data.txt');",
    "fs.readFileSync(['oth', 'er.txt'].join(String.fromCharCode()));",
    "if (process.argv[2] === 'child') { fs.readFileSync(__dirname + '/child.txt'); process.exit(0); }",
    "execFileSync(process.execPath, [__filename, 'child']);",
    "const w = new Worker(__dirname + '/w.js');",
    "w.on('exit', () => console.log('ok'));",
  ].join('\n'),
  // Outside the cwd: a worker thread reads the cwd's whole subtree without a grant (22, 24, 26; measured).
  'w.js': "require('fs').statSync('/usr/bin');\n",
  'data.txt': 'd',
  'other.txt': 'o',
  'child.txt': 'c',
};

for (const major of ['24', '26']) {
  describe(`the recorder on Node ${major}`, () => {
    it('records nothing the policy grants, and each ungranted access with its site, in children and workers too', async () => {
      const dir = fs.realpathSync(tempProject('npp-verify-', app));
      const report = await analyze({ cwd: dir, target: major, unresolved: 'warn' });
      const full = await runAudited(report, nodeBinary(major), [path.join(dir, 'index.js')], { cwd: dir, env: minimalEnv({}) });
      assert.equal(full.run.code, 0, full.run.stderr);
      // Line 5 runs in the parent and in the child.
      const found = full.accesses.filter((a) => a.class === 'silent' || a.class === 'reported').map((a) => `${a.class} ${a.site?.line}`);
      assert.deepEqual(found, ['reported 5', 'reported 5']);

      const bare = { ...report, policy: { ...report.policy, fsRead: [], childProcess: { granted: false, evidence: [] }, worker: { granted: false, evidence: [] } }, flags: [report.flags[0]!] };
      const none = await runAudited(bare, nodeBinary(major), [path.join(dir, 'index.js')], { cwd: dir, env: minimalEnv({}) });
      const silent = none.accesses.filter((a) => a.class === 'silent').map((a) => `${a.flag.replace(dir, '<app>')} ${a.site?.file}:${a.site?.line}`);
      for (const want of [
        '--allow-fs-read=<app>/data.txt index.js:4',
        '--allow-fs-read=<app>/child.txt index.js:6',
        '--allow-child-process index.js:7',
        '--allow-worker index.js:8',
        '--allow-fs-read=/usr/bin w.js:1',
      ]) {
        assert.ok(silent.includes(want), `${want} not among\n${silent.join('\n')}`);
      }
    });
  });
}

describe('classifyAccess and the unresolved fallback', () => {
  it('a grant only the project fallback made does not count as the analysis seeing the access', () => {
    const report = reportWith({ read: [`${root}/*`] });
    report.policy.fsRead[0]!.evidence = [{ reason: 'unresolved-fallback', package: '.' }, { reason: 'api', package: '.' }];
    report.needs = [{ capability: 'fs.read', path: `${root}/config.json`, site: { file: 'index.js', line: 3, column: 1 }, api: 'fs.readFileSync', package: '.' }];
    assert.equal(classifyAccess(report, readAt(`${root}/t.txt`, at('index.js', 6))).class, 'silent');
    assert.equal(classifyAccess(report, readAt(`${root}/config.json`, at('index.js', 3))).class, 'granted');
    assert.equal(classifyAccess(report, readAt(`${root}/lib/load.js`, at('index.js', 1))).class, 'granted');
  });
});

describe('verifyOutcome', () => {
  it('sorts against the policy in use: used grants, stale and silent accesses once each, unused grants but the entry', () => {
    const report = reportWith({ read: [`${root}/data/*`, `${root}/index.js`] });
    report.needs = [{ capability: 'fs.read', path: `${root}/data`, subtree: true, site: { file: 'index.js', line: 3, column: 1 }, api: 'fs.readFileSync', package: '.' }];
    const policy = { source: 'permission.flags', read: [`${root}/index.js`, `${root}/old.txt`], write: [], allow: [] };
    const accesses = [readAt(`${root}/data/a.json`, at('index.js', 3)), readAt(`${root}/data/a.json`, at('index.js', 3)), readAt(`${root}/x`, at('index.js', 9))];
    const out = verifyOutcome({ report, policy, accesses, isDir: () => false, exists: () => true });
    assert.deepEqual(out.missing.map((a) => `${a.status} ${a.path} ${a.site}`), [`stale ${root}/data/a.json index.js:3:5`, `silent ${root}/x index.js:9:5`]);
    assert.deepEqual(out.unused, [`--allow-fs-read=${root}/old.txt`]);
    assert.equal(out.counts.observed, 2);
  });
});

describe('the audit-mode table against the real binaries', () => {
  for (const major of ['20', '22', '24', '26']) {
    it(`Node ${major}: ${auditSupport(`${major}.0.0`).usable ? 'reports an ungranted read and lets it go ahead' : 'has no --permission-audit'}`, () => {
      const dir = fs.realpathSync(tempProject('npp-audit-mode-', { 'f.txt': 'x' }));
      const code = "const dc = require('diagnostics_channel'); let seen = ''; dc.subscribe('node:permission-model:fs', (m) => (seen = m.resource)); require('fs').readFileSync(process.argv[1]); console.log(seen);";
      const r = spawnSync(nodeBinary(major), ['--permission-audit', '-e', code, path.join(dir, 'f.txt')], { encoding: 'utf8' });
      if (auditSupport(`${major}.0.0`).usable) {
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stdout.trim(), path.join(dir, 'f.txt'));
      } else {
        assert.equal(r.status, 9);
        assert.match(r.stderr, /bad option: --permission-audit/);
      }
    });
  }
});

describe('reports that speak for a whole file or a module lookup', () => {
  it('an access from a file not analysed (over --max-file-size) counts as reported by its file-level unresolved access', () => {
    const unresolved = [{ capability: 'fs.write' as const, site: { file: 'lib/big.js', line: 1, column: 1 }, api: 'fs', package: '.', reason: 'file-too-large' as const, fallback: 'warn' as const }];
    const write = access('FileSystemWrite', `${root}/out/report.txt`, [node('Object.writeFileSync'), at('lib/big.js', 88)]);
    assert.equal(classifyAccess(reportWith({ unresolved }), write).class, 'reported');
    assert.equal(classifyAccess(reportWith(), write).class, 'silent');
  });
  it('a lookup of a missing module counts as reported by its IMPORT_UNRESOLVED, even at info (inside a try)', () => {
    const diagnostics = [{ code: 'IMPORT_UNRESOLVED', severity: 'info', site: { file: 'lib/load.js', line: 5, column: 8 }, args: { specifier: 'gone', optional: 'try' } }] as Report['diagnostics'];
    const probe = readAt(`${root}/node_modules/gone/package.json`, at('lib/load.js', 5));
    assert.equal(classifyAccess(reportWith({ diagnostics }), probe).class, 'reported');
  });
});

describe('foldersAtStart', () => {
  it('takes a granted folder the app makes during the run for the path alone, as Node does (csv-writer: mkdir out, then a write below it)', () => {
    const report = reportWith();
    report.policy.fsWrite = [{ path: `${root}/out`, evidence: [] }];
    let made = false;
    const isDir = (p: string) => (p === `${root}/out` ? made : p === `${root}/data`);
    const dirs = foldersAtStart(report, undefined, isDir);
    made = true; // the run makes it
    const write = access('FileSystemWrite', `${root}/out/file.csv`, [node('Object.open'), at('node_modules/csv-writer/dist/lib/lang/promise.js', 23)]);
    assert.equal(classifyAccess(report, write, { isDir: dirs }).class, 'silent');
    assert.equal(classifyAccess(report, write, { isDir }).class, 'granted', 'judged after the run, the made folder looked like a folder grant');
    assert.equal(dirs(`${root}/data`), true, 'a path no grant names is looked at when asked');
  });
});
