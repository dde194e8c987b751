// case.json of one fixture (docs/fixtures.md): read, checked and completed with the defaults.
// Unknown keys are errors, so a typo ("entry" for "entries") fails loudly instead of silently
// falling back to a default.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalyzeOptions } from '../../lib/analyze.js';
import type { UnresolvedMode } from '../../lib/types.js';

export const probeKinds = ['read', 'write', 'spawn', 'worker', 'net', 'addon'] as const;
export type ProbeKind = (typeof probeKinds)[number];

export interface FixtureCase {
  description: string;
  targets: string[];
  /** Analysis options, as the CLI takes them; absent means "let the analyser decide". */
  entries?: string[];
  env?: Record<string, string>;
  read?: string[];
  write?: string[];
  unresolved?: UnresolvedMode;
  /** The temp folder (`os.tmpdir()`) for the analysis and, as TMPDIR, for the runs; `./` values are made absolute against the copy. */
  tmpdir?: string;
  /** The app's arguments the analysis is told (`generate-flags -- ARGS`); absent: process.argv is unknown. */
  args?: string[];
  /** --max-file-size in bytes, so a small committed file can stand for a large bundle. */
  maxFileSize?: number;
  /** --platform / --arch for the analysis. */
  platform?: string;
  arch?: string;
  run: {
    args: string[];
    env: Record<string, string>;
    stdout: string;
    skip: Record<string, string>;
    /**
     * `ok` (default): the app must run under its flags. `denied`: the analysis could not resolve
     * an access and reports it; the app must then be denied (ERR_ACCESS_DENIED) instead of
     * running, which proves the reported access is real and not silently allowed.
     */
    expect: RunExpectation;
  };
  probe: { kind: ProbeKind; path: string };
}

export const runExpectations = ['ok', 'denied'] as const;
export type RunExpectation = (typeof runExpectations)[number];

export const defaultTargets = ['20', '22', '24', '26'];
const defaultProbePath = 'secret.txt';
const topKeys = ['description', 'targets', 'entries', 'env', 'read', 'write', 'unresolved', 'tmpdir', 'run', 'probe', 'args', 'platform', 'arch', 'maxFileSize'];
const runKeys = ['args', 'env', 'stdout', 'skip', 'expect'];
const probeKeys = ['kind', 'path'];
const unresolvedModes: readonly UnresolvedMode[] = ['warn', 'project', 'error'];

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects every problem of a case.json, so one run reports them all. */
class Checker {
  readonly problems: string[] = [];

  keys(where: string, value: Json, allowed: string[]): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.problems.push(`${where}: unknown key "${key}" (allowed: ${allowed.join(', ')})`);
    }
  }

  string(where: string, value: unknown): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    this.problems.push(`${where}: expected a string`);
    return undefined;
  }

  strings(where: string, value: unknown): string[] | undefined {
    if (value === undefined) return undefined;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
    this.problems.push(`${where}: expected an array of strings`);
    return undefined;
  }

  record(where: string, value: unknown): Record<string, string> | undefined {
    if (value === undefined) return undefined;
    if (isObject(value) && Object.values(value).every((v) => typeof v === 'string')) return value as Record<string, string>;
    this.problems.push(`${where}: expected an object of strings`);
    return undefined;
  }

  object(where: string, value: unknown, allowed: string[]): Json {
    if (value === undefined) return {};
    if (!isObject(value)) {
      this.problems.push(`${where}: expected an object`);
      return {};
    }
    this.keys(where, value, allowed);
    return value;
  }

  oneOf<T extends string>(where: string, value: unknown, allowed: readonly T[]): T | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${where}: expected one of ${allowed.join(', ')}`);
    return undefined;
  }
}

/** Checks parsed case.json content and fills in the defaults. Throws listing every problem. */
export function parseFixtureCase(raw: unknown, where = 'case.json'): FixtureCase {
  const check = new Checker();
  const top = check.object(where, raw, topKeys);
  const run = check.object(`${where} run`, top.run, runKeys);
  const probe = check.object(`${where} probe`, top.probe, probeKeys);

  const targets = check.strings(`${where} targets`, top.targets) ?? defaultTargets;
  if (targets.length === 0) check.problems.push(`${where} targets: must name at least one Node major`);
  for (const target of targets) {
    if (!/^\d+$/.test(target)) check.problems.push(`${where} targets: "${target}" is not a Node major such as "22"`);
  }
  const skip = check.record(`${where} run.skip`, run.skip) ?? {};
  for (const target of Object.keys(skip)) {
    if (!targets.includes(target)) check.problems.push(`${where} run.skip: "${target}" is not one of the targets`);
  }

  const fixture: FixtureCase = {
    description: check.string(`${where} description`, top.description) ?? '',
    targets,
    run: {
      args: check.strings(`${where} run.args`, run.args) ?? [],
      env: check.record(`${where} run.env`, run.env) ?? {},
      stdout: check.string(`${where} run.stdout`, run.stdout) ?? 'ok',
      skip,
      expect: check.oneOf(`${where} run.expect`, run.expect, runExpectations) ?? 'ok',
    },
    probe: {
      kind: check.oneOf(`${where} probe.kind`, probe.kind, probeKinds) ?? 'read',
      path: check.string(`${where} probe.path`, probe.path) ?? defaultProbePath,
    },
  };
  const entries = check.strings(`${where} entries`, top.entries);
  if (entries) fixture.entries = entries;
  if (top.maxFileSize !== undefined) {
    if (typeof top.maxFileSize === 'number' && top.maxFileSize > 0) fixture.maxFileSize = top.maxFileSize;
    else check.problems.push(`${where} maxFileSize: expected a positive number of bytes`);
  }
  const args = check.strings(`${where} args`, top.args);
  if (args) fixture.args = args;
  for (const key of ['platform', 'arch'] as const) {
    const value = check.string(`${where} ${key}`, top[key]);
    if (value !== undefined) fixture[key] = value;
  }
  const env = check.record(`${where} env`, top.env);
  if (env) fixture.env = env;
  const read = check.strings(`${where} read`, top.read);
  if (read) fixture.read = read;
  const write = check.strings(`${where} write`, top.write);
  if (write) fixture.write = write;
  const unresolved = check.oneOf(`${where} unresolved`, top.unresolved, unresolvedModes);
  if (unresolved) fixture.unresolved = unresolved;
  const tmpdir = check.string(`${where} tmpdir`, top.tmpdir);
  if (tmpdir) fixture.tmpdir = tmpdir;

  if (check.problems.length) throw new Error(check.problems.join('\n'));
  return fixture;
}

/** Reads `<caseDir>/case.json`; a case without one gets every default. */
export function loadFixtureCase(caseDir: string): FixtureCase {
  const file = path.join(caseDir, 'case.json');
  const where = path.join(path.basename(caseDir), 'case.json');
  if (!fs.existsSync(file)) return parseFixtureCase({}, where);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${where}: not valid JSON: ${(err as Error).message}`);
  }
  return parseFixtureCase(raw, where);
}

/**
 * Values starting with `./` name something inside the app and are made absolute against the
 * analysed copy (whose path changes every run); every other value is passed through as given.
 */
export function resolveAppValues(values: Record<string, string>, appDir: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, value.startsWith('./') ? path.join(appDir, value) : value]),
  );
}

/**
 * The analysis options a case asks for, as every runner of fixtures passes them (the suite, the
 * cache and worker comparisons, the snapshot). The folder, target, home and temp folder are the
 * runner's own: each runs in a place of its own.
 */
export function caseOptions(fixture: FixtureCase, appDir: string): Omit<AnalyzeOptions, 'cwd'> {
  return {
    ...(fixture.entries ? { entries: fixture.entries } : {}),
    ...(fixture.env ? { env: resolveAppValues(fixture.env, appDir) } : {}),
    ...(fixture.read ? { read: fixture.read } : {}),
    ...(fixture.write ? { write: fixture.write } : {}),
    ...(fixture.unresolved ? { unresolved: fixture.unresolved } : {}),
    ...(fixture.args ? { argv: fixture.args } : {}),
    ...(fixture.platform ? { platform: fixture.platform } : {}),
    ...(fixture.arch ? { arch: fixture.arch } : {}),
    ...(fixture.maxFileSize ? { maxFileSize: fixture.maxFileSize } : {}),
  };
}
