// FS_GRANT_IN_HOME: which grants in the home folder are said, and how.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { homeGrantFindings } from '../lib/policy/home-grants.js';
import type { PathGrant } from '../lib/types.js';

const site = { file: '/home/u/proj/index.js', line: 3, column: 1 };
const byCode = (p: string): PathGrant => ({ path: p, evidence: [{ reason: 'api', site, api: 'fs.readFileSync', package: '.' }] });
const byOption = (p: string): PathGrant => ({ path: p, evidence: [{ reason: 'user', package: '.' }] });

describe('homeGrantFindings', () => {
  it('says a file the code names in home (info), a secret there (warning with the secret), and a folder written there', () => {
    const found = homeGrantFindings({ fsRead: [byCode('/home/u/.gitconfig'), byCode('/home/u/.ssh/id_rsa')], fsWrite: [byCode('/home/u/.config/app/*')] }, '/srv/app', ['/home/u'], new Set());
    assert.deepEqual(
      found.map((d) => [d.code, d.severity, d.args]),
      [
        ['FS_GRANT_IN_HOME', 'info', { grant: '/home/u/.gitconfig', scope: 'read', home: '/home/u' }],
        ['FS_GRANT_IN_HOME', 'warning', { grant: '/home/u/.ssh/id_rsa', scope: 'read', home: '/home/u', secret: '/home/u/.ssh' }],
        ['FS_GRANT_IN_HOME', 'info', { grant: '/home/u/.config/app/*', scope: 'write', home: '/home/u' }],
      ],
    );
    assert.deepEqual(found[0]!.site, site);
  });

  it('leaves out the project kept under home, --read, a config already said, and paths beside home', () => {
    const policy = { fsRead: [byCode('/home/u/proj/data.json'), byOption('/home/u/.npmrc'), byCode('/home/u/.prettierrc'), byCode('/home/user2/x'), byCode('/home/u')], fsWrite: [] };
    assert.deepEqual(homeGrantFindings(policy, '/home/u/proj', ['/home/u'], new Set(['/home/u/.prettierrc'])), []);
  });

  it('matches the real path of home too', () => {
    const found = homeGrantFindings({ fsRead: [byCode('/data/home/u/.npmrc')], fsWrite: [] }, '/srv/app', ['/home/u', '/data/home/u'], new Set());
    assert.deepEqual(found.map((d) => d.args), [{ grant: '/data/home/u/.npmrc', scope: 'read', home: '/data/home/u', secret: '/data/home/u/.npmrc' }]);
  });
});
