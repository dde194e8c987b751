// `generate-flags packages`: analyse, then list what each package needs (cli/explain-packages.ts).

import type { CommandIO } from '../command.js';
import { withProjectSettings } from '../project-settings.js';
import { withCacheDir } from '../cache-dir.js';
import { renderPackages } from '../explain-packages.js';
import { analyseWithProgress, printViewDiagnostics, viewContext } from '../explain-run.js';
import { usage } from './packages-options.js';
import { parseViewCli } from './why-options.js';

export async function packages(argv: string[], io: CommandIO): Promise<number> {
  const options = parseViewCli(argv, io.cwd, 'packages');
  if (options.help) {
    io.stdout(usage + '\n');
    return 0;
  }
  const report = await analyseWithProgress(withCacheDir(withProjectSettings(options), io.env), io);
  printViewDiagnostics(report, io, options.debug);
  const view = viewContext(report, io);
  io.stdout(renderPackages(view.report, view.style, view.source));
  return 0;
}
