// A target as the stretches of releases it covers: one exact release, or for a semver range every
// stretch of a measured line that the range allows, cut where a fact changes inside the line
// (release-changes.ts). factsAcross() folds the stretches into the facts that hold on all of them,
// so one set of flags can be emitted for the whole range. Lines we have no facts for (21, 27 and
// later) are not covered.

import semver from 'semver';
import { changePointsOf } from './release-changes.js';
import { configFileFlagOf, factsFor, knownMajors, newestMeasured, type EnableFlag, type NodeVersionFacts } from './index.js';

export interface VersionSpan {
  major: number;
  /** The first release of the stretch (the release itself for an exact target). */
  from: string;
  /** The releases of the stretch as a plain comparator set, e.g. `>=22.13.0 <22.16.0` or `22.23.3`. */
  range: string;
  /** Short name for messages: `24` (a whole line, or its newest release), `22.13+`, `24.0–24.11`, `22.5.0`. */
  label: string;
  facts: NodeVersionFacts;
}

function stretchLabel(major: number, from: string, until: string): string {
  const f = semver.parse(from)!;
  const u = semver.parse(until)!;
  const endsLine = u.major === major + 1;
  if (f.minor === 0 && f.patch === 0 && endsLine) return String(major);
  const start = f.patch === 0 ? `${major}.${f.minor}` : from;
  if (endsLine) return `${start}+`;
  if (u.patch !== 0 || u.minor === 0) return `${start} to <${until}`;
  const last = `${major}.${u.minor - 1}`;
  return last === start ? start : `${start}–${last}`;
}

/** The stretches of measured releases that `range` allows, oldest first. */
export function spansOfRange(range: string): VersionSpan[] {
  const spans: VersionSpan[] = [];
  for (const major of knownMajors) {
    const points = [`${major}.0.0`, ...changePointsOf(major), `${major + 1}.0.0`];
    for (let i = 0; i + 1 < points.length; i++) {
      const [from, until] = [points[i]!, points[i + 1]!];
      const stretch = `>=${from} <${until}`;
      if (!semver.intersects(range, stretch)) continue;
      spans.push({ major, from, range: stretch, label: stretchLabel(major, from, until), facts: factsFor(from)! });
    }
  }
  return spans;
}

/** One exact release as a span; a line's newest measured release is named by its major. */
function spanOfVersion(version: string): VersionSpan | undefined {
  const facts = factsFor(version);
  if (!facts) return undefined;
  const label = newestMeasured(facts.major) === version ? String(facts.major) : version;
  return { major: facts.major, from: version, range: version, label, facts };
}

/**
 * Names a set of spans, merging neighbours on the same line: `20`, `22.0–22.17`, `23` rather
 * than one name per stretch.
 */
export function spanNames(spans: readonly VersionSpan[]): string[] {
  const names: string[] = [];
  let run: VersionSpan[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const first = run[0]!;
    const last = run[run.length - 1]!;
    if (run.length === 1 || first.range === first.from) names.push(...run.map((s) => s.label));
    else names.push(stretchLabel(first.major, first.from, untilOf(last)));
    run = [];
  };
  for (const span of spans) {
    const prev = run[run.length - 1];
    if (prev && (prev.major !== span.major || untilOf(prev) !== span.from)) flush();
    run.push(span);
  }
  flush();
  return names;
}

/** spanNames() as one phrase for a message. */
export function describeSpans(spans: readonly VersionSpan[]): string {
  return spanNames(spans).join(', ');
}

function untilOf(span: VersionSpan): string {
  return /<(\S+)$/.exec(span.range)?.[1] ?? span.from;
}

/** The enable flag every span accepts (`--permission` preferred), or undefined when none does. */
export function commonEnableFlag(spans: readonly VersionSpan[]): EnableFlag | undefined {
  const flags: EnableFlag[] = ['--permission', '--experimental-permission'];
  return flags.find((flag) => spans.every((s) => s.facts.acceptedEnableFlags.includes(flag)));
}

const intersect = <T>(lists: (readonly T[])[]): T[] => lists.reduce<T[]>((acc, l) => acc.filter((x) => l.includes(x)), [...(lists[0] ?? [])]);
const union = <T>(lists: (readonly T[])[]): T[] => [...new Set(lists.flat())];

/**
 * The facts that hold on every span: the flags all of them accept, a capability counted as
 * restricted or allowable only when it is on all of them, and a package.json grant kept when any
 * of them checks it (an extra read grant is harmless where it is not checked). The caller has
 * made sure an enable flag is common to all spans.
 */
export function factsAcross(spans: readonly VersionSpan[]): NodeVersionFacts {
  const all = spans.map((s) => s.facts);
  if (all.length === 1) return all[0]!;
  const every = (f: (x: NodeVersionFacts) => boolean) => all.every(f);
  const configFileForms = intersect(all.map((f) => f.configFileForms));
  const configFileFlag = configFileFlagOf(configFileForms);
  return {
    major: all[0]!.major,
    testedVersion: all[0]!.testedVersion,
    enableFlag: commonEnableFlag(spans) ?? all[0]!.enableFlag,
    acceptedEnableFlags: intersect(all.map((f) => f.acceptedEnableFlags)),
    allowFlags: intersect(all.map((f) => f.allowFlags)),
    entryImplicitlyReadable: every((f) => f.entryImplicitlyReadable),
    dependencyPackageJsonChecked: all.some((f) => f.dependencyPackageJsonChecked),
    syntaxDetection: every((f) => f.syntaxDetection),
    childProcessInheritsPermission: every((f) => f.childProcessInheritsPermission),
    netGated: every((f) => f.netGated),
    inspectorAllowable: every((f) => f.inspectorAllowable),
    nodeOptionsAllowed: every((f) => f.nodeOptionsAllowed),
    configFile: {
      supported: every((f) => f.configFile.supported),
      permissionNamespace: every((f) => f.configFile.permissionNamespace),
      permissionNamespaceEnablesModel: every((f) => f.configFile.permissionNamespaceEnablesModel),
      nodeOptionsKeys: intersect(all.map((f) => f.configFile.nodeOptionsKeys)),
      permissionNamespaceKeys: intersect(all.map((f) => f.configFile.permissionNamespaceKeys)),
    },
    configFileForms,
    ...(configFileFlag ? { configFileFlag } : {}),
    fsApis: {
      disabled: union(all.map((f) => f.fsApis.disabled)),
      unchecked: union(all.map((f) => f.fsApis.unchecked)),
      needsFullAccess: union(all.map((f) => f.fsApis.needsFullAccess)),
      needsAncestorRead: union(all.map((f) => f.fsApis.needsAncestorRead)),
      missing: union(all.map((f) => f.fsApis.missing)),
    },
  };
}

/** The spans of a resolved target: its range's stretches, or its one release. */
export function spansOf(target: { version: string; range?: string }): VersionSpan[] {
  if (target.range !== undefined) return spansOfRange(target.range);
  const span = spanOfVersion(target.version);
  return span ? [span] : [];
}
