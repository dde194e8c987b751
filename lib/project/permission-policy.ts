// package.json "permissionPolicy": the decisions a project makes about its policy (extra grants,
// environment values, the unresolved mode, the target, entries, model folders, the platform),
// kept with the code so every command and every machine uses the same ones. This module reads
// and checks the field; merging it with command-line options is the CLI's (cli/project-settings.ts).
// The shape is schema/permission-policy.schema.json; the checks below say the same in words.

import * as path from 'node:path';
import { PolicyError } from '../errors.js';
import type { Host } from '../host.js';
import { readJson } from '../host.js';
import type { UnresolvedMode } from '../types.js';
import { findRoot } from './index.js';

export interface PermissionPolicySettings {
  /** Extra read grants, relative to the project root (as --read). */
  read?: string[];
  /** Extra write grants, relative to the project root (as --write). */
  write?: string[];
  /** Values of process.env.NAME for the analysis (as --env NAME=VALUE). */
  env?: Record<string, string>;
  unresolved?: UnresolvedMode;
  /** The Node version or range the policy is for (as --target). */
  target?: string;
  /** Entry files, relative to the project root. */
  entries?: string[];
  /** Folders of package models, relative to the project root (as --models). */
  models?: string[];
  /** The platform assumed when folding process.platform (`linux`, `darwin`, `win32`, …). */
  platform?: string;
  /** The architecture assumed when folding process.arch (`x64`, `arm64`, …). */
  arch?: string;
  /** What `generate-flags verify --write` observed; kept as written, not read here. */
  observed?: Record<string, unknown>[];
}

const stringLists = ['read', 'write', 'entries', 'models'] as const;
const strings = ['target', 'platform', 'arch'] as const;
const known = new Set<string>([...stringLists, ...strings, 'env', 'unresolved', 'observed']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The problems with one field's value, in the words of the schema. */
function fieldProblem(key: string, value: unknown): string | undefined {
  if ((stringLists as readonly string[]).includes(key)) {
    return Array.isArray(value) && value.every((v) => typeof v === 'string' && v !== '') ? undefined : 'must be an array of non-empty strings';
  }
  if ((strings as readonly string[]).includes(key)) return typeof value === 'string' && value.trim() !== '' ? undefined : 'must be a non-empty string';
  if (key === 'unresolved') return value === 'warn' || value === 'project' || value === 'error' ? undefined : 'must be "warn", "project" or "error"';
  if (key === 'env') {
    if (!isObject(value)) return 'must be an object of NAME: "value"';
    const bad = Object.entries(value).find(([name, v]) => typeof v !== 'string' || !/^[^=\0]+$/.test(name));
    return bad ? `has ${JSON.stringify(bad[0])}, which must be a name without "=" with a string value` : undefined;
  }
  if (key === 'observed') return Array.isArray(value) && value.every(isObject) ? undefined : 'must be an array of objects';
  return undefined;
}

/**
 * Checks a package.json's `permissionPolicy` value; `file` names the package.json in messages.
 * An unknown key is an error too: a misspelt "writes" would otherwise be ignored in silence.
 */
export function parsePermissionPolicy(value: unknown, file: string): PermissionPolicySettings {
  const fail = (what: string, hint = 'see schema/permission-policy.schema.json and docs/cli.md#project-settings-permissionpolicy') =>
    new PolicyError('PERMISSION_POLICY_INVALID', `${file}: "permissionPolicy"${what}`, hint);
  if (!isObject(value)) throw fail(' must be an object');
  for (const [key, v] of Object.entries(value)) {
    if (!known.has(key)) throw fail(` has an unknown key "${key}"`, `the keys are ${[...known].join(', ')}`);
    const problem = fieldProblem(key, v);
    if (problem) throw fail(`.${key} ${problem}`);
  }
  return value as PermissionPolicySettings;
}

/** The settings of the project at or above `cwd`, with its root; none when package.json has no permissionPolicy. */
export function readPermissionPolicy(host: Host, cwd: string): { root: string; settings?: PermissionPolicySettings } {
  const root = findRoot(host, cwd);
  const pkg = readJson(host, path.join(root, 'package.json'));
  if (!isObject(pkg) || pkg.permissionPolicy === undefined) return { root };
  return { root, settings: parsePermissionPolicy(pkg.permissionPolicy, path.join(root, 'package.json')) };
}
