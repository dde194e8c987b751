// The words of the SARIF rules: what each capability's flag allows and how to read its grants,
// and a one-line title per diagnostic code. A code without a title still gets a rule (named
// after the code, pointing at docs/diagnostics.md), so adding a code never breaks the SARIF output.

import type { DiagnosticCode } from '../diagnostics/index.js';
import type { Capability } from '../types.js';

export interface CapabilityInfo {
  /** The Node flag that grants it. */
  flag: string;
  /** PascalCase rule name. */
  name: string;
  /** The rule's short description. */
  title: string;
  /** How a result's message starts, followed by the path for fs grants. */
  label: string;
  help: string;
}

const narrowing =
  'Each result lists the code sites that need the grant and the package each belongs to. ' +
  'A broader grant than expected usually comes from a path the analysis could only partly resolve: ' +
  'run generate-flags --explain to see why, then bind the value with --env NAME=VALUE or name the path with --read/--write.';

export const capabilityInfo: Record<Capability, CapabilityInfo> = {
  'fs.read': {
    flag: '--allow-fs-read',
    name: 'FsRead',
    title: 'Read access to a path',
    label: 'Read access to',
    help: `The app reads this path, or loads it as code, so the policy grants --allow-fs-read on it. ${narrowing}`,
  },
  'fs.write': {
    flag: '--allow-fs-write',
    name: 'FsWrite',
    title: 'Write access to a path',
    label: 'Write access to',
    help: `The app writes, creates or removes this path, so the policy grants --allow-fs-write on it. ${narrowing}`,
  },
  'child-process': {
    flag: '--allow-child-process',
    name: 'ChildProcess',
    title: 'Child processes',
    label: 'Child processes',
    help: 'The app starts child processes (child_process spawn, exec, execFile, fork), so the policy grants --allow-child-process. A child that is not Node is not restricted by the Permission Model; a Node child inherits the policy on Node 22 and 24 or later, but runs unrestricted on 20 and 23.',
  },
  worker: {
    flag: '--allow-worker',
    name: 'Worker',
    title: 'Worker threads',
    label: 'Worker threads',
    help: 'The app creates worker threads (worker_threads.Worker), so the policy grants --allow-worker. Workers run under the same policy as the main thread.',
  },
  addons: {
    flag: '--allow-addons',
    name: 'Addons',
    title: 'Native addons',
    label: 'Native addons',
    help: 'The app loads native addons (.node files, process.dlopen), so the policy grants --allow-addons. Native code is not restricted by the Permission Model.',
  },
  wasi: {
    flag: '--allow-wasi',
    name: 'Wasi',
    title: 'WASI instances',
    label: 'WASI instances',
    help: 'The app creates WebAssembly System Interface instances (node:wasi), so the policy grants --allow-wasi.',
  },
  net: {
    flag: '--allow-net',
    name: 'Net',
    title: 'Network access',
    label: 'Network access',
    help: 'The app opens network connections or servers, so the policy grants --allow-net. Node gates the network from version 25; on earlier versions the network is not restricted and the flag is left out.',
  },
  inspector: {
    flag: '--allow-inspector',
    name: 'Inspector',
    title: 'The inspector',
    label: 'The inspector',
    help: 'The app opens the inspector (node:inspector), so the policy grants --allow-inspector. Node 24 and later have the flag; on earlier versions the inspector cannot be allowed under the Permission Model.',
  },
};

export const codeTitles: Partial<Record<DiagnosticCode, string>> = {
  PARSE_FAILED: 'A file the app loads cannot be parsed, so its accesses are not analysed',
  FILE_UNREADABLE: 'A file the app loads cannot be read by the analysis',
  IMPORT_UNRESOLVED: 'A module the app loads cannot be found',
  IMPORT_DYNAMIC: 'A module is loaded by a name the analysis cannot work out',
  FS_PATH_UNKNOWN: 'A file access whose path the analysis cannot work out',
  FS_NEEDS_ANCESTOR_READ: 'An API that needs read access on every folder above its path',
  FS_SYMLINK_NEEDS_FULL: 'Creating symlinks needs unrestricted file access',
  FS_API_DISABLED: 'An API that always fails under the Permission Model',
  FS_GLOB_EMPTY: 'A glob API the Permission Model does not check, which may find nothing',
  CAPABILITY_UNAVAILABLE: 'A capability the target Node version cannot allow',
  CAPABILITY_NOT_GATED: 'A capability the target Node version does not restrict',
  CHILD_NOT_RESTRICTED: 'Child processes do not inherit the Permission Model on the target',
  WORKER_NOT_CONFINED: 'Worker threads can act beyond the policy',
  FOLDER_GRANT: 'A whole folder is granted',
  ENTRY_MISSING: 'An entry file does not exist',
  GRANT_NAME_PREFIX: 'A folder is granted as a name prefix because another grant extends its name',
  TARGET_RANGE_NARROWED: 'The flags serve only part of engines.node: no one enable flag works on all of it',
  API_ALWAYS_DENIED: 'An API the Permission Model denies whatever is granted',
  FS_NOT_CHECKED: 'A file opened by an API the Permission Model does not check',
  CAPABILITY_NOT_GRANTED: 'An API that needs a flag the policy does not grant',
  FILE_TOO_DEEP: 'A file the app loads is nested too deeply to analyse, so its accesses are not analysed',
  PACKAGE_TARGET_INVALID: 'A package maps a module to an exports or imports target that Node refuses',
};
