// A report as text for byte-for-byte comparison between runs (workers, records): what analyze()
// returned, or the message it threw, so a run that fails compares too.
import { analyze, type AnalyzeOptions } from '../../lib/index.js';

export async function reportText(options: AnalyzeOptions): Promise<string> {
  try {
    return JSON.stringify(await analyze(options));
  } catch (e) {
    return `threw: ${(e as Error).message}`;
  }
}
