// `generate-flags why <capability|path>`: analyse, then answer one question (cli/explain-why.ts).

import type { CommandIO } from '../command.js';
import { withProjectSettings } from '../project-settings.js';
import { withCacheDir } from '../cache-dir.js';
import { analyseWithProgress, printViewDiagnostics, viewContext } from '../explain-run.js';
import { parseQuestion, renderWhy } from '../explain-why.js';
import { PolicyError } from '../../lib/index.js';
import { parseViewCli, splitQuestion, usage } from './why-options.js';

export async function why(argv: string[], io: CommandIO): Promise<number> {
  const { question, rest } = splitQuestion(argv);
  const options = parseViewCli(rest, io.cwd, 'why');
  if (options.help || (question === undefined && argv.length > 0)) {
    io.stdout(usage + '\n');
    return 0;
  }
  if (question === undefined) throw new PolicyError('OPTION_INVALID', 'generate-flags why needs a question: a capability or a path', 'for example: generate-flags why child-process');
  const report = await analyseWithProgress(withCacheDir(withProjectSettings(options), io.env), io);
  printViewDiagnostics(report, io, options.debug);
  io.stdout(renderWhy(viewContext(report, io), parseQuestion(question, report.project.root)));
  return 0;
}
