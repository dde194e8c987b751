// `generate-flags exec [--policy FILE] -- [node options] server.js [args…]`: starts the app with
// the Node running generate-flags (process.execPath) under a policy: the committed one when it
// is given or found (cli/committed-policy.ts), else one generated now for this Node. Paths are
// passed to Node absolute, so children that inherit the flags (22, 24+) resolve them the same.

import { escapeLines } from '../escape.js';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, PolicyError } from '../../lib/index.js';
import { factsFor, hasFlag, type AllowFlag, type NodeVersionFacts } from '../../lib/node-versions/index.js';
import { findRoot } from '../../lib/project/index.js';
import { nodeHost } from '../../lib/host.js';
import { readNodeWords } from '../../lib/project/node-command.js';
import type { Preload } from '../../lib/graph/preload.js';
import type { CommittedPolicy } from '../../lib/policy-file.js';
import type { CommandIO } from '../command.js';
import { findPolicyFiles, readPolicyFile } from '../committed-policy.js';
import { renderDiagnostic } from '../render.js';
import { runForwardingSignals } from '../run-child.js';
import { parseExec, usage, type ExecOptions } from './exec-options.js';

const preloadFlags: Record<string, Preload['flag']> = { '-r': '--require', '--require': '--require', '--import': '--import', '--loader': '--import', '--experimental-loader': '--import' };

/** A committed policy as flags for the Node that runs it; flags that Node does not have are left out, with a warning. */
function flagsForThisNode(policy: CommittedPolicy, facts: NodeVersionFacts, io: CommandIO): string[] {
  if (!policy.enable) {
    throw new PolicyError('POLICY_INVALID', `${policy.source} does not switch the Permission Model on`, 'write it again with generate-flags, or fix it');
  }
  const flags: string[] = [facts.enableFlag];
  for (const p of policy.read) flags.push(`--allow-fs-read=${p}`);
  for (const p of policy.write) flags.push(`--allow-fs-write=${p}`);
  for (const flag of policy.allow) {
    if (hasFlag(facts, flag as AllowFlag)) flags.push(flag);
    else io.stderr(`generate-flags exec: Node ${facts.major} has no ${flag}; left out\n`);
  }
  return flags;
}

async function freshFlags(options: ExecOptions, io: CommandIO, version: string): Promise<string[]> {
  const words = readNodeWords(options.node.map((value) => ({ value, start: 0, end: 0, dynamic: false })));
  if (words.runs !== 'file' || !words.entry) {
    throw new PolicyError('OPTION_INVALID', 'exec runs an app from a file: no entry file in the node command line', 'generate-flags exec -- server.js');
  }
  const preload = words.options.flatMap((o) => (preloadFlags[o.name] && o.value !== undefined ? [{ specifier: o.value, flag: preloadFlags[o.name]! }] : []));
  const report = await analyze({
    cwd: io.cwd,
    entries: [path.resolve(io.cwd, words.entry.value)],
    target: version,
    runningVersion: version,
    runCwd: io.cwd,
    env: options.env,
    read: options.read,
    write: options.write,
    preload,
    ...(options.unresolved ? { unresolved: options.unresolved } : {}),
  });
  for (const d of report.diagnostics) if (d.severity !== 'info' || options.debug) io.stderr(renderDiagnostic(d) + '\n');
  if (report.diagnostics.some((d) => d.severity === 'error')) {
    throw new PolicyError('POLICY_INVALID', 'the analysis reported errors, so the app is not started', 'fix them, or commit a policy file and pass it with --policy');
  }
  return report.flags;
}

async function policyFlags(options: ExecOptions, io: CommandIO, facts: NodeVersionFacts, version: string): Promise<string[]> {
  const shaping = options.read.length + options.write.length + Object.keys(options.env).length > 0 || options.unresolved !== undefined;
  const file = options.policy !== undefined ? readPolicyFile(options.policy, io.cwd, facts) : findPolicyFiles(findRoot(nodeHost, io.cwd), facts)[0];
  if (!file) {
    if (options.debug) io.stderr('generate-flags exec: no committed policy found; generating one now\n');
    return freshFlags(options, io, version);
  }
  if (shaping) {
    throw new PolicyError('OPTION_INVALID', `--read, --write, --env and --unresolved shape a policy generated now, but the committed ${path.basename(file.file)} is used`, 'write the policy file again with those options');
  }
  if (options.debug) io.stderr(escapeLines(`generate-flags exec: policy from ${file.file}\n`));
  return flagsForThisNode(file.policy, facts, io);
}

export async function exec(argv: string[], io: CommandIO): Promise<number> {
  const options = parseExec(argv);
  if (options.help) {
    io.stdout(usage + '\n');
    return 0;
  }
  const version = process.versions.node;
  const facts = factsFor(version);
  if (!facts) throw new PolicyError('TARGET_UNSUPPORTED', `Node ${version} is not one the Permission Model facts cover`, 'run generate-flags exec with Node 20, 22, 23, 24, 25 or 26');
  const flags = await policyFlags(options, io, facts, version);
  const exit = await runForwardingSignals(process.execPath, [...flags, ...options.node], { cwd: io.cwd, env: io.env });
  if (exit.signal) {
    // End the same way the app did, so whatever started us (a shell, npm, a supervisor) sees the signal.
    process.kill(process.pid, exit.signal);
    return 128 + (os.constants.signals[exit.signal] ?? 0);
  }
  return exit.code ?? 1;
}
