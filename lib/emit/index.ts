// Stage 7: render a Policy for a target Node version: the flag array, a shell line, a
// NODE_OPTIONS value, and the node.config.json section. Every version difference comes from
// the node-versions table; these functions return values and never print.

import { booleanCapabilities } from '../capabilities.js';
import { PolicyError } from '../errors.js';
import { hasFlag, type AllowFlag, type NodeVersionFacts } from '../node-versions/index.js';
import { describeSpans, factsAcross, spansOf, type VersionSpan } from '../node-versions/range.js';
import { resolveTarget } from '../project/target.js';
import type { Policy, Target } from '../types.js';
import type { Report } from '../report.js';
import { nodeOptionsQuote, shellQuote } from './quote.js';

/** The report's target, or `target` (a major, version or range) resolved the way --target is. */
function targetOf(report: Report, target?: string): Target {
  return target === undefined ? report.target : resolveTarget({ option: target }, report.target.version);
}

/** The spans of the target and the facts that hold on all of them. */
function factsOf(report: Report, target?: string): { spans: VersionSpan[]; facts: NodeVersionFacts } {
  const spans = spansOf(targetOf(report, target));
  return { spans, facts: factsAcross(spans) };
}

function noConfigFile(spans: VersionSpan[], what: string): PolicyError {
  const lacking = describeSpans(spans.filter((s) => !s.facts.configFile.supported));
  return new PolicyError('FORMAT_UNSUPPORTED', `Node ${lacking} ${what}`, 'start the app with generate-flags exec (any Node), or use --format shell or node-options, or --target 22 or later');
}

/** The flags for a policy on a version: one `--allow-fs-*` flag per path, only flags the version has. */
export function flagsFor(policy: Policy, facts: NodeVersionFacts): string[] {
  const booleans = booleanCapabilities.filter(({ policyKey, flag }) => policy[policyKey].granted && hasFlag(facts, flag)).map(({ flag }) => flag);
  // Made at its length (one flag per grant, 60,000 on the generated 20,000-module tree): grown by
  // push, it left each smaller copy behind as a large object until a full collection.
  const flags = new Array<string>(1 + policy.fsRead.length + policy.fsWrite.length + booleans.length);
  let i = 0;
  flags[i++] = facts.enableFlag;
  for (const g of policy.fsRead) flags[i++] = `--allow-fs-read=${g.path}`;
  for (const g of policy.fsWrite) flags[i++] = `--allow-fs-write=${g.path}`;
  for (const flag of booleans) flags[i++] = flag;
  return flags;
}

/** Node flags for the report's policy; `target` re-renders it for another version. */
export function toFlags(report: Report, target?: string): string[] {
  return target === undefined ? [...report.flags] : flagsFor(report.policy, factsOf(report, target).facts);
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
  const { spans, facts } = factsOf(report, target);
  if (!facts.configFile.supported) throw noConfigFile(spans, 'does not read permissions from node.config.json');
  const granted = booleanCapabilities.filter(({ policyKey }) => report.policy[policyKey].granted).map(({ flag }) => flag);
  return configSection(
    report.policy.fsRead.map((g) => g.path),
    report.policy.fsWrite.map((g) => g.path),
    granted,
    facts,
  );
}

/**
 * The node.config.json content for flags (`--allow-fs-read=P`, boolean `--allow-*`), as
 * toConfig() writes it; for `generate-flags exec`, which passes flags too long for a command
 * line in a config file. The caller has checked that `facts` read a config file.
 */
export function configFromFlags(flags: readonly string[], facts: NodeVersionFacts): Record<string, unknown> {
  const valueOf = (name: string) => flags.filter((f) => f.startsWith(`${name}=`)).map((f) => f.slice(name.length + 1));
  const granted = booleanCapabilities.map(({ flag }) => flag).filter((flag) => flags.includes(flag));
  return configSection(valueOf('--allow-fs-read'), valueOf('--allow-fs-write'), granted, facts);
}

function configSection(read: string[], write: string[], granted: readonly AllowFlag[], facts: NodeVersionFacts): Record<string, unknown> {
  const section: Record<string, unknown> = {};
  const usePermissionNamespace = facts.configFile.permissionNamespaceEnablesModel;
  if (!usePermissionNamespace) section['permission'] = true;
  // Node turns the nodeOptions namespace into one NODE_OPTIONS string and splits it again, so a
  // raw space or `"` there makes Node refuse the file or, worse, grant another path (`a"b"c`
  // becomes `abc`); quoted the NODE_OPTIONS way the value arrives intact (measured on 22.23.3,
  // 23.11.1, 24.21.0, 25.9.0, 26.10.0). The permission namespace takes values as they are.
  const value = usePermissionNamespace ? (p: string) => p : nodeOptionsQuote;
  if (read.length > 0) section['allow-fs-read'] = read.map(value);
  if (write.length > 0) section['allow-fs-write'] = write.map(value);
  for (const flag of granted) if (hasFlag(facts, flag)) section[flag.slice(2)] = true;
  return usePermissionNamespace ? { permission: section } : { nodeOptions: section };
}

/** The words that load a config file on the target (the flag's form differs by version). */
export function configFileArgs(report: Report, file: string, target?: string): string[] {
  const { spans, facts } = factsOf(report, target);
  if (!facts.configFile.supported) throw noConfigFile(spans, 'has no config file');
  if (!facts.configFileFlag) {
    // docs/node-facts.md#config-file: 23 reads `=PATH` as a garbled name, 24 and 26 read `PATH` as the script.
    throw new PolicyError(
      'FORMAT_UNSUPPORTED',
      `no one form of --experimental-config-file works on all of ${describeSpans(spans)}: 23 takes only the space form, 24 and 26 only the = form`,
      'start Node with --experimental-default-config-file (reads ./node.config.json on 22.16+ and 23.10+), or narrow the range',
    );
  }
  // Node 23 takes the file as a separate word and reads `-x.json` as a missing argument.
  return facts.configFileFlag(file.startsWith('-') ? `./${file}` : file);
}
