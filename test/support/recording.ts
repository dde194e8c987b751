// Runs an analysis with per-file records on: every Worklist run records into (and takes records
// from) the store given, as the cache does. Shared by the record tests.

import type { RecordStore } from '../../lib/graph/examination.js';
import { Worklist } from '../../lib/graph/worklist.js';

/** Runs `body` with every analysis recording into `store` and taking records from it. */
export async function recording<T>(store: RecordStore, body: () => Promise<T>): Promise<T> {
  const run = Worklist.prototype.run;
  Worklist.prototype.run = function (this: Worklist, ...args: Parameters<Worklist['run']>) {
    this.records = store;
    return run.apply(this, args);
  };
  try {
    return await body();
  } finally {
    Worklist.prototype.run = run;
  }
}
