// Reading and rewriting package.json scripts: how a script splits into node commands (a table
// that reads as the specification), how the rewrite replaces earlier policy flags, how
// package.json keeps its formatting, and when paths in a script are written relatively.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isNodeInvocation, readScript } from '../lib/project/node-command.js';
import { rewriteScript, scriptWord } from '../lib/script/rewrite.js';
import { findJsonValue, setScript } from '../lib/script/package-json-edit.js';
import { analyzeScript } from '../lib/script/analyze-script.js';
import { parseCli } from '../cli/commands/generate-options.js';
import { tempProject } from './support/temp-dirs.js';

const repo = path.join(import.meta.dirname, '..');

/** One line per simple command: what the rewrite and the analysis see. */
function summary(script: string): string[] {
  return readScript(script).map((c) => {
    if (!isNodeInvocation(c)) return `other ${c.program}`;
    const env = Object.entries(c.env).map(([k, v]) => `${k}=${v}`).join(',');
    const options = c.options.map((o) => (o.value === undefined ? o.name : `${o.name}=${o.value}`)).join(' ');
    const parts = [`node ${c.runs}`, c.entry ? `entry=${c.entry.value}` : '', `cwd=${c.command.cwd}`, env && `env=${env}`, options && `options=${options}`, c.args.length ? `args=${c.args.map((a) => a.value).join('|')}` : ''];
    return parts.filter(Boolean).join(' ');
  });
}

const scripts: [string, string[]][] = [
  ['node server.js', ['node file entry=server.js cwd=.']],
  ['NODE_ENV=production node x.js --port 3000', ['node file entry=x.js cwd=. env=NODE_ENV=production args=--port|3000']],
  ['cross-env NODE_ENV=production PORT=3 node dist/index.js', ['node file entry=dist/index.js cwd=. env=NODE_ENV=production,PORT=3']],
  ['env TZ=UTC node x.js', ['node file entry=x.js cwd=. env=TZ=UTC']],
  ['exec node x.js', ['node file entry=x.js cwd=.']],
  ['node -r dotenv/config --enable-source-maps --env-file=.env x.js', ['node file entry=x.js cwd=. options=-r=dotenv/config --enable-source-maps --env-file=.env']],
  ['node --require ./otel.cjs --import=./hooks.mjs x.mjs', ['node file entry=x.mjs cwd=. options=--require=./otel.cjs --import=./hooks.mjs']],
  ['node --env-file .env x.js', ['node file entry=x.js cwd=. options=--env-file=.env']],
  ['npm run build && node dist/server.js', ['other npm', 'node file entry=dist/server.js cwd=.']],
  ['node migrate.js && node server.js || node fallback.js; node last.js', ['node file entry=migrate.js cwd=.', 'node file entry=server.js cwd=.', 'node file entry=fallback.js cwd=.', 'node file entry=last.js cwd=.']],
  ['node server.js | pino-pretty', ['node file entry=server.js cwd=.', 'other pino-pretty']],
  ['node server.js > out.log 2>&1 &', ['node file entry=server.js cwd=.']],
  ['cd services/api && node index.js', ['other cd', 'node file entry=index.js cwd=services/api']],
  ['(cd a && node x.js) && node y.js', ['other cd', 'node file entry=x.js cwd=a', 'node file entry=y.js cwd=.']],
  ['cd $DIR && node x.js', ['other cd', 'node file entry=x.js cwd=undefined']],
  ['node "my app.js" \'two words\'', ['node file entry=my app.js cwd=. args=two words']],
  ['node --permission --allow-fs-read=./a "--allow-fs-write=./logs/*" x.js', ['node file entry=x.js cwd=. options=--permission --allow-fs-read=./a --allow-fs-write=./logs/*']],
  ['node --allow-fs-read /srv/app x.js', ['node file entry=x.js cwd=. options=--allow-fs-read=/srv/app']],
  ['node -e "require(\'./x\')"', ["node eval cwd=. options=-e=require('./x')"]],
  ['node --test', ['node test cwd=. options=--test']],
  ['node', ['node repl cwd=.']],
  ['node - < script.js', ['node stdin cwd=.']],
  ['node .', ['node file entry=. cwd=.']],
  ['next start', ['other next']],
  ['nodemon server.js', ['other nodemon']],
  ['PORT=$PORT node x.js', ['node file entry=x.js cwd=.']],
];

for (const [script, expected] of scripts) {
  test(`script: ${script}`, () => assert.deepEqual(summary(script), expected));
}

/** The rewrite of a script where every analysable node command gets `flags`. */
function rewrite(script: string, flags: string[]): string {
  const commands = readScript(script).filter(isNodeInvocation).filter((c) => c.runs === 'file');
  return rewriteScript(script, commands.map((invocation) => ({ invocation, flags })));
}

const policy = ['--permission', '--allow-fs-read=./server.js', '--allow-fs-write=./logs/*'];
const rewrites: [string, string][] = [
  ['node server.js', 'node --permission --allow-fs-read=./server.js "--allow-fs-write=./logs/*" server.js'],
  ['NODE_ENV=production node -r dotenv/config server.js --port 3', 'NODE_ENV=production node --permission --allow-fs-read=./server.js "--allow-fs-write=./logs/*" -r dotenv/config server.js --port 3'],
  // A second run replaces the first run's flags, wherever they stand, instead of stacking.
  ['node --permission --allow-fs-read=./old.js "--allow-fs-write=./logs/*" server.js', 'node --permission --allow-fs-read=./server.js "--allow-fs-write=./logs/*" server.js'],
  ['node --enable-source-maps --experimental-permission --allow-fs-read /srv/x --allow-worker server.js', 'node --permission --allow-fs-read=./server.js "--allow-fs-write=./logs/*" --enable-source-maps server.js'],
  ['npm run build && node a.js && node b.js', 'npm run build && node --permission --allow-fs-read=./server.js "--allow-fs-write=./logs/*" a.js && node --permission --allow-fs-read=./server.js "--allow-fs-write=./logs/*" b.js'],
  ['node -e "1" && node x.js', 'node -e "1" && node --permission --allow-fs-read=./server.js "--allow-fs-write=./logs/*" x.js'],
];

for (const [before, after] of rewrites) {
  test(`rewrite: ${before}`, () => {
    assert.equal(rewrite(before, policy), after);
    assert.equal(rewrite(after, policy), after, 'a second rewrite changes nothing');
  });
}

test('flags with characters a shell would interpret are double-quoted for sh and cmd.exe alike', () => {
  assert.equal(scriptWord('--allow-fs-read=./a b/c.txt'), '"--allow-fs-read=./a b/c.txt"');
  assert.equal(scriptWord('--allow-fs-read=./$HOME/`x`/"q"'), '"--allow-fs-read=./\\$HOME/\\`x\\`/\\"q\\""');
  assert.deepEqual(summary(`node ${scriptWord('--allow-fs-read=./$HOME/`x`/"q"')} x.js`), ['node file entry=x.js cwd=. options=--allow-fs-read=./$HOME/`x`/"q"']);
});

/** Every character outside the script's JSON string is the same, and the string holds the new command. */
function assertOnlyScriptChanged(before: string, after: string, name: string, command: string): void {
  const span = findJsonValue(before, ['scripts', name])!;
  const newSpan = findJsonValue(after, ['scripts', name])!;
  assert.equal(after.slice(0, newSpan.start), before.slice(0, span.start));
  assert.equal(after.slice(newSpan.end), before.slice(span.end));
  assert.equal(JSON.parse(after).scripts[name], command);
  assert.deepEqual(Object.keys(JSON.parse(after)), Object.keys(JSON.parse(before)));
}

const packageJsons: [string, string][] = [
  ['tabs and CRLF', readFileSync(path.join(repo, 'fixtures/script-tabs-crlf-cross-env/app/package.json'), 'utf8')],
  ['4 spaces, no final newline', readFileSync(path.join(repo, 'fixtures/script-four-spaces-chain/app/package.json'), 'utf8')],
  ['2 spaces', readFileSync(path.join(repo, 'fixtures/script-cd-subfolder/app/package.json'), 'utf8')],
  ['one line, escapes, nested "start" keys', '{"config":{"start":"x"},"scripts":{"build":"tsc \\"-p\\" .","start":"node \\u0073erver.js"},"start":1}'],
];

test('the CRLF fixture really has CRLF line endings (.gitattributes keeps git from converting them)', () => {
  assert.ok(packageJsons[0]![1].includes('\r\n\t"scripts": {\r\n'));
});

for (const [label, text] of packageJsons) {
  test(`package.json edit keeps everything but the script: ${label}`, () => {
    const command = 'node --permission "--allow-fs-write=./logs/*" server.js';
    const after = setScript(text, 'start', command);
    assertOnlyScriptChanged(text, after, 'start', command);
    assert.equal(after.includes('\r\n'), text.includes('\r\n'));
    assert.equal(after.endsWith('\n'), text.endsWith('\n'));
  });
}

test('package.json edit of a missing script is a SCRIPT_NOT_FOUND error', () => {
  assert.throws(() => setScript('{"scripts":{"test":"x"}}', 'start', 'node x.js'), { code: 'SCRIPT_NOT_FOUND' });
  assert.throws(() => setScript('{"scripts":{"start":"x"', 'start', 'node x.js'), { code: 'PACKAGE_JSON_INVALID' });
});

const project = (files: Record<string, string>): string => tempProject('npp-script-', files);

test('paths are relative to the command folder unless children inherit the flags (22, 24+)', async () => {
  const spawns = "require('child_process').execFileSync('true'); require('fs').readFileSync(__dirname + '/data.txt');";
  const dir = project({ 'package.json': '{"scripts":{"start":"node server.js"}}', 'server.js': spawns, 'data.txt': 'x' });
  const on20 = await analyzeScript({ cwd: dir, script: 'start', target: '20' });
  assert.equal(on20.after, 'node --experimental-permission --allow-fs-read=./data.txt --allow-fs-read=./server.js --allow-child-process server.js');
  assert.deepEqual(on20.diagnostics, []);
  const on22 = await analyzeScript({ cwd: dir, script: 'start', target: '22' });
  assert.equal(on22.after, `node --permission --allow-fs-read=${dir}/data.txt --allow-fs-read=${dir}/server.js --allow-child-process server.js`);
  assert.deepEqual(on22.diagnostics.map((d) => [d.code, d.args]), [
    ['SCRIPT_PATHS_ABSOLUTE', { script: 'start', command: 'node server.js', reason: 'child-process', paths: [`${dir}/data.txt`, `${dir}/server.js`] }],
  ]);
});

test('each node command of a chain gets its own policy; other programs and --env-file are reported', async () => {
  const dir = project({
    'package.json': '{"scripts":{"start":"tsc && node migrate.js && node --env-file=.env -r ./pre.cjs server.js"}}',
    'migrate.js': "require('fs').writeFileSync(__dirname + '/db/schema.sql', '')",
    'server.js': "require('fs').readFileSync(__dirname + '/db/schema.sql')",
    'pre.cjs': "require('fs').readFileSync(require('path').join(__dirname, 'tracing.json'))",
  });
  const a = await analyzeScript({ cwd: dir, script: 'start', target: '24' });
  assert.equal(
    a.after,
    'tsc && node --permission --allow-fs-read=./migrate.js --allow-fs-write=./db/schema.sql migrate.js && node --permission --allow-fs-read=./db/schema.sql --allow-fs-read=./pre.cjs --allow-fs-read=./server.js --allow-fs-read=./tracing.json --env-file=.env -r ./pre.cjs server.js',
  );
  assert.deepEqual(a.diagnostics.map((d) => d.code), ['SCRIPT_OTHER_COMMAND', 'SCRIPT_ENV_FILE']);
});

test('a script that starts no node file is a SCRIPT_NOT_NODE error naming what it runs', async () => {
  const dir = project({ 'package.json': '{"scripts":{"start":"next start","dev":"node -e 1"}}' });
  await assert.rejects(analyzeScript({ cwd: dir, script: 'start', target: '22' }), { code: 'SCRIPT_NOT_NODE', message: /`next start` runs next/ });
  await assert.rejects(analyzeScript({ cwd: dir, script: 'dev', target: '22' }), { code: 'SCRIPT_NOT_NODE', message: /`node -e 1` runs no file/ });
  await assert.rejects(analyzeScript({ cwd: dir, script: 'serve', target: '22' }), { code: 'SCRIPT_NOT_FOUND' });
});

test('the env prefix of a node command binds process.env for its analysis', async () => {
  const dir = project({ 'package.json': '{"scripts":{"start":"DATA_DIR=./var node server.js"}}', 'server.js': "require('fs').writeFileSync(process.env.DATA_DIR + '/state.json', '{}')" });
  const a = await analyzeScript({ cwd: dir, script: 'start', target: '26' });
  assert.equal(a.after, 'DATA_DIR=./var node --permission --allow-fs-read=./server.js --allow-fs-write=./var/state.json server.js');
});

test('--write with no path after --script applies the rewrite; with a path it is still a grant', () => {
  const apply = parseCli(['--script', 'start', '--write'], repo);
  assert.deepEqual([apply.script, apply.applyScript, apply.write], ['start', true, []]);
  const before = parseCli(['--write', '--script', 'start', '--target', '22'], repo);
  assert.deepEqual([before.applyScript, before.write, before.target], [true, [], '22']);
  const grant = parseCli(['--script', 'start', '--write', './uploads'], repo);
  assert.deepEqual([grant.applyScript, grant.write], [false, ['./uploads']]);
  assert.throws(() => parseCli(['--write'], repo), { code: 'OPTION_INVALID' });
  assert.throws(() => parseCli(['--script', 'start', '-o', 'x'], repo), { code: 'OPTION_INVALID' });
  assert.throws(() => parseCli(['--policy', 'p.flags'], repo), { code: 'OPTION_INVALID' });
});
