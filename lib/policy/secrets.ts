// The project-root fallback for unresolved accesses, without what it must not open. Granting the
// root whole (`<root>/*`) made `.env`, `.git`, `.npmrc` and private keys readable by any
// unresolved read; instead the fallback grants the root's entries one by one, leaving out the
// secret ones (and, for writes, the ones that hold code: code-cover.ts). A folder that holds a
// secret itself (`config/.env`, `config/deploy/id_rsa`) is granted entry by entry the same way,
// down to three folders below the root (not node_modules or .git); a secret deeper than that
// inside a granted folder stays readable. An entry whose real path lies outside the project (a
// link such as `disk -> /`) is left out like a secret: Node checks the path as given, never a
// link's target, so granting it would open what it points to, and the search does not follow it.
// So is an entry whose name holds `*`, which Node would read as a prefix of every name after it.

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
  // Cloud and tool credentials (holes-10): a Google service account or OAuth client key, tokens
  // of Vault, s3cmd, boto, old Docker and Terraform.
  'credentials.json',
  'client_secret.json',
  'service-account.json',
  '.vault-token',
  '.s3cfg',
  '.boto',
  '.dockercfg',
  '.terraformrc',
]);

/** Name starts: every `.env` variant (`.env.local`, `.envrc`) and SSH private keys. */
const secretStarts = ['.env', 'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519'];

/** Extensions of private keys and key stores (`server.key`, `cert.pem` holds keys as often as not), and Terraform state, which holds every secret of what it made. */
const secretExtensions = ['.pem', '.key', '.p12', '.pfx', '.jks', '.keystore', '.ppk', '.tfstate', '.tfstate.backup'];

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

/** How many folders deep the fallback looks for secrets below the root (`config/deploy/id_rsa` is 2). */
const FALLBACK_SECRET_DEPTH = 3;

/** Folders the fallback does not look into: packages' own files and the version control store. */
const notLookedInto = new Set(['node_modules', '.git']);

/** What the fallback needs to look below the root: listing a folder, and whether a path is one. */
export interface FallbackTree {
  list: (dir: string) => readonly string[] | undefined;
  isDir: (p: string) => boolean;
  /** Whether the entry at `p` is (or goes through) a link to a path outside `within` (default: the project). Default: never. */
  linksOut?: (p: string, within?: string) => boolean;
  /** The real path of `p` (links followed); absent: links are not looked through. */
  realpath?: (p: string) => string;
}

/**
 * The grants that stand for the project root: every entry of it except the withheld ones, or the
 * root whole when nothing is withheld (then files created at run time are covered too). A folder
 * that holds a secret of its own (`config/.env`), up to FALLBACK_SECRET_DEPTH folders down, is
 * granted the same way entry by entry, so the secret stays out (a folder grant opens its whole
 * subtree). A folder that another granted entry's name extends (`config` and `config.json`)
 * becomes the string prefix `config*`, because with both granted Node denies the folder itself
 * (docs/node-facts.md#added-2026-12-06), unless that prefix (or the name one character shorter,
 * which Node's `*` also opens: measured on 20.20.2, 22.23.3, 24.21.0, 26.10.0) would reach a
 * withheld entry or a folder granted entry by entry.
 */
export function rootFallback(
  root: string,
  names: readonly string[] | undefined,
  tree: FallbackTree,
  withhold: (name: string) => Withheld['why'] | undefined,
  depth = 0,
): { grants: FallbackGrant[]; withheld: { path: string; why: Withheld['why'] }[] } {
  if (names === undefined) return { grants: [{ path: root, subtree: true }], withheld: [] };
  // A name holding `*` cannot be granted by name: Node reads the `*` as a string prefix (`.*` opens .env).
  const whyOf = new Map(names.map((n) => [n, withhold(n) ?? (n.includes('*') ? 'wildcard' : tree.linksOut?.(path.join(root, n)) ? 'link-out' : linksToSecret(path.join(root, n), tree) ? 'secret' : undefined)] as const));
  const why = (n: string): Withheld['why'] | undefined => whyOf.get(n);
  const withheld = names.filter((n) => why(n) !== undefined).sort();
  const opened = depth < FALLBACK_SECRET_DEPTH ? names.filter((n) => why(n) === undefined && holdsSecret(path.join(root, n), tree, depth + 1)).sort() : [];
  const isOpened = new Set(opened);
  if (withheld.length === 0 && opened.length === 0) return { grants: [{ path: root, subtree: true }], withheld: [] };
  const out = { grants: [] as FallbackGrant[], withheld: withheld.map((n) => ({ path: path.join(root, n), why: why(n)! })) };
  for (const name of opened) {
    const inner = rootFallback(path.join(root, name), tree.list(path.join(root, name)), tree, withhold, depth + 1);
    // One at a time: a spread passes every grant as an argument, past the stack at some 120,000.
    for (const g of inner.grants) out.grants.push(g);
    for (const w of inner.withheld) out.withheld.push(w);
  }
  const kept = names.filter((n) => why(n) === undefined && !isOpened.has(n)).sort();
  const avoid = [...withheld, ...opened];
  const covered = new Set<string>();
  for (const [i, name] of kept.entries()) {
    if (covered.has(name)) continue;
    const p = path.join(root, name);
    // Sorted by code unit, the names that extend `name` follow it in one run: a scan of all of
    // them for each name took minutes on a folder of 50,000 entries.
    const extended: string[] = [];
    for (let j = i + 1; j < kept.length && kept[j]!.startsWith(name); j++) extended.push(kept[j]!);
    const reach = name.slice(0, -1);
    if (tree.isDir(p) && extended.length > 0 && reach !== '' && !avoid.some((w) => w.startsWith(reach))) {
      out.grants.push({ path: p, subtree: false, wildcard: true });
      for (const other of extended) covered.add(other);
    } else {
      out.grants.push({ path: p, subtree: tree.isDir(p) });
    }
  }
  return out;
}

/**
 * Whether a folder (not node_modules or .git) holds a secret entry or a link out of the project,
 * itself or up to FALLBACK_SECRET_DEPTH folders down. Links out are found before any folder is
 * entered, so the search never walks what they point to (`disk -> /` made it list the disk).
 */
function holdsSecret(dir: string, tree: FallbackTree, depth: number): boolean {
  if (notLookedInto.has(path.basename(dir)) || !tree.isDir(dir)) return false;
  const names = tree.list(dir) ?? [];
  if (names.some((n) => isSecretName(n) || tree.linksOut?.(path.join(dir, n)) || linksToSecret(path.join(dir, n), tree))) return true;
  return depth < FALLBACK_SECRET_DEPTH && names.some((n) => holdsSecret(path.join(dir, n), tree, depth + 1));
}

/**
 * FS_READ_COVERS_SECRETS (FS_WRITE_COVERS_SECRETS for `scope` write) for each grant wider than a
 * single file (a folder, a prefix, `*`) that opens a secret entry of the project root:
 * `readdirSync(__dirname)` or a `"type": "module"` app at the root needs the root, and Node cannot
 * grant a folder without its subtree. Also for a folder grant (`<app>/config/*`, a folder a
 * template names, the root itself, a package scope above the root, or a folder granted by its
 * plain path, as a copy's destination is) that holds a secret entry of its own (`config/.env`) or
 * in a folder below it, down to FALLBACK_SECRET_DEPTH folders (`config/deploy/id_rsa`; not
 * node_modules or .git, nor through a link out of the granted folder), when the host can list;
 * and for one whose folder is itself a secret's or lies in one (`bin/.git/*`, `config/.aws`),
 * whatever it holds (holes-14). Reported at each site that asked for the grant, or once for
 * --read/--write. The fallback leaves secrets out itself (rootFallback). A write into `.git` is
 * FS_WRITE_COVERS_CODE's, so it is not said twice.
 */
export function secretCoverFindings(grants: readonly PathGrant[], root: string, names: readonly string[] | undefined, tree?: FallbackTree, scope: 'read' | 'write' = 'read'): Diagnostic[] {
  const counts = (s: string) => scope === 'read' || path.basename(s).toLowerCase() !== '.git';
  const secrets = (names ?? []).filter(isSecretName).sort().map((n) => path.join(root, n)).filter(counts);
  const out: Diagnostic[] = [];
  for (const grant of grants) {
    const opened = secrets.filter((s) => grant.path !== s && emittedCovers(grant.path, s));
    if (opened.length > 0) out.push(...askedBy(scope, grant, opened.map((s) => path.basename(s))));
    const folder = grantedFolder(grant.path, tree);
    const named = folder === undefined ? undefined : secretFolderOf(folder, root);
    if (named && counts(named) && !opened.includes(named)) {
      const parent = path.dirname(named);
      out.push(...askedBy(scope, grant, [path.basename(named)], parent === root ? undefined : parent));
    }
    const through = tree?.realpath ? secretThroughLink(folder ?? grant.path, tree.realpath) : undefined;
    if (through) out.push(...askingSites(grant).map(({ from, site }) => diagnostic(coversCode(scope), 'warning', { grant: grant.path, secrets: [through], from, through: folder ?? grant.path }, site)));
    if (!tree || !folder || named || askingSites(grant).length === 0) continue;
    // The root's own secrets are named above; the rest by their path below the folder.
    const found = secretsBelow(folder, tree, (dir) => !tree.linksOut?.(dir, folder)).filter((s) => !secrets.includes(s) && counts(s));
    if (found.length > 0) out.push(...askedBy(scope, grant, found.map((s) => path.relative(folder, s)), folder));
  }
  return out;
}

const coversCode = (scope: 'read' | 'write') => (scope === 'read' ? 'FS_READ_COVERS_SECRETS' : 'FS_WRITE_COVERS_SECRETS');

/**
 * The folder a grant opens whole: `<dir>/*`, or a plain path that is a folder on this disk (Node
 * grants a folder's subtree by its plain path, as a copy's destination `config/.aws` is granted).
 * A plain file (`.env` the code reads by name) is no folder, and neither is a string prefix.
 */
function grantedFolder(grant: string, tree?: FallbackTree): string | undefined {
  if (grant.endsWith('/*')) return grant.slice(0, -2);
  if (grant.endsWith('*') || grant === '/') return undefined;
  return tree?.isDir(grant) ? grant : undefined;
}

/** The first secret-named folder on the way down to `folder` (from the project root when it lies in it, else from `/`), as a path. */
function secretFolderOf(folder: string, root: string): string | undefined {
  const base = folder.startsWith(`${root}/`) ? root : '';
  const parts = folder.slice(base.length + 1).split('/');
  const at = parts.findIndex((part) => part !== '' && isSecretName(part));
  return at < 0 ? undefined : `${base}/${parts.slice(0, at + 1).join('/')}`;
}

/**
 * The secret a grant on a link opens: Node checks the path as given, never a link's target, so a
 * read of `<app>/config/active -> ../.env` (or `<app>/keys -> ~/.ssh`) reads the secret through
 * it. The real path's first secret-named folder or file, when the path as written names none
 * (a grant that names a secret itself is asked for as such); undefined for a plain path.
 */
function secretThroughLink(written: string, realpath: (p: string) => string): string | undefined {
  if (written.endsWith('*')) return undefined;
  const real = realpath(written);
  if (real === written || written.split('/').some(isSecretName)) return undefined;
  const parts = real.split('/');
  const at = parts.findIndex((part) => part !== '' && isSecretName(part));
  return at < 0 ? undefined : parts.slice(0, at + 1).join('/');
}

/**
 * Whether the entry at `p` is a link (or goes through one) to a secret of the project
 * (`views/settings -> ../.env`): granted, it opens the secret, since Node checks the path as
 * given, so the fallback leaves it out like the secret.
 */
function linksToSecret(p: string, tree: FallbackTree): boolean {
  return tree.realpath !== undefined && secretThroughLink(p, tree.realpath) !== undefined;
}

/** The secret entries of `dir` and of the folders below it, down to FALLBACK_SECRET_DEPTH (not node_modules or .git, nor a folder `enter` refuses). */
function secretsBelow(dir: string, tree: FallbackTree, enter: (dir: string) => boolean, depth = 0, out: string[] = []): string[] {
  for (const name of [...(tree.list(dir) ?? [])].sort()) {
    const p = path.join(dir, name);
    if (isSecretName(name)) out.push(p);
    else if (depth < FALLBACK_SECRET_DEPTH && !notLookedInto.has(name) && tree.isDir(p) && enter(p)) secretsBelow(p, tree, enter, depth + 1, out);
  }
  return out;
}

/** The diagnostics for one grant's opened secrets, at each site that asked for it (or once for --read/--write). */
function askedBy(scope: 'read' | 'write', grant: PathGrant, secrets: string[], folder?: string): Diagnostic[] {
  return askingSites(grant).map(({ from, site }) => diagnostic(coversCode(scope), 'warning', { grant: grant.path, secrets, from, ...(folder ? { folder } : {}) }, site));
}

/**
 * Where a grant was asked for: each call site once, or the --read/--write option. Files the app
 * loads, absorbed into the grant, did not ask for it, and neither did the unresolved fallback. A
 * `"type": "module"` package folder that no call names (the entry's own, loaded from no site) was
 * asked for by that rule: once, without a site.
 */
export function askingSites(grant: PathGrant): { from: 'code' | 'option' | 'type-module'; site?: Site }[] {
  const user = grant.evidence.find((e) => e.reason === 'user');
  if (user) return [{ from: 'option' }];
  const out: { from: 'code' | 'type-module'; site?: Site }[] = [];
  const seen = new Set<string>();
  for (const e of grant.evidence) {
    if (!e.site || e.reason === 'unresolved-fallback' || e.reason === 'module-load' || e.reason === 'entry') continue;
    const key = `${e.site.file}:${e.site.line}:${e.site.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ from: 'code', site: e.site });
  }
  if (out.length === 0 && grant.evidence.some((e) => e.reason === 'type-module')) return [{ from: 'type-module' }];
  return out;
}
