// API_ALWAYS_DENIED for the target: the detector reports every call of an API some measured
// release denies whatever is granted; here each diagnostic is kept only when a release of the
// target denies it, and says which (`on`), from the measured table (lib/node-versions/api-facts.ts).

import type { Diagnostic } from '../diagnostics/index.js';
import { alwaysDeniedOn } from '../node-versions/api-facts.js';
import { spanNames, type VersionSpan } from '../node-versions/range.js';

export function alwaysDeniedForTarget(diagnostics: readonly Diagnostic[], spans: readonly VersionSpan[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const errors = erroredSites(diagnostics);
  const seen = new Set<string>();
  for (const d of diagnostics) {
    if (d.code !== 'API_ALWAYS_DENIED') {
      out.push(d);
      continue;
    }
    // The same call said a warning by its file's examination and an error by a caller's replay
    // (a caller turns the option on): the error holds, the warning is not repeated beside it.
    if (d.severity !== 'error' && errors.has(siteKey(d))) continue;
    // Said again by a replay that bound no option either: once.
    const key = `${d.severity} ${siteKey(d)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const denying = spans.filter((s) => alwaysDeniedOn(s.major).includes(d.args.api));
    if (denying.length > 0) out.push({ ...d, args: { ...d.args, on: spanNames(denying).join(', ') } });
  }
  return out;
}

/** A call and the API it makes (a call may make one of several: `fs[sync ? 'fsyncSync' : 'fdatasyncSync'](fd)`). */
function siteKey(d: Diagnostic & { code: 'API_ALWAYS_DENIED' }): string {
  return `${d.args.api} ${d.site?.file}:${d.site?.line}:${d.site?.column}`;
}

/** The sites of the API_ALWAYS_DENIED errors. */
function erroredSites(diagnostics: readonly Diagnostic[]): Set<string> {
  const out = new Set<string>();
  for (const d of diagnostics) if (d.code === 'API_ALWAYS_DENIED' && d.severity === 'error') out.add(siteKey(d));
  return out;
}
