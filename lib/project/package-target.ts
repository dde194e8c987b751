// Which package "exports"/"imports" targets Node accepts, as its resolver checks them
// (PACKAGE_TARGET_RESOLVE in https://nodejs.org/api/esm.html#resolution-algorithm-specification).
// A refused target resolves to nothing: Node throws instead of loading a file, so the analysis
// grants nothing for it and says why. Measured alike on 20.20.2, 22.23.3, 24.21.0 and 26.10.0.

import type { DiagnosticArgs } from '../diagnostics/index.js';

/**
 * Why Node refuses a target:
 * - `not-relative`: it does not start with `./` (an absolute path, a URL, `../`, or a bare name
 *   in "exports"): ERR_INVALID_PACKAGE_TARGET;
 * - `segment`: after `./` it has a `.`, `..` or `node_modules` segment (also percent-encoded):
 *   ERR_INVALID_PACKAGE_TARGET, even when the path stays inside the package;
 * - `subpath`: the part a `*` pattern matched has such a segment: ERR_INVALID_MODULE_SPECIFIER;
 * - `import-name`: an "imports" target that is another `#` name; Node looks it up as a package
 *   named so, which never exists (ERR_MODULE_NOT_FOUND), so `#a` → `#b` → `#a` is no cycle;
 * - `too-deep`: conditions or arrays nested deeper than MAX_TARGET_NESTING (Node would run out
 *   of stack; the analysis does not follow it).
 */
export type TargetProblem = DiagnosticArgs['PACKAGE_TARGET_INVALID']['problem'];

/** Deepest nesting of condition objects and arrays followed in one target; real packages use three or four. */
export const MAX_TARGET_NESTING = 32;

// Node's check of the segments after `./`: `.`, `..` and `node_modules`, in any case and
// percent-encoded, between `/` or `\` separators. (An empty segment, `.//x`, is only deprecated.)
const invalidSegment = /(^|\\|\/)((\.|%2e)(\.|%2e)?|(n|%6e|%4e)(o|%6f|%4f)(d|%64|%44)(e|%65|%45)(_|%5f)(m|%6d|%4d)(o|%6f|%4f)(d|%64|%44)(u|%75|%55)(l|%6c|%4c)(e|%65|%45)(s|%73|%53))(\\|\/|$)/i;

/**
 * What a target string leads to: a path relative to the package folder (`./…`, with the pattern's
 * match put in for each `*`), a bare specifier to resolve from the package (an "imports" target
 * such as `"#dep": "dep"`), or the problem Node refuses it for.
 */
export function checkTarget(target: string, field: 'exports' | 'imports', patternMatch: string | undefined): { path: string } | { bare: string } | { problem: TargetProblem } {
  const filled = patternMatch === undefined ? target : target.split('*').join(patternMatch);
  if (!target.startsWith('./')) {
    if (field === 'exports' || target.startsWith('../') || target.startsWith('/') || URL.canParse(target)) return { problem: 'not-relative' };
    if (target.startsWith('#')) return { problem: 'import-name' };
    return { bare: filled };
  }
  if (invalidSegment.test(target.slice(2))) return { problem: 'segment' };
  if (patternMatch !== undefined && invalidSegment.test(patternMatch)) return { problem: 'subpath' };
  return { path: filled };
}
