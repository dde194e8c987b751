// Stage 7: render a Policy for a target Node version: the flag array, a shell line, a
// NODE_OPTIONS value, and the node.config.json section. Every version difference comes from
// the node-versions table; these functions return values and never print.

import { PolicyError } from '../errors.js';
import { factsFor, hasFlag, type AllowFlag, type NodeVersionFacts } from '../node-versions/index.js';
import { resolveTarget } from '../project/target.js';
import type { Policy, Report } from '../types.js';
import { nodeOptionsQuote, shellQuote } from './quote.js';

const booleanFlags: [keyof Policy, AllowFlag][] = [
  ['childProcess', '--allow-child-process'],
  ['worker', '--allow-worker'],
  ['addons', '--allow-addons'],
  ['wasi', '--allow-wasi'],
  ['net', '--allow-net'],
  ['inspector', '--allow-inspector'],
];

function factsOf(report: Report, target?: string): NodeVersionFacts {
  const version = target === undefined ? report.target.version : resolveTarget(target, undefined, report.target.version).version;
  return factsFor(version)!;
}

/** The flags for a policy on a version: one `--allow-fs-*` flag per path, only flags the version has. */
export function flagsFor(policy: Policy, facts: NodeVersionFacts): string[] {
  const flags: string[] = [facts.enableFlag];
  for (const g of policy.fsRead) flags.push(`--allow-fs-read=${g.path}`);
  for (const g of policy.fsWrite) flags.push(`--allow-fs-write=${g.path}`);
  for (const [key, flag] of booleanFlags) {
    const grant = policy[key] as { granted: boolean };
    if (grant.granted && hasFlag(facts, flag)) flags.push(flag);
  }
  return flags;
}

/** Node flags for the report's policy; `target` re-renders it for another version. */
export function toFlags(report: Report, target?: string): string[] {
  return target === undefined ? [...report.flags] : flagsFor(report.policy, factsOf(report, target));
}

/** One shell-quoted line of words. */
export function toShell(words: string[]): string {
  return words.map(shellQuote).join(' ');
}

/** A NODE_OPTIONS value carrying the flags. */
export function toNodeOptions(flags: string[]): string {
  return flags.map(nodeOptionsQuote).join(' ');
}

/**
 * The node.config.json content for the policy. 25+ read a `permission` namespace that enables
 * the model by itself; 22–24 take the same keys in `nodeOptions` with `"permission": true`
 * (24's `permission` namespace would still need --permission on the command line). 20 has no
 * config file.
 */
export function toConfig(report: Report, target?: string): Record<string, unknown> {
  const facts = factsOf(report, target);
  if (!facts.configFile.supported || !facts.configFileFlag) {
    throw new PolicyError('FORMAT_UNSUPPORTED', `Node ${facts.major} does not read permissions from node.config.json`, 'use --format shell or node-options, or --target 22 or later');
  }
  const section: Record<string, unknown> = {};
  const usePermissionNamespace = facts.configFile.permissionNamespaceEnablesModel;
  if (!usePermissionNamespace) section['permission'] = true;
  // Node turns the nodeOptions namespace into one NODE_OPTIONS string and splits it again, so a
  // raw space or `"` there makes Node refuse the file or, worse, grant another path (`a"b"c`
  // becomes `abc`); quoted the NODE_OPTIONS way the value arrives intact (measured on 22.23.3,
  // 23.11.1, 24.21.0, 25.9.0, 26.10.0). The permission namespace takes values as they are.
  const value = usePermissionNamespace ? (p: string) => p : nodeOptionsQuote;
  const read = report.policy.fsRead.map((g) => value(g.path));
  const write = report.policy.fsWrite.map((g) => value(g.path));
  if (read.length > 0) section['allow-fs-read'] = read;
  if (write.length > 0) section['allow-fs-write'] = write;
  for (const [key, flag] of booleanFlags) {
    if ((report.policy[key] as { granted: boolean }).granted && hasFlag(facts, flag)) section[flag.slice(2)] = true;
  }
  return usePermissionNamespace ? { permission: section } : { nodeOptions: section };
}

/** The words that load a config file on the target (the flag's form differs by version). */
export function configFileArgs(report: Report, file: string, target?: string): string[] {
  const facts = factsOf(report, target);
  if (!facts.configFileFlag) throw new PolicyError('FORMAT_UNSUPPORTED', `Node ${facts.major} has no config file`, 'use --target 22 or later');
  // Node 23 takes the file as a separate word and reads `-x.json` as a missing argument.
  return facts.configFileFlag(file.startsWith('-') ? `./${file}` : file);
}
