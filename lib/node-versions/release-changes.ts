// Facts that changed inside a release line, so they hold from one release on rather than for a
// whole major. The measured rows describe the newest release of each line; these say which
// earlier releases of that line differ. Source: the "Added in" and "History" notes of Node's
// doc/api/cli.md (https://nodejs.org/api/cli.html). Only the newest release of each line is
// installed for the tests, so these dates are documented, not measured.

import semver from 'semver';

export type ChangingFact =
  | 'permission-flag'
  | '--allow-addons'
  | '--allow-wasi'
  | '--allow-inspector'
  | 'entry-implicit'
  | 'child-inherits'
  | 'config-file'
  | 'syntax-detection'
  | 'fs-flags-repeatable';

export interface ReleaseChange {
  fact: ChangingFact;
  /** Per major, the first release that has the fact; earlier releases of that line lack it. */
  since: Readonly<Record<number, string>>;
  /** What changed, for docs/versions.md and `doctor`. */
  what: string;
}

export const releaseChanges: readonly ReleaseChange[] = [
  {
    fact: 'permission-flag',
    since: { 22: '22.13.0', 23: '23.5.0' },
    what: '`--permission` replaced `--experimental-permission` (which stays an alias on 22 and 23)',
  },
  { fact: '--allow-addons', since: { 20: '20.12.0' }, what: '`--allow-addons` added; before it the model did not stop native addons' },
  { fact: '--allow-wasi', since: { 20: '20.16.0', 22: '22.3.0' }, what: '`--allow-wasi` added; before it the model did not stop WASI' },
  { fact: '--allow-inspector', since: { 24: '24.12.0' }, what: '`--allow-inspector` added; before it the inspector could not be allowed' },
  { fact: 'entry-implicit', since: { 22: '22.17.0', 24: '24.2.0' }, what: 'the entry script is readable without a grant' },
  { fact: 'child-inherits', since: { 22: '22.18.0', 24: '24.4.0' }, what: 'spawned Node children inherit the policy through NODE_OPTIONS' },
  { fact: 'config-file', since: { 22: '22.16.0', 23: '23.10.0' }, what: '`--experimental-config-file` added' },
  {
    fact: 'syntax-detection',
    since: { 20: '20.19.0', 22: '22.7.0' },
    what: 'a `.js` file whose package type is unknown runs as ESM when it has `import`/`export` syntax (module syntax detection on by default)',
  },
  // Measured, not documented (real 20.5.0, 20.6.0, 20.7.0, 20.8.0 binaries): before 20.7.0 a
  // value of --allow-fs-read/--allow-fs-write is split on commas and only the last flag of each
  // counts, so one path per flag (what we emit) grants only the last path there.
  {
    fact: 'fs-flags-repeatable',
    since: { 20: '20.7.0' },
    what: 'each `--allow-fs-read`/`--allow-fs-write` flag counts and its value is one path; before it values were split on commas and only the last flag counted',
  },
];

/** Whether `version` predates the release that brought `fact` to its line (false when the line never changed). */
export function predates(version: string, fact: ChangingFact): boolean {
  const since = releaseChanges.find((c) => c.fact === fact)?.since[semver.major(version)];
  return since !== undefined && semver.lt(version, since);
}

/** The releases of one line where some fact changed, oldest first. */
export function changePointsOf(major: number): string[] {
  const points = releaseChanges.flatMap((c) => (c.since[major] ? [c.since[major]] : []));
  return [...new Set(points)].sort(semver.compare);
}
