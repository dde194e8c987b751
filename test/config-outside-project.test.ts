// A config file a package model's upward search finds outside the project (docs/precision.md,
// "Config files above the project"): granted as before, since a monorepo's workspace root holds
// configs its packages use, but said: info in a folder that holds the project, a warning in the
// home folder (or above it) or the disk root. It was granted and analysed without a word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../lib/index.js';
import { mkdtempSync } from './support/temp-dirs.js';

/** A workspace `<ws>` with the app in `<ws>/packages/app`, whose `lib` searches upward for `.toolrc*`. */
function workspace(configs: Record<string, string>): { ws: string; app: string } {
  const ws = fs.realpathSync(mkdtempSync(path.join(os.tmpdir(), 'npp-config-outside-')));
  const app = path.join(ws, 'packages', 'app');
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'app', version: '1.0.0', main: 'index.js' }),
    'index.js': "const lib = require('lib');\nlib(__dirname);\n",
    'node_modules/lib/package.json': JSON.stringify({ name: 'lib', version: '1.0.0', main: 'index.js' }),
    'node_modules/lib/index.js': 'module.exports = function lib() {};\n',
    'permission-models/lib.json': JSON.stringify({ package: 'lib', versions: '>=1.0.0', description: 'searches its config upward', calls: { '': [{ readConfig: ['.toolrc.json', '.toolrc.js'], in: '{arg0}', upward: true }] } }),
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
    fs.writeFileSync(path.join(app, file), text);
  }
  for (const [file, text] of Object.entries(configs)) fs.writeFileSync(path.join(ws, file), text);
  return { ws, app };
}

const said = (report: Awaited<ReturnType<typeof analyze>>) =>
  report.diagnostics.filter((d) => d.code === 'CONFIG_OUTSIDE_PROJECT').map((d) => `${d.severity} ${d.code === 'CONFIG_OUTSIDE_PROJECT' ? `${d.args.folder} ${path.basename(d.args.file)}` : ''} ${d.site?.file}:${d.site?.line}`);

test('a config in the workspace root above the project is granted and said (info), and a JavaScript one analysed', async () => {
  const { ws, app } = workspace({ '.toolrc.json': '{}', '.toolrc.js': "require('./plugin.js');\n", 'plugin.js': '' });
  const report = await analyze({ cwd: app, target: '22', unresolved: 'warn', homedir: '/nonexistent-home' });
  const reads = report.policy.fsRead.map((g) => g.path);
  for (const f of ['.toolrc.json', '.toolrc.js', 'plugin.js']) assert.ok(reads.includes(path.join(ws, f)), `${f} granted`);
  assert.deepEqual(said(report).sort(), ['info above-project .toolrc.js index.js:2', 'info above-project .toolrc.json index.js:2']);
});

test('a config in the home folder is granted with a warning', async () => {
  const { ws, app } = workspace({ '.toolrc.json': '{}' });
  const report = await analyze({ cwd: app, target: '22', unresolved: 'warn', homedir: ws });
  assert.ok(report.policy.fsRead.some((g) => g.path === path.join(ws, '.toolrc.json')));
  assert.deepEqual(said(report), ['warning home .toolrc.json index.js:2']);
});

test('a config in the project itself is not said', async () => {
  const { app } = workspace({});
  fs.writeFileSync(path.join(app, '.toolrc.json'), '{}');
  const report = await analyze({ cwd: app, target: '22', unresolved: 'warn', homedir: '/nonexistent-home' });
  assert.deepEqual(said(report), []);
});
