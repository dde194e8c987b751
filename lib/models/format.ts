// The package model format: data that says what a package's API touches, for packages whose
// behaviour the analysis cannot recover (classes, native code, files read by convention).
// One JSON file per package (and version range); see docs/models.md.

import type { BooleanCapability } from '../types.js';
import { templateProblems } from './template.js';

/**
 * A path template: text with placeholders — `{arg0}` (an argument), `{arg1.dest}` (a property
 * of one), `{cwd}` (the run-time folder), `{package}` (the package's own folder), `{env.NAME}`,
 * `{home}`, `{tmp}`. An array stands for each of its items, also along a property path
 * (`{arg0.streams.path}`). A placeholder may end in a filter: `{arg0|dirname}` (the folder
 * holding the path), `{arg0|basename}`, `{arg0|globbase}` (the folder a glob pattern reads
 * below, as a whole subtree; a pattern without wildcards is read as it is).
 */
export type PathTemplate = string;

/** When an effect applies; both are optional. */
export interface EffectCondition {
  /**
   * Only when this template is known to have a value other than `false` at the call
   * (`{arg0.transport}`, `{arg0.mkdir}`): an option that is given. An argument the analysis
   * cannot fold does not switch the effect on.
   */
  when?: PathTemplate;
  /** Argument values that name no file (`:memory:`): they are dropped before the template is filled. */
  except?: string[];
}

export type Effect = EffectCondition & (
  /** Reads the path (`subtree`: everything below the folder it names). `default` applies when the placeholder is missing. */
  | { read: PathTemplate; subtree?: boolean; default?: PathTemplate }
  | { write: PathTemplate; subtree?: boolean; default?: PathTemplate }
  /** Needs a capability: child-process, worker, addons, wasi, net, inspector. */
  | { capability: BooleanCapability }
  /** Reads the config files that exist in the run-time folder and match these globs (exact files, not the folder). */
  | { readConfig: string[] }
  /** Runs the code at the path (a worker or child script): it is analysed and granted like any module. */
  | { loadsCode: PathTemplate; default?: PathTemplate });

export interface PackageModel {
  package: string;
  /** Semver range of the package versions the model describes. */
  versions: string;
  description: string;
  /** The documentation the model was written from. */
  docs?: string;
  /** Effects of loading the package at all (top-level code). */
  load?: Effect[];
  /**
   * Effects of calling an export: key = export path joined with '.', '' for the module itself.
   * A string instead of effects names another key whose effects this export shares
   * (`"transformAsync": "transformSync"`).
   */
  calls?: Record<string, Effect[] | string>;
  /** Where the model came from (file path), filled in when loaded. */
  source?: string;
}

const capabilities: readonly string[] = ['child-process', 'worker', 'addons', 'wasi', 'net', 'inspector'];

/** Problems with a model's shape, as readable strings; empty when it is valid. */
export function modelProblems(value: unknown): string[] {
  const problems: string[] = [];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return ['a model is a JSON object'];
  const m = value as Record<string, unknown>;
  for (const key of ['package', 'versions', 'description']) if (typeof m[key] !== 'string') problems.push(`"${key}" must be a string`);
  const checkEffects = (where: string, effects: unknown) => {
    if (!Array.isArray(effects)) return problems.push(`${where} must be an array of effects`);
    effects.forEach((e, i) => {
      const effect = e as Record<string, unknown>;
      const kinds = ['read', 'write', 'capability', 'readConfig', 'loadsCode'].filter((k) => k in (effect ?? {}));
      if (kinds.length !== 1) problems.push(`${where}[${i}] must have exactly one of read, write, capability, readConfig, loadsCode`);
      else if (effect.when !== undefined && typeof effect.when !== 'string') problems.push(`${where}[${i}].when must be a path template string`);
      else if (effect.except !== undefined && !(Array.isArray(effect.except) && effect.except.every((x) => typeof x === 'string'))) problems.push(`${where}[${i}].except must be an array of strings`);
      else if (kinds[0] === 'capability' && !capabilities.includes(String(effect.capability))) problems.push(`${where}[${i}].capability must be one of ${capabilities.join(', ')}`);
      else if (kinds[0] === 'readConfig' && !(Array.isArray(effect.readConfig) && effect.readConfig.every((g) => typeof g === 'string'))) problems.push(`${where}[${i}].readConfig must be an array of globs`);
      else if (['read', 'write', 'loadsCode'].includes(kinds[0]!) && typeof effect[kinds[0]!] !== 'string') problems.push(`${where}[${i}].${kinds[0]} must be a path template string`);
      else {
        for (const key of [kinds[0]!, 'default', 'when']) {
          if (typeof effect[key] === 'string') problems.push(...templateProblems(effect[key] as string).map((p) => `${where}[${i}].${key}: ${p}`));
        }
      }
    });
    return undefined;
  };
  if (m.load !== undefined) checkEffects('load', m.load);
  if (m.calls !== undefined) {
    if (!m.calls || typeof m.calls !== 'object' || Array.isArray(m.calls)) problems.push('"calls" must be an object');
    else {
      const calls = m.calls as Record<string, unknown>;
      for (const [key, effects] of Object.entries(calls)) {
        if (typeof effects !== 'string') checkEffects(`calls["${key}"]`, effects);
        else if (!Array.isArray(calls[effects])) problems.push(`calls["${key}"] names "${effects}", which is not a key with effects`);
      }
    }
  }
  return problems;
}
