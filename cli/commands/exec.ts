// `generate-flags exec [--policy FILE] -- [node options] server.js [args…]`: starts the app with
// the Node running generate-flags (process.execPath) under a policy: the committed one when it
// is given or found (cli/committed-policy.ts), else one generated now for this Node. Paths are
// passed to Node absolute, so children that inherit the flags (22, 24+) resolve them the same.

import { escapeLines } from '../escape.js';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, formatDiagnostic, PolicyError } from '../../lib/index.js';
import { policyRisks } from '../../lib/policy-risks.js';
import { factsFor, hasFlag, type AllowFlag, type NodeVersionFacts } from '../../lib/node-versions/index.js';
import { findRoot } from '../../lib/project/index.js';
import { splitsFsFlags } from '../../lib/project/target.js';
import { nodeHost } from '../../lib/host.js';
import { preloadsOf, readNodeWords } from '../../lib/project/node-command.js';
import { policyFromFlags, type CommittedPolicy } from '../../lib/policy-file.js';
import type { CommandIO } from '../command.js';
import { findPolicyFiles, readPolicyFile } from '../committed-policy.js';
import { diagnosticPrinter } from '../render.js';
import { execveOf, replaceProcess, runForwardingSignals } from '../run-child.js';
import { fitLaunch } from '../exec-fit.js';
import { linuxLimits } from '../../lib/emit/command-line.js';
import { withProjectSettings, type SettingsOptions } from '../project-settings.js';
import { platformOptions } from './script-rewrite.js';
import { parseExec, usage, type ExecOptions } from './exec-options.js';
import { analysisCacheDir } from '../cache-dir.js';
import { withHeapGrowthBounds } from '../heap-growth.js';


/** A committed policy as flags for the Node that runs it; flags that Node does not have are left out, with a warning. */
function flagsForThisNode(policy: CommittedPolicy, facts: NodeVersionFacts, io: CommandIO): string[] {
  if (!policy.enable) {
    throw new PolicyError('POLICY_INVALID', `${policy.source} does not switch the Permission Model on`, 'write it again with generate-flags, or fix it');
  }
  const flags: string[] = [facts.enableFlag];
  // Each path once: Node 20.20.2 aborts on a path granted twice (an assertion in its grant tree).
  for (const p of new Set(policy.read)) flags.push(`--allow-fs-read=${p}`);
  for (const p of new Set(policy.write)) flags.push(`--allow-fs-write=${p}`);
  for (const flag of policy.allow) {
    if (hasFlag(facts, flag as AllowFlag)) flags.push(flag);
    else io.stderr(`generate-flags exec: Node ${facts.major} has no ${flag}; left out\n`);
  }
  return flags;
}

/** The project root for the policy's risks; a --policy run needs no package.json, then the policy's folder stands in. */
function projectRoot(cwd: string): string | undefined {
  try {
    return findRoot(nodeHost, cwd);
  } catch {
    return undefined;
  }
}

/** One line on stderr for each thing the committed policy opens that it must not; the app still starts. */
function warnRisks(policy: CommittedPolicy, root: string, io: CommandIO): void {
  for (const d of policyRisks(policy, root, os.homedir())) io.stderr(`generate-flags exec: warning ${d.code}: ${formatDiagnostic(d).message}\n`);
}

/** The analysis cache for a policy generated now, unless --no-cache. */
function cacheOf(options: ExecOptions, io: CommandIO): { cache?: { dir: string } } {
  const dir = options.noCache ? undefined : analysisCacheDir(io.env);
  return dir === undefined ? {} : { cache: { dir } };
}

async function freshFlags(options: ExecOptions, io: CommandIO, version: string): Promise<string[]> {
  const words = readNodeWords(options.node.map((value) => ({ value, start: 0, end: 0, dynamic: false })));
  if (words.runs !== 'file' || !words.entry) {
    throw new PolicyError('OPTION_INVALID', 'exec runs an app from a file: no entry file in the node command line', 'generate-flags exec -- server.js');
  }
  const preload = preloadsOf(words.options);
  // package.json permissionPolicy shapes the policy as for the other commands (its target aside:
  // exec always spells the policy for the Node that starts the app).
  const given: SettingsOptions = { cwd: io.cwd, read: options.read, write: options.write, env: options.env, models: [], entries: [], ...(options.unresolved ? { unresolved: options.unresolved } : {}) };
  const settings = withProjectSettings(given);
  const report = await analyze(
    withHeapGrowthBounds({
      cwd: io.cwd,
      entries: [path.resolve(io.cwd, words.entry.value)],
      target: version,
      runningVersion: version,
      runCwd: io.cwd,
      env: settings.env,
      read: settings.read,
      write: settings.write,
      preload,
      ...(settings.models.length > 0 ? { models: settings.models } : {}),
      ...(settings.unresolved ? { unresolved: settings.unresolved } : {}),
      argv: words.args.map((w) => w.value),
      ...cacheOf(options, io),
      ...platformOptions({ ...(settings.platform !== undefined ? { platform: settings.platform } : {}), ...(settings.arch !== undefined ? { arch: settings.arch } : {}) }),
    }),
  );
  if (options.debug && report.cache) io.stderr(`generate-flags exec: ${cacheLine(report.cache, report.project.files.length)}\n`);
  diagnosticPrinter(io, options)(report.diagnostics);
  if (report.diagnostics.some((d) => d.severity === 'error')) {
    throw new PolicyError('POLICY_INVALID', 'the analysis reported errors, so the app is not started', 'fix them, or commit a policy file and pass it with --policy');
  }
  warnRisks(policyFromFlags('the generated policy', report.flags, report.project.root), report.project.root, io);
  return report.flags;
}

/** What --debug says of the cache: the whole analysis reused, or analysed now with so many files from their records. */
function cacheLine({ files, records = 0 }: { files: number; records?: number }, total: number): string {
  if (files > 0 && records === 0) return `analysis reused from the cache (${files} files)`;
  return records > 0 ? `analysed now, ${records} of ${total} files from their records in the cache` : 'analysed now';
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
  warnRisks(file.policy, projectRoot(io.cwd) ?? file.policy.base, io);
  return flagsForThisNode(file.policy, facts, io);
}

/**
 * Node options before the entry that would change the policy exec applies: a grant or allow flag
 * of their own (Node adds it to the policy's), audit mode (24 and 26 then allow everything and
 * only report), or a config file, whose permission namespace adds grants (measured on 26.10.0).
 * Node reads `_` in an option's name as `-`.
 */
const widening = /^--(allow-[a-z-]+|permission-audit|experimental-config-file|experimental-default-config-file)$/;

function refuseWidening(node: string[]): void {
  const words = readNodeWords(node.map((value) => ({ value, start: 0, end: 0, dynamic: false })));
  const found = words.options.map((o) => o.words.map((w) => w.value).join(' ')).filter((_, i) => widening.test(words.options[i]!.name.replace(/_/g, '-')));
  if (found.length === 0) return;
  throw new PolicyError(
    'OPTION_INVALID',
    `the node option${found.length > 1 ? 's' : ''} ${found.join(', ')} would change the policy exec applies`,
    'grant what the app needs with --read/--write or package.json permissionPolicy (or commit a policy file), and start the app without them',
  );
}

export async function exec(argv: string[], io: CommandIO): Promise<number> {
  const options = parseExec(argv);
  if (options.help) {
    io.stdout(usage + '\n');
    return 0;
  }
  refuseWidening(options.node);
  const version = process.versions.node;
  const facts = factsFor(version);
  if (!facts) throw new PolicyError('TARGET_UNSUPPORTED', `Node ${version} is not one the Permission Model facts cover`, 'run generate-flags exec with Node 20, 22, 23, 24, 25 or 26');
  if (splitsFsFlags(version)) {
    throw new PolicyError('TARGET_UNSUPPORTED', `Node ${version} splits --allow-fs-* values on commas and keeps only the last flag of each`, 'run generate-flags exec with Node 20.7.0 or later');
  }
  const flags = await policyFlags(options, io, facts, version);
  const limits = options.argMax !== undefined ? { total: options.argMax, perString: Math.min(options.argMax, linuxLimits.perString) } : linuxLimits;
  const launch = fitLaunch(flags, options.node, facts, io.env, () => findRoot(nodeHost, io.cwd), limits);
  if (launch.note) io.stderr(`generate-flags exec: ${launch.note}\n`);
  const args = launch.args;
  // With process.execve the app takes over this process: no parent to orphan it or to relay signals.
  const execve = execveOf();
  if (execve) replaceProcess(execve, process.execPath, args, { cwd: io.cwd, env: io.env });
  const exit = await runForwardingSignals(process.execPath, args, { cwd: io.cwd, env: io.env });
  if (exit.signal) {
    // End the same way the app did, so whatever started us (a shell, npm, a supervisor) sees the signal.
    process.kill(process.pid, exit.signal);
    return 128 + (os.constants.signals[exit.signal] ?? 0);
  }
  return exit.code ?? 1;
}
