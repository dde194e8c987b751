// Package models (docs/models.md): what a model's effects grant for a call, written as rows of
// [effects, app source, grants]; the format's validation (MODEL_INVALID); which model applies
// (the project's before the shipped one, by version range); how the report marks model grants;
// and guards that every shipped model is valid, exercised by a fixture and listed in the docs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../lib/index.js';
import type { Report } from '../lib/report.js';
import { mkdtempSync } from './support/temp-dirs.js';
import { repoRoot } from './support/fixture-folders.js';
import { cliPath } from './support/cli.js';

type Tree = Record<string, string>;

function write(root: string, tree: Tree): void {
  for (const [file, text] of Object.entries(tree)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
}

/** A project whose app calls the package `lib` (version `version`), modelled by `calls` in permission-models/. */
function project(source: string, calls: unknown, extra: Tree = {}, version = '1.0.0'): string {
  const root = fs.realpathSync(mkdtempSync(path.join(os.tmpdir(), 'npp-models-')));
  write(root, {
    'package.json': JSON.stringify({ name: 'app', version: '1.0.0', main: 'index.js' }),
    'index.js': source,
    'node_modules/lib/package.json': JSON.stringify({ name: 'lib', version, main: 'index.js' }),
    'node_modules/lib/index.js': 'module.exports = function lib() {};\nmodule.exports.open = function open() {};\n',
    'permission-models/lib.json': JSON.stringify({ package: 'lib', versions: '>=1.0.0', description: 'a test model', calls }),
    ...extra,
  });
  return root;
}

/** Grants and unresolved accesses, app-relative, leaving out the code the app loads. */
function summary(report: Report): string[] {
  const rel = (p: string) => p.replace(report.project.root, '<app>');
  const code = new Set(['<app>/index.js', '<app>/node_modules/lib/index.js', '<app>/node_modules/lib/package.json']);
  return [
    ...report.policy.fsRead.map((g) => `read ${rel(g.path)}`).filter((g) => !code.has(g.slice(5))),
    ...report.policy.fsWrite.map((g) => `write ${rel(g.path)}`),
    ...(['childProcess', 'worker', 'addons'] as const).filter((c) => report.policy[c].granted).map((c) => c),
    ...report.unresolved.map((u) => `? ${u.capability} ${u.reason}${u.prefix ? ` ${rel(u.prefix)}` : ''}${u.name ? ` ${u.name}` : ''}`),
  ].sort();
}

async function grants(source: string, calls: unknown, extra?: Tree): Promise<string[]> {
  const root = project(source, calls, extra);
  return summary(await analyze({ cwd: root, target: '22', unresolved: 'warn' }));
}

const call = (args: string) => `const lib = require('lib');\nlib(${args});\n`;
const rows: [string, unknown, string, string[]][] = [
  ['a literal argument', { '': [{ read: '{arg0}' }] }, call(`'data.txt'`), ['read <app>/data.txt']],
  ['a property of an argument', { '': [{ write: '{arg0.dest}' }] }, call(`{ dest: 'out.log' }`), ['write <app>/out.log']],
  ['an options object where a path is expected counts as missing', { '': [{ write: '{arg0}', default: '{arg0.dest}' }] }, call(`{ dest: 'out.log' }`), ['write <app>/out.log']],
  ['a missing argument and no default', { '': [{ read: '{arg0}' }] }, call(''), []],
  ['a default', { '': [{ read: '{arg0.path}', default: '{cwd}/.env' }] }, call(''), ['read <app>/.env']],
  ['a subtree', { '': [{ read: '{arg0}', subtree: true }] }, call(`__dirname + '/public'`), ['read <app>/public/*']],
  ['a subtree that is the project root', { '': [{ read: '{arg0}', subtree: true, default: '{cwd}' }] }, call(''), ['? fs.read model-folder <app>/']],
  ['an array along a property path', { '': [{ write: '{arg0.streams.path}' }] }, call(`{ streams: [{ path: 'a.log' }, { level: 'x' }, { path: 'b.log' }] }`), ['write <app>/a.log', 'write <app>/b.log']],
  // Ten levels of twenty: looked into once per array, not once per path (20^10 of them).
  ['arrays that share their items, along a property path', { '': [{ write: '{arg0.streams.path}' }] }, `const s0 = { path: 'a.log' };\n${Array.from({ length: 10 }, (_, i) => `const s${i + 1} = [${`s${i}, `.repeat(20)}];`).join('\n')}\n${call('{ streams: s10 }')}`, ['write <app>/a.log']],
  ['dirname', { '': [{ read: '{arg0|dirname}', subtree: true }] }, call(`'data/app.db'`), ['read <app>/data/*']],
  // resolve: as path.resolve(before, arg), an absolute value stands as it is (commander's executableDir).
  ['resolve, a relative value', { '': [{ read: '{cwd}/sub/{arg0|resolve}' }] }, call(`'a.txt'`), ['read <app>/sub/a.txt']],
  ['resolve, an absolute value', { '': [{ read: '{cwd}/sub/{arg0|resolve}' }] }, call(`__dirname + '/other/a.txt'`), ['read <app>/other/a.txt']],
  ['resolve, one of both', { '': [{ read: '{cwd}/sub/{arg0|resolve}' }] }, call(`process.env.X ? 'a.txt' : __dirname + '/b.txt'`), ['read <app>/b.txt', 'read <app>/sub/a.txt']],
  ['basename after another placeholder', { '': [{ write: '{arg0.dir}/{arg0.file|basename}' }] }, call(`{ dir: 'logs', file: '/x/y/app.log' }`), ['write <app>/logs/app.log']],
  ['except drops a value that names no file', { '': [{ read: '{arg0|dirname}', subtree: true, except: [':memory:'] }] }, call(`':memory:'`), []],
  ['a dynamic glob reads the subtree of its base', { '': [{ read: '{arg0|globbase}' }] }, call(`'src/**/*.js'`), ['read <app>/src/*']],
  ['a static glob reads the file', { '': [{ read: '{arg0|globbase}' }] }, call(`'docs/a.md'`), ['read <app>/docs/a.md']],
  ['a glob over the whole project is too broad', { '': [{ read: '{arg0|globbase}' }] }, call(`'**/*.js'`), ['? fs.read model-folder <app>/']],
  // trials-16 (sass-graph): a known start that already holds the magic has its base there, whatever follows.
  ['a glob whose known start holds the magic reads the subtree of its base', { '': [{ read: '{arg0|globbase}' }] }, call(`'scss/**/*.@(' + require('os').userInfo().username + ')'`), ['read <app>/scss/*']],
  ['a glob whose known start holds no magic yet keeps that start', { '': [{ read: '{arg0|globbase}' }] }, call(`'scss/' + require('os').userInfo().username`), ['read <app>/scss/*']],
  ['negated globs read nothing; braces are expanded', { '': [{ read: '{arg1.cwd}/{arg0|globbase}', default: '{arg0|globbase}' }] }, call(`['{a,b}/*.js', '!a/x.js'], { cwd: 'pkg' }`), ['read <app>/pkg/a/*', 'read <app>/pkg/b/*']],
  ['when the option is given', { '': [{ capability: 'worker', when: '{arg0.transport}' }] }, call(`{ transport: { target: 'x' } }`), ['worker']],
  ['when the option is absent', { '': [{ capability: 'worker', when: '{arg0.transport}' }] }, call(`{ level: 'info' }`), []],
  ['when the option is false', { '': [{ write: '{arg0.dest|dirname}', subtree: true, when: '{arg0.mkdir}' }] }, call(`{ dest: 'logs/a.log', mkdir: false }`), []],
  ['when the options cannot be folded', { '': [{ capability: 'worker', when: '{arg0.transport}' }] }, call(`require('os').userInfo()`), []],
  // unless (trials-15, koa-send without options): only when the argument is surely not passed.
  ['unless: the argument is not passed', { '': [{ read: '{cwd}/{arg0}', unless: '{arg1}' }] }, call(`'a.txt'`), ['read <app>/a.txt']],
  ['unless: the argument is passed', { '': [{ read: '{cwd}/{arg0}', unless: '{arg1}' }] }, call(`'a.txt', { maxage: 1 }`), []],
  ['unless: an argument that cannot be folded may be given', { '': [{ read: '{cwd}/{arg0}', unless: '{arg1}' }] }, call(`'a.txt', require('os').userInfo()`), []],
  ['an export path and an alias to it', { open: [{ read: '{arg0}' }], openSync: 'open' }, `const { open } = require('lib');\nopen('a.txt');\n`, ['read <app>/a.txt']],
  ['an argument that cannot be folded is reported', { '': [{ read: '{arg0}' }] }, call(`process.argv[2]`), ['? fs.read global process.argv']],
  ['an unbound environment variable is reported', { '': [{ read: '{env.CONF}/app.json' }] }, call(''), ['? fs.read env-unbound CONF']],
  ['a capability', { '': [{ capability: 'child-process' }] }, call(''), ['childProcess']],
  ['onlyIfMissing: a folder that does not exist yet', { '': [{ write: '{arg0}', subtree: true, onlyIfMissing: true }] }, call(`__dirname + '/logs'`), ['write <app>/logs/*']],
  ['onlyIfMissing: a folder that exists', { '': [{ write: '{arg0}', subtree: true, onlyIfMissing: true }] }, call(`__dirname + '/node_modules'`), []],
  ['whenMissing: the places looked in first are missing, so the run-time folder is reported', { '': [{ read: '{execPath|dirname}/prebuilds', subtree: true, whenMissing: ['{arg0}/build', '{arg0}/prebuilds'] }] }, call(`__dirname + '/native'`), ['? fs.read global process.execPath']],
  ['whenMissing: one of them exists', { '': [{ read: '{execPath|dirname}/prebuilds', subtree: true, whenMissing: ['{arg0}/build', '{arg0}/node_modules'] }] }, call(`__dirname`), []],
];

for (const [name, calls, source, expected] of rows) {
  test(`model effects: ${name}`, async () => {
    assert.deepEqual(await grants(source, calls), expected);
  });
}

test('model effects: code a model names is granted and analysed like any module', async () => {
  const extra = { 'jobs/task.js': `require('fs').readFileSync(__dirname + '/input.txt');\n` };
  assert.deepEqual(await grants(call(`{ filename: __dirname + '/jobs/task.js' }`), { '': [{ capability: 'worker' }, { loadsCode: '{arg0.filename}' }] }, extra), [
    'read <app>/jobs/input.txt',
    'read <app>/jobs/task.js',
    'worker',
  ]);
});

test('model effects: config files that exist are granted, and a JavaScript one is analysed as code', async () => {
  const extra = { '.toolrc.json': '{}', 'tool.config.js': `require('./plugins/one.js');\n`, 'plugins/one.js': '', 'tool.config.backup': '' };
  assert.deepEqual(await grants(call(''), { '': [{ readConfig: ['.toolrc', '.toolrc.json', 'tool.config.js', 'tool.config.mjs'] }] }, extra), [
    'read <app>/.toolrc.json',
    'read <app>/plugins/one.js',
    'read <app>/tool.config.js',
  ]);
});

test('model effects: an upward config search reads the configs of the folders above the one named, and a TypeScript config is analysed as code', async () => {
  const extra = { 'a/tool.config.ts': `require('./plugins/two.js');\n`, 'a/plugins/two.js': '', 'a/b/c/page.js': '', 'a/b/tool.config.backup': '' };
  const effect = { readConfig: ['tool.config.js', 'tool.config.ts'], in: '{arg0}' };
  assert.deepEqual(await grants(call(`__dirname + '/a/b/c'`), { '': [effect] }, extra), []);
  assert.deepEqual(await grants(call(`__dirname + '/a/b/c'`), { '': [{ ...effect, upward: true }] }, extra), ['read <app>/a/plugins/two.js', 'read <app>/a/tool.config.ts']);
});

test('model effects: a config search below a folder skips installed packages and git folders', async () => {
  const extra = { 'src/x/tool.config.js': '', 'src/tool.config.js': '', 'src/node_modules/p/tool.config.js': '', 'src/.git/tool.config.js': '', 'tool.config.js': '' };
  const effect = { readConfig: ['tool.config.js'], in: '{arg0}', below: true };
  assert.deepEqual(await grants(call(`'src'`), { '': [effect] }, extra), ['read <app>/src/tool.config.js', 'read <app>/src/x/tool.config.js']);
});

/** A project whose model `lib` has `templates` (`<%include x%>` names one) read below a folder. */
async function templateGrants(folder: string, extra: Tree): Promise<string[]> {
  const root = project(call(`__dirname + '/${folder}/page.tpl'`), {}, extra);
  const templates = { files: ['*.tpl'], name: '<%include ([^%]+)%>' };
  const model = { package: 'lib', versions: '>=1.0.0', description: 'renders a template', templates, calls: { '': [{ read: '{arg0|dirname}', subtree: true, includes: true }] } };
  fs.writeFileSync(path.join(root, 'permission-models/lib.json'), JSON.stringify(model));
  return summary(await analyze({ cwd: root, target: '22', unresolved: 'warn' }));
}

test('model effects: the folders templates include by a relative name are granted, in turn, and never the project root', async () => {
  const extra = {
    'views/pages/page.tpl': '<%include ../partials/head.tpl%> <%include ./same.tpl%>',
    'views/partials/head.tpl': '<%include ../../common/deep/logo.tpl%>',
    'common/deep/logo.tpl': 'logo',
    'views/pages/sub/x.tpl': '<%include ../../partials/head.tpl%>',
  };
  assert.deepEqual(await templateGrants('views/pages', extra), ['read <app>/common/deep/*', 'read <app>/views/pages/*', 'read <app>/views/partials/*']);
  // A template that climbs to the project root is reported with the model's too-broad folder, not granted.
  assert.deepEqual(await templateGrants('views', { 'views/page.tpl': '<%include ../secret.txt%>' }), ['? fs.read model-folder <app>/', 'read <app>/views/*']);
  // A folder that links to itself is walked a bounded number of times, not forever.
  const looped = project(call(`__dirname + '/views/page.tpl'`), {}, { 'views/page.tpl': '<%include ../partials/a.tpl%>', 'partials/a.tpl': '' });
  fs.symlinkSync('.', path.join(looped, 'views', 'loop'));
  const model = { package: 'lib', versions: '>=1.0.0', description: 'x', templates: { files: ['*.tpl'], name: '<%include ([^%]+)%>' }, calls: { '': [{ read: '{arg0|dirname}', subtree: true, includes: true }] } };
  fs.writeFileSync(path.join(looped, 'permission-models/lib.json'), JSON.stringify(model));
  assert.deepEqual(summary(await analyze({ cwd: looped, target: '22', unresolved: 'warn' })), ['read <app>/partials/*', 'read <app>/views/*']);
  // Absolute names are left to the package's own options (ejs's root): nothing here.
  assert.deepEqual(await templateGrants('views', { 'views/page.tpl': '<%include /etc/passwd%>' }), ['read <app>/views/*']);
});

test('model effects: load effects apply when the package is loaded at all', async () => {
  const root = project(`require('lib');\n`, {}, {});
  const model = { package: 'lib', versions: '>=1.0.0', description: 'reads its config folder when loaded', load: [{ read: '{cwd}/config', subtree: true }] };
  fs.writeFileSync(path.join(root, 'permission-models/lib.json'), JSON.stringify(model));
  assert.deepEqual(summary(await analyze({ cwd: root, target: '22' })), ['read <app>/config/*']);
});

test('the report marks model grants, and a modelled package keeps the reads the analysis proves', async () => {
  const extra = { 'node_modules/lib/index.js': `const fs = require('fs');\nfs.readFileSync(__dirname + '/table.json');\nmodule.exports = function lib() {};\n` };
  const root = project(call(`'data.txt'`), { '': [{ read: '{arg0}' }] }, extra);
  const report = await analyze({ cwd: root, target: '22' });
  const byPath = (p: string) => report.policy.fsRead.find((g) => g.path === path.join(root, p))!;
  assert.deepEqual(
    byPath('data.txt').evidence.map((e) => [e.reason, e.detail, e.site?.file, e.site?.line]),
    [['model', 'permission-models/lib.json', 'index.js', 2]],
  );
  assert.deepEqual(
    byPath('node_modules/lib/table.json').evidence.map((e) => [e.reason, e.package]),
    [['api', 'lib']],
  );
  assert.ok(report.diagnostics.some((d) => d.code === 'MODEL_APPLIED' && d.args.package === 'lib'));
});

/** A project whose app loads `lib`, modelled by `model` (merged into the usual fields) in permission-models/. */
async function withModel(source: string, model: Record<string, unknown>, extra: Tree = {}): Promise<string[]> {
  const root = project(source, {}, extra);
  fs.writeFileSync(path.join(root, 'permission-models/lib.json'), JSON.stringify({ package: 'lib', versions: '>=1.0.0', description: 'a test model', ...model }));
  return summary(await analyze({ cwd: root, target: '22', unresolved: 'warn' }));
}

const settings = { set: [{ if: { arg0: 'views' }, read: '{arg1}', subtree: true }, { if: { arg0: ['view engine', 'engine'] }, requires: '{arg1}' }], sendFile: [{ read: '{arg1.root}/{arg0}', default: '{arg0}' }] };
const app = (body: string) => `const lib = require('lib');
const app = lib();
${body}
`;
const methodRows: [string, string, string[]][] = [
  ['a method of any receiver, in a package that loads the modelled one', app(`function handler(req, res) { res.sendFile('a.txt', { root: __dirname + '/files' }); }
module.exports = handler;`), ['read <app>/files/a.txt']],
  ['a default when the option is missing', app(`app.sendFile(__dirname + '/b.txt');`), ['read <app>/b.txt']],
  ['if: the setting the effect is for', app(`app.set('views', __dirname + '/views');`), ['read <app>/views/*']],
  ['if: another setting', app(`app.set('title', __dirname + '/views');`), []],
  ['if: a setting whose name cannot be folded', app(`app.set(process.argv[2], __dirname + '/views');`), []],
  ['an argument that cannot be folded is reported at the call', app(`app.sendFile(process.argv[2]);`), ['? fs.read global process.argv']],
  ['a package that does not load the modelled one', `const x = { sendFile() {} };
x.sendFile('a.txt');
`, []],
  ['a computed member is not a method name', app(`app['sendFile']('a.txt');`), []],
];

for (const [name, source, expected] of methodRows) {
  test(`model methods: ${name}`, async () => {
    assert.deepEqual(await withModel(source, { methods: settings }), expected);
  });
}

test('model methods: if matches a module the code imported by its name (a plugin passed as a value)', async () => {
  const plugin = { register: [{ if: { arg0: 'lib' }, read: '{arg1.root}', subtree: true }] };
  const other = { 'node_modules/other/package.json': JSON.stringify({ name: 'other', version: '1.0.0' }), 'node_modules/other/index.js': '' };
  const server = (arg: string) => `const plugin = require('${arg}');\nconst app = { register() {} };\napp.register(plugin, { root: __dirname + '/www' });\nrequire('lib');\n`;
  assert.deepEqual(await withModel(server('lib'), { methods: plugin }, other), ['read <app>/www/*']);
  assert.deepEqual(await withModel(server('other'), { methods: plugin }, other), ['read <app>/node_modules/other/index.js', 'read <app>/node_modules/other/package.json']);
});

test('model methods: requires loads a package by the name given, from the modelled package\'s folder', async () => {
  const extra = {
    'node_modules/eng/package.json': JSON.stringify({ name: 'eng', version: '1.0.0', main: 'index.js' }),
    'node_modules/eng/index.js': `require('fs').readFileSync(__dirname + '/table.json');
`,
  };
  assert.deepEqual(await withModel(app(`app.set('view engine', 'eng');`), { methods: settings }, extra), [
    'read <app>/node_modules/eng/index.js',
    'read <app>/node_modules/eng/package.json',
    'read <app>/node_modules/eng/table.json',
  ]);
});

test('standsInFor: a helper only the modelled package loads is stood in for; one the app also loads is not', async () => {
  const extra = {
    'node_modules/lib/index.js': `const helper = require('helper');\nmodule.exports = function lib(o) { return helper(o.root); };\n`,
    'node_modules/helper/package.json': JSON.stringify({ name: 'helper', version: '1.0.0', main: 'index.js' }),
    // The path is set by a method, not the constructor: the analysis does not follow it.
    'node_modules/helper/index.js': `const fs = require('fs');\nclass S { at(p) { this.p = p; return this; } go() { fs.statSync(this.p); } }\nmodule.exports = (p) => new S().at(p);\n`,
  };
  const model = { standsInFor: ['helper'], calls: { '': [{ read: '{arg0.root}', subtree: true }] } };
  const helperCode = ['read <app>/node_modules/helper/index.js', 'read <app>/node_modules/helper/package.json'];
  assert.deepEqual(await withModel(`require('lib')({ root: __dirname + '/www' });\n`, model, extra), [...helperCode, 'read <app>/www/*']);
  const alsoDirect = await withModel(`require('lib')({ root: __dirname + '/www' });\nrequire('helper')(process.argv[2]).go();\n`, model, extra);
  assert.ok(alsoDirect.some((g) => g.startsWith('? fs.read')), alsoDirect.join('\n'));
  // Without standsInFor, the helper's own unknown path is reported.
  const without = await withModel(`require('lib')({ root: __dirname + '/www' });\n`, { calls: model.calls }, extra);
  assert.ok(without.some((g) => g.startsWith('? fs.read')), without.join('\n'));
});

const cli = { cliOptions: { declare: { option: { flags: 'arg0', default: ['{arg2}', '{arg3}'] }, requiredOption: 'option' }, returnedBy: ['opts'] } };
const cliApp = (declarations: string, use: string) => `const fs = require('fs');
const { program } = require('lib');
program${declarations}.parse();
${use}
`;
const cliRows: [string, string, string[]][] = [
  ['the default of an option read from opts()', cliApp(`.option('-o, --out-dir <dir>', 'where', 'reports')`, `fs.writeFileSync(program.opts().outDir + '/r.txt', '');`), ['write <app>/reports/r.txt']],
  ['a parser function before the default', cliApp(`.option('-c, --config <file>', 'config', (v) => v, 'app.json')`, `const { config } = program.opts(); fs.readFileSync(config);`), ['read <app>/app.json']],
  ['an alias of a declaring method', cliApp(`.requiredOption('--input <file>', 'input', 'in.txt')`, `fs.readFileSync(program.opts().input);`), ['read <app>/in.txt']],
  ['an option without a default is unresolved, with its name', cliApp(`.option('--input <file>')`, `fs.readFileSync(program.opts().input);`), ['? fs.read cli-argument --input']],
  ['two declarations of one option: either default', cliApp(`.option('--out <d>', '', 'a').option('--out <d>', '', 'b')`, `fs.writeFileSync(program.opts().out, '');`), ['write <app>/a', 'write <app>/b']],
  ['a package that does not load the parser', `const fs = require('fs');
const o = { option() { return o; }, opts() { return {}; } };
o.option('--out <d>', '', 'x');
fs.writeFileSync(o.opts().out, '');
`, ['? fs.write call-result']],
];

for (const [name, source, expected] of cliRows) {
  test(`model cliOptions: ${name}`, async () => {
    assert.deepEqual(await withModel(source, cli), expected);
  });
}

test('model cliOptions: the report lists each default used as an assumption, with the site of its declaration', async () => {
  const root = project(cliApp(`\n  .option('-o, --out <dir>', 'where', 'reports')\n  .option('--unused <x>', '', 'u')`, `fs.mkdirSync(program.opts().out);`), {});
  fs.writeFileSync(path.join(root, 'permission-models/lib.json'), JSON.stringify({ package: 'lib', versions: '>=1.0.0', description: 'a test model', ...cli }));
  const report = await analyze({ cwd: root, target: '22' });
  assert.deepEqual(report.assumptions.filter((a) => a.kind === 'cli-option'), [{ kind: 'cli-option', name: '--out', value: 'reports', site: { file: 'index.js', line: 4, column: 11 } }]);
});

test('model cliOptions: a property holding the options, destructured too; undeclared options are unknown; JSON.parse is not the parser', async () => {
  const yargsLike = { cliOptions: { declare: { option: { flags: 'arg0', default: '{arg1.default}' } }, returnedBy: ['parse'], properties: ['argv'], undeclared: true } };
  const source = `const fs = require('fs');
const lib = require('lib');
const { argv } = lib(process.argv.slice(2)).option('out', { default: 'dist' });
fs.writeFileSync(argv.out + '/a.txt', '');
fs.writeFileSync(lib().option('log', { default: 'l.txt' }).parse().log, '');
fs.readFileSync(argv.extra);
fs.readFileSync(JSON.parse('{}').parse);
`;
  assert.deepEqual(await withModel(source, yargsLike), ['? fs.read call-result', '? fs.read cli-argument an option the code does not declare', 'write <app>/dist/a.txt', 'write <app>/l.txt']);
});

test('model methods: receiver "package" applies only to objects made from the modelled package', async () => {
  const model = { methods: { config: [{ receiver: 'package', read: '{cli}' }] } };
  assert.deepEqual(await withModel(`const lib = require('lib');
lib().config();
`, model), ['? fs.read cli-argument a value given on the command line']);
  assert.deepEqual(await withModel(`require('lib');
const other = { config() {} };
other.config();
`, model), []);
});

const fields = {
  calls: { '': [{ write: '{arg0.dest}', subtree: true }] },
  fields: { 'file.path': [{ from: '', below: '{arg0.dest}' }, { from: 'disk', below: '{arg0.destination}' }], 'files.path': 'file.path' },
};
const fieldRows: [string, string, string[]][] = [
  ['a field read from a handler\'s parameter lies below the folder of the factory call', `const fs = require('fs');
const lib = require('lib');
const up = lib({ dest: __dirname + '/up' });
module.exports = (req) => fs.readFileSync(req.file.path);
`, ['read <app>/up/*', 'write <app>/up/*']],
  ['an index is left out of the chain', `const fs = require('fs');
const lib = require('lib');
lib({ dest: 'up' });
module.exports = (req) => fs.readFileSync(req.files[0].path);
`, ['read <app>/up/*', 'write <app>/up/*']],
  ['another export named as the source, imported by name', `import fs from 'node:fs';
import { disk } from 'lib';
disk({ destination: 'store' });
export default (req) => fs.readFileSync(req.file.path);
`, ['read <app>/store/*']],
  ['an option that is not a path makes the field unknown', `const fs = require('fs');
const lib = require('lib');
lib.disk({ destination: (req, f, cb) => cb(null, 'x') });
module.exports = (req) => fs.readFileSync(req.file.path);
`, ['? fs.read call-result lib.disk']],
  ['no factory call in the file: the field stays unknown', `const fs = require('fs');
require('lib');
module.exports = (req) => fs.readFileSync(req.file.path);
`, ['? fs.read parameter req']],
  ['a chain the model does not list', `const fs = require('fs');
const lib = require('lib');
lib({ dest: 'up' });
module.exports = (req) => fs.readFileSync(req.body.path);
`, ['? fs.read parameter req', 'write <app>/up/*']],
];

test('model fields: a factory call in another file of the package, examined first (an upload middleware module)', async () => {
  const extra = { 'upload.js': `module.exports = require('lib')({ dest: __dirname + '/up' });\n` };
  const source = `const fs = require('fs');\nconst upload = require('./upload');\nmodule.exports = [upload, (req) => fs.readFileSync(req.file.path)];\n`;
  // The read grants up/* and upload.js would make Node deny the folder up itself (a name that
  // extends a granted folder's, lib/policy/name-extensions.ts), so the read is the prefix up*.
  assert.deepEqual(await withModel(source, fields, extra), ['read <app>/up*', 'write <app>/up/*']);
});

for (const [name, source, expected] of fieldRows) {
  test(`model fields: ${name}`, async () => {
    assert.deepEqual(await withModel(source, fields), expected);
  });
}

const invalid: [string, unknown, string][] = [
  ['no versions', { package: 'lib', description: 'x' }, 'versions'],
  ['versions that are not a range', { package: 'lib', versions: 'soon', description: 'x' }, 'versions'],
  ['an effect of two kinds', { package: 'lib', versions: '*', description: 'x', calls: { '': [{ read: '{arg0}', write: '{arg0}' }] } }, 'exactly one'],
  ['an unknown capability', { package: 'lib', versions: '*', description: 'x', calls: { '': [{ capability: 'fs' }] } }, 'capability'],
  ['an unknown placeholder', { package: 'lib', versions: '*', description: 'x', calls: { '': [{ read: '{argument0}' }] } }, '{argument0}'],
  ['an unknown filter', { package: 'lib', versions: '*', description: 'x', calls: { '': [{ read: '{arg0|parent}' }] } }, '{arg0|parent}'],
  ['a when that is not a template', { package: 'lib', versions: '*', description: 'x', calls: { '': [{ capability: 'worker', when: true }] } }, 'when'],
  ['an unless that is not a template', { package: 'lib', versions: '*', description: 'x', calls: { '': [{ read: '{arg0}', unless: true }] } }, 'unless'],
  ['except that is not a list of strings', { package: 'lib', versions: '*', description: 'x', calls: { '': [{ read: '{arg0}', except: ':memory:' }] } }, 'except'],
  ['an alias to a missing key', { package: 'lib', versions: '*', description: 'x', calls: { sync: 'async' } }, 'async'],
  ['readConfig that is not a list of globs', { package: 'lib', versions: '*', description: 'x', load: [{ readConfig: '.librc' }] }, 'readConfig'],
  ['an if that is not argN to strings', { package: 'lib', versions: '*', description: 'x', methods: { set: [{ if: { name: 'views' }, read: '{arg1}' }] } }, '.if'],
  ['methods that are not an object', { package: 'lib', versions: '*', description: 'x', methods: ['set'] }, '"methods"'],
  ['onlyIfMissing that is not a boolean', { package: 'lib', versions: '*', description: 'x', calls: { '': [{ write: '{arg0}', onlyIfMissing: 'yes' }] } }, 'onlyIfMissing'],
  ['cliOptions without returnedBy', { package: 'lib', versions: '*', description: 'x', cliOptions: { declare: {} } }, 'returnedBy'],
  ['a cliOptions declaration whose flags are not an argument', { package: 'lib', versions: '*', description: 'x', cliOptions: { declare: { option: { flags: 'first' } }, returnedBy: [] } }, 'flags'],
  ['a fields key that is not a property chain', { package: 'lib', versions: '*', description: 'x', fields: { 'file[0]': [{ from: '', below: '{arg0}' }] } }, 'property chain'],
  ['a fields source without below', { package: 'lib', versions: '*', description: 'x', fields: { 'file.path': [{ from: '' }] } }, 'below'],
  ['whenMissing that is not a list of templates', { package: 'lib', versions: '*', description: 'x', calls: { '': [{ read: '{arg0}', whenMissing: '{arg0}/build' }] } }, 'whenMissing'],
  ['includes on a model without templates', { package: 'lib', versions: '*', description: 'x', calls: { '': [{ read: '{arg0}', subtree: true, includes: true }] } }, 'includes'],
  ['templates whose name has no group', { package: 'lib', versions: '*', description: 'x', templates: { files: ['*.ejs'], name: 'include' } }, 'templates'],
  ['templates whose name is no regular expression', { package: 'lib', versions: '*', description: 'x', templates: { files: ['*.ejs'], name: '(' } }, 'templates'],
  ['standsInFor naming the package itself', { package: 'lib', versions: '*', description: 'x', standsInFor: ['lib'] }, 'standsInFor'],
  ['from on an effect that is not requires', { package: 'lib', versions: '*', description: 'x', calls: { '': [{ read: '{arg0}', from: 'caller' }] } }, '.from'],
  ['a requires from that is not "caller"', { package: 'lib', versions: '*', description: 'x', calls: { '': [{ requires: '{arg0}', from: 'package' }] } }, '.from'],
  ['coversFiles with an absolute path', { package: 'lib', versions: '*', description: 'x', coversFiles: ['/src/a.js'] }, 'coversFiles'],
];

for (const [name, model, mentioned] of invalid) {
  test(`MODEL_INVALID: ${name}`, async () => {
    const root = project(call(`'data.txt'`), {});
    fs.writeFileSync(path.join(root, 'permission-models/lib.json'), JSON.stringify(model));
    const report = await analyze({ cwd: root, target: '22' });
    const found = report.diagnostics.filter((d) => d.code === 'MODEL_INVALID');
    assert.equal(found.length, 1);
    const args = found[0]!.args as { file: string; problems: string[] };
    assert.equal(args.file, 'permission-models/lib.json');
    assert.ok(args.problems.some((p) => p.includes(mentioned)), args.problems.join('; '));
    // An invalid model is not used.
    assert.ok(!report.diagnostics.some((d) => d.code === 'MODEL_APPLIED'));
  });
}

/** A project using a stand-in serve-static (covered by a shipped model) on public/. */
function staticProject(): string {
  const root = fs.realpathSync(mkdtempSync(path.join(os.tmpdir(), 'npp-models-')));
  write(root, {
    'package.json': JSON.stringify({ name: 'app', version: '1.0.0', main: 'index.js' }),
    'index.js': `require('serve-static')(__dirname + '/public');\n`,
    'node_modules/serve-static/package.json': JSON.stringify({ name: 'serve-static', version: '1.16.2', main: 'index.js' }),
    'node_modules/serve-static/index.js': 'module.exports = function serveStatic(root) { return () => {}; };\n',
  });
  return root;
}

const readGrants = (report: Report) => report.policy.fsRead.map((g) => g.path.replace(report.project.root, '<app>')).filter((p) => !p.includes('node_modules') && !p.endsWith('index.js'));
const modelUsed = (report: Report) => report.diagnostics.find((d) => d.code === 'MODEL_APPLIED')?.args as { model: string } | undefined;

test('precedence: the shipped model applies when the project has none', async () => {
  const report = await analyze({ cwd: staticProject(), target: '22' });
  assert.deepEqual(readGrants(report), ['<app>/public/*']);
  assert.equal(modelUsed(report)?.model, 'shipped:serve-static.json');
});

test("precedence: the project's permission-models/ replaces a shipped model for the same package", async () => {
  const root = staticProject();
  const own = { package: 'serve-static', versions: '>=1.0.0', description: 'serves only index.html below root', calls: { '': [{ read: '{arg0}/index.html' }] } };
  write(root, { 'permission-models/serve-static.json': JSON.stringify(own) });
  const report = await analyze({ cwd: root, target: '22' });
  assert.deepEqual(readGrants(report), ['<app>/public/index.html']);
  assert.equal(modelUsed(report)?.model, 'permission-models/serve-static.json');
});

test('precedence: a folder given with models: [dir] comes before the project and the shipped ones', async () => {
  const root = staticProject();
  const project_ = { package: 'serve-static', versions: '>=1.0.0', description: 'x', calls: { '': [{ read: '{arg0}/index.html' }] } };
  const extra = { package: 'serve-static', versions: '>=1.0.0', description: 'x', calls: { '': [{ read: '{arg0}/site.css' }] } };
  write(root, { 'permission-models/serve-static.json': JSON.stringify(project_), 'ops/models/serve-static.json': JSON.stringify(extra) });
  const report = await analyze({ cwd: root, target: '22', models: [path.join(root, 'ops/models')] });
  assert.deepEqual(readGrants(report), ['<app>/public/site.css']);
});

test('precedence: a model whose range leaves out the installed version is not used', async () => {
  const root = staticProject();
  const old = { package: 'serve-static', versions: '<1.0.0', description: 'x', calls: { '': [{ read: '{arg0}/index.html' }] } };
  write(root, { 'permission-models/serve-static.json': JSON.stringify(old) });
  const report = await analyze({ cwd: root, target: '22' });
  assert.equal(modelUsed(report)?.model, 'shipped:serve-static.json');
});

test('versions: multer 1.x gets the model that also reads the upload folder, 2.x the one that only writes it', async () => {
  const summaries: string[][] = [];
  for (const version of ['1.4.5-lts.1', '2.0.2']) {
    const root = fs.realpathSync(mkdtempSync(path.join(os.tmpdir(), 'npp-models-')));
    write(root, {
      'package.json': JSON.stringify({ name: 'app', version: '1.0.0', main: 'index.js' }),
      'index.js': `require('multer')({ dest: __dirname + '/uploads' });\n`,
      'node_modules/multer/package.json': JSON.stringify({ name: 'multer', version, main: 'index.js' }),
      'node_modules/multer/index.js': 'module.exports = function multer() {};\n',
    });
    const report = await analyze({ cwd: root, target: '22' });
    summaries.push([...readGrants(report).map((p) => `read ${p}`), ...report.policy.fsWrite.map((g) => `write ${g.path.replace(root, '<app>')}`)]);
  }
  assert.deepEqual(summaries, [['read <app>/uploads/*', 'write <app>/uploads/*'], ['write <app>/uploads/*']]);
});

function generateFlags(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('CLI: --models DIR (relative to the current folder) comes before the shipped models', () => {
  const root = staticProject();
  const own = { package: 'serve-static', versions: '>=1.0.0', description: 'x', calls: { '': [{ read: '{arg0}/index.html' }] } };
  write(root, { 'ops/models/serve-static.json': JSON.stringify(own) });
  const r = generateFlags(['--target', '22', '--format', 'args', '--models', 'ops/models'], root);
  assert.equal(r.code, 0, r.stderr);
  const flags = JSON.parse(r.stdout) as string[];
  assert.ok(flags.includes(`--allow-fs-read=${root}/public/index.html`), flags.join(' '));
  assert.ok(!flags.includes(`--allow-fs-read=${root}/public/*`));
});

test('CLI: a --models folder that does not exist is a usage error, without a stack', () => {
  const r = generateFlags(['--target', '22', '--models', 'no-such-models'], staticProject());
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--models no-such-models/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});

const shippedDir = path.join(repoRoot, 'models');
const shipped = fs.readdirSync(shippedDir).filter((f) => f.endsWith('.json')).sort();
const shippedModels = shipped.map((file) => ({ file, model: JSON.parse(fs.readFileSync(path.join(shippedDir, file), 'utf8')) as { package: string; docs?: string; versions: string } }));

test('every shipped model is valid, documented and named after its package', async () => {
  const root = staticProject();
  const report = await analyze({ cwd: root, target: '22' });
  assert.deepEqual(report.diagnostics.filter((d) => d.code === 'MODEL_INVALID'), []);
  for (const { file, model } of shippedModels) {
    assert.ok(model.docs?.startsWith('https://'), `${file} has no docs link`);
    assert.match(file, new RegExp(`^${model.package.replace('/', '\\+').replace(/[.]/g, '\\.')}(@\\d+)?\\.json$`), `${file} is not named after ${model.package}`);
  }
});

test('every shipped model is exercised by a fixture', () => {
  const fixtures = path.join(repoRoot, 'fixtures');
  const stubbed = new Set<string>();
  for (const name of fs.readdirSync(fixtures).filter((n) => n.startsWith('model-'))) {
    const modules = path.join(fixtures, name, 'app', 'node_modules');
    for (const entry of fs.existsSync(modules) ? fs.readdirSync(modules) : []) {
      const names = entry.startsWith('@') ? fs.readdirSync(path.join(modules, entry)).map((n) => `${entry}/${n}`) : [entry];
      names.forEach((n) => stubbed.add(n));
    }
  }
  const missing = shippedModels.filter(({ model }) => !stubbed.has(model.package)).map(({ file }) => file);
  assert.deepEqual(missing, []);
});

test('docs/models.md lists every shipped model', () => {
  const doc = fs.readFileSync(path.join(repoRoot, 'docs', 'models.md'), 'utf8');
  const missing = shippedModels.filter(({ file }) => !doc.includes(`models/${file}`)).map(({ file }) => file);
  assert.deepEqual(missing, []);
});

test('a readConfig folder ("in") is a path template, and only a readConfig effect has one', async () => {
  const { modelProblems } = await import('../lib/models/index.js');
  const model = (effect: object) => ({ package: 'p', versions: '*', description: 'd', calls: { '': [effect] } });
  assert.deepEqual(modelProblems(model({ readConfig: ['a.json'], in: '{arg1}' })), []);
  assert.equal(modelProblems(model({ readConfig: ['a.json'], in: 3 })).length, 1);
  assert.equal(modelProblems(model({ read: '{arg0}', in: '{arg1}' })).length, 1);
  assert.equal(modelProblems(model({ readConfig: ['a.json'], in: '{nope}' })).length, 1);
  assert.deepEqual(modelProblems(model({ readConfig: ['a.json'], upward: true, below: false })), []);
  assert.equal(modelProblems(model({ readConfig: ['a.json'], upward: 'yes' })).length, 1);
  assert.equal(modelProblems(model({ read: '{arg0}', below: true })).length, 1);
  assert.deepEqual(modelProblems(model({ readConfig: ['.arc', 'package.json'], upward: 'package', existsSync: true })), []);
  assert.equal(modelProblems(model({ readConfig: ['*.json'], existsSync: true })).length, 1);
  assert.equal(modelProblems(model({ readConfig: ['a.json'], upward: 'root' })).length, 1);
});

test('a startsChild effect takes args and options templates and a shell flag, which no other effect has', async () => {
  const { modelProblems } = await import('../lib/models/index.js');
  const model = (effect: object) => ({ package: 'p', versions: '*', description: 'd', calls: { '': [effect] } });
  assert.deepEqual(modelProblems(model({ startsChild: '{arg0}', args: '{arg1}', options: '{arg2}' })), []);
  assert.deepEqual(modelProblems(model({ startsChild: '{arg0}', shell: true })), []);
  assert.equal(modelProblems(model({ startsChild: 3 })).length, 1);
  assert.equal(modelProblems(model({ startsChild: '{arg0}', shell: 'yes' })).length, 1);
  assert.equal(modelProblems(model({ read: '{arg0}', args: '{arg1}' })).length, 1);
  assert.equal(modelProblems(model({ startsChild: '{arg0}', args: '{nope}' })).length, 1);
});

test('model effects: names checked with existsSync are granted in each folder up to the package root, whether or not they exist', async () => {
  const extra = { 'src/.arc.js': `require('./plugin.js');\n`, 'src/plugin.js': '', 'src/sub/deeper/x.js': '' };
  const effect = { readConfig: ['.arc.js', '.arc.json'], in: '{arg0|dirname}', upward: 'package', existsSync: true };
  assert.deepEqual(await grants(call(`__dirname + '/src/sub/deeper/x.js'`), { '': [effect] }, extra), [
    'read <app>/.arc.js',
    'read <app>/.arc.json',
    'read <app>/src/.arc.js',
    'read <app>/src/.arc.json',
    'read <app>/src/plugin.js',
    'read <app>/src/sub/.arc.js',
    'read <app>/src/sub/.arc.json',
    'read <app>/src/sub/deeper/.arc.js',
    'read <app>/src/sub/deeper/.arc.json',
  ]);
});

test('model effects: code a model says the call runs is granted with evidence naming the model and the call', async () => {
  const root = project(call(`'jobs/task.js'`), { '': [{ loadsCode: '{arg0}' }] }, { 'jobs/task.js': '' });
  const report = await analyze({ cwd: root, target: '22', unresolved: 'warn' });
  const grant = report.policy.fsRead.find((g) => g.path === path.join(root, 'jobs/task.js'));
  assert.deepEqual(grant?.evidence.map((e) => [e.reason, e.detail, `${e.site?.file}:${e.site?.line}`]), [['module-load', 'permission-models/lib.json', 'index.js:2']]);
});
