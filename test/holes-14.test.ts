// holes-14: two grants that went out without a word. A policy that allows native addons says so
// where the code loads one (ADDON_NOT_CONFINED, in every output format), and a folder grant whose
// folder is, or lies in, a secret's (or a write folder grant that holds one) is said like a read
// of the project root that opens `.env` (FS_READ_COVERS_SECRETS, FS_WRITE_COVERS_SECRETS).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { secretCoverFindings, type FallbackTree } from '../lib/policy/secrets.js';
import type { PathGrant } from '../lib/types.js';
import { addonsUnavailableReason } from './support/addon-build.js';
import { copyApp } from './support/app-copy.js';
import { cliPath } from './support/cli.js';

const site = { file: '/srv/app/index.js', line: 3, column: 1 };
const byCode = (p: string): PathGrant => ({ path: p, evidence: [{ reason: 'api', site, api: 'fs.readdirSync', package: '.' }] });

/** A disk of folders (each with its entries) for the secret search. */
function treeOf(dirs: Record<string, string[]>): FallbackTree {
  return { list: (d) => dirs[d], isDir: (p) => Object.hasOwn(dirs, p) };
}

const disk = treeOf({
  '/srv/app': ['index.js', 'bin', 'config', 'state', '.git'],
  '/srv/app/bin': ['.docker', 'cli.js'],
  '/srv/app/bin/.docker': ['config.json'],
  '/srv/app/config': ['.aws', 'app.json'],
  '/srv/app/config/.aws': ['credentials'],
  '/srv/app/state': ['.env', 'counter'],
  '/srv/app/.git': ['HEAD', 'config'],
  '/srv/app/public': ['index.html'],
});

const found = (grants: PathGrant[], scope: 'read' | 'write') =>
  secretCoverFindings(grants, '/srv/app', disk.list('/srv/app'), disk, scope).map((d) => {
    const args = d.args as { grant: string; secrets: string[]; folder?: string };
    return [d.code, args.grant, args.secrets, args.folder];
  });

describe('a folder grant named by a secret', () => {
  it('says a folder grant (dir/* or a folder by its plain path) that is or lies in a secret folder below the root', () => {
    assert.deepEqual(found([byCode('/srv/app/bin/.docker/*'), byCode('/srv/app/config/.aws'), byCode('/srv/app/config/.aws/cache/*')], 'read'), [
      ['FS_READ_COVERS_SECRETS', '/srv/app/bin/.docker/*', ['.docker'], '/srv/app/bin'],
      ['FS_READ_COVERS_SECRETS', '/srv/app/config/.aws', ['.aws'], '/srv/app/config'],
      ['FS_READ_COVERS_SECRETS', '/srv/app/config/.aws/cache/*', ['.aws'], '/srv/app/config'],
    ]);
  });

  it('says a write folder grant that holds a secret, or is one, but leaves .git to FS_WRITE_COVERS_CODE', () => {
    assert.deepEqual(found([byCode('/srv/app/state/*'), byCode('/srv/app/config/.aws/*'), byCode('/srv/app/.git/*'), byCode('/srv/app/public/*')], 'write'), [
      ['FS_WRITE_COVERS_SECRETS', '/srv/app/state/*', ['.env'], '/srv/app/state'],
      ['FS_WRITE_COVERS_SECRETS', '/srv/app/config/.aws/*', ['.aws'], '/srv/app/config'],
    ]);
  });

  it('leaves a file read by its secret name, and a folder with nothing secret, unsaid', () => {
    assert.deepEqual(found([byCode('/srv/app/state/.env'), byCode('/srv/app/.git/HEAD'), byCode('/srv/app/public/*'), byCode('/srv/app/config/.aws/credentials')], 'read'), []);
  });

  it('names a secret folder outside the project too (a grant of ~/.ssh/* by the code)', () => {
    assert.deepEqual(found([byCode('/home/u/.ssh/*')], 'read'), [['FS_READ_COVERS_SECRETS', '/home/u/.ssh/*', ['.ssh'], '/home/u']]);
  });
});

const copies: ReturnType<typeof copyApp>[] = [];
after(() => copies.forEach((c) => c.remove()));

describe('--allow-addons at generation', { skip: addonsUnavailableReason() ?? false }, () => {
  const app = copyApp(path.join(import.meta.dirname, '..', 'fixtures', 'addon-native', 'app'), 'holes-14');
  copies.push(app);
  const run = (format: string) =>
    spawnSync(process.execPath, [cliPath, '--cwd', app.dir, '--target', '24', '--no-cache', '--format', format], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });

  it('prints ADDON_NOT_CONFINED at the load site on stderr for args and shell, beside the flags', () => {
    for (const format of ['args', 'shell']) {
      const r = run(format);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /--allow-addons/);
      assert.match(r.stderr, /^node_modules\/tiny-addon\/index\.js:3:\d+: warning ADDON_NOT_CONFINED: tiny-addon loads a native addon here \(require\).*\(hint: /m);
    }
  });

  it('reports it in json (code, args, site) and sarif (a result of its own rule)', () => {
    const report = JSON.parse(run('json').stdout);
    const d = report.diagnostics.find((x: { code: string }) => x.code === 'ADDON_NOT_CONFINED');
    assert.deepEqual([d.severity, d.args, d.site.line], ['warning', { api: 'require', package: 'tiny-addon' }, 3]);
    assert.match(d.site.file, /node_modules\/tiny-addon\/index\.js$/);
    const sarif = JSON.parse(run('sarif').stdout);
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'ADDON_NOT_CONFINED');
    assert.equal(result.level, 'warning');
    assert.match(result.locations[0].physicalLocation.artifactLocation.uri, /node_modules\/tiny-addon\/index\.js$/);
  });
});
