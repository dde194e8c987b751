// Reads the observations `generate-flags verify --write` recorded in package.json
// ("permissionPolicy": { "observed": [ … ] }): accesses a run made that the analysis could not
// see. The analysis adds each as a grant with reason `observed` and its evidence, so the default
// command, --check, exec and --script include them. Only the `observed` key is read here; the
// rest of `permissionPolicy` belongs to the project's policy settings.

import * as path from 'node:path';
import { capabilityNames } from '../capabilities.js';
import { PolicyError } from '../errors.js';
import type { Capability } from '../types.js';

/** One observation as package.json holds it. */
export interface ObservedEntry {
  capability: Capability;
  /** fs only: relative to the project root where inside it, else absolute; a folder grant ends in `/*`. */
  path?: string;
  evidence: {
    /** The command verify ran, as one line. */
    command: string;
    /** `YYYY-MM-DD`. */
    date: string;
    /** `file:line:column` of the first frame in the app or a package. */
    site?: string;
    package?: string;
  };
}

/** An observation made absolute, ready to be granted. */
export interface ObservedGrant extends ObservedEntry {
  /** fs only: the absolute path (a folder grant keeps its `/*`). */
  absolute?: string;
}


function invalid(where: string, problem: string): PolicyError {
  return new PolicyError('PACKAGE_JSON_INVALID', `package.json ${where}: ${problem}`, 'run generate-flags verify --write again to rewrite it, or remove the entry');
}

function readEntry(raw: unknown, where: string): ObservedEntry {
  const e = raw as Record<string, unknown>;
  if (typeof e !== 'object' || e === null || Array.isArray(e)) throw invalid(where, 'expected an object');
  if (!capabilityNames.includes(e.capability as Capability)) throw invalid(`${where}.capability`, `expected one of ${capabilityNames.join(', ')}`);
  const isFs = e.capability === 'fs.read' || e.capability === 'fs.write';
  if (isFs !== (typeof e.path === 'string' && e.path !== '')) throw invalid(`${where}.path`, isFs ? 'an fs observation needs a path' : 'only fs observations have a path');
  const ev = e.evidence as Record<string, unknown>;
  if (typeof ev !== 'object' || ev === null || typeof ev.command !== 'string' || typeof ev.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(ev.date)) {
    throw invalid(`${where}.evidence`, 'expected { "command": string, "date": "YYYY-MM-DD", "site"?, "package"? }');
  }
  for (const key of ['site', 'package'] as const) if (ev[key] !== undefined && typeof ev[key] !== 'string') throw invalid(`${where}.evidence.${key}`, 'expected a string');
  return {
    capability: e.capability as Capability,
    ...(isFs ? { path: e.path as string } : {}),
    evidence: {
      command: ev.command,
      date: ev.date,
      ...(typeof ev.site === 'string' ? { site: ev.site } : {}),
      ...(typeof ev.package === 'string' ? { package: ev.package } : {}),
    },
  };
}

/** The observations of a package.json object (none when it has no `permissionPolicy.observed`); malformed ones throw. */
export function readObserved(packageJson: unknown, root: string): ObservedGrant[] {
  const settings = (packageJson as { permissionPolicy?: unknown } | null)?.permissionPolicy;
  if (settings === undefined) return [];
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) throw invalid('permissionPolicy', 'expected an object');
  const observed = (settings as { observed?: unknown }).observed;
  if (observed === undefined) return [];
  if (!Array.isArray(observed)) throw invalid('permissionPolicy.observed', 'expected an array');
  return observed.map((raw, i) => {
    const entry = readEntry(raw, `permissionPolicy.observed[${i}]`);
    return entry.path !== undefined ? { ...entry, absolute: entry.path === '*' ? '*' : path.resolve(root, entry.path) } : entry;
  });
}

/** How an observation is described as evidence: "observed by verify running npm test on 2026-12-06". */
export function observedDetail(entry: ObservedEntry): string {
  return `observed by verify running ${entry.evidence.command} on ${entry.evidence.date}`;
}
