// The Node version the policy is for, from the first source that names one: --target, then
// package.json engines.node (the running Node when the range allows it, else the range), then
// .nvmrc, then .node-version, then the running Node. A major
// stands for its newest measured release, a full version for itself, and a semver range for
// every measured release it allows: the range is accepted only when one enable flag works on
// all of it (the flags and findings for the whole range are worked out from the same spans).

import semver from 'semver';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import { PolicyError } from '../errors.js';
import { knownMajors, newestMeasured, factsFor } from '../node-versions/index.js';
import { predates } from '../node-versions/release-changes.js';
import { commonEnableFlag, describeSpans, spanNames, spansOfRange, type VersionSpan } from '../node-versions/range.js';
import type { Target } from '../types.js';

/** The texts that may name the target, each optional; the first present one wins. */
export interface TargetSources {
  /** `--target`. */
  option?: string;
  /** package.json `engines.node`. */
  engines?: string;
  /** The content of `.nvmrc` in the project root. */
  nvmrc?: string;
  /** The content of `.node-version` in the project root. */
  nodeVersion?: string;
}

const sourceNames: Record<Target['source'], string> = {
  option: '--target',
  engines: 'engines.node',
  nvmrc: '.nvmrc',
  'node-version': '.node-version',
  running: 'the running Node',
};

/** Where a target text came from, for messages; nothing for --target, which the user just typed. */
const whereFrom = (source: Target['source']) => (source === 'option' ? '' : ` (${sourceNames[source]})`);

/** nvm's `lts/<codename>` aliases (nodejs/Release schedule.json). */
const ltsCodenames: Record<string, number> = {
  argon: 4, boron: 6, carbon: 8, dubnium: 10, erbium: 12, fermium: 14, gallium: 16, hydrogen: 18, iron: 20, jod: 22, krypton: 24,
};

/**
 * The version text of an .nvmrc or .node-version file: its first line that is not empty or a
 * `#` comment. nvm's `lts/<codename>` becomes that line's major; aliases that move over time
 * (`node`, `lts/*`, `stable`) name no fixed version, so they are refused rather than guessed.
 */
function versionFileText(content: string, file: string): string | undefined {
  const line = content
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*/, '').trim())
    .find((l) => l.length > 0);
  if (line === undefined) return undefined;
  const lts = /^lts\/(.+)$/i.exec(line);
  const major = lts ? ltsCodenames[lts[1]!.toLowerCase()] : undefined;
  if (major !== undefined) return String(major);
  if (lts || /^(node|stable|latest|current|system|iojs)$/i.test(line)) {
    throw new PolicyError('TARGET_INVALID', `${file} says '${line}', which names no fixed Node version`, 'pass --target with the version the app runs on, e.g. --target 24');
  }
  return line;
}

function unsupported(text: string, source: Target['source'], major: number): PolicyError {
  return new PolicyError(
    'TARGET_UNSUPPORTED',
    `Node ${text}${whereFrom(source)} is not supported: the Permission Model facts cover majors ${knownMajors.join(', ')}`,
    major < 20 ? 'the Permission Model first shipped in Node 20' : 'use --target with a supported major',
  );
}

/** The oldest release `range` allows inside `span` (the range is a union of comparator sets). */
function oldestIn(range: string, span: VersionSpan): string {
  const within = new semver.Range(range).set.map((set) => `${set.map((c) => c.value).join(' ')} ${span.range}`.trim()).join(' || ');
  return semver.minVersion(within)?.version ?? span.from;
}

/** A range written so that every release it allows accepts `--permission`, from the spans that do. */
function permissionOnlyExample(range: string, spans: VersionSpan[]): string | undefined {
  const parts: string[] = [];
  let run: VersionSpan[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const from = oldestIn(range, run[0]!);
    const last = run[run.length - 1]!;
    const until = /<(\S+)$/.exec(last.range)?.[1];
    const open = last === spans[spans.length - 1] || !until;
    parts.push(open ? `>=${from}` : `>=${from} <${until}`);
    run = [];
  };
  for (const span of spans) {
    if (span.facts.acceptedEnableFlags.includes('--permission')) run.push(span);
    else flush();
  }
  flush();
  return parts.length > 0 ? parts.join(' || ') : undefined;
}

function conflict(text: string, source: Target['source'], range: string, spans: VersionSpan[]): PolicyError {
  const onlyOld = spans.filter((s) => !s.facts.acceptedEnableFlags.includes('--permission'));
  const refuseOld = spans.filter((s) => !s.facts.acceptedEnableFlags.includes('--experimental-permission'));
  const example = permissionOnlyExample(range, spans);
  return new PolicyError(
    'TARGET_RANGE_CONFLICT',
    `no one flag enables the Permission Model on all of '${text}'${whereFrom(source)}: ` +
      `${describeSpans(onlyOld)} know only --experimental-permission, ${describeSpans(refuseOld)} refuse it`,
    `narrow the range${example ? ` (e.g. '${example}')` : ''}, or pass --target with the Node that runs the app`,
  );
}

/**
 * Node 20.0–20.6 split --allow-fs-* values on commas and keep only the last flag of each (measured
 * on 20.5.0 and 20.6.0; 20.7.0 is the first that does neither), so the one-path-per-flag output
 * would grant one path there, and no form works on both sides of 20.7.0. Those releases are
 * refused rather than given flags that fail (they also miss fixes of high-severity advisories).
 */
export function splitsFsFlags(version: string): boolean {
  return predates(version, 'fs-flags-repeatable');
}

function splitFlagReleases(text: string, source: Target['source'], range?: string): PolicyError {
  const what = range ? `'${text}'${whereFrom(source)} allows releases of` : `${text}${whereFrom(source)} is one of`;
  return new PolicyError(
    range ? 'TARGET_RANGE_CONFLICT' : 'TARGET_UNSUPPORTED',
    `Node ${what} 20.0–20.6, where --allow-fs-read and --allow-fs-write values are split on commas and only the last of each flag counts`,
    range
      ? 'narrow the range to start at 20.7.0 or later (e.g. add >=20.7.0), or pass --target with the Node that runs the app'
      : 'upgrade to Node 20.7.0 or later (20.20.2 has every Permission Model fix of the line)',
  );
}

/**
 * An engines range that needs both spellings of the enable flag, when the running Node is not in
 * it: the flags are for the part that takes --permission (the releases still maintained), and
 * `narrowed` names the part left out, which TARGET_RANGE_NARROWED reports with the alternative.
 */
function narrowedRange(text: string, range: string, spans: VersionSpan[], kept: VersionSpan[], reason: NonNullable<Target['narrowedFor']>): Target {
  const left = spans.filter((s) => !kept.includes(s));
  const version = oldestIn(range, kept[0]!);
  return { version, major: semver.major(version), source: 'engines', from: text, range: kept.map((s) => s.range).join(' || '), covers: spanNames(kept), narrowed: spanNames(left), narrowedFor: reason };
}

function fromRange(text: string, source: Target['source'], range: string): Target {
  const spans = spansOfRange(range);
  if (spans.length === 0) {
    throw new PolicyError('TARGET_UNSUPPORTED', `no measured Node version satisfies '${text}'${whereFrom(source)}`, `supported majors: ${knownMajors.join(', ')}`);
  }
  if (!commonEnableFlag(spans)) {
    const modern = spans.filter((s) => s.facts.acceptedEnableFlags.includes('--permission'));
    if (source === 'engines' && modern.length > 0) return narrowedRange(text, range, spans, modern, 'enable-flag');
    throw conflict(text, source, range, spans);
  }
  if (spans.some((s) => splitsFsFlags(s.from))) {
    // An engines range that starts in 20.0–20.6 (`>=20`, `^20`): the flags are for the rest of it.
    const repeatable = spans.filter((s) => !splitsFsFlags(s.from));
    if (source === 'engines' && repeatable.length > 0) return narrowedRange(text, range, spans, repeatable, 'split-fs-flags');
    throw splitFlagReleases(text, source, range);
  }
  const version = oldestIn(range, spans[0]!);
  return { version, major: semver.major(version), source, from: text, range, covers: spanNames(spans) };
}

function fromText(text: string, source: Target['source']): Target {
  const trimmed = text.trim().replace(/^v(?=\d)/, '');
  if (/^\d+$/.test(trimmed)) {
    const major = Number(trimmed);
    const version = newestMeasured(major);
    if (!version) throw unsupported(text, source, major);
    return { version, major, source, from: text };
  }
  const exact = semver.valid(trimmed);
  if (exact) {
    if (!factsFor(exact)) throw unsupported(text, source, semver.major(exact));
    if (splitsFsFlags(exact)) throw splitFlagReleases(text, source);
    return { version: exact, major: semver.major(exact), source, from: text };
  }
  const range = semver.validRange(trimmed);
  if (!range) {
    throw new PolicyError(
      'TARGET_INVALID',
      `target '${text}'${whereFrom(source)} is not a Node version or range`,
      'use a major (22), a version (22.13.0) or a range (>=22.13.0 <23)',
    );
  }
  return fromRange(text, source, range);
}

/**
 * The running Node, when engines.node allows it and its facts are measured: the policy printed
 * now is for the Node that will most likely start the app now. Output written for other Nodes
 * (a committed flags file, a start script) is read back by `generate-flags exec`, which picks
 * the spelling of the Node that starts it.
 */
function runningWithin(engines: string, running: string): Target | undefined {
  const allowed = semver.validRange(engines.trim());
  if (!allowed || !semver.satisfies(running, allowed) || !factsFor(running)) return undefined;
  return { ...fromText(running, 'running'), engines };
}

/** Resolves the target from the first source present; `running` is the Node doing the analysis. */
export function resolveTarget(sources: TargetSources, running: string): Target {
  if (sources.option !== undefined) return fromText(sources.option, 'option');
  if (sources.engines) return runningWithin(sources.engines, running) ?? fromText(sources.engines, 'engines');
  const nvmrc = sources.nvmrc !== undefined ? versionFileText(sources.nvmrc, '.nvmrc') : undefined;
  if (nvmrc) return fromText(nvmrc, 'nvmrc');
  const nodeVersion = sources.nodeVersion !== undefined ? versionFileText(sources.nodeVersion, '.node-version') : undefined;
  if (nodeVersion) return fromText(nodeVersion, 'node-version');
  return fromText(running, 'running');
}

/**
 * TARGET_OUTSIDE_ENGINES when a target given with --target lies outside the project's own
 * `engines.node`: the app may not run there at all (better-sqlite3 13 crashes Node 20), which no
 * policy changes. A target taken from engines is inside it by construction; an engines text
 * that is not a range says nothing.
 */
export function targetOutsideEngines(target: Target, engines: string | undefined): Diagnostic | undefined {
  if (target.source !== 'option' || typeof engines !== 'string') return undefined;
  const allowed = semver.validRange(engines.trim());
  if (!allowed) return undefined;
  const inside = target.range ? semver.intersects(target.range, allowed) : semver.satisfies(target.version, allowed);
  return inside ? undefined : diagnostic('TARGET_OUTSIDE_ENGINES', 'warning', { target: target.range ? target.from : target.version, engines });
}

/** TARGET_RANGE_NARROWED when an engines range was cut to the releases that take --permission (see narrowedRange). */
export function rangeNarrowed(target: Target, running: string): Diagnostic | undefined {
  if (!target.narrowed) return undefined;
  return diagnostic('TARGET_RANGE_NARROWED', 'warning', { engines: target.from, covers: target.covers ?? [], left: target.narrowed, running, ...(target.narrowedFor === 'split-fs-flags' ? { reason: 'split-fs-flags' as const } : {}) });
}
