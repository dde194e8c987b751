// The one table of Node version differences. Measured rows come from generated/measured.ts
// (node-permission-model.json); the few facts known only per release (not per major) are
// the hand-written adjustments below, each with its reason.

import semver from 'semver';
import { measured } from './generated/measured.js';

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

export interface NodeVersionFacts {
  major: number;
  /** The exact release the facts were measured on. */
  testedVersion: string;
  /** `--permission`, or `--experimental-permission` where that is the only spelling. */
  enableFlag: '--permission' | '--experimental-permission';
  allowFlags: readonly AllowFlag[];
  /** The entry script is readable without a grant. */
  entryImplicitlyReadable: boolean;
  /** A dependency's package.json read during resolution is permission-checked. */
  dependencyPackageJsonChecked: boolean;
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
  /** How to pass a config file on the command line (forms differ by major, see §9 of the facts). */
  configFileFlag?: (file: string) => string[];
}

/** Majors we have measured facts for. */
export const knownMajors: readonly number[] = measured.map((row) => row.major);

/** The releases where `--permission` replaced `--experimental-permission` (stabilised in 23.5.0, backported to 22.13.0). */
const permissionFlagSince: Record<number, string> = { 22: '22.13.0', 23: '23.5.0' };

/** 23 only accepts the space form; 24 and 26 only the `=` form; 22 and 25 take both. */
function configFileFlagFor(major: number): ((file: string) => string[]) | undefined {
  if (major < 22) return undefined;
  if (major === 23) return (file) => ['--experimental-config-file', file];
  return (file) => [`--experimental-config-file=${file}`];
}

export function factsFor(version: string): NodeVersionFacts | undefined {
  const major = semver.major(version);
  const row = measured.find((r) => r.major === major);
  if (!row) return undefined;
  const since = permissionFlagSince[major];
  const enableFlag =
    since && semver.lt(version, since) ? '--experimental-permission' : (row.enableFlag as NodeVersionFacts['enableFlag']);
  return {
    major,
    testedVersion: row.testedVersion,
    enableFlag,
    allowFlags: row.allowFlags as readonly AllowFlag[],
    entryImplicitlyReadable: row.entryImplicitlyReadable,
    // §4 of the facts: "dependency package.json reads are not checked on 20".
    dependencyPackageJsonChecked: major !== 20,
    childProcessInheritsPermission: row.childProcessInheritsPermission,
    netGated: row.netGated,
    inspectorAllowable: row.inspectorAllowable,
    nodeOptionsAllowed: row.nodeOptionsAllowed,
    configFile: row.configFile,
    configFileFlag: configFileFlagFor(major),
  };
}

export function hasFlag(facts: NodeVersionFacts, flag: AllowFlag): boolean {
  return facts.allowFlags.includes(flag);
}
