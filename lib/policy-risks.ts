// What a committed policy opens that no generated policy would: write access to everything, the
// disk root, the home folder or the project root (the app could replace its own code and the
// user's files), read access to everything, the disk root or the home folder (the user's
// secrets), and the capabilities that void the Permission Model (a child process or a native
// addon runs outside it). Node prints its own SecurityWarning for some of these at start-up,
// which is easy to miss in a log; `--check` and `exec` say it in their own words.

import * as path from 'node:path';
import { capabilityInfo } from './capabilities.js';
import { reachesProcRoot } from './detect/prefix.js';
import { diagnostic, type Diagnostic } from './diagnostics/index.js';
import type { CommittedPolicy } from './policy-file.js';

/** The allow flags that end the restriction (docs/security.md). */
const voiding = [capabilityInfo('child-process'), capabilityInfo('addons')];

/**
 * Whether a grant as written covers folder `dir`, as Node matches grants (docs/node-facts.md#grant-paths): `*`
 * everything, a trailing `*` every path that starts with the text before it, a plain path itself
 * and, being a folder, its subtree.
 */
function coversFolder(written: string, dir: string): boolean {
  if (written === '*') return true;
  // Node resolves a grant's `..` before it matches (measured on 22, 24 and 26): `/srv/app/..` is `/srv`.
  const grant = normalGrant(written);
  if (grant.endsWith('/*') && dir === grant.slice(0, -2)) return true;
  if (grant.endsWith('*')) return dir.startsWith(grant.slice(0, -1)) || (dir + '/').startsWith(grant.slice(0, -1));
  const base = grant.length > 1 ? grant.replace(/\/+$/, '') : grant;
  return dir === base || dir.startsWith(base === '/' ? '/' : base + '/');
}

/** Whether a grant as written reaches a process's `root` link in /proc, a way to the whole disk (docs/node-facts.md). */
function reachesDiskThroughProc(written: string): boolean {
  const grant = normalGrant(written);
  const text = grant.endsWith('*') ? grant.slice(0, -1) : grant.replace(/\/+$/, '');
  // `/pro*` and `/proc*` open /proc whole.
  if (grant.endsWith('*') && '/proc/'.startsWith(text) && text.length > 1) return true;
  if (!grant.startsWith('/proc/') && grant !== '/proc') return false;
  if (!grant.endsWith('*') || text.endsWith('/')) return reachesProcRoot(text.replace(/\/+$/, ''), '');
  return reachesProcRoot(path.posix.dirname(text), path.posix.basename(text));
}

/** What a grant opens of the disk root, everything aside: the root itself, or a way to it through /proc. */
function coversDisk(grant: string): boolean {
  return coversFolder(grant, '/') || reachesDiskThroughProc(grant);
}

/** A grant with its `.` and `..` resolved, its trailing `*` or `/` kept. */
function normalGrant(grant: string): string {
  if (!grant.startsWith('/') || !/(^|\/)\.\.?(\/|\*?$)/.test(grant)) return grant;
  const star = grant.endsWith('*') ? '*' : '';
  const text = star ? grant.slice(0, -1) : grant;
  const resolved = path.posix.resolve(text);
  return (text.endsWith('/') && resolved !== '/' ? `${resolved}/` : resolved) + star;
}

/**
 * POLICY_WRITE_TOO_BROAD (error) for each write grant that covers everything, the disk root, the
 * home folder or the project root; POLICY_VOIDS_MODEL (warning) for each allow flag that voids
 * the model. `root` is the project root; `homedir` the home folder of the user running the app.
 */
export function policyRisks(policy: CommittedPolicy, root: string, homedir: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const grant of new Set(policy.write)) {
    const opens = grant === '*' ? 'everything' : coversDisk(grant) ? 'disk-root' : coversFolder(grant, homedir) ? 'home' : coversFolder(grant, root) ? 'project-root' : undefined;
    if (opens) out.push(diagnostic('POLICY_WRITE_TOO_BROAD', 'error', { source: policy.source, flag: `--allow-fs-write=${grant}`, opens }));
  }
  // A read of the project root is common (a "type": "module" package's folder); home and the disk are not.
  for (const grant of new Set(policy.read)) {
    const opens = grant === '*' ? 'everything' : coversDisk(grant) ? 'disk-root' : coversFolder(grant, homedir) ? 'home' : undefined;
    if (opens) out.push(diagnostic('POLICY_READ_TOO_BROAD', 'warning', { source: policy.source, flag: `--allow-fs-read=${grant}`, opens }));
  }
  for (const { flag, capability } of voiding) {
    if (policy.allow.includes(flag)) out.push(diagnostic('POLICY_VOIDS_MODEL', 'warning', { source: policy.source, flag, capability }));
  }
  return out;
}
