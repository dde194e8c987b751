// Runs the command given to `generate-flags verify` in audit mode. This and the fixture runner
// are the only places the project starts the user's code, and only here on purpose: audit mode
// and the recorder preload go into NODE_OPTIONS (so every Node process of the command, its
// children and its workers carry them), the Node that verify uses comes first on PATH, and the
// command's stdio is inherited, so its output and exit code stay its own.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { toNodeOptions } from '../lib/emit/index.js';
import { PolicyError } from '../lib/index.js';
import { parseRecords, recordFileVariable, recorderSourceFor, type RecordedAccess } from '../lib/verify/index.js';
import { runForwardingSignals, type ChildExit } from './run-child.js';

export interface AuditedRun {
  exit: ChildExit;
  accesses: RecordedAccess[];
  /** Recorder lines that were not records (a process killed mid-write). */
  skipped: number;
}

/** The version of a Node binary (`26.10.0`), asked of the binary itself. */
export function nodeVersionOf(bin: string): string {
  const result = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const version = /^v(\d+\.\d+\.\d+)/.exec(result.stdout ?? '')?.[1];
  if (!version) throw new PolicyError('OPTION_INVALID', `${bin} is not a Node binary that answers --version`, 'give the path of a node executable with --node');
  return version;
}

/**
 * No grants at all: audit mode then reports every check, so the run shows both what the policy
 * misses and which of its grants were used. An existing NODE_OPTIONS is kept in front.
 */
export async function runAudited(command: string[], options: { cwd: string; env: Record<string, string | undefined>; node: string }): Promise<AuditedRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npp-verify-'));
  try {
    const recorder = path.join(dir, 'recorder.cjs');
    const recordFile = path.join(dir, 'accesses.jsonl');
    fs.writeFileSync(recorder, recorderSourceFor(recordFile));
    const ours = toNodeOptions(['--permission-audit', `--require=${recorder}`]);
    const env = {
      ...options.env,
      PATH: [path.dirname(options.node), options.env.PATH].filter(Boolean).join(path.delimiter),
      NODE_OPTIONS: [options.env.NODE_OPTIONS, ours].filter(Boolean).join(' '),
      [recordFileVariable]: recordFile,
    };
    let exit: ChildExit;
    try {
      exit = await runForwardingSignals(command[0]!, command.slice(1), { cwd: options.cwd, env });
    } catch (e) {
      throw new PolicyError('OPTION_INVALID', `cannot run ${command[0]}: ${(e as Error).message}`, 'check the command after --');
    }
    const text = fs.existsSync(recordFile) ? fs.readFileSync(recordFile, 'utf8') : '';
    return { exit, ...parseRecords(text) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
