// Merges package.json "permissionPolicy" (lib/project/permission-policy.ts) with the options on
// the command line, the same way for every command: the lists (read, write, models) and env
// get the command line's additions (an env NAME given on both takes the command line's value);
// the single values (target, unresolved, platform, arch) and the entries are replaced by the
// command line's when it gives them. Paths in the settings are relative to the project root.

import * as path from 'node:path';
import { PolicyError } from '../lib/index.js';
import { nodeHost } from '../lib/host.js';
import { readPermissionPolicy, type PermissionPolicySettings } from '../lib/project/permission-policy.js';
import type { CliOptions } from './commands/generate-options.js';

/** The project's settings, or none (also when there is no package.json: the command then says so itself). */
export function projectSettings(cwd: string): { root: string; settings: PermissionPolicySettings } | undefined {
  try {
    const { root, settings } = readPermissionPolicy(nodeHost, path.resolve(cwd));
    return settings ? { root, settings } : undefined;
  } catch (e) {
    if (e instanceof PolicyError && e.code === 'NO_PACKAGE_JSON') return undefined;
    throw e;
  }
}

/** The options every command shares with permissionPolicy. */
export type SettingsOptions = Pick<CliOptions, 'cwd' | 'read' | 'write' | 'env' | 'models' | 'entries' | 'unresolved' | 'target' | 'platform' | 'arch'>;

/** The shared analysis options with the project's settings under them. */
export function withProjectSettings<T extends SettingsOptions>(options: T): T {
  const found = projectSettings(options.cwd);
  if (!found) return options;
  const { root, settings: s } = found;
  const fromRoot = (p: string) => path.resolve(root, p);
  const merged: T = {
    ...options,
    read: [...(s.read ?? []), ...options.read],
    write: [...(s.write ?? []), ...options.write],
    env: { ...s.env, ...options.env },
    models: [...(s.models ?? []).map(fromRoot), ...options.models],
    entries: options.entries.length > 0 ? options.entries : (s.entries ?? []).map(fromRoot),
  };
  for (const key of ['target', 'unresolved', 'platform', 'arch'] as const) {
    if (options[key] === undefined && s[key] !== undefined) (merged as Record<string, unknown>)[key] = s[key];
  }
  if (options.target === undefined && s.target !== undefined) (merged as Record<string, unknown>)['targetFromSettings'] = true;
  return merged;
}
