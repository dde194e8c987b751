// `generate-flags doctor`: what the Permission Model can and cannot do on the target Node, its
// end-of-life, and the advisories it has not fixed. Reads no code; exit 1 only under --strict.

import { checkTarget } from '../../lib/index.js';
import { advisoryListFor } from '../advisory-list.js';
import { escapeStrings } from '../escape.js';
import type { CommandIO } from '../command.js';
import { projectSettings } from '../project-settings.js';
import { renderTargetCheck } from '../render-target-check.js';
import { parseDoctor, usage } from './doctor-options.js';

export async function doctor(argv: string[], io: CommandIO): Promise<number> {
  const options = parseDoctor(argv, io.cwd);
  if (options.help) {
    io.stdout(usage + '\n');
    return 0;
  }
  const advisories = await advisoryListFor(options.refreshAdvisories, io);
  // package.json permissionPolicy.target names the target as --target would, below it.
  const target = options.target ?? projectSettings(options.cwd)?.settings.target;
  const check = checkTarget({
    cwd: options.cwd,
    ...(target !== undefined ? { target } : {}),
    ...(advisories ? { advisories } : {}),
  });
  io.stdout(options.json ? JSON.stringify(check, null, 2) + '\n' : renderTargetCheck(escapeStrings(check)));
  const found = check.advisories.unfixed.length > 0 || check.advisories.lines.some((l) => l.ended);
  return options.strict && found ? 1 : 0;
}
