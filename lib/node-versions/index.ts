// The one table of Node version differences. Measured rows come from generated/measured.ts
// (docs/node-permission-model.json, the newest release of each line); facts that changed inside a
// line are in release-changes.ts, and end-of-life dates in release-schedule.ts. Ranges of
// versions are cut into stretches with the same facts by range.ts.

import semver from 'semver';
import { measured } from './generated/measured.js';
import { predates } from './release-changes.js';

export type AllowFlag =
  | '--allow-fs-read'
  | '--allow-fs-write'
  | '--allow-addons'
  | '--allow-child-process'
  | '--allow-wasi'
  | '--allow-worker'
  | '--allow-inspector'
  | '--allow-net'
  | '--allow-openssl-store'
  | '--allow-ffi'
  | '--allow-fs-vfs';

export type EnableFlag = '--permission' | '--experimental-permission';

/** How a version takes `--experimental-config-file`: `=PATH`, a separate word, or both (docs/node-facts.md#config-file). */
export type ConfigFileForm = 'equals' | 'space';

/** fs APIs grouped by what the model does with them, measured per line (docs/node-facts.md#fs-apis). */
export interface FsApiGroups {
  /** Always denied while the model is on, whatever is granted. */
  disabled: readonly string[];
  /** Not checked at all. */
  unchecked: readonly string[];
  /** Need unrestricted read and write (`--allow-fs-read=* --allow-fs-write=*`). */
  needsFullAccess: readonly string[];
  /** Need read on every folder above the path: in practice `--allow-fs-read=/`. */
  needsAncestorRead: readonly string[];
  /** Not present in this version. */
  missing: readonly string[];
}

export interface NodeVersionFacts {
  major: number;
  /** The exact release the measured facts come from (the newest of the line when measured). */
  testedVersion: string;
  /** `--permission`, or `--experimental-permission` where that is the only spelling. */
  enableFlag: EnableFlag;
  /** Every spelling of the enable flag this version accepts; `enableFlag` is one of them. */
  acceptedEnableFlags: readonly EnableFlag[];
  allowFlags: readonly AllowFlag[];
  /** The entry script is readable without a grant. */
  entryImplicitlyReadable: boolean;
  /** A dependency's package.json read during resolution is permission-checked. */
  dependencyPackageJsonChecked: boolean;
  /**
   * A `.js` file whose package type Node cannot read runs as ESM when it has module syntax
   * (syntax detection is on by default), so `"type": "module"` being ignored changes nothing
   * for such a file.
   */
  syntaxDetection: boolean;
  /** Children started with child_process run under the same policy. */
  childProcessInheritsPermission: boolean;
  netGated: boolean;
  inspectorAllowable: boolean;
  nodeOptionsAllowed: boolean;
  configFile: {
    supported: boolean;
    permissionNamespace: boolean;
    permissionNamespaceEnablesModel: boolean;
    nodeOptionsKeys: readonly string[];
    permissionNamespaceKeys: readonly string[];
  };
  /** The forms of `--experimental-config-file` that work; empty without config file support. */
  configFileForms: readonly ConfigFileForm[];
  /** How to pass a config file on the command line (forms differ by major, docs/node-facts.md#config-file). */
  configFileFlag?: (file: string) => string[];
  fsApis: FsApiGroups;
}

/** Majors we have measured facts for. */
export const knownMajors: readonly number[] = measured.map((row) => row.major);

/** The newest measured release of a line, which a bare major stands for. */
export function newestMeasured(major: number): string | undefined {
  return measured.find((r) => r.major === major)?.testedVersion;
}

/** 23 only accepts the space form; 24 and 26 only the `=` form; 22 and 25 take both. */
const configFileFormsByMajor: Record<number, readonly ConfigFileForm[]> = {
  22: ['equals', 'space'],
  23: ['space'],
  24: ['equals'],
  25: ['equals', 'space'],
  26: ['equals'],
};

/** The words that load a config file in the first form of `forms` (`=` preferred), if any. */
export function configFileFlagOf(forms: readonly ConfigFileForm[]): ((file: string) => string[]) | undefined {
  if (forms.includes('equals')) return (file) => [`--experimental-config-file=${file}`];
  if (forms.includes('space')) return (file) => ['--experimental-config-file', file];
  return undefined;
}

function enableFlags(version: string, row: (typeof measured)[number]): EnableFlag[] {
  if (predates(version, 'permission-flag')) return ['--experimental-permission'];
  const primary = row.enableFlag as EnableFlag;
  return row.otherSpellingAccepted ? [primary, '--experimental-permission'] : [primary];
}

export function factsFor(version: string): NodeVersionFacts | undefined {
  const major = semver.major(version);
  const row = measured.find((r) => r.major === major);
  if (!row) return undefined;
  const accepted = enableFlags(version, row);
  const allowFlags = (row.allowFlags as readonly AllowFlag[]).filter(
    (flag) => !((flag === '--allow-addons' || flag === '--allow-wasi' || flag === '--allow-inspector') && predates(version, flag)),
  );
  const configFileSupported = row.configFile.supported && !predates(version, 'config-file');
  const configFileForms = configFileSupported ? (configFileFormsByMajor[major] ?? []) : [];
  return {
    major,
    testedVersion: row.testedVersion,
    enableFlag: accepted[0]!,
    acceptedEnableFlags: accepted,
    allowFlags,
    entryImplicitlyReadable: row.entryImplicitlyReadable && !predates(version, 'entry-implicit'),
    // docs/node-facts.md#module-loading: "dependency package.json reads are not checked on 20".
    dependencyPackageJsonChecked: major !== 20,
    syntaxDetection: !predates(version, 'syntax-detection'),
    childProcessInheritsPermission: row.childProcessInheritsPermission && !predates(version, 'child-inherits'),
    netGated: row.netGated,
    inspectorAllowable: row.inspectorAllowable && allowFlags.includes('--allow-inspector'),
    nodeOptionsAllowed: row.nodeOptionsAllowed,
    configFile: { ...row.configFile, supported: configFileSupported },
    configFileForms,
    configFileFlag: configFileFlagOf(configFileForms),
    fsApis: row.fsApis,
  };
}

export function hasFlag(facts: NodeVersionFacts, flag: AllowFlag): boolean {
  return facts.allowFlags.includes(flag);
}

export { dayOf, endOfLife, isoDay, lineStatus, supportedLines, type LineStatus } from './release-schedule.js';
export { releaseChanges, type ReleaseChange } from './release-changes.js';
