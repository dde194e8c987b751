// worker detector: feeds --allow-worker. `new Worker(file)` throws without the flag; the
// worker's file is code the app loads, so it is followed as an entry and granted read (every
// version read-checks it, docs/node-facts.md#worker-threads). `eval: true` workers run a string and load no file: a
// string the parse stage folded was analysed with the file; any other is reported.
// https://nodejs.org/api/worker_threads.html#new-workerfilename-options

import type { Detector, Handler } from './context.js';
import { reportCode } from './generated-code.js';

const worker: Handler = (call, sink) => {
  sink.capability(call, 'worker');
  const options = call.args.length > 1 ? call.arg(1) : undefined;
  const evalFlag = options?.k === 'obj' ? options.props.get('eval') : undefined;
  if (evalFlag?.k === 'bool' && evalFlag.v) {
    if (!call.generated) reportCode(call, sink, call.arg(0), call.args[0]);
    return;
  }
  sink.moduleValue(call, call.arg(0), 'worker');
};

export const workerDetector: Detector = {
  name: 'worker',
  apis: { 'worker_threads.Worker': worker },
};
