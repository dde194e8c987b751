// The capabilities the Permission Model gates, each named once in the code (`child-process`,
// the Capability type) and mapped here to every outside spelling: the report's policy key
// (`childProcess`), the Node flag (whose name without `--` is also the node.config.json key),
// Node's name for it in audit records and ERR_ACCESS_DENIED (`ChildProcess`), and the SARIF rule.
// Which releases have a flag is the version table's business (lib/node-versions/).

import type { BooleanCapability, Capability, Policy } from './types.js';

/** The Policy keys of the boolean grants: the report's spelling of a boolean capability. */
export type BooleanPolicyKey = Exclude<keyof Policy, 'fsRead' | 'fsWrite' | 'withheld'>;

interface CapabilityRow {
  capability: Capability;
  policyKey: BooleanPolicyKey | 'fsRead' | 'fsWrite';
  flag: `--allow-${string}`;
  /** Node's permission scope: `ERR_ACCESS_DENIED`'s `permission` and the audit record's. */
  nodeScope: string;
  /** The SARIF rule (its id is the capability): PascalCase name, short title, how a result's message starts, help. */
  rule: { name: string; title: string; label: string; help: string };
}

const narrowing =
  'Each result lists the code sites that need the grant and the package each belongs to. ' +
  'A broader grant than expected usually comes from a path the analysis could only partly resolve: ' +
  'run generate-flags --explain to see why, then bind the value with --env NAME=VALUE or name the path with --read/--write.';

/** In the order the report, the flags and every listing show them. */
export const capabilityTable = [
  {
    capability: 'fs.read',
    policyKey: 'fsRead',
    flag: '--allow-fs-read',
    nodeScope: 'FileSystemRead',
    rule: {
      name: 'FsRead',
      title: 'Read access to a path',
      label: 'Read access to',
      help: `The app reads this path, or loads it as code, so the policy grants --allow-fs-read on it. ${narrowing}`,
    },
  },
  {
    capability: 'fs.write',
    policyKey: 'fsWrite',
    flag: '--allow-fs-write',
    nodeScope: 'FileSystemWrite',
    rule: {
      name: 'FsWrite',
      title: 'Write access to a path',
      label: 'Write access to',
      help: `The app writes, creates or removes this path, so the policy grants --allow-fs-write on it. ${narrowing}`,
    },
  },
  {
    capability: 'child-process',
    policyKey: 'childProcess',
    flag: '--allow-child-process',
    nodeScope: 'ChildProcess',
    rule: {
      name: 'ChildProcess',
      title: 'Child processes',
      label: 'Child processes',
      help: 'The app starts child processes (child_process spawn, exec, execFile, fork), so the policy grants --allow-child-process. A child that is not Node is not restricted by the Permission Model; a Node child inherits the policy on Node 22 and 24 or later, but runs unrestricted on 20 and 23.',
    },
  },
  {
    capability: 'worker',
    policyKey: 'worker',
    flag: '--allow-worker',
    nodeScope: 'WorkerThreads',
    rule: {
      name: 'Worker',
      title: 'Worker threads',
      label: 'Worker threads',
      help: 'The app creates worker threads (worker_threads.Worker), so the policy grants --allow-worker. Workers run under the same policy as the main thread.',
    },
  },
  {
    capability: 'addons',
    policyKey: 'addons',
    flag: '--allow-addons',
    nodeScope: 'Addon',
    rule: {
      name: 'Addons',
      title: 'Native addons',
      label: 'Native addons',
      help: 'The app loads native addons (.node files, process.dlopen), so the policy grants --allow-addons. Native code is not restricted by the Permission Model.',
    },
  },
  {
    capability: 'wasi',
    policyKey: 'wasi',
    flag: '--allow-wasi',
    nodeScope: 'WASI',
    rule: {
      name: 'Wasi',
      title: 'WASI instances',
      label: 'WASI instances',
      help: 'The app creates WebAssembly System Interface instances (node:wasi), so the policy grants --allow-wasi.',
    },
  },
  {
    capability: 'net',
    policyKey: 'net',
    flag: '--allow-net',
    nodeScope: 'Net',
    rule: {
      name: 'Net',
      title: 'Network access',
      label: 'Network access',
      help: 'The app opens network connections or servers, so the policy grants --allow-net. Node gates the network from version 25; on earlier versions the network is not restricted and the flag is left out.',
    },
  },
  {
    capability: 'inspector',
    policyKey: 'inspector',
    flag: '--allow-inspector',
    nodeScope: 'Inspector',
    rule: {
      name: 'Inspector',
      title: 'The inspector',
      label: 'The inspector',
      help: 'The app opens the inspector (node:inspector), so the policy grants --allow-inspector. Node 24 and later have the flag; on earlier versions the inspector cannot be allowed under the Permission Model.',
    },
  },
] as const satisfies readonly CapabilityRow[];

export type CapabilityInfo = (typeof capabilityTable)[number];
export type BooleanCapabilityInfo = Extract<CapabilityInfo, { capability: BooleanCapability }>;

// Fails to type-check when a Capability has no row.
const everyCapability: Record<Exclude<Capability, CapabilityInfo['capability']>, never> = {};
void everyCapability;

export const capabilityNames: readonly Capability[] = capabilityTable.map((c) => c.capability);

/** The capabilities granted as a whole (a flag without a path). */
export const booleanCapabilities: readonly BooleanCapabilityInfo[] = capabilityTable.filter(
  (c): c is BooleanCapabilityInfo => c.capability !== 'fs.read' && c.capability !== 'fs.write',
);

export function capabilityInfo<C extends Capability>(capability: C): Extract<CapabilityInfo, { capability: C }> {
  return capabilityTable.find((c) => c.capability === capability) as Extract<CapabilityInfo, { capability: C }>;
}
