// The graph's worklist: files are enqueued as the entries and the module requests found in
// them name them, each is read, parsed and examined once (its literal dependencies first), and
// what examining finds is collected and followed. When the queue is empty the calls between
// modules are matched (match-calls.ts), which can name more code; the two alternate until
// neither has work left. One worklist per analysis: its maps are that run's.

import * as path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import { adoptFnKeys, carryFnKeys, detachedFold, detectAgain, detectFile, emptyFindings, foldPlace, holdsFolds, type ConditionalFindings, type DetectOptions, type ExportEscape, type ExportTable, type FileDetection, type Findings, type FnKey, type ModuleRequest, type PendingCall, type Summary } from '../detect/index.js';
import { EVALUATION_FUEL, MAX_JSON_DATA_BYTES } from '../evaluate/index.js';
import type { Host } from '../host.js';
import { isStackOverflow, notTextDiagnostic, readSource, tooDeep, type Limits } from '../limits.js';
import { MAX_INCLUDE_BYTES, type ModelIndex } from '../models/index.js';
import { isTypeScript, parseFile, type CallSite, type FileModel } from '../parse/index.js';
import { relativeFile, siteIn, toSite } from '../site.js';
import type { Evidence, Site } from '../types.js';
import { dependencyBase, fixedFormat, hasModuleSyntax, literalDependencies, optionalDependencyOf, packageOf, type Graph, type GraphOptions, type LoadedFile } from './files.js';
import { MAX_SCAN_BYTES, scanLargeFile } from './large-file.js';
import { callCut } from './call-cut.js';
import { addSummary, matchCalls, type MatchState } from './match-calls.js';
import { answeredAlike, answering, contentKey, ExaminationRecorder, findingsOf, recordOf, type Askers, type Asked, type Effect, type ExaminationRecord, type FoldPlace, type LoadQuestion, type Memo, type OwnFunctions, type RecordStore, type StoredExamination } from './examination.js';
import { memoizedFold, memoizedSummaries, type MemoRun, type MemoSink } from './replay-memo.js';
import { ParsedModels, type ParseHow } from './parsed-models.js';
import { adoptParams, tokenPlaces } from './record-params.js';
import { callsHoldFunctions, placeFunctions } from './record-functions.js';
import type { ExaminationPool } from './examination-pool.js';
import { missingOptional, packageScopeOf, type Resolution, type Resolve } from './resolve.js';
import { examinesAs } from './same-examination.js';

/** How deep "dependencies first" recurses before it leaves the rest to the queue. */
const MAX_DEPENDENCY_DEPTH = 200;

/** What the worklist works with: fixed for the run. */
export interface WorklistInput {
  host: Host;
  options: GraphOptions;
  limits: Limits;
  resolve: Resolve;
  models: ModelIndex;
  /** Worker threads that examine files ahead, each answering with a record (./examination-pool.ts); begun for this run. */
  examiners?: ExaminationPool;
}

/** A file taken up: its text, how it is parsed, its path relative to the root, and (when examinations are recorded) its content's key. */
interface Taken {
  source: { text: string; bytes: Buffer };
  how: ParseHow;
  relative: string;
  key?: string;
}

/** What matching calls left for the end of the run: the functions calls reached, and whether replays were cut. */
export interface Matched {
  reached: ReadonlySet<FnKey>;
  state: MatchState;
}

export class Worklist {
  readonly graph: Graph = { files: [], packageJsonReads: new Map(), needs: [], unresolved: [], diagnostics: [] };
  /** Each examined module's export table, by file. */
  readonly tables = new Map<string, ExportTable>();
  /** What exported functions do with their parameters, for matching calls to replay. */
  readonly summaries = new Map<FnKey, Summary[]>();
  /** Files that left a summary or conditional findings, examined or replayed (see callCanMatch). */
  readonly summarised = new Set<string>();
  /** Where modules' exports escape, and findings that wait for an exported function to be reached (./unmatched.ts). */
  readonly escapes: ExportEscape[] = [];
  readonly conditional: ConditionalFindings[] = [];
  /** Files taken up (examined, or skipped for time), in order. */
  readonly done = new Set<string>();
  private readonly byFile = new Map<string, LoadedFile>();
  private readonly queue: LoadedFile[] = [];
  private readonly pending: PendingCall[] = [];
  /** Calls examined before a module they call into exported anything (a require cycle), to examine again. */
  private deferred: { loaded: LoadedFile; model: FileModel; sites: CallSite[] }[] = [];
  /** API names as needs keep them, one string per name (apiName). */
  private readonly apiNames = new Map<string, string>();
  private readonly scopeCache = new Map<string, { dir: string; typeModule: boolean } | undefined>();
  /** Examined files' models that importers' folds may ask for (EvalHooks.modelOf). */
  readonly parsed = new ParsedModels((file, how) => this.parseAgain(file, how));
  /** Keeps what an examination asks outside its file while it is recorded (./examination.ts). */
  readonly recorder = new ExaminationRecorder();
  /** Where examinations are recorded and records are taken from; none: nothing is recorded. */
  records: RecordStore | undefined;

  constructor(private readonly input: WorklistInput) {
    this.records = input.options.records;
  }

  /** A loaded file's package is known from when it was queued: no second split of its path. */
  packageOfFile(file: string) {
    return this.byFile.get(file)?.package ?? packageOf(file);
  }

  enqueue(file: string, evidence: Evidence | undefined, isEntry: boolean): void {
    const existing = this.byFile.get(file);
    if (existing) {
      if (evidence) existing.loadedBy.push(evidence);
      existing.isEntry ||= isEntry;
      return;
    }
    const loaded = this.loadedFile(file, evidence, isEntry);
    this.byFile.set(file, loaded);
    this.graph.files.push(loaded);
    this.queue.push(loaded);
  }

  private loadedFile(file: string, evidence: Evidence | undefined, isEntry: boolean): LoadedFile {
    const ext = path.extname(file);
    const scope = packageScopeOf(this.input.host, file, this.scopeCache);
    return {
      file,
      format: ext === '.json' ? 'json' : ext === '.node' ? 'addon' : fixedFormat[ext] ?? (scope?.typeModule ? 'esm' : 'cjs'),
      package: packageOf(file),
      ...(scope ? { scope } : {}),
      isEntry,
      loadedBy: evidence ? [evidence] : [],
    };
  }

  recordPackageJson(file: string, evidence: Evidence): void {
    this.recorder.did({ packageJson: file, evidence });
    const list = this.graph.packageJsonReads.get(file) ?? [];
    list.push(evidence);
    this.graph.packageJsonReads.set(file, list);
  }

  /** Resolves a module request and queues the file it loads, with its package's load model. */
  follow(request: ModuleRequest): void {
    const { options, host } = this.input;
    const resolution = this.input.resolve(request.specifier, request.from, resolveKind(request.kind));
    if (resolution.kind === 'builtin' && (options.builtinOnTarget?.(request.specifier) ?? true)) return;
    if (resolution.kind !== 'file') {
      this.graph.diagnostics.push(this.notLoaded(request, resolution));
      return;
    }
    const evidence: Evidence = { reason: 'module-load', site: request.site, api: request.api, package: request.package, ...(request.model ? { detail: request.model } : {}) };
    if (resolution.packageJson) this.recordPackageJson(resolution.packageJson, { ...evidence, reason: 'package-json' });
    for (const probed of resolution.probed ?? []) {
      const detail = host.kind(probed) === 'file' ? 'the package.json of a folder the specifier names' : 'looked for while resolving; it does not exist';
      this.recordPackageJson(probed, { ...evidence, reason: 'package-json', detail });
    }
    for (const read of resolution.reads ?? []) this.readOnTheWay(read, request);
    if (resolution.linksCut) this.linksPastBound(resolution.linksCut, request);
    // require.resolve reads the package.json files resolution reads (above), and loads nothing.
    if (request.kind === 'resolve') return;
    if (resolution.packageJson) {
      const found = this.input.models.loadFindings(request, resolution.packageJson);
      if (found) this.take(found);
    }
    if (path.extname(resolution.file) === '.node') {
      this.graph.needs.push({ capability: 'addons', site: request.site, api: request.api, package: request.package });
    }
    // A file no literal dependency names: the examination workers would not find it by themselves.
    if (this.input.examiners && !this.byFile.has(resolution.file)) this.input.examiners.submit(resolution.file);
    this.enqueue(resolution.file, evidence, request.kind === 'worker' || request.kind === 'fork');
  }

  /**
   * A path Node checks while resolving, on every version (Resolution's `reads`): a symbolic link
   * on the way, which its realpath reads and which is granted as the folder it leads to, or a
   * legacy main guess. A link that leads to the project root, the home folder or the disk root
   * (`node_modules/app -> ..`, a package depending on itself) would open all of it that way:
   * reported at the load (reason symlink-folder), not granted.
   */
  private readOnTheWay(link: string, request: ModuleRequest): void {
    const { options } = this.input;
    const broad = options.tooBroad(link);
    if (!broad) {
      this.graph.needs.push({ capability: 'fs.read', path: link, site: request.site, api: request.api, package: request.package });
      return;
    }
    const fallback = options.unresolved.read;
    this.graph.unresolved.push({ capability: 'fs.read', site: request.site, api: request.api, package: request.package, reason: 'symlink-folder', name: link, broad, fallback });
    this.graph.diagnostics.push(diagnostic('FS_PATH_UNKNOWN', fallback === 'error' ? 'error' : 'warning', { api: request.api, scope: 'read', reason: 'symlink-folder', name: link, fallback }, request.site));
  }

  /**
   * Links on the way past MAX_LINKS_ON_PATH (lib/graph/resolve.ts) are not looked at: the first
   * is reported at the load (reason link-limit), with the read fallback, instead of being left
   * out in silence. (A module path through more than 40 links fails with ELOOP anyway; this is
   * for links whose targets hold links of their own.)
   */
  private linksPastBound(link: string, request: ModuleRequest): void {
    const fallback = this.input.options.unresolved.read;
    this.graph.unresolved.push({ capability: 'fs.read', site: request.site, api: request.api, package: request.package, reason: 'link-limit', name: link, fallback });
    this.graph.diagnostics.push(diagnostic('FS_PATH_UNKNOWN', fallback === 'error' ? 'error' : 'warning', { api: request.api, scope: 'read', reason: 'link-limit', name: link, fallback }, request.site));
  }

  /** The diagnostic for a request that loads no file: an invalid package target, or a module not found. */
  private notLoaded(request: ModuleRequest, resolution: Exclude<Resolution, { kind: 'file' }>): Diagnostic {
    const invalid = resolution.kind === 'missing' ? resolution.invalid : undefined;
    if (invalid) {
      const { field, key, problem } = invalid;
      return diagnostic('PACKAGE_TARGET_INVALID', 'warning', { specifier: request.specifier, field, key, problem, packageJson: relativeFile(this.input.options.root, invalid.packageJson) }, request.site);
    }
    // Missing by design, said only with --debug: a require inside a try that handles the failure,
    // an optional dependency, or one for another platform.
    const { host } = this.input;
    const missing = resolution.kind === 'missing';
    const optional = !missing ? undefined : request.caught?.() ? 'try' : optionalDependencyOf(host, request, this.scopeCache) || missingOptional(host, request.specifier, request.from) ? 'optional-dependency' : undefined;
    return diagnostic('IMPORT_UNRESOLVED', optional ? 'info' : 'warning', { specifier: request.specifier, ...(optional ? { optional } : {}) }, request.site);
  }

  /** Whether a module request resolves to nothing, as `follow` resolves it (a record's question `loads`). */
  private readonly loadsNothing = (request: LoadQuestion): boolean => this.input.resolve(request.specifier, request.from, resolveKind(request.kind)).kind === 'missing';

  /** Findings into the graph; a method call a model describes adds that model's findings. */
  collect(f: Findings): void {
    for (const s of f.summaries) {
      this.summarised.add(s.file);
      this.parsed.pin(s.file);
    }
    // A need's api is joined from its callee for each call ('fs.readFileSync'): one string per
    // need, kept to the end (2 MiB of the 20,000-module tree's 60,000 needs). Equal names are
    // made one string here, where every need passes.
    for (const need of f.needs) {
      need.api = this.apiName(need.api);
      this.graph.needs.push(need);
    }
    this.graph.unresolved.push(...f.unresolved);
    this.graph.diagnostics.push(...f.diagnostics);
    if (f.escapes) this.escapes.push(...f.escapes);
    // Calls into their files are kept for matching (callCanMatch): a call that reaches `when` reports them.
    for (const c of f.conditional ?? []) {
      this.summarised.add(c.file);
      this.conditional.push(c);
    }
    for (const call of f.methodCalls) this.input.models.applyMethodModels(call, this.take);
  }

  /** The one string kept for an API name (collect). */
  private apiName(api: string): string {
    const known = this.apiNames.get(api);
    if (known !== undefined) return known;
    this.apiNames.set(api, api);
    return api;
  }

  /** Findings from a model or a replay: collected, and any code they name is followed. */
  readonly take = (f: Findings): void => {
    this.collect(f);
    for (const request of f.modules) this.follow(request);
  };

  /**
   * Reads, parses and examines one file. Its literal dependencies (static imports and
   * `require('literal')`) are examined first, so what they export is known when this file is
   * evaluated; a cycle is cut where it closes.
   */
  analyse(loaded: LoadedFile, depth: number, detect: DetectOptions): void {
    const taken = this.takeUp(loaded);
    if (!taken) return;
    // A record of this content (RecordStore) stands for the parse until the file's turn.
    const stored = this.storedFor(loaded, taken);
    const parsed = stored ? undefined : this.parseTaken(loaded, taken);
    if (!stored && !parsed) return;
    const { resolve, models } = this.input;
    const literal = stored?.literal ?? literalDependencies(parsed!.model, detect.env);
    const dependencies = literal.map((dep) => ({ ...dep, r: resolve(dep.specifier, dependencyBase(loaded.file, dep), dep.kind) }));
    // Before anything of this package is examined: which methods of the packages it loads are modelled.
    for (const { specifier, r } of dependencies) if (r.kind === 'file' && r.packageJson) models.useBy(loaded.package, specifier, r.packageJson);
    if (depth < MAX_DEPENDENCY_DEPTH) {
      for (const { r } of dependencies) {
        if (r.kind !== 'file' || this.done.has(r.file)) continue;
        this.enqueue(r.file, undefined, false);
        this.analyse(this.byFile.get(r.file)!, depth + 1, detect);
      }
    }
    if (stored) this.examineStored(loaded, taken, stored, detect);
    else this.examine(loaded, parsed!, detect, taken.key, literal);
    this.input.examiners?.done(loaded.file);
  }

  /** The stored record of this file's content, when examinations are recorded and one is kept (TypeScript: never, its positions are mapped). */
  private storedFor(loaded: LoadedFile, taken: Taken): StoredExamination | undefined {
    const stored = (taken.key === undefined ? undefined : this.records?.get(loaded.file, taken.key)) ?? this.fromExaminers(loaded, taken);
    if (!stored) return undefined;
    loaded.format = stored.format;
    if (stored.moduleSyntax !== undefined) loaded.moduleSyntax = stored.moduleSyntax;
    return stored;
  }

  /** A worker's record of the file, when one is ready (kept with the records too once taken, for the next run: examineStored). */
  private fromExaminers(loaded: LoadedFile, taken: Taken): StoredExamination | undefined {
    const stored = this.input.examiners?.take(loaded.file, () => contentKey(taken.source.bytes, taken.how.format, taken.how.detectable));
    if (stored) this.workers.add(stored);
    return stored;
  }

  /** Records the examination workers made: put with the records only when taken, so every record kept is one a run rested on (./same-examination.ts). */
  private readonly workers = new WeakSet<StoredExamination>();

  /**
   * At a stored file's turn: when every question its record holds gets the same answer, its
   * effects are done again and its findings taken in, without reading its tree; else it is
   * parsed and examined as any file.
   */
  private examineStored(loaded: LoadedFile, taken: Taken, stored: StoredExamination, detect: DetectOptions): void {
    if (!answeredAlike(stored.questions, this.askers(detect))) {
      if (this.input.examiners) this.input.examiners.counts.disagreed++;
      const parsed = this.parseTaken(loaded, taken);
      if (parsed) this.examine(loaded, parsed, detect, taken.key, stored.literal);
      return;
    }
    if (this.workers.has(stored) && taken.key !== undefined) this.records?.put(loaded.file, taken.key, stored);
    this.records?.taken?.(loaded.file, taken.key!);
    for (const effect of stored.effects) {
      if ('assumption' in effect) this.input.options.assume(effect.assumption);
      else this.recordPackageJson(effect.packageJson, effect.evidence);
    }
    const tree = once(() => this.treeAgain(loaded, taken, stored, detect));
    // Its replays and folds from the memos kept with its record, else from its tree made again (and then kept as memos).
    const sink = this.memoSink(loaded.file, taken.key!, stored, () => tree()?.model);
    const run = once(() => this.memoRun(detect));
    const foldAt = (place: FoldPlace) => {
      const fold = detachedFold(loaded.file, place.at, place.start, detect.env);
      return sink ? memoizedFold(place, taken.relative, fold, sink, run()) : fold;
    };
    const found = findingsOf(stored, () => tree()?.summaries ?? [], foldAt, () => tree()?.model);
    const findings = sink && found.summaries.length > 0 ? { ...found, summaries: memoizedSummaries(found.summaries, taken.relative, sink, run()) } : found;
    this.takeExamination(loaded, undefined, findings);
    // What importers fold of its returns runs on that tree too, as on the tree examined at the file's turn.
    if (holdsFolds(findings.exports)) this.parsed.keepLazily(loaded.file, taken.how, () => tree()?.model, () => this.summarised.has(loaded.file));
  }

  /** How a record's questions are asked again in this run. */
  private askers(detect: DetectOptions): Askers {
    const { models, resolve } = this.input;
    const resolveFile = (specifier: string, from: string) => {
      const r = resolve(specifier, from, 'require');
      return r.kind === 'file' ? r.file : undefined;
    };
    return { detect, resolveFile, loadsNothing: this.loadsNothing, valueModelsOf: (pkg) => models.valueModelsOf(pkg), valueHookNames: () => models.valueHookNames() };
  }

  /** What taking or making a replay's or a fold's memo works with (./replay-memo.ts). */
  private memoRun(detect: DetectOptions): MemoRun {
    const redo = (effect: Effect) => {
      if ('packageJson' in effect) return this.recordPackageJson(effect.packageJson, effect.evidence);
      this.recorder.did(effect);
      this.input.options.assume(effect.assumption);
    };
    return { recorder: this.recorder, askers: this.askers(detect), state: detect.env.state, loadsNothing: this.loadsNothing, redo };
  }

  /** The memos of a file's record and where those used or made go, when the store keeps memos; the stored ones read at the first replay or fold. */
  private memoSink(file: string, key: string, stored: StoredExamination, tree: () => FileModel | undefined): MemoSink | undefined {
    const records = this.records;
    if (!records?.memos || !records.keepMemo || !records.addMemo) return undefined;
    const memos = once((): readonly Memo[] => records.memos!(file, key));
    const own = stored.params?.map((p) => p.token) ?? [];
    return { memos, own, tree, keep: (at) => records.keepMemo!(file, key, at), add: (memo) => records.addMemo!(file, key, memo) };
  }

  /**
   * The tree of a file taken from its record, made when a call first replays one of its
   * summaries or folds what one of its functions returns: the text read at its turn parsed
   * again, its functions given the record's keys, and its examination repeated with the record's
   * answers (the same examination, so the same summaries, and the tree in the state its
   * examination left it).
   */
  private treeAgain(loaded: LoadedFile, taken: Taken, stored: StoredExamination, detect: DetectOptions): { model?: FileModel; summaries: readonly Summary[] } | undefined {
    const parsed = this.parseText(loaded.file, taken.source.text, taken.how, taken.relative);
    if (!parsed.ok) return undefined;
    adoptFnKeys(parsed.model, stored.keys);
    adoptParams(parsed.model, stored.params);
    if (detect.env.state) detect.env.state.fuel.left = EVALUATION_FUEL;
    const answered = answering(stored.questions, detect);
    try {
      return { model: parsed.model, summaries: detectFile(parsed.model, answered.detect).summaries };
    } catch (e) {
      // Deeper on the stack than at the file's turn (inside a replay or a fold), the walk can run
      // out where it did not: each summary then says so at the file, as a replay that does would.
      if (!isStackOverflow(e)) throw e;
      const said = (): Findings => ({ ...emptyFindings(), diagnostics: [tooDeep(siteIn(taken.relative, undefined), 'analysis')] });
      return { summaries: (stored.summaries ?? []).map(({ fn, file }) => ({ fn, file, replay: said })) };
    } finally {
      answered.done();
    }
  }

  /**
   * Whether a file whose content alone changed since the run that made the records
   * (RecordStore.changed: `before` and `after` its content's SHA-256) examines now to the record
   * it had (./same-examination.ts). Read as at its turn; only a JavaScript file read for its
   * examination alone qualifies: the question that changed is the one `readSource` asks, and no
   * other reader asks it (an extensionless file's first line is read by the models with the same
   * cap; JSON data and the models' includes read with their own caps, asked apart).
   */
  examinesAsStored(change: { file: string; before: string; after: string; args: string }, detect: DetectOptions): boolean {
    const { options, limits, host } = this.input;
    const { file } = change;
    if (!/\.[cm]?js$/.test(file) || change.args !== `${file}\0${limits.maxFileSize}` || otherCaps.has(limits.maxFileSize)) return false;
    const loaded = this.loadedFile(file, undefined, false);
    const relative = relativeFile(options.root, file);
    const source = readSource(host, file, limits, siteIn(relative, undefined));
    if ('diagnostic' in source) return false;
    const how: ParseHow = { format: loaded.format === 'esm' ? 'esm' : 'cjs', detectable: !(path.extname(file) in fixedFormat), bytes: source.bytes.length };
    // Read as hashed when the answers were checked (not changed again since), and its record of the content before.
    if (!contentKey(source.bytes, how.format, how.detectable).startsWith(`${change.after} `)) return false;
    const stored = this.records?.get(file, contentKey(source.bytes, how.format, how.detectable, change.before));
    if (!stored) return false;
    const parsed = this.parseText(file, source.text, how, relative);
    return parsed.ok && examinesAs(stored, parsed.model, detect, this.loadsNothing);
  }

  /** Takes a file up: its text read, or undefined when it is not code, was taken up already, or cannot be read (a diagnostic). */
  private takeUp(loaded: LoadedFile): Taken | undefined {
    const { options, limits, host } = this.input;
    if (this.done.has(loaded.file)) return undefined;
    this.done.add(loaded.file);
    options.onProgress?.({ files: this.done.size, found: this.graph.files.length, file: toSite(options.root, loaded.file, undefined).file, package: loaded.package });
    if (loaded.format === 'json' || loaded.format === 'addon') return undefined;
    if (limits.outOfTime()) {
      limits.skipped++;
      loaded.format = 'unparsed';
      return undefined;
    }
    // The file relative to the root, once: its sites and (below) the evaluator's sites use it.
    const relative = relativeFile(options.root, loaded.file);
    const siteOf = (loc?: { line: number; column: number }) => siteIn(relative, loc);
    const source = readSource(host, loaded.file, limits, siteOf());
    if ('diagnostic' in source) {
      loaded.format = 'unparsed';
      this.graph.diagnostics.push(source.diagnostic.code === 'FILE_TOO_LARGE' ? this.scanTooLarge(loaded, source.diagnostic, siteOf()) : source.diagnostic);
      return undefined;
    }
    // Only .js and .ts (and extensionless) files are subject to syntax detection; the others are fixed.
    const how: ParseHow = { format: loaded.format === 'esm' ? 'esm' : 'cjs', detectable: !(path.extname(loaded.file) in fixedFormat), bytes: source.bytes.length };
    const key = this.records && !isTypeScript(loaded.file) ? contentKey(source.bytes, how.format, how.detectable, this.records.digest?.(source.bytes)) : undefined;
    return { source, how, relative, ...(key ? { key } : {}) };
  }

  /** Parses a file taken up: its model, or undefined when it does not parse (a diagnostic). */
  private parseTaken(loaded: LoadedFile, { source, how, relative }: Taken): { model: FileModel; how: ParseHow } | undefined {
    const parsed = this.parseText(loaded.file, source.text, how, relative);
    if (!parsed.ok) {
      loaded.format = 'unparsed';
      this.graph.diagnostics.push(notTextDiagnostic(parsed.diagnostic, source.bytes));
      return undefined;
    }
    loaded.format = parsed.model.kind;
    if (parsed.model.kind === 'esm') loaded.moduleSyntax = hasModuleSyntax(parsed.model.ast);
    if (parsed.model.typeScript?.transformed) loaded.typeScriptSyntax = { syntax: parsed.model.typeScript.syntax, ...parsed.model.typeScript.at };
    return { model: parsed.model, how };
  }

  private parseText(file: string, text: string, how: ParseHow, relative: string) {
    const { options } = this.input;
    const parsed = parseFile(file, text, how.format, how.detectable, (loc) => siteIn(relative, loc));
    if (parsed.ok && options.facts.root === options.root) parsed.model.relative = relative;
    return parsed;
  }

  /** An examined file parsed again the way it was the first time (ParsedModels); undefined if it no longer reads or parses. */
  private parseAgain(file: string, how: ParseHow): FileModel | undefined {
    const relative = relativeFile(this.input.options.root, file);
    const source = readSource(this.input.host, file, this.input.limits, siteIn(relative, undefined));
    // Changed on disk since it was examined: its functions may not be where they were.
    if ('diagnostic' in source || source.bytes.length !== how.bytes) return undefined;
    const parsed = this.parseText(file, source.text, how, relative);
    return parsed.ok ? parsed.model : undefined;
  }

  /** Runs the detectors over a parsed file and takes in what they find. */
  private examine(loaded: LoadedFile, parsed: { model: FileModel; how: ParseHow }, detect: DetectOptions, key?: string, literal?: StoredExamination['literal']): void {
    let findings: FileDetection;
    let asked: Asked | undefined;
    if (this.records) this.recorder.begin();
    try {
      if (detect.env.state) detect.env.state.fuel.left = EVALUATION_FUEL;
      findings = detectFile(parsed.model, detect);
    } catch (e) {
      // Nesting that parsed but is deeper than a detector's walk can follow: the file is
      // granted as loaded code, and reported, and the other files are still analysed.
      if (!isStackOverflow(e)) throw e;
      this.graph.diagnostics.push(tooDeep(siteIn(relativeFile(this.input.options.root, loaded.file), undefined), 'analysis'));
      return;
    } finally {
      if (this.records) asked = this.recorder.end();
    }
    this.takeExamination(loaded, parsed, findings);
    const record = asked && recordOf(findings, asked, this.loadsNothing, findings.summaries.length > 0 || holdsFolds(findings.exports) || callsHoldFunctions(findings.pendingCalls) ? ownFunctions(parsed.model) : undefined);
    if (record && key !== undefined && literal) this.store(loaded, key, record, literal);
  }

  private store(loaded: LoadedFile, key: string, record: ExaminationRecord, literal: StoredExamination['literal']): void {
    const format = loaded.format === 'esm' ? 'esm' : 'cjs';
    this.records?.put(loaded.file, key, { ...record, format, ...(loaded.moduleSyntax !== undefined ? { moduleSyntax: loaded.moduleSyntax } : {}), literal });
  }

  /**
   * Takes in what examining one file found: its findings, its export table, the calls it left
   * for later. Apart from `examine` so that an examination made elsewhere (a record, see
   * ./examination.ts) is taken in the same way, at the same point.
   */
  takeExamination(loaded: LoadedFile, parsed: { model: FileModel; how: ParseHow } | undefined, findings: FileDetection): void {
    this.collect(findings);
    this.tables.set(loaded.file, findings.exports);
    // A record (no tree) has neither deferred calls nor folded returns.
    if (parsed && findings.deferred) this.deferred.push({ loaded, model: parsed.model, sites: findings.deferred });
    if (parsed && holdsFolds(findings.exports)) this.parsed.keep(loaded.file, parsed.model, parsed.how, this.summarised.has(loaded.file));
    for (const s of findings.summaries) addSummary(this.summaries, s);
    this.pending.push(...findings.pendingCalls);
    if (this.input.models.hasFieldModels(loaded.package)) this.input.models.recordFactoryCalls(findings.pendingCalls, (call) => this.packageJsonOf(call));
    for (const request of findings.modules) this.follow(request);
  }

  /** The calls deferred by a require cycle, examined again now that the queue is empty and every module they call into is done. */
  private examineDeferred(detect: DetectOptions): void {
    const deferred = this.deferred;
    this.deferred = [];
    for (const { loaded, model, sites } of deferred) {
      let findings: Findings;
      try {
        if (detect.env.state) detect.env.state.fuel.left = EVALUATION_FUEL;
        findings = detectAgain(model, detect, sites);
      } catch (e) {
        if (!isStackOverflow(e)) throw e;
        this.graph.diagnostics.push(tooDeep(siteIn(relativeFile(this.input.options.root, loaded.file), undefined), 'analysis'));
        continue;
      }
      this.collect(findings);
      for (const s of findings.summaries) addSummary(this.summaries, s);
      this.pending.push(...findings.pendingCalls);
      for (const request of findings.modules) this.follow(request);
    }
  }

  /** The package.json of the package a call's specifier resolves into, if any. */
  private packageJsonOf(call: PendingCall): string | undefined {
    const r = this.input.resolve(call.specifier, call.from, call.kind);
    return r.kind === 'file' ? r.packageJson : undefined;
  }

  /**
   * A file over the size cap, by a cheap pass over its text (./large-file.ts): the modules it
   * names are followed, a file-system module makes its reads and writes unresolved at the file,
   * and the capabilities of the other built-ins it names go into the diagnostic.
   */
  private scanTooLarge(loaded: LoadedFile, tooLarge: Diagnostic & { code: 'FILE_TOO_LARGE' }, site: Site): Diagnostic {
    const { host, resolve, options } = this.input;
    const data = host.readFile(loaded.file, { maxBytes: MAX_SCAN_BYTES });
    const unscanned = data instanceof Error ? (data as NodeJS.ErrnoException).code === 'EFBIG' : data.length > MAX_SCAN_BYTES;
    if (data instanceof Error && !unscanned) return tooLarge;
    // Too large even to scan: taken to use fs, the modules it names not followed (said in the diagnostic).
    const scan = unscanned ? { loads: [], capabilities: ['fs'] } : scanLargeFile((data as Buffer).toString('utf8'));
    const at = { ...site, line: 1, column: 1 };
    // A name the text holds may be a string in an example or a template: only those that resolve are loads.
    for (const { specifier, kind } of scan.loads) {
      if (resolve(specifier, loaded.file, kind).kind === 'file') this.follow({ specifier, kind, from: loaded.file, site: at, package: loaded.package, api: kind });
    }
    if (scan.capabilities.includes('fs')) {
      for (const scope of ['read', 'write'] as const) {
        const fallback = options.unresolved[scope];
        this.graph.unresolved.push({ capability: scope === 'read' ? 'fs.read' : 'fs.write', site: at, api: 'fs', package: loaded.package, reason: 'file-too-large', fallback });
        this.graph.diagnostics.push(diagnostic('FS_PATH_UNKNOWN', fallback === 'error' ? 'error' : 'warning', { api: 'fs', scope, reason: 'file-too-large', fallback }, at));
      }
    }
    if (unscanned) return { ...tooLarge, args: { ...tooLarge.args, unscanned: true } };
    return scan.capabilities.length > 0 ? { ...tooLarge, args: { ...tooLarge.args, capabilities: scan.capabilities } } : tooLarge;
  }

  /**
   * Files first, then the calls between them, until neither has work; a model or replay can name
   * more code to read. Then `unbound` gives the calls of functions that run with arguments no
   * call shows (escaped exports, the app's uncalled exports), matched in turn, until it has none.
   */
  run(detect: DetectOptions, unbound?: (reached: ReadonlySet<FnKey>) => PendingCall[]): Matched {
    const reached = new Set<FnKey>();
    const state: MatchState = { seen: new Set(), replays: 0 };
    for (;;) {
      this.runToFixpoint(detect, reached, state);
      if (!unbound || this.input.limits.callsCut || state.stopped) break;
      const more = unbound(reached);
      if (more.length === 0) break;
      this.pending.push(...more);
    }
    return { reached, state };
  }

  private runToFixpoint(detect: DetectOptions, reached: Set<FnKey>, state: MatchState): void {
    const { resolve, limits, models } = this.input;
    while (this.queue.length > 0 || this.pending.length > 0) {
      while (this.queue.length > 0) this.analyse(this.queue.shift()!, 0, detect);
      this.examineDeferred(detect);
      if (limits.outOfTime() && this.pending.length > 0) {
        limits.callsCut = true;
        break;
      }
      matchCalls({ resolve, tables: this.tables, summaries: this.summaries, pending: this.pending.splice(0), modelFindings: (call, hop) => models.callFindings(call, hop), state, outOfTime: () => limits.outOfTime(), cut: (call, bound, limit) => callCut(call, bound, limit, this.input.options.unresolved.read) }, this.take, reached);
    }
  }
}

/** The size caps other readers of a file ask with (JSON data, the models' includes): a file read with one of them is not read for its examination alone. */
const otherCaps = new Set([MAX_JSON_DATA_BYTES, MAX_INCLUDE_BYTES]);

/** How a module request is resolved: as `require` or as `import`. */
const resolveKind = (kind: ModuleRequest['kind']): 'require' | 'import' => (kind === 'require' || kind === 'fork' || kind === 'resolve' ? 'require' : 'import');

/** A file's own functions as its record needs them (OwnFunctions): their keys by ordinal, where a fold of one looks, its parameter tokens' places. */
function ownFunctions(model: FileModel): OwnFunctions {
  const keys = carryFnKeys(model) ?? new Map<number, FnKey>();
  const ordinalOf = new Map([...keys].map(([at, key]) => [key, at]));
  return { keys, place: (fn) => foldPlace(model, ordinalOf, fn), params: () => tokenPlaces(model), functions: (calls) => placeFunctions(calls, model) };
}

/** `f`, called once: later calls give its first result. */
function once<T>(f: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value;
  };
}
