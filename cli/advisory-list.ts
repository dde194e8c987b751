// The advisory list a command checks the target against: the one bundled with this version, or
// with --refresh-advisories the live index. NPP_ADVISORIES_URL replaces the index's address (a
// mirror, or a test's local file or server); a failure to read it is a PolicyError (exit 2).

import { refreshAdvisories, type AdvisoryList } from '../lib/index.js';
import type { CommandIO } from './command.js';

export async function advisoryListFor(refresh: boolean, io: CommandIO): Promise<AdvisoryList | undefined> {
  if (!refresh) return undefined;
  const url = io.env['NPP_ADVISORIES_URL'];
  return refreshAdvisories(url ? { url } : {});
}
