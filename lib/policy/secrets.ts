// The project-root fallback for unresolved accesses, without what it must not open. Granting the
// root whole (`<root>/*`) made `.env`, `.git`, `.npmrc` and private keys readable by any
// unresolved read; instead the fallback grants the root's entries one by one, leaving out the
// secret ones (and, for writes, the ones that hold code: code-cover.ts). Only the top level is
// listed: a secret inside a granted folder (`config/.env`) stays readable.

import * as path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import type { PathGrant, Site, Withheld } from '../types.js';
import { emittedCovers } from './code-cover.js';

/** Entry names that hold credentials, exactly. */
const secretNames = new Set([
  '.git', // history, remotes with tokens, hooks
  '.git-credentials',
  '.npmrc',
  '.yarnrc',
  '.yarnrc.yml',
  '.pypirc',
  '.netrc',
  '.pgpass',
  '.htpasswd',
  '.ssh',
  '.gnupg',
  '.aws',
  '.azure',
  '.docker',
  '.kube',
]);

/** Name starts: every `.env` variant (`.env.local`, `.envrc`) and SSH private keys. */
const secretStarts = ['.env', 'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519'];

/** Extensions of private keys and key stores (`server.key`, `cert.pem` holds keys as often as not). */
const secretExtensions = ['.pem', '.key', '.p12', '.pfx', '.jks', '.keystore', '.ppk'];

/** Whether a top-level entry of the project holds secrets (case-insensitive: the names are conventions). */
export function isSecretName(name: string): boolean {
  const lower = name.toLowerCase();
  return secretNames.has(lower) || secretStarts.some((s) => lower.startsWith(s)) || secretExtensions.some((e) => lower.endsWith(e));
}

export interface FallbackGrant {
  path: string;
  subtree: boolean;
  /** A string-prefix grant `<path>*` (see below). */
  wildcard?: boolean;
}

/**
 * The grants that stand for the project root: every entry of it except the withheld ones, or the
 * root whole when nothing is withheld (then files created at run time are covered too). A folder
 * that another granted entry's name extends (`config` and `config.json`) becomes the string
 * prefix `config*`, because with both granted Node denies the folder itself (docs/node-facts.md#added-2026-12-06), unless
 * that prefix (or the name one character shorter, which Node's `*` also opens: measured on
 * 20.20.2, 22.23.3, 24.21.0, 26.10.0) would reach a withheld entry.
 */
export function rootFallback(
  root: string,
  names: readonly string[] | undefined,
  isDir: (p: string) => boolean,
  withhold: (name: string) => Withheld['why'] | undefined,
): { grants: FallbackGrant[]; withheld: { path: string; why: Withheld['why'] }[] } {
  if (names === undefined) return { grants: [{ path: root, subtree: true }], withheld: [] };
  const withheld = names.filter((n) => withhold(n) !== undefined).sort();
  if (withheld.length === 0) return { grants: [{ path: root, subtree: true }], withheld: [] };
  const kept = names.filter((n) => withhold(n) === undefined).sort();
  const covered = new Set<string>();
  const grants: FallbackGrant[] = [];
  for (const name of kept) {
    if (covered.has(name)) continue;
    const p = path.join(root, name);
    const extended = kept.filter((other) => other !== name && other.startsWith(name));
    const reach = name.slice(0, -1);
    if (isDir(p) && extended.length > 0 && reach !== '' && !withheld.some((w) => w.startsWith(reach))) {
      grants.push({ path: p, subtree: false, wildcard: true });
      for (const other of extended) covered.add(other);
    } else {
      grants.push({ path: p, subtree: isDir(p) });
    }
  }
  return { grants, withheld: withheld.map((n) => ({ path: path.join(root, n), why: withhold(n)! })) };
}

/**
 * FS_READ_COVERS_SECRETS for each read grant wider than a single file (a folder, a prefix, `*`)
 * that opens a secret entry of the project root: `readdirSync(__dirname)` or a `"type": "module"`
 * app at the root needs the root, and Node cannot grant a folder without its subtree. Also for a
 * folder grant elsewhere (`<app>/config/*`, a folder a template names) that holds a secret entry
 * itself (`config/.env`), one listing per such folder when the host can list. Reported at each
 * site that asked for the grant, or once for --read. The fallback's grants leave the root's
 * secrets out, and are not examined below it.
 */
export function secretCoverFindings(fsRead: readonly PathGrant[], root: string, names: readonly string[] | undefined, list?: (dir: string) => string[] | undefined): Diagnostic[] {
  const secrets = (names ?? []).filter(isSecretName).sort().map((n) => path.join(root, n));
  const out: Diagnostic[] = [];
  for (const grant of fsRead) {
    const opened = secrets.filter((s) => grant.path !== s && emittedCovers(grant.path, s));
    if (opened.length > 0) out.push(...askedBy(grant, opened.map((s) => path.basename(s))));
    const folder = grant.path.endsWith('/*') ? grant.path.slice(0, -2) : undefined;
    if (!list || !folder || folder === root || emittedCovers(grant.path, root)) continue;
    const inFolder = (list(folder) ?? []).filter(isSecretName).sort();
    if (inFolder.length > 0) out.push(...askedBy(grant, inFolder, folder));
  }
  return out;
}

/** The diagnostics for one grant's opened secrets, at each site that asked for it (or once for --read). */
function askedBy(grant: PathGrant, secrets: string[], folder?: string): Diagnostic[] {
  return askingSites(grant).map(({ from, site }) => diagnostic('FS_READ_COVERS_SECRETS', 'warning', { grant: grant.path, secrets, from, ...(folder ? { folder } : {}) }, site));
}

/**
 * Where a grant was asked for: each call site once, or the --read/--write option. Files the app
 * loads, absorbed into the grant, did not ask for it, and neither did the unresolved fallback.
 */
export function askingSites(grant: PathGrant): { from: 'code' | 'option'; site?: Site }[] {
  const user = grant.evidence.find((e) => e.reason === 'user');
  if (user) return [{ from: 'option' }];
  const out: { from: 'code'; site: Site }[] = [];
  const seen = new Set<string>();
  for (const e of grant.evidence) {
    if (!e.site || e.reason === 'unresolved-fallback' || e.reason === 'module-load' || e.reason === 'entry') continue;
    const key = `${e.site.file}:${e.site.line}:${e.site.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ from: 'code', site: e.site });
  }
  return out;
}
