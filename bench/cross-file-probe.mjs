// Measures, without markers in lib/, how much of each file's examination depends on other files
// (issue #19: would per-file summaries pay?). It patches the compiled Worklist's prototype and
// the evaluator's hooks of one run at a time, counting per examined file: the hook calls that
// cross files and what they answered, pending calls, summaries, deferred sites, what in its
// findings is not plain data, and the CPU time of each step (self time: a step's time less the
// steps it calls). Used by bench/cross-file.ts; never loaded by the analysis itself.

import { performance } from 'node:perf_hooks';

/** The hooks whose answers come from outside the file being examined. */
const HOOKS = ['importValue', 'modelOf', 'jsonData', 'resolve'];

function answered(name, result) {
  if (result === undefined || result === null) return false;
  // importValue: anything but undefined changes the importer's fold (an unknown too: `??` keeps it),
  // where a worker without the other file's table would get undefined.
  if (name === 'modelOf' || name === 'resolve' || name === 'importValue') return true;
  return result.k !== 'unknown';
}

/** What in a value is not data: functions (node + model) and parameters. Cycles and depth bounded. */
function valueShape(v, into, seen = new Set(), depth = 0) {
  if (!v || typeof v !== 'object' || seen.has(v) || depth > 20) return into;
  seen.add(v);
  if (v.k === 'fn') into.fn++;
  if (v.k === 'unknown' && v.param) into.param++;
  for (const x of v.vs ?? []) valueShape(x, into, seen, depth + 1);
  for (const x of v.items ?? []) valueShape(x, into, seen, depth + 1);
  for (const x of v.spreads ?? []) valueShape(x, into, seen, depth + 1);
  if (v.props) for (const x of v.props.values()) valueShape(x, into, seen, depth + 1);
  if (v.rest) valueShape(v.rest, into, seen, depth + 1);
  if (v.cause) valueShape(v.cause, into, seen, depth + 1);
  return into;
}

/** Export entries that hold closures (`returns`) or function values. */
function exportShape(entry, into, depth = 0) {
  if (!entry || depth > 20) return into;
  if (entry.kind === 'fn') {
    into.fnEntries++;
    if (entry.returns) into.returns++;
    for (const m of entry.members?.values() ?? []) exportShape(m, into, depth + 1);
  } else if (entry.kind === 'object') {
    for (const m of entry.members.values()) exportShape(m, into, depth + 1);
    for (const s of entry.spreads ?? []) exportShape(s, into, depth + 1);
  } else if (entry.kind === 'value') {
    const s = valueShape(entry.value, { fn: 0, param: 0 });
    into.valueFn += s.fn;
  }
  return into;
}

/**
 * About how many bytes a file's findings are as data (JSON, functions and syntax nodes left out,
 * Maps as entries): what a worker would send back, for the cost of sending and caching it.
 */
function dataSize(f, into) {
  const { needs, unresolved, diagnostics, modules, pendingCalls, methodCalls } = f;
  const skip = new Set(['model', 'node', 'param']);
  const json = JSON.stringify({ needs, unresolved, diagnostics, modules, pendingCalls, methodCalls }, (k, v) => (skip.has(k) || typeof v === 'function' ? undefined : v instanceof Map ? [...v] : v)) ?? '';
  into.push(json);
  return json.length;
}

function newFileStat(file, pkg) {
  return {
    file, pkg, bytes: 0, examined: false,
    hooks: Object.fromEntries(HOOKS.map((h) => [h, { calls: 0, answered: 0 }])),
    models: { calls: 0, answered: 0 },
    callMatters: { calls: 0, no: 0 }, awaits: { calls: 0, yes: 0 },
    pendingCalls: 0, pendingFnArgs: 0, pendingParamArgs: 0, methodCalls: 0, methodFnArgs: 0,
    summaries: 0, deferredSites: 0, deferredRuns: 0, returns: 0, exportFnEntries: 0, exportValueFn: 0,
    modules: 0, modulesCaught: 0, dataBytes: 0, tableBytes: 0, needs: 0, unresolved: 0, diagnostics: 0,
    replays: 0, replayNeeds: 0, replayUnresolved: 0, replayDiagnostics: 0, replayPending: 0, replaySummaries: 0,
    deferredNeeds: 0, deferredUnresolved: 0, deferredDiagnostics: 0,
    t: { parse: 0, examine: 0, follow: 0, collect: 0, importValue: 0, replay: 0, deferred: 0, parseAgain: 0, analyse: 0 },
  };
}

/**
 * Patches the compiled worklist (dist/lib/graph/worklist.js) once; each analysis then records
 * into the collector `start()` returns. `time`: record self times; `count`: the counters
 * (their wrappers cost time, so timing runs are made with counting off).
 */
export function instrument(worklistModule, { count = true, time = true, literalDependencies } = {}) {
  const proto = worklistModule.Worklist.prototype;
  let run; // the collector of the analysis in progress
  const stack = []; // timers: { cat, file, start, child }
  const ctx = []; // what is being done: { kind: 'examine'|'deferred'|'replay'|'other', file }

  const stat = (file, pkg) => {
    let s = run.files.get(file);
    if (!s) run.files.set(file, (s = newFileStat(file, pkg)));
    return s;
  };
  const timed = (cat, file, fn) => {
    if (!time || !run) return fn();
    const frame = { cat, file, start: performance.now(), child: 0 };
    stack.push(frame);
    try {
      return fn();
    } finally {
      stack.pop();
      const elapsed = performance.now() - frame.start;
      const parent = stack.at(-1);
      if (parent) parent.child += elapsed;
      const self = elapsed - frame.child;
      if (file) stat(file).t[cat] += self;
      else run.t[cat] = (run.t[cat] ?? 0) + self;
    }
  };
  const within = (c, fn) => {
    ctx.push(c);
    try { return fn(); } finally { ctx.pop(); }
  };
  const here = () => ctx.at(-1) ?? { kind: 'other' };

  const originals = {};
  // `parse` was split in two (takeUp reads, parseTaken parses) when examination records came.
  const split = typeof proto.parseTaken === 'function';
  const parseName = split ? 'parseTaken' : 'parse';
  for (const name of [parseName, 'takeUp', 'examine', 'follow', 'collect', 'examineDeferred', 'parseAgain', 'analyse', 'run']) originals[name] = proto[name];

  if (split) proto.takeUp = function (loaded) {
    return timed('parse', loaded.file, () => originals.takeUp.call(this, loaded));
  };
  proto[parseName] = function (loaded, ...rest) {
    const r = timed('parse', loaded.file, () => originals[parseName].call(this, loaded, ...rest));
    if (r && run && count && literalDependencies) {
      // The files this one names literally are known from its parse on: a second thread could take them up.
      for (const dep of literalDependencies(r.model)) {
        const to = this.input.resolve(dep.specifier, loaded.file, dep.kind);
        if (to.kind === 'file' && !to.file.endsWith('.json') && !to.file.endsWith('.node')) run.known.add(to.file);
      }
    }
    if (r && run) {
      const s = stat(loaded.file, loaded.package);
      s.bytes = r.how.bytes;
      s.format = r.model.kind;
      s.typeScript = !!r.model.typeScript;
    }
    return r;
  };
  proto.analyse = function (loaded, depth, detect) {
    const how = run?.examineFirst ? examineFirst : originals.analyse;
    return timed('analyse', loaded.file, () => how.call(this, loaded, depth, detect));
  };

  /**
   * An experiment, not a behaviour to keep (its reports differ where a file asks its literal
   * dependencies' exports): each file examined right after its parse, before its literal
   * dependencies, so no tree waits for the files it loads. What that saves in GC and time is
   * what an examination record applied at the file's turn would save (docs/design/per-file-summary.md).
   */
  function examineFirst(loaded, depth, detect) {
    const taken = split ? this.takeUp(loaded) : undefined;
    const parsed = split ? taken && this.parseTaken(loaded, taken) : this.parse(loaded);
    if (!parsed) return;
    const { resolve, models } = this.input;
    const dependencies = literalDependencies(parsed.model).map((dep) => ({ ...dep, r: resolve(dep.specifier, loaded.file, dep.kind) }));
    for (const { specifier, r } of dependencies) if (r.kind === 'file' && r.packageJson) models.useBy(loaded.package, specifier, r.packageJson);
    proto.examine.call(this, loaded, parsed, detect);
    if (depth >= 200) return;
    for (const { r } of dependencies) {
      if (r.kind !== 'file' || this.done.has(r.file)) continue;
      this.enqueue(r.file, undefined, false);
      proto.analyse.call(this, this.byFile.get(r.file), depth + 1, detect);
    }
  }
  proto.parseAgain = function (file, how) {
    return timed('parseAgain', file, () => originals.parseAgain.call(this, file, how));
  };
  proto.follow = function (request) {
    return timed('follow', undefined, () => originals.follow.call(this, request));
  };
  proto.examine = function (loaded, parsed, detect) {
    const s = run && stat(loaded.file, loaded.package);
    if (s) s.examined = true;
    const before = { pending: this.pending.length, deferred: this.deferred.length };
    // Files known and not yet taken up when this one is examined: work a second thread could have.
    if (s) {
      let waiting = 0;
      for (const f of run.known) if (!this.done.has(f)) waiting++;
      for (const f of this.graph.files) if (!this.done.has(f.file) && !run.known.has(f.file) && f.format !== 'json' && f.format !== 'addon') waiting++;
      s.slack = waiting;
    }
    const r = within({ kind: 'examine', file: loaded.file }, () => timed('examine', loaded.file, () => originals.examine.call(this, loaded, parsed, detect)));
    if (s && count) {
      s.pendingCalls += this.pending.length - before.pending;
      for (const call of this.pending.slice(before.pending)) {
        const shape = { fn: 0, param: 0 };
        for (const a of call.args) valueShape(a, shape);
        if (shape.fn) s.pendingFnArgs++;
        if (shape.param) s.pendingParamArgs++;
      }
      for (const d of this.deferred.slice(before.deferred)) s.deferredSites += d.sites.length;
      const table = this.tables.get(loaded.file);
      if (table) {
        const shape = { fnEntries: 0, returns: 0, valueFn: 0 };
        for (const e of table.entries.values()) exportShape(e, shape);
        if (table.rest) exportShape(table.rest, shape);
        s.returns += shape.returns;
        s.exportFnEntries += shape.fnEntries;
        s.exportValueFn += shape.valueFn;
        const json = JSON.stringify(table, (k, v) => (k === 'returns' || typeof v === 'function' ? undefined : v instanceof Map ? [...v] : v)) ?? '';
        run.data.push(json);
        s.tableBytes += json.length;
      }
    }
    return r;
  };
  proto.examineDeferred = function (detect) {
    if (run) for (const d of this.deferred) stat(d.loaded.file).deferredRuns++;
    return within({ kind: 'deferred' }, () => timed('deferred', undefined, () => originals.examineDeferred.call(this, detect)));
  };
  proto.collect = function (f) {
    if (run) {
      const c = here();
      // Each finding remembers where it came from, to share out the graph's final lists.
      const tag = replayFindings.has(f) ? { kind: 'replay', file: replayOf.get(f) } : c;
      for (const item of [...f.needs, ...f.unresolved, ...f.diagnostics]) if (item && typeof item === 'object' && !run.origins.has(item)) run.origins.set(item, tag);
      if (count) {
        for (const s of f.summaries) wrapReplay(s);
        if (c.kind === 'examine') {
          const s = stat(c.file);
          s.summaries += f.summaries.length;
          s.modules += f.modules.length;
          s.modulesCaught += f.modules.filter((m) => m.caught).length;
          s.methodCalls += f.methodCalls.length;
          for (const m of f.methodCalls) if (m.args.some((a) => valueShape(a, { fn: 0, param: 0 }).fn)) s.methodFnArgs++;
          s.needs += f.needs.length;
          s.unresolved += f.unresolved.length;
          s.diagnostics += f.diagnostics.length;
          s.dataBytes += dataSize(f, run.data);
        } else if (!replayFindings.has(f)) {
          const key = c.kind;
          run.origin[key] ??= { needs: 0, unresolved: 0, diagnostics: 0 };
          run.origin[key].needs += f.needs.length;
          run.origin[key].unresolved += f.unresolved.length;
          run.origin[key].diagnostics += f.diagnostics.length;
        }
      }
    }
    return timed('collect', undefined, () => originals.collect.call(this, f));
  };

  const wrapped = new WeakSet();
  const replayFindings = new WeakSet();
  const replayOf = new WeakMap();
  function wrapReplay(summary) {
    if (wrapped.has(summary)) return;
    wrapped.add(summary);
    const replay = summary.replay;
    summary.replay = (...args) => {
      if (!run) return replay(...args);
      const s = stat(summary.file);
      s.replays++;
      if (args[3]) s.unboundReplays = (s.unboundReplays ?? 0) + 1;
      const f = within({ kind: 'replay', file: summary.file }, () => timed('replay', summary.file, () => replay(...args)));
      replayFindings.add(f);
      replayOf.set(f, summary.file);
      s.replayNeeds += f.needs.length;
      s.replayUnresolved += f.unresolved.length;
      s.replayDiagnostics += f.diagnostics.length;
      s.replayPending += f.pendingCalls.length;
      s.replaySummaries += f.summaries.length;
      return f;
    };
  }

  proto.run = function (detect) {
    if (run) run.work = this;
    // A worker could not tell which calls matter (callCanMatch reads the graph): it keeps them all.
    if (run?.keepAllCalls && detect.callMatters) detect.callMatters = () => true;
    if (run && count) hookUp(detect);
    return timed('worklist', undefined, () => originals.run.call(this, detect));
  };

  /** Wraps the evaluator's hooks and the detection options that read the graph's state. */
  function hookUp(detect) {
    const hooks = detect.env.hooks;
    for (const name of HOOKS) {
      const hook = hooks[name];
      if (!hook) continue;
      hooks[name] = (...args) => {
        const c = here();
        const r = name === 'importValue' ? timed('importValue', c.kind === 'examine' ? c.file : undefined, () => hook(...args)) : hook(...args);
        const into = c.kind === 'examine' ? stat(c.file).hooks[name] : (run.hooksElsewhere[`${c.kind}.${name}`] ??= { calls: 0, answered: 0 });
        into.calls++;
        if (answered(name, r)) into.answered++;
        return r;
      };
    }
    for (const name of ['parserOptions', 'fieldValue']) {
      const hook = hooks[name];
      if (!hook) continue;
      const value = hook.value;
      hook.value = (...args) => {
        const r = value.apply(hook, args);
        const c = here();
        if (c.kind === 'examine') {
          stat(c.file).models.calls++;
          if (r !== undefined) stat(c.file).models.answered++;
        }
        return r;
      };
    }
    const { callMatters, awaitsExports } = detect;
    if (callMatters) detect.callMatters = (...args) => {
      const r = callMatters(...args);
      const c = here();
      if (c.kind === 'examine') {
        stat(c.file).callMatters.calls++;
        if (!r) stat(c.file).callMatters.no++;
      }
      return r;
    };
    if (awaitsExports) detect.awaitsExports = (...args) => {
      const r = awaitsExports(...args);
      const c = here();
      if (c.kind === 'examine') {
        stat(c.file).awaits.calls++;
        if (r) stat(c.file).awaits.yes++;
      }
      return r;
    };
  }

  return {
    /** Starts recording one analysis. */
    start(options = {}) {
      run = { ...options, files: new Map(), origin: {}, hooksElsewhere: {}, t: {}, origins: new Map(), known: new Set(), data: [] };
      return run;
    },
    stop() {
      const r = run;
      run = undefined;
      return r;
    },
  };
}
