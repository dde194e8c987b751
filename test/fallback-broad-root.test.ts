// The project-root fallback when the project root is the home folder (a package.json kept in ~,
// as global scripts do): granting the root's entries granted ~/.config, ~/Documents and the
// shell history, every file of the user but a few secret names, under a diagnostic that said
// only "granted the project root". The fallback is refused there, and said.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../lib/index.js';
import { tempProject } from './support/temp-dirs.js';

const files = {
  'package.json': '{"name":"home","main":"i.js"}',
  'i.js': "require('fs').readFileSync(process.argv[2]);\nrequire('fs').writeFileSync(process.argv[3], 'x');\n",
  '.config/gh/hosts.yml': 'token',
  'Documents/letter.txt': 'text',
  '.bash_history': 'history',
};

test('with the project root at the home folder, the project fallback grants nothing and says why', async () => {
  const home = fs.realpathSync(tempProject('npp-home-root-', files));
  const report = await analyze({ cwd: home, homedir: home, target: '22', unresolved: 'project' });
  assert.deepEqual(report.flags, ['--permission', `--allow-fs-read=${home}/i.js`]);
  assert.deepEqual(report.unresolved.map((u) => `${u.capability} ${u.fallback}`), ['fs.read warn', 'fs.write warn']);
  const refused = report.diagnostics.filter((d) => d.code === 'UNRESOLVED_FALLBACK_REFUSED');
  assert.deepEqual(refused.map((d) => d.args), [{ root: home, opens: 'home', scopes: ['read', 'write'] }]);
  assert.equal(refused[0]!.severity, 'warning');
});

test('a project below the home folder keeps the project fallback', async () => {
  const home = fs.realpathSync(tempProject('npp-home-below-', { ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`app/${k}`, v])) }));
  const report = await analyze({ cwd: `${home}/app`, homedir: home, target: '22' });
  assert.ok(report.flags.includes(`--allow-fs-read=${home}/app/*`), report.flags.join(' '));
  assert.deepEqual(report.diagnostics.filter((d) => d.code === 'UNRESOLVED_FALLBACK_REFUSED'), []);
});
