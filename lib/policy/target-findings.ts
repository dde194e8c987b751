// What the target cannot restrict or cannot allow, for each capability the policy grants, said
// once per capability and naming the releases it applies to (the stretches of a range). For a
// range, a flag that some of its releases lack is left out of the flags, since those releases
// refuse to start with it; the releases that needed it then deny the capability.

import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import { capabilityStatus } from '../node-versions/model-limits.js';
import { describeSpans, type VersionSpan } from '../node-versions/range.js';
import type { BooleanGrant, Policy } from '../types.js';
import { booleanCapabilities } from '../capabilities.js';

const firstSite = (g: BooleanGrant) => g.evidence.find((e) => e.site)?.site;

export function targetFindings(policy: Policy, spans: readonly VersionSpan[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { policyKey, capability, flag } of booleanCapabilities) {
    const grant = policy[policyKey];
    if (!grant.granted) continue;
    const site = firstSite(grant);
    const on = (status: 'flag' | 'denied' | 'open') => spans.filter((s) => capabilityStatus(capability, flag, s.facts) === status);
    const [has, denied, open] = [on('flag'), on('denied'), on('open')];
    if (has.length > 0 && has.length < spans.length) {
      const lacking = describeSpans([...denied, ...open].sort((a, b) => spans.indexOf(a) - spans.indexOf(b)));
      out.push(diagnostic('TARGET_FLAG_OMITTED', 'error', { flag, capability, lacking, needing: describeSpans(has) }, site));
    }
    if (open.length > 0) out.push(diagnostic('CAPABILITY_NOT_GATED', 'info', { capability, target: describeSpans(open) }, site));
    if (denied.length > 0) out.push(diagnostic('CAPABILITY_UNAVAILABLE', 'error', { capability, target: describeSpans(denied) }, site));
  }
  if (policy.childProcess.granted) {
    const free = spans.filter((s) => !s.facts.childProcessInheritsPermission);
    if (free.length > 0) out.push(diagnostic('CHILD_NOT_RESTRICTED', 'info', { target: describeSpans(free) }, firstSite(policy.childProcess)));
  }
  if (policy.worker.granted) {
    // Measured on 20.20.2, 22.23.3, 24.21.0, 26.10.0: a worker given its own execArgv runs with no
    // Permission Model at all, and on 22+ every worker reads any file below the working folder.
    const readsCwd = spans.filter((s) => s.major >= 22);
    out.push(diagnostic('WORKER_NOT_CONFINED', 'warning', { ...(readsCwd.length > 0 ? { readsCwd: describeSpans(readsCwd) } : {}) }, firstSite(policy.worker)));
  }
  out.push(...addonFindings(policy));
  return out;
}

/**
 * ADDON_NOT_CONFINED at each site that loads a native addon (one without a site when no evidence
 * has one, e.g. an observed need): Node gates only the load (every supported release has
 * --allow-addons, docs/node-facts.md#addons); the addon's native code then reads, writes and
 * spawns with no check, so the flag must not go out unsaid (`--check` and `exec` say
 * POLICY_VOIDS_MODEL of a committed policy; this is generation's word, at the code).
 */
function addonFindings(policy: Policy): Diagnostic[] {
  if (!policy.addons.granted) return [];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of policy.addons.evidence) {
    const key = e.site ? `${e.site.file}:${e.site.line}:${e.site.column}` : '';
    if (!e.site || seen.has(key)) continue;
    seen.add(key);
    out.push(diagnostic('ADDON_NOT_CONFINED', 'warning', { api: loadApi(e.api), package: e.package }, e.site));
  }
  const first = policy.addons.evidence[0];
  if (out.length === 0) out.push(diagnostic('ADDON_NOT_CONFINED', 'warning', { api: loadApi(first?.api), package: first?.package ?? '.' }));
  return out;
}

/** The load as the user wrote it: a loader package's call is named by the package (`node-gyp-build`), not the detector's key. */
const loadApi = (api: string | undefined) => (api ?? 'require').replace(/^pkg:/, '');
