// checkTarget(): the target Node alone, without analysing any code: what the Permission Model
// restricts there, what it cannot restrict, whether its lines still get fixes, and the model's
// published vulnerabilities it has not fixed. `generate-flags doctor` prints it.

import * as path from 'node:path';
import { advisoryDiagnostics, bundledList, targetAdvisories, type AdvisoryList, type TargetAdvisories } from './advisories/index.js';
import type { Diagnostic } from './diagnostics/index.js';
import { PolicyError } from './errors.js';
import { nodeHost, readJson, type Host } from './host.js';
import { dayOf } from './node-versions/index.js';
import { limitsOn, restrictionsOn, type Limit, type Restriction } from './node-versions/model-limits.js';
import { alwaysDeniedOn } from './node-versions/api-facts.js';
import { commonEnableFlag, spanNames, spansOf, type VersionSpan } from './node-versions/range.js';
import { findRoot, targetSources, type PackageJson } from './project/index.js';
import { resolveTarget } from './project/target.js';
import type { Target } from './types.js';

export interface CheckTargetOptions {
  /** Where to look for package.json, .nvmrc and .node-version when `target` is not given. Required: the library never reads process.cwd() itself. */
  cwd: string;
  /** A major, a full version or a range. Default: engines.node, .nvmrc, .node-version of the project at `cwd`, else `runningVersion`. */
  target?: string;
  /** The Node version used when nothing names a target. Default: the version running the check. */
  runningVersion?: string;
  /** The day end-of-life is judged on: a Date or `YYYY-MM-DD`. Default: today (UTC). */
  today?: Date | string;
  /** The advisories to check against. Default: the list bundled with this version. */
  advisories?: AdvisoryList;
  /** File access. Default: the real file system. */
  host?: Host;
}

export interface TargetCheck {
  target: Target;
  /** The flag that turns the model on everywhere in the target. */
  enableFlag: string;
  /** Per capability, where its flag exists, where it cannot be allowed, and where it is not restricted. */
  restricts: Restriction[];
  /** What the model does not restrict, or restricts in ways that break code, and where. */
  limits: Limit[];
  advisories: TargetAdvisories;
  /** APIs the model denies whatever is granted (measured), each with the releases of the target that deny it. */
  alwaysDenied: { api: string; on: string }[];
  /** TARGET_EOL and ADVISORY_UNFIXED, as analyze() reports them. */
  diagnostics: Diagnostic[];
}

/** The target as analyze() would pick it; without a package.json, --target or the running Node. */
function targetOf(host: Host, options: CheckTargetOptions, running: string): Target {
  if (options.target !== undefined) return resolveTarget({ option: options.target }, running);
  let root: string;
  try {
    root = findRoot(host, path.resolve(options.cwd));
  } catch (e) {
    if (e instanceof PolicyError && e.code === 'NO_PACKAGE_JSON') return resolveTarget({}, running);
    throw e;
  }
  const pkg = readJson(host, path.join(root, 'package.json'));
  const packageJson = (pkg && typeof pkg === 'object' && !Array.isArray(pkg) ? pkg : {}) as PackageJson;
  return resolveTarget(targetSources(host, root, packageJson), running);
}

export function checkTarget(options: CheckTargetOptions): TargetCheck {
  const host = options.host ?? nodeHost;
  const target = targetOf(host, options, options.runningVersion ?? process.versions.node);
  const spans = spansOf(target);
  const advisories = targetAdvisories(spans, target.range, options.advisories ?? bundledList, dayOf(options.today));
  return {
    target,
    enableFlag: commonEnableFlag(spans) ?? spans[0]!.facts.enableFlag,
    restricts: restrictionsOn(spans),
    limits: limitsOn(spans),
    alwaysDenied: alwaysDeniedAcross(spans),
    advisories,
    diagnostics: advisoryDiagnostics(advisories),
  };
}

/** Every API some release of the spans denies whatever is granted, with those releases. */
function alwaysDeniedAcross(spans: readonly VersionSpan[]): { api: string; on: string }[] {
  const apis = [...new Set(spans.flatMap((s) => alwaysDeniedOn(s.major)))].sort();
  return apis.map((api) => ({ api, on: spanNames(spans.filter((s) => alwaysDeniedOn(s.major).includes(api))).join(', ') }));
}
