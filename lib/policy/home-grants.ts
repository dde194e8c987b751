// Grants in the home folder that code names (`path.join(os.homedir(), '.gitconfig')`, `~/.npmrc`).
// The app needs them, so they are granted; but the path is the home folder of whoever ran the
// analysis, so the policy holds only where the app runs as that user, and a file there may hold
// the user's credentials (`.npmrc`, `.ssh/…`, `.aws/…`). A grant that opens home itself, or a
// folder above it, never gets here: the sink reports it (`broad-folder`). Grants inside the project
// (a project kept under home) are the project's own; --read/--write named them knowingly; a config
// a model's tool finds above the project is CONFIG_OUTSIDE_PROJECT's.

import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import type { Policy, PathGrant } from '../types.js';
import { askingSites, isSecretName } from './secrets.js';

/** FS_GRANT_IN_HOME at each call that asked for a read or write grant below `homedir` and outside `root`; `said`: files already reported as a config outside the project. */
export function homeGrantFindings(policy: Pick<Policy, 'fsRead' | 'fsWrite'>, root: string, homes: readonly string[], said: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [scope, grants] of [['read', policy.fsRead], ['write', policy.fsWrite]] as const) {
    for (const grant of grants) {
      const own = grant.path.endsWith('/*') ? grant.path.slice(0, -2) : grant.path.replace(/\*$/, '');
      const home = homes.find((h) => h.length > 1 && own.startsWith(`${h}/`));
      if (!home || own === root || own.startsWith(`${root}/`) || said.has(own)) continue;
      const secret = secretOf(own, home);
      for (const { site } of sitesOf(grant)) out.push(diagnostic('FS_GRANT_IN_HOME', secret ? 'warning' : 'info', { grant: grant.path, scope, home, ...(secret ? { secret } : {}) }, site));
    }
  }
  return out;
}

/** The code sites that asked for a grant (not the --read/--write options). */
function sitesOf(grant: PathGrant) {
  return askingSites(grant).filter((s) => s.from === 'code' && s.site);
}

/** The first secret-named entry on the way from `home` down to `p` (`~/.ssh` for `~/.ssh/id_rsa`), as a path. */
function secretOf(p: string, home: string): string | undefined {
  const parts = p.slice(home.length + 1).split('/');
  const at = parts.findIndex(isSecretName);
  return at < 0 ? undefined : `${home}/${parts.slice(0, at + 1).join('/')}`;
}
