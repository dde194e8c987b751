// How much of each file's examination depends on other files, and how the CPU of a cold run
// splits between what a worker could take and what stays on the main thread (issue #19; the
// figures are in docs/design/per-file-summary.md). Runs the compiled build (`npm run build`
// first) on the inputs of `npm run snapshot`, patched by ./cross-file-probe.mjs.
//
// Usage: tsx bench/cross-file.ts [--only fixtures|corpus|bench|self] [--time N] [--out FILE]
//   counts on every input named (default: all); with --time N, also times eslint's tree N
//   times in one process with the counters off, and splits each file's parse into read, acorn
//   and scope walk by parsing every file again (median of N rounds).

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type * as Lib from '../lib/index.js';
import type { AnalyzeOptions } from '../lib/analyze.js';
import { caseOptions, loadFixtureCase } from '../test/support/fixture-case.js';
import { listFixtureFolders, fixturesRoot, repoRoot } from '../test/support/fixture-folders.js';
import { corpusApps, installDir, completeMarker } from '../scripts/corpus-cache.mjs';
import { instrument, type ProbeRun } from './cross-file-probe.mjs';

const { values } = parseArgs({ options: { only: { type: 'string', multiple: true }, time: { type: 'string', default: '0' }, out: { type: 'string' } } });
const only = new Set(values.only ?? ['fixtures', 'corpus', 'bench', 'self']);
const dist = (p: string) => pathToFileURL(path.join(repoRoot, 'dist', 'lib', p)).href;
const lib = (await import(dist('index.js'))) as typeof Lib;
const worklist = await import(dist('graph/worklist.js'));
const benchDir = process.env.NPP_BENCH_CACHE ?? path.join(os.homedir(), '.cache', 'node-permission-policy', 'bench', 'eslint-9.39.5');
const base: Partial<AnalyzeOptions> = { homedir: '/home/snapshot', tmpdir: '/tmp/snapshot' };

type FileStat = Record<string, any>;
type Run = ProbeRun;

/** Every input of `npm run snapshot`, by group. */
function inputs(): { group: string; name: string; options: AnalyzeOptions }[] {
  const out: { group: string; name: string; options: AnalyzeOptions }[] = [];
  if (only.has('fixtures')) {
    for (const folder of listFixtureFolders(fixturesRoot())) {
      if (!fs.existsSync(folder.appDir)) continue;
      const fixture = loadFixtureCase(folder.dir);
      // One target per fixture: what crosses files does not depend on it.
      out.push({ group: 'fixtures', name: folder.name, options: { cwd: folder.appDir, target: fixture.targets[0], ...base, ...caseOptions(fixture, folder.appDir) } as AnalyzeOptions });
    }
  }
  if (only.has('corpus')) {
    const stable = path.join(os.tmpdir(), 'npp-snapshot');
    for (const app of corpusApps(path.join(repoRoot, 'corpus'))) {
      if (!fs.existsSync(path.join(installDir(app), completeMarker)) || !fs.existsSync(path.join(stable, app.name))) continue;
      out.push({ group: 'corpus', name: app.name, options: { cwd: path.join(stable, app.name), target: '22', ...base } as AnalyzeOptions });
    }
  }
  if (only.has('bench') && fs.existsSync(path.join(benchDir, 'node_modules', 'eslint'))) out.push({ group: 'bench', name: 'eslint', options: eslintOptions() });
  if (only.has('self')) out.push({ group: 'self', name: 'self-typescript', options: { cwd: repoRoot, entries: ['cli/main.ts'], preload: [{ specifier: 'tsx', flag: '--import' }], target: '22', ...base } as AnalyzeOptions });
  return out;
}

function eslintOptions(): AnalyzeOptions {
  return { cwd: benchDir, entries: ['node_modules/eslint/bin/eslint.js'], target: '22', ...base } as AnalyzeOptions;
}

/** A file examined with no answer from another file's analysis (the hybrid's worker files). */
function independent(s: FileStat): boolean {
  return s.hooks.importValue.answered === 0 && s.hooks.modelOf.answered === 0 && s.deferredSites === 0 && s.awaits.yes === 0;
}
/** Stricter: nothing from outside the file at all (no JSON data, require.resolve or model answer, no call dropped by callMatters). */
function pure(s: FileStat): boolean {
  return independent(s) && s.hooks.jsonData.answered === 0 && s.hooks.resolve.answered === 0 && s.models.answered === 0 && s.callMatters.no === 0;
}

/** Findings that are not data today (closures over the tree, functions, parameters): the file would be examined on the main thread in the hybrid. */
function holdsTree(s: FileStat): boolean {
  return s.summaries > 0 || s.returns > 0 || s.pendingFnArgs > 0 || s.pendingParamArgs > 0 || s.methodFnArgs > 0 || s.deferredSites > 0 || s.exportValueFn > 0;
}

/** How many files were known and not yet taken up as each file was examined: none means a second thread would have waited. */
function slackOf(files: FileStat[]) {
  const xs = files.map((s) => s.slack as number).sort((a, b) => a - b);
  return { zero: xs.filter((x) => x === 0).length, median: xs[xs.length >> 1] ?? 0, p10: xs[Math.floor(xs.length / 10)] ?? 0, max: xs.at(-1) ?? 0 };
}

function sum(list: FileStat[], f: (s: FileStat) => number): number {
  return list.reduce((a, s) => a + f(s), 0);
}

/** The counts of one analysis, folded. */
function fold(r: Run) {
  const files = [...r.files.values()].filter((s) => s.examined);
  const indep = files.filter(independent);
  const graph = r.work.graph;
  const collected = (k: 'needs' | 'unresolved' | 'diagnostics') => sum(files, (s) => s[k]) + sum([...r.files.values()], (s) => s[`replay${k[0]!.toUpperCase()}${k.slice(1)}`]) + Object.values(r.origin).reduce((a, o) => a + o[k], 0);
  // The graph's final lists (after models' cover and the app's uncalled exports), by where each item came from.
  const share = (k: 'needs' | 'unresolved' | 'diagnostics') => {
    const out: Record<string, number> = { total: graph[k].length, independentFiles: 0, dependentFiles: 0, replays: 0, deferred: 0, other: 0 };
    for (const item of graph[k]) {
      const tag = r.origins.get(item);
      const s = tag?.kind === 'examine' ? r.files.get(tag.file!) : undefined;
      const key = !tag ? 'other' : s ? (independent(s) ? 'independentFiles' : 'dependentFiles') : tag.kind === 'replay' ? 'replays' : tag.kind === 'deferred' ? 'deferred' : 'other';
      out[key]!++;
    }
    return out;
  };
  const producedShare = (k: 'needs' | 'unresolved' | 'diagnostics') => ({ total: graph[k].length, fromIndependent: sum(indep, (s) => s[k]), fromDependent: sum(files, (s) => s[k]) - sum(indep, (s) => s[k]), fromReplays: sum([...r.files.values()], (s) => s[`replay${k[0]!.toUpperCase()}${k.slice(1)}`]), fromDeferred: r.origin.deferred?.[k] ?? 0, fromModelsAndOther: r.origin.other?.[k] ?? 0, direct: graph[k].length - collected(k) });
  const hook = (h: string) => ({ calls: sum(files, (s) => s.hooks[h].calls), answered: sum(files, (s) => s.hooks[h].answered), filesAnswered: files.filter((s) => s.hooks[h].answered > 0).length });
  const replayed = [...r.files.values()].filter((s) => s.replays > 0);
  return {
    files: files.length,
    bytes: sum(files, (s) => s.bytes),
    appFiles: files.filter((s) => s.pkg === '.').length,
    independent: { files: indep.length, bytes: sum(indep, (s) => s.bytes) },
    pure: { files: files.filter(pure).length, bytes: sum(files.filter(pure), (s) => s.bytes) },
    holdsTree: { files: files.filter(holdsTree).length, bytes: sum(files.filter(holdsTree), (s) => s.bytes) },
    hybridWorker: { files: files.filter((s) => independent(s) && !holdsTree(s)).length, bytes: sum(files.filter((s) => independent(s) && !holdsTree(s)), (s) => s.bytes) },
    dataBytes: { findings: sum(files, (s) => s.dataBytes), tables: sum(files, (s) => s.tableBytes) },
    hooks: Object.fromEntries(['importValue', 'modelOf', 'jsonData', 'resolve'].map((h) => [h, hook(h)])),
    hooksOutsideExamine: r.hooksElsewhere,
    models: { calls: sum(files, (s) => s.models.calls), answered: sum(files, (s) => s.models.answered) },
    callMatters: { calls: sum(files, (s) => s.callMatters.calls), no: sum(files, (s) => s.callMatters.no), filesWithNo: files.filter((s) => s.callMatters.no > 0).length },
    awaitsExports: { calls: sum(files, (s) => s.awaits.calls), yes: sum(files, (s) => s.awaits.yes) },
    pendingCalls: { total: sum(files, (s) => s.pendingCalls), files: files.filter((s) => s.pendingCalls > 0).length, withFnArgs: sum(files, (s) => s.pendingFnArgs), filesWithFnArgs: files.filter((s) => s.pendingFnArgs > 0).length, withParamArgs: sum(files, (s) => s.pendingParamArgs), filesWithParamArgs: files.filter((s) => s.pendingParamArgs > 0).length },
    methodCalls: { total: sum(files, (s) => s.methodCalls), withFnArgs: sum(files, (s) => s.methodFnArgs) },
    summaries: { total: sum(files, (s) => s.summaries), files: files.filter((s) => s.summaries > 0).length, indepFiles: indep.filter((s) => s.summaries > 0).length, appFiles: files.filter((s) => s.summaries > 0 && s.pkg === '.').length },
    returns: { total: sum(files, (s) => s.returns), files: files.filter((s) => s.returns > 0).length, indepFiles: indep.filter((s) => s.returns > 0).length },
    exportValueFn: sum(files, (s) => s.exportValueFn),
    caught: { requests: sum(files, (s) => s.modulesCaught), files: files.filter((s) => s.modulesCaught > 0).length, indepFiles: indep.filter((s) => s.modulesCaught > 0).length, modules: sum(files, (s) => s.modules) },
    deferred: { sites: sum(files, (s) => s.deferredSites), files: files.filter((s) => s.deferredSites > 0).length, reexaminations: sum([...r.files.values()], (s) => s.deferredRuns) },
    replays: { total: sum(replayed, (s) => s.replays), unbound: sum(replayed, (s) => s.unboundReplays ?? 0), files: replayed.length, appFiles: replayed.filter((s) => s.pkg === '.').length, top: replayed.sort((a, b) => b.replays - a.replays).slice(0, 5).map((s) => `${path.relative(benchDir, s.file).replace(/^.*node_modules\//, '')}: ${s.replays}`) },
    report: { needs: share('needs'), unresolved: share('unresolved'), diagnostics: share('diagnostics') },
    produced: { needs: producedShare('needs'), unresolved: producedShare('unresolved'), diagnostics: producedShare('diagnostics') },
    /** Per file: independent-or-not and bytes, for the timing arithmetic. */
    slack: slackOf(files),
    perFile: files.map((s) => ({ file: s.file, pkg: s.pkg, bytes: s.bytes, independent: independent(s), pure: pure(s), summaries: s.summaries, returns: s.returns, pendingFnArgs: s.pendingFnArgs, pendingParamArgs: s.pendingParamArgs, holdsTree: holdsTree(s), dataBytes: s.dataBytes + s.tableBytes, caught: s.modulesCaught, deferredSites: s.deferredSites })),
  };
}

async function counts() {
  const files = await import(dist('graph/files.js'));
  const probe = instrument(worklist, { count: true, time: false, literalDependencies: files.literalDependencies });
  const results: Record<string, any> = {};
  for (const input of inputs()) {
    probe.start();
    try {
      await lib.analyze(input.options);
    } catch (err) {
      process.stderr.write(`${input.name}: ${(err as Error).message}\n`);
      probe.stop();
      continue;
    }
    const r = probe.stop() as Run;
    results[`${input.group}/${input.name}`] = { ...fold(r), ...(input.group === 'bench' ? { transfer: transferCost(r.data) } : {}) };
  }
  return results;
}

/** What sending every file's findings as data would cost: structured clone (a worker's postMessage) and JSON.parse (a cache entry), medians of 9. */
function transferCost(jsons: string[]) {
  const objects = jsons.map((j) => JSON.parse(j));
  const clone: number[] = [];
  const parse: number[] = [];
  for (let i = 0; i < 9; i++) {
    let t0 = performance.now();
    structuredClone(objects);
    clone.push(performance.now() - t0);
    t0 = performance.now();
    for (const j of jsons) JSON.parse(j);
    parse.push(performance.now() - t0);
  }
  return { bytes: jsons.reduce((a, j) => a + j.length, 0), cloneMs: median(clone), jsonParseMs: median(parse) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** eslint's tree, `runs` times in this process with the counters off: per-run and per-file self times, GC pauses. */
async function timing(runs: number) {
  const { PerformanceObserver } = await import('node:perf_hooks');
  let gc = 0;
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) gc += e.duration; });
  observer.observe({ entryTypes: ['gc'] });
  const graphFiles = await import(dist('graph/files.js'));
  const probe = instrument(worklist, { count: false, time: true, literalDependencies: graphFiles.literalDependencies });
  const perRun: { total: number; cpu: number; gc: number; cats: Record<string, number>; r: Run }[] = [];
  const keepAll: { total: number; examine: number }[] = [];
  const early: { total: number; gc: number }[] = [];
  for (let i = 0; i < runs + 1; i++) {
    // Paired: each run is followed by one that keeps every call into another module, and one
    // that examines each file before its literal dependencies.
    for (const variant of ['plain', 'keepAllCalls', 'examineFirst']) {
    probe.start({ keepAllCalls: variant === 'keepAllCalls', examineFirst: variant === 'examineFirst' });
    gc = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await lib.analyze(eslintOptions());
    await new Promise((resolve) => setImmediate(resolve)); // lets the GC observer report
    const total = performance.now() - t0;
    const c = process.cpuUsage(c0);
    const r = probe.stop() as Run;
    const cats: Record<string, number> = { ...r.t };
    for (const s of r.files.values()) for (const [k, v] of Object.entries(s.t as Record<string, number>)) cats[k] = (cats[k] ?? 0) + v;
    if (i > 0 && variant === 'examineFirst') early.push({ total, gc });
    else if (i > 0 && variant === 'keepAllCalls') keepAll.push({ total, examine: cats.examine ?? 0 });
    else if (i > 0) perRun.push({ total, cpu: (c.user + c.system) / 1000, gc, cats, r }); // the first run warms the JIT
    }
  }
  observer.disconnect();
  const files = [...perRun[0]!.r.files.values()].filter((s) => s.examined).map((s) => s.file);
  const cats = Object.keys(perRun[0]!.cats);
  const perFile = files.map((file) => ({ file, t: Object.fromEntries(Object.keys(perRun[0]!.r.files.get(file)!.t).map((c) => [c, median(perRun.map((x) => x.r.files.get(file)?.t[c] ?? 0))])) }));
  const runsOut = perRun.map(({ total, cpu, gc: g, cats: cs }) => ({ total, cpu, gc: g, cats: cs }));
  const fastest = [...runsOut].sort((a, b) => a.total - b.total)[0];
  const keepAllCalls = { examineRatio: median(keepAll.map((k, i) => k.examine / (perRun[i]!.cats.examine ?? 1))), totalRatio: median(keepAll.map((k, i) => k.total / perRun[i]!.total)), examineMin: Math.min(...keepAll.map((k) => k.examine)), totalMin: Math.min(...keepAll.map((k) => k.total)) };
  const examineFirst = { totalRatio: median(early.map((k, i) => k.total / perRun[i]!.total)), gcRatio: median(early.map((k, i) => k.gc / perRun[i]!.gc)), totalMin: Math.min(...early.map((k) => k.total)), gcMedian: median(early.map((k) => k.gc)), plainGcMedian: median(perRun.map((k) => k.gc)) };
  return { runs, total: median(runsOut.map((x) => x.total)), fastest, keepAllCalls, examineFirst, workerStart: await workerStart(5), hash: hashAll(files, runs), median: Object.fromEntries(cats.map((c) => [c, median(runsOut.map((x) => x.cats[c] ?? 0))])), perRun: runsOut, perFile, split: await parseSplit(files, runs) };
}

/** A worker that loads the whole library (what a worker examining files whole needs): from `new Worker` to its first message. */
async function workerStart(times: number) {
  const { Worker } = await import('node:worker_threads');
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    const w = new Worker(`import(${JSON.stringify(dist('index.js'))}).then(() => require('node:worker_threads').parentPort.postMessage(1))`, { eval: true });
    await new Promise((resolve) => w.once('message', resolve));
    out.push(performance.now() - t0);
    await w.terminate();
  }
  return { median: median(out), all: out };
}

/** Reading and hashing every examined file: what a content-keyed per-file cache pays on every warm run. */
function hashAll(files: string[], rounds: number) {
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    for (const f of files) createHash('sha256').update(fs.readFileSync(f)).digest('hex');
    out.push(performance.now() - t0);
  }
  return { median: median(out), min: Math.min(...out) };
}

/**
 * Each file parsed again, apart from the analysis: read, acorn alone, acorn + scope walk
 * (parseFile), the scan for its literal dependencies; and, per round, resolving every literal
 * dependency of every file with a fresh resolver (what the main thread's graph must do).
 */
async function parseSplit(files: string[], rounds: number) {
  const syntax = await import(dist('parse/syntax.js'));
  const parse = await import(dist('parse/index.js'));
  const graphFiles = await import(dist('graph/files.js'));
  const resolveMod = await import(dist('graph/resolve.js'));
  const host = await import(dist('host.js'));
  const times = new Map(files.map((f) => [f, { read: [] as number[], acorn: [] as number[], parseFile: [] as number[], literal: [] as number[] }]));
  const resolving: number[] = [];
  for (let i = 0; i < rounds + 1; i++) {
    const requests: { specifier: string; kind: string; from: string }[] = [];
    for (const file of files) {
      const t = times.get(file)!;
      const t0 = performance.now();
      const text = fs.readFileSync(file).toString('utf8');
      const t1 = performance.now();
      const kind = file.endsWith('.mjs') ? 'esm' : 'cjs';
      syntax.parseSyntax(syntax.withoutBom(text), kind, !/\.[cm]js$/.test(file));
      const t2 = performance.now();
      const parsed = parse.parseFile(file, text, kind, !/\.[cm]js$/.test(file), () => ({ file: 'x', line: 1, column: 1 }));
      const t3 = performance.now();
      const deps: { specifier: string; kind: string }[] = parsed.ok ? graphFiles.literalDependencies(parsed.model) : [];
      const t4 = performance.now();
      for (const d of deps) requests.push({ ...d, from: file });
      if (i > 0) { t.read.push(t1 - t0); t.acorn.push(t2 - t1); t.parseFile.push(t3 - t2); t.literal.push(t4 - t3); }
    }
    const resolve = resolveMod.cachedResolve(host.cachingHost(host.nodeHost));
    const t0 = performance.now();
    for (const r of requests) resolve(r.specifier, r.from, r.kind);
    if (i > 0) resolving.push(performance.now() - t0);
  }
  const perFile = Object.fromEntries([...times].map(([f, t]) => [f, { read: median(t.read), acorn: median(t.acorn), parseFile: median(t.parseFile), literal: median(t.literal) }]));
  return { perFile, resolveAll: { median: median(resolving), min: Math.min(...resolving) } };
}

const result: Record<string, unknown> = { counts: await counts() };
if (Number(values.time) > 0) result.timing = await timing(Number(values.time));
const out = values.out ?? path.join(os.tmpdir(), 'cross-file.json');
fs.writeFileSync(out, JSON.stringify(result, null, 1) + '\n');
process.stderr.write(`cross-file: ${out}\n`);
