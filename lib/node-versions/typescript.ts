// Which Node releases run TypeScript sources, and with which flag. Kept apart from the release
// spans of the Permission Model facts because these change at other releases: a range is
// checked against each fact's own releases. Sources: the "History" of --experimental-strip-types
// and --experimental-transform-types in Node's doc/api/cli.md; measured on 22.23.3, 24.21.0 and
// 26.10.0 (no flag needed; enums need the transform flag on 22 and 24; 26.10.0 refuses that flag
// as a bad option).

import semver from 'semver';

export type TypeScriptProblem =
  /** The release cannot strip types at all. */
  | 'no-type-stripping'
  /** The release strips types only with `--experimental-strip-types`. */
  | 'strip-flag'
  /** Non-erasable syntax (enum, namespace, parameter property) needs `--experimental-transform-types`. */
  | 'transform-flag'
  /** Non-erasable syntax cannot run: the release has no transform mode. */
  | 'no-transform'
  /** Node refuses to strip types of files under node_modules, on every release. */
  | 'node-modules';

/** The releases each problem applies to, as semver ranges. */
const releasesWith: Readonly<Record<Exclude<TypeScriptProblem, 'node-modules'>, string>> = {
  'no-type-stripping': '<22.6.0',
  'strip-flag': '>=22.6.0 <22.18.0 || >=23.0.0 <23.6.0',
  'transform-flag': '>=22.7.0 <26.0.0',
  'no-transform': '<22.7.0 || >=26.0.0',
};

/** The flag that solves a problem, where one does. */
export const typeScriptFlag: Partial<Record<TypeScriptProblem, string>> = {
  'strip-flag': '--experimental-strip-types',
  'transform-flag': '--experimental-transform-types',
};

/** Whether some release of the target (a version, or the releases of a range) has the problem. */
export function targetHas(problem: Exclude<TypeScriptProblem, 'node-modules'>, target: { version: string; range?: string }): boolean {
  const releases = releasesWith[problem];
  return target.range ? semver.intersects(target.range, releases) : semver.satisfies(target.version, releases);
}

/** The releases of the target that have the problem, for messages (`>=22.6.0 <22.18.0`). */
export function releasesOf(problem: Exclude<TypeScriptProblem, 'node-modules'>): string {
  return releasesWith[problem];
}
