// What the Permission Model restricts on a target and where it falls short, in words, for
// `generate-flags doctor` and docs/versions.md. Everything is derived from the version table
// (per release or stretch of a range); each finding names the releases it holds on.

import { capabilityInfo, capabilityTable } from '../capabilities.js';
import { hasFlag, type AllowFlag, type NodeVersionFacts } from './index.js';
import { describeSpans, type VersionSpan } from './range.js';

export interface Restriction {
  /** The capability, named as in the report (`fs.read`, `child-process`, `net`, ...). */
  capability: string;
  flag: AllowFlag;
  /** Releases where the flag exists (the capability is denied unless it is given). */
  flagOn: string;
  /** Releases where the capability is denied and no flag can allow it. */
  deniedOn: string;
  /** Releases where the model does not restrict it at all. */
  openOn: string;
}

export interface Limit {
  id: string;
  /** Releases it holds on. */
  on: string;
  text: string;
}

// doctor and docs/versions.md list the network last: the one capability only the newest lines gate.
const listed = [...capabilityTable.filter((c) => c.capability !== 'net'), capabilityInfo('net')];

/**
 * How a release treats a capability. `flag`: it has the flag. `denied`: restricted with no way
 * to allow it (the inspector before 24.12, docs/node-facts.md#other-capabilities). `open`: not restricted at all: the network
 * before 25, and addons and WASI before their flags, which came with the restriction (20.12 and
 * 20.16/22.3).
 */
export function capabilityStatus(capability: string, flag: AllowFlag, facts: NodeVersionFacts): 'flag' | 'denied' | 'open' {
  if (hasFlag(facts, flag)) return 'flag';
  if (capability === 'inspector') return 'denied';
  return capability === 'net' && facts.netGated ? 'denied' : 'open';
}

export function restrictionsOn(spans: readonly VersionSpan[]): Restriction[] {
  return listed.map(({ capability, flag }) => {
    const on = (status: string) => describeSpans(spans.filter((s) => capabilityStatus(capability, flag, s.facts) === status));
    return { capability, flag, flagOn: on('flag'), deniedOn: on('denied'), openOn: on('open') };
  });
}

/** fs API names as the facts file writes them, made readable. */
const apiNames: Record<string, string> = {
  'exists(callback)': 'fs.exists (returns false)',
  'fstat/read/write on an fd': 'calls on an already open file descriptor',
  realpathSync: 'fs.realpathSync (except through symlinks)',
  'promises.lstat': 'fs.promises.lstat',
  'promises.realpath': 'fs.promises.realpath',
  'realpath.native': 'fs.realpath.native',
  'realpath(callback)': 'fs.realpath',
  'cp(callback)/promises.cp': 'fs.cp',
};
const names = (apis: readonly string[]) => apis.map((a) => apiNames[a] ?? `fs.${a}`).join(', ');
const glob = 'globSync/promises.glob';
const existsCallback = 'exists(callback)';

/** Each limit's text on one release, or undefined where it does not hold. */
const limitTexts: [string, (f: NodeVersionFacts) => string | undefined][] = [
  ['entry-needs-grant', (f) => (f.entryImplicitlyReadable ? undefined : 'the entry script needs its own read grant (generate-flags always grants it)')],
  ['children-unrestricted', (f) => (f.childProcessInheritsPermission ? undefined : 'a child process started under --allow-child-process runs without the model')],
  ['fs-disabled', (f) => (f.fsApis.disabled.length ? `${names(f.fsApis.disabled)} always fail while the model is on, whatever is granted` : undefined)],
  ['fs-unchecked', (f) => {
    const apis = f.fsApis.unchecked.filter((a) => a !== glob && a !== existsCallback);
    return apis.length ? `not checked at all: ${names(apis)}` : undefined;
  }],
  // The measure lists fs.exists as unchecked because it never throws, but its answer is gated:
  // false outside the read grants, true only inside them (trials-15, measured on 20-26).
  ['exists-callback-false', (f) => (f.fsApis.unchecked.includes(existsCallback) ? 'fs.exists answers false for a path outside the read grants (it never throws); a true answer needs the grant' : undefined)],
  ['glob-empty', (f) => (f.fsApis.unchecked.includes(glob) ? 'fs.glob and fs.globSync are not checked and quietly find nothing' : undefined)],
  ['symlink-full', (f) => (f.fsApis.needsFullAccess.length ? `${names(f.fsApis.needsFullAccess)} needs unrestricted read and write (--allow-fs-read=* --allow-fs-write=*)` : undefined)],
  ['ancestor-read', (f) => (f.fsApis.needsAncestorRead.length ? `${names(f.fsApis.needsAncestorRead)} need read on every folder above the path, in practice --allow-fs-read=/` : undefined)],
  ['exists-throws', () => 'fs.existsSync throws ERR_ACCESS_DENIED for a path outside the grants instead of returning false'],
  ['type-module', () => '"type": "module" is ignored unless the folder holding package.json is readable (generate-flags grants it)'],
  // docs/node-facts.md#fs-apis and #version-defects, measured on 23.11.1 only; not a field of the measured table.
  ['promises-crash', (f) => (f.major === 23 ? 'a denied fs.promises call crashes the process instead of rejecting' : undefined)],
  ['not-restricted', () => 'environment variables, os information, stdin/stdout and process.cwd() are not restricted'],
  // docs/node-facts.md#generator-notes: node:sqlite exists from 22 and opens database files without a grant.
  ['sqlite', (f) => (f.major >= 22 ? 'node:sqlite opens and creates database files without any grant' : undefined)],
  ['no-config-file', (f) => (f.configFile.supported ? undefined : 'no node.config.json: the policy can only be given as flags or in NODE_OPTIONS')],
];

/** The limits that hold somewhere on the target; one entry per distinct text, naming where. */
export function limitsOn(spans: readonly VersionSpan[]): Limit[] {
  const out: Limit[] = [];
  for (const [id, textOn] of limitTexts) {
    const byText = new Map<string, VersionSpan[]>();
    for (const span of spans) {
      const text = textOn(span.facts);
      if (text !== undefined) byText.set(text, [...(byText.get(text) ?? []), span]);
    }
    for (const [text, where] of byText) out.push({ id, on: describeSpans(where), text });
  }
  return out;
}
