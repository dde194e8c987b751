// generated-code detector: code made at run time from a string. When the parse stage folded
// the string (lib/parse/code-string.ts), the generated code was walked with the file and its
// calls are detected like any others; nothing is left to do here. Otherwise what the code
// touches cannot be known: the call is reported (CODE_GENERATED) as an unresolved module access,
// so the read fallback applies and `--unresolved error` fails.
// https://nodejs.org/api/vm.html, https://nodejs.org/api/worker_threads.html#new-workerfilename-options

import { firstUnknown } from '../evaluate/index.js';
import type { Detector, Handler, SinkCall, DetectSink } from './context.js';

/** Argument `index` is the code (or, for Function, the last argument is the body). */
const runs =
  (index: number | 'last'): Handler =>
  (call, sink) => {
    if (call.generated || call.args.length === 0) return;
    reportCode(call, sink, call.arg(index === 'last' ? call.args.length - 1 : index));
  };

/** Reports a code string that was not analysed, with why it could not be read. */
export function reportCode(call: SinkCall, sink: DetectSink, code: ReturnType<SinkCall['arg']>): void {
  if (sink.waits(code)) return;
  // A known string here reached the call through something the parse stage does not fold
  // (--env, another module's export): it is still code nobody read.
  const cause = firstUnknown(code) ?? { k: 'unknown' as const, reason: 'generated-code' as const, site: call.site };
  sink.loadsUnknown(call, cause, { code: 'CODE_GENERATED' });
}

export const generatedCodeDetector: Detector = {
  name: 'generated-code',
  apis: {
    eval: runs(0),
    Function: runs('last'),
    'vm.runInThisContext': runs(0),
    'vm.runInNewContext': runs(0),
    'vm.runInContext': runs(0),
    'vm.Script': runs(0),
    'vm.createScript': runs(0),
    'vm.compileFunction': runs(0),
    'vm.SourceTextModule': runs(0),
  },
};
