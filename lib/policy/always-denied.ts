// API_ALWAYS_DENIED for the target: the detector reports every call of an API some measured
// release denies whatever is granted; here each diagnostic is kept only when a release of the
// target denies it, and says which (`on`), from the measured table (lib/node-versions/api-facts.ts).

import type { Diagnostic } from '../diagnostics/index.js';
import { alwaysDeniedOn } from '../node-versions/api-facts.js';
import { spanNames, type VersionSpan } from '../node-versions/range.js';

export function alwaysDeniedForTarget(diagnostics: readonly Diagnostic[], spans: readonly VersionSpan[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (d.code !== 'API_ALWAYS_DENIED') {
      out.push(d);
      continue;
    }
    const denying = spans.filter((s) => alwaysDeniedOn(s.major).includes(d.args.api));
    if (denying.length > 0) out.push({ ...d, args: { ...d.args, on: spanNames(denying).join(', ') } });
  }
  return out;
}
