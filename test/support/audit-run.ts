// Runs a fixture app once more in audit mode (`--permission-audit` with the same grants) with
// the project's recorder preloaded, and sorts what it recorded against the analysis: an access
// that is neither granted nor reported at a site on its stack is a silent miss, and the fixture
// fails with the access and its stack so it can become a test of its own.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { toNodeOptions } from '../../lib/emit/index.js';
import type { Report } from '../../lib/report.js';
import { auditFlags, classifyAccesses, foldersAtStart, parseRecords, sourceLineReader, recordFileVariable, recorderSourceFor, type ClassifiedAccess, type RecordedAccess } from '../../lib/verify/index.js';
import { runNode, type NodeRun } from './run-under-policy.js';

export interface AuditRun {
  run: NodeRun;
  /** The accesses as recorded. */
  recorded: RecordedAccess[];
  accesses: ClassifiedAccess[];
  /** Recorder lines that were not records (a process killed mid-write). */
  skipped: number;
}

/**
 * Everything goes through NODE_OPTIONS (grants, audit mode, the recorder), so children that
 * inherit the environment are audited too: on 24 audit mode itself is not passed on (docs/node-facts.md#child-process).
 */
export async function runAudited(
  report: Report,
  bin: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs?: number; withGrants?: boolean },
): Promise<AuditRun> {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'npp-audit-')));
  try {
    const recorder = path.join(dir, 'recorder.cjs');
    const recordFile = path.join(dir, 'accesses.jsonl');
    fs.writeFileSync(recorder, recorderSourceFor(recordFile));
    const env = {
      ...options.env,
      // Without grants every check is reported, so the grants the run used can be counted.
      NODE_OPTIONS: toNodeOptions([...(options.withGrants === false ? ['--permission-audit'] : auditFlags(report.flags)), `--require=${recorder}`]),
      [recordFileVariable]: recordFile,
    };
    const dirs = foldersAtStart(report, undefined, isDir);
    const run = await runNode(bin, args, { cwd: options.cwd, env, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
    const { accesses, skipped } = parseRecords(fs.existsSync(recordFile) ? fs.readFileSync(recordFile, 'utf8') : '');
    return { run, recorded: accesses, accesses: classifyAccesses(report, accesses, { isDir: dirs, exists: fs.existsSync, lineText: sourceLineReader() }), skipped };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** One silent access for a failure message: the flag it needs, the API, the site, and the stack outside Node. */
export function formatAccess(a: ClassifiedAccess): string {
  const where = a.site ? `${a.site.file}:${a.site.line}:${a.site.column}${a.package && a.package !== '.' ? ` (${a.package})` : ''}` : 'no site in the project';
  const frames = a.access.stack.filter((f) => !f.file.startsWith('node:')).slice(0, 8);
  return [
    `${a.flag}  ${a.api ?? a.access.permission}  at ${where}  [pid ${a.access.pid}${a.access.tid ? ` thread ${a.access.tid}` : ''}]`,
    ...frames.map((f) => `    at ${f.fn ? `${f.fn} ` : ''}${f.file}:${f.line}:${f.column}`),
  ].join('\n');
}
