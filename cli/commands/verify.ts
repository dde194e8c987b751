// `generate-flags verify [options] -- COMMAND [ARGS…]`: runs the user's command once in audit
// mode (cli/verify-run.ts) and reports what the policy misses, sorted against the static
// analysis of the same app (lib/verify/): silent misses, known unknowns, grants the policy in
// use lacks but the analysis now makes, and grants the run never used.

import { escapeLines } from '../escape.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, PolicyError, toolVersion, toShell, type Report } from '../../lib/index.js';
import { factsFor } from '../../lib/node-versions/index.js';
import { findRoot } from '../../lib/project/index.js';
import { readNodeWords } from '../../lib/project/node-command.js';
import { nodeHost } from '../../lib/host.js';
import { auditMajors, auditSupport, foldersAtStart, grantsOfReport, observations, refuseBroad, setObserved, sourceLineReader, verifyOutcome, type GrantSet, type ObservedOpens, type RecordedAccess } from '../../lib/verify/index.js';
import type { CommandIO } from '../command.js';
import { findPolicyFiles, readPolicyFile } from '../committed-policy.js';
import { renderDiagnostic } from '../render.js';
import { renderVerifyJson, renderVerifyText, type VerifyReport } from '../render-verify.js';
import { nodeVersionOf, runAudited } from '../verify-run.js';
import { writeFileAtomic } from '../write-file.js';
import { withHeapGrowthBounds } from '../heap-growth.js';
import { parseVerify, usage, type VerifyOptions } from './verify-options.js';

const isDir = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
const exists = (p: string) => fs.existsSync(p);

/** Why this Node cannot verify, with the lines that can (measured: lib/verify/audit-mode.ts). */
function unsupported(version: string, why: 'no-audit-flag' | 'enforces'): string {
  const lines = auditMajors.join(' and ');
  const reason = why === 'enforces' ? 'has --permission-audit, but it still denies file system and network access' : 'has no --permission-audit';
  return `generate-flags verify: Node ${version} ${reason}, so the run would not show what the policy misses.\n` +
    `hint: run it with Node ${lines} (--node PATH); measured: 20, 22 and 23 have no audit mode, 25 enforces fs and net in audit mode\n`;
}

/** The entry of a `node [options] FILE` command, so the analysis starts where the run does. */
function nodeEntry(command: string[], nodeBin: string, cwd: string): string | undefined {
  const program = path.basename(command[0]!);
  if (program !== 'node' && path.resolve(cwd, command[0]!) !== nodeBin) return undefined;
  const words = readNodeWords(command.slice(1).map((value) => ({ value, start: 0, end: 0, dynamic: false })));
  return words.runs === 'file' && words.entry ? path.resolve(cwd, words.entry.value) : undefined;
}

async function analyseFor(options: VerifyOptions, io: CommandIO, version: string, nodeBin: string): Promise<Report> {
  const entry = nodeEntry(options.command, nodeBin, io.cwd);
  return analyze(
    withHeapGrowthBounds({
      cwd: io.cwd,
      ...(entry ? { entries: [entry] } : {}),
      target: version,
      runningVersion: version,
      runCwd: io.cwd,
      env: options.env,
      ...(options.unresolved ? { unresolved: options.unresolved } : {}),
    }),
  );
}

/** The policy the run is checked against, and the same without what earlier observations added (for --write). */
function policyInUse(options: VerifyOptions, io: CommandIO, report: Report, version: string): { policy: GrantSet; unobserved: GrantSet } {
  const facts = factsFor(version)!;
  const file = options.policy !== undefined ? readPolicyFile(options.policy, io.cwd, facts) : findPolicyFiles(findRoot(nodeHost, io.cwd), facts)[0];
  if (!file) return { policy: grantsOfReport(report), unobserved: grantsOfReport(report, false) };
  const policy = { source: path.relative(io.cwd, file.file) || file.file, read: file.policy.read, write: file.policy.write, allow: file.policy.allow };
  return { policy, unobserved: policy };
}

/**
 * --write: what this run needed beyond the policy without earlier observations, so re-running
 * replaces them instead of adding to them.
 */
function recordObservations(io: CommandIO, options: VerifyOptions, report: Report, unobserved: GrantSet, accesses: RecordedAccess[], dirs: (p: string) => boolean): string {
  const { missing } = verifyOutcome({ report, policy: unobserved, accesses, isDir: dirs, exists, lineText: sourceLineReader() });
  const observed = observations({ missing, accesses, root: report.project.root, command: toShell(options.command), date: new Date().toISOString().slice(0, 10), list });
  const { kept: entries, refused } = refuseBroad(observed, report.project.root, os.homedir());
  const file = path.join(report.project.root, 'package.json');
  writeFileAtomic(file, setObserved(fs.readFileSync(file, 'utf8'), entries));
  const notes = refused.map(({ entry, opens }) => `generate-flags verify: not recorded: ${entry.capability} ${entry.path} (asked at ${entry.evidence.site ?? 'no frame in the project'}) would open ${opensText[opens]}; grant it knowingly with --${entry.capability === 'fs.write' ? 'write' : 'read'} if the app needs it\n`);
  return `${notes.join('')}generate-flags verify: recorded ${entries.length} observation${entries.length === 1 ? '' : 's'} in ${path.relative(io.cwd, file) || file} (permissionPolicy.observed)\n`;
}

const opensText: Record<ObservedOpens, string> = { everything: 'everything', 'disk-root': 'the whole disk', home: 'the home folder (or a folder above it)' };

function list(dir: string): string[] | undefined {
  try {
    return fs.readdirSync(dir);
  } catch {
    return undefined;
  }
}

export async function verify(argv: string[], io: CommandIO): Promise<number> {
  const options = parseVerify(argv);
  if (options.help) {
    io.stdout(usage + '\n');
    return 0;
  }
  const nodeBin = options.node !== undefined ? path.resolve(io.cwd, options.node) : process.execPath;
  const version = nodeVersionOf(nodeBin);
  const support = auditSupport(version);
  if (!support.usable) {
    io.stderr(unsupported(version, support.why));
    return 2;
  }
  if (!factsFor(version)) throw new PolicyError('TARGET_UNSUPPORTED', `Node ${version} is not one the Permission Model facts cover`, 'use --node with Node 24 or 26');
  const report = await analyseFor(options, io, version, nodeBin);
  for (const d of report.diagnostics) if (d.severity === 'error') io.stderr(renderDiagnostic(d) + '\n');
  const { policy, unobserved } = policyInUse(options, io, report, version);
  const dirs = foldersAtStart(report, { ...policy, read: [...policy.read, ...unobserved.read], write: [...policy.write, ...unobserved.write] }, isDir);
  const run = await runAudited(options.command, { cwd: io.cwd, env: io.env, node: nodeBin });
  const outcome = verifyOutcome({ report, policy, accesses: run.accesses, isDir: dirs, exists, lineText: sourceLineReader() });
  const result: VerifyReport = {
    schemaVersion: 1,
    tool: { name: 'node-permission-policy', version: toolVersion() },
    command: options.command,
    root: report.project.root,
    node: { path: nodeBin, version },
    policy: { source: policy.source },
    exit: { code: run.exit.code, signal: run.exit.signal },
    ...outcome,
    skippedRecords: run.skipped,
  };
  const text = options.format === 'json' ? renderVerifyJson(result) : renderVerifyText(result);
  if (options.output !== undefined) writeFileAtomic(path.resolve(io.cwd, options.output), text);
  // The text names paths and sites the app touched: escaped on the terminal (cli/escape.ts).
  else io.stderr(options.format === 'json' ? text : escapeLines(text));
  if (options.write) io.stderr(escapeLines(recordObservations(io, options, report, unobserved, run.accesses, dirs)));
  // The app's own failure wins: a run that broke proves nothing about the policy either way.
  if (run.exit.signal) return 128 + (os.constants.signals[run.exit.signal] ?? 0);
  if (run.exit.code !== 0) return run.exit.code ?? 1;
  return outcome.missing.length ? 1 : 0;
}
