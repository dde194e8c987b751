// Reads a committed policy back: the flags of a script's node command, a node.config.json, or a
// policy file written by generate-flags (shell line, JSON array of flags, NODE_OPTIONS value,
// config or JSON report). Used by `generate-flags exec` to start the app and by `--check` to
// compare with what the code needs now. It parses text it is given; finding and reading the
// files is the caller's job.

import * as path from 'node:path';
import { PolicyError } from './errors.js';
import type { NodeVersionFacts } from './node-versions/index.js';
import { splitScript } from './project/shell-words.js';
import { isPolicyOption } from './project/node-command.js';

/** The grants of a committed policy, with paths made absolute. */
export interface CommittedPolicy {
  /** Where it was read from, for messages (`package.json script "start"`, `node.config.json`). */
  source: string;
  /** How the Permission Model is switched on, or undefined when the policy does not switch it on. */
  enable?: '--permission' | '--experimental-permission' | 'config';
  /** Absolute paths (a folder grant keeps its `/*`), or `*`. */
  read: string[];
  write: string[];
  /** Boolean allow flags as Node spells them, e.g. `--allow-child-process`. */
  allow: string[];
  /** The folder relative paths were resolved against. */
  base: string;
}

function absolute(base: string, p: string): string {
  return p === '*' ? p : path.resolve(base, p);
}

/** A policy from node flags; anything that is not a policy flag is ignored. */
export function policyFromFlags(source: string, flags: readonly string[], base: string): CommittedPolicy {
  const policy: CommittedPolicy = { source, read: [], write: [], allow: [], base };
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i]!;
    const eq = flag.indexOf('=');
    const name = eq > 0 ? flag.slice(0, eq) : flag;
    if (!isPolicyOption(name)) continue;
    if (name === '--permission' || name === '--experimental-permission') policy.enable = name;
    else if (name === '--allow-fs-read' || name === '--allow-fs-write') {
      // Node also takes the space form (`--allow-fs-read /srv/app`).
      const value = eq > 0 ? flag.slice(eq + 1) : flags[++i];
      if (value === undefined) continue;
      (name === '--allow-fs-read' ? policy.read : policy.write).push(absolute(base, value));
    } else if (!policy.allow.includes(name)) policy.allow.push(name);
  }
  return policy;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The allow-* keys of one config namespace, added to `policy`. */
function addNamespace(policy: CommittedPolicy, section: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(section)) {
    if (key === 'allow-fs-read' || key === 'allow-fs-write') {
      const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
      (key === 'allow-fs-read' ? policy.read : policy.write).push(...list.map((p) => absolute(policy.base, p)));
    } else if (key.startsWith('allow-') && value === true && !policy.allow.includes(`--${key}`)) policy.allow.push(`--${key}`);
  }
}

/**
 * A policy from node.config.json content, as the target version reads it (docs/node-facts.md#config-file): the
 * `nodeOptions` namespace with `"permission": true` on 22+; the `permission` namespace is
 * ignored on 22/23, adds grants on 24 but does not switch the model on, and does both on 25+.
 * Relative paths resolve against the process's folder, taken to be `base`.
 */
function policyFromConfig(source: string, config: unknown, base: string, facts: NodeVersionFacts): CommittedPolicy {
  const policy: CommittedPolicy = { source, read: [], write: [], allow: [], base };
  if (!isObject(config)) throw new PolicyError('POLICY_INVALID', `${source} is not a JSON object`, 'fix the file, or write it again with generate-flags --format config -o FILE');
  const nodeOptions = isObject(config['nodeOptions']) ? config['nodeOptions'] : {};
  if (nodeOptions['permission'] === true) policy.enable = 'config';
  addNamespace(policy, nodeOptions);
  const permission = isObject(config['permission']) ? config['permission'] : undefined;
  if (permission && facts.configFile.permissionNamespace) {
    if (facts.configFile.permissionNamespaceEnablesModel) policy.enable = 'config';
    addNamespace(policy, permission);
  }
  return policy;
}

/** Whether node.config.json content has anything to do with the Permission Model. */
export function configHasPolicy(config: unknown): boolean {
  if (!isObject(config)) return false;
  if (isObject(config['permission'])) return true;
  const nodeOptions = config['nodeOptions'];
  return isObject(nodeOptions) && Object.keys(nodeOptions).some((k) => k === 'permission' || k.startsWith('allow-'));
}

/**
 * A policy file in any format generate-flags writes: a JSON array of flags (`args`), a JSON
 * report (`json`), node.config.json content (`config`), or a line of flags (`shell`,
 * `node-options`; both are split like a shell line). Relative paths resolve against `base`.
 */
export function parsePolicyFile(source: string, text: string, base: string, facts: NodeVersionFacts): CommittedPolicy {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (e) {
      throw new PolicyError('POLICY_INVALID', `${source} is not valid JSON: ${(e as Error).message}`, 'write it again with generate-flags -o FILE');
    }
    if (Array.isArray(json)) return policyFromFlags(source, json.filter((f): f is string => typeof f === 'string'), base);
    if (isObject(json) && Array.isArray(json['flags'])) return policyFromFlags(source, json['flags'].filter((f): f is string => typeof f === 'string'), base);
    return policyFromConfig(source, json, base, facts);
  }
  const words = splitScript(trimmed).flatMap((c) => c.words.map((w) => w.value));
  return policyFromFlags(source, words, base);
}
