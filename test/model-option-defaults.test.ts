// A model effect whose template reads a member of an options argument (`{arg2.root}`) has no value
// where the app's options lack it, and gives nothing. That is right only where the package then
// touches nothing; where it has a default of its own (koa-send's root: the working folder) the
// access went neither granted nor reported (silent-18). So every such effect must say what the
// absent member means: a `default` template, a sibling effect applied `unless` it is there, or an
// entry below, read from the package's code, saying why the package then accesses nothing more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './support/fixture-folders.js';

/** `model-file section.key template` → why an absent member adds no access. */
const absentAddsNothing: Record<string, string> = {
  '@babel+core.json calls.transformSync {arg1.filename|dirname}': 'no filename: no file-relative config is searched; the root babel.config.* effects search the working folder',
  '@babel+core.json calls.loadOptions {arg0.filename|dirname}': 'as transformSync',
  '@fastify+static.json methods.register {arg1.root}': 'root is required: the plugin throws at registration without it',
  'bunyan.json calls.createLogger {arg0.streams.path}': 'a stream without a path writes to its stream (stdout)',
  'ejs.json calls.renderFile {arg2.views}': 'includes without views resolve beside the template, which the filename effect reads',
  'ejs.json calls.renderFile {arg2.root}': 'as views',
  'ejs.json calls.renderFile {arg1.settings.views}': 'as views',
  'ejs.json calls.compile {arg1.filename|dirname}': 'no filename: a relative include throws',
  'ejs.json calls.compile {arg1.views}': 'as renderFile',
  'ejs.json calls.compile {arg1.root}': 'as renderFile',
  'ejs.json calls.render {arg2.filename|dirname}': 'as compile',
  'ejs.json calls.render {arg2.views}': 'as renderFile',
  'ejs.json calls.render {arg2.root}': 'as renderFile',
  'eslint.json calls.ESLint {arg0.cwd}': 'the sibling effect without `in` searches the working folder, the default cwd',
  'eta.json calls.Eta {arg0.views}': 'no views: rendering a file by name throws',
  'multer.json calls. {arg0.dest}': 'no dest (nor storage): files are kept in memory',
  'multer@1.json calls. {arg0.dest}': 'as multer 2',
  'multer@1.json calls.diskStorage {arg0.destination}': 'the write has `default: {tmp}`; no mkdir (no stat) for the default folder',
  'pino.json calls.destination {arg0.dest|dirname}': 'no dest: file descriptor 1',
  'pino.json calls.transport {arg0.target}': 'one of target, targets or pipeline is required',
  'pino.json calls.transport {arg0.targets.target}': 'as target',
  'pino.json calls.transport {arg0.pipeline.target}': 'as target',
  'pino.json calls.transport {arg0.targets.pipeline.target}': 'as target',
  'pino.json calls.transport {arg0.options.destination}': 'no destination: file descriptor 1',
  'pino.json calls.transport {arg0.options.destination|dirname}': 'as destination',
  'pino.json calls.transport {arg0.targets.options.destination}': 'as destination',
  'pino.json calls.transport {arg0.targets.options.destination|dirname}': 'as destination',
  'pino.json calls. {arg0.transport.target}': 'as transport',
  'pino.json calls. {arg0.transport.targets.target}': 'as transport',
  'pino.json calls. {arg0.transport.pipeline.target}': 'as transport',
  'pino.json calls. {arg0.transport.targets.pipeline.target}': 'as transport',
  'pino.json calls. {arg0.transport.options.destination}': 'as transport',
  'pino.json calls. {arg0.transport.options.destination|dirname}': 'as transport',
  'pino.json calls. {arg0.transport.targets.options.destination}': 'as transport',
  'pino.json calls. {arg0.transport.targets.options.destination|dirname}': 'as transport',
  'piscina.json calls. {arg0.filename}': 'no filename: each run names its own (the run method effect)',
  'piscina.json methods.run {arg1.filename}': 'no filename: the pool\'s own, from the constructor effect',
  'pug.json calls.renderFile {arg1.basedir}': 'no basedir: an absolute include throws; relative ones resolve beside the file read',
  'pug.json calls.render {arg1.filename|dirname}': 'no filename: a relative include throws',
  'pug.json calls.render {arg1.basedir}': 'as renderFile',
  'thread-stream.json calls. {arg0.filename}': 'filename is required',
  'tinypool.json calls. {arg0.filename}': 'as piscina',
  'tinypool.json methods.run {arg1.filename}': 'as piscina',
  'typescript.json calls.createProgram {arg0.rootNames}': 'the other form, createProgram(rootNames, …), is the `{arg0}` effect',
};

type Effect = Record<string, unknown>;
const templateKeys = ['read', 'write', 'requires', 'loadsCode', 'in'];
const optionMember = /\{arg\d+\.[^}|]+/;

function unboundOptionEffects(): string[] {
  const out: string[] = [];
  for (const file of fs.readdirSync(path.join(repoRoot, 'models')).filter((f) => f.endsWith('.json')).sort()) {
    const model = JSON.parse(fs.readFileSync(path.join(repoRoot, 'models', file), 'utf8')) as Record<string, unknown>;
    for (const section of ['calls', 'methods']) {
      for (const [key, effects] of Object.entries((model[section] ?? {}) as Record<string, unknown>)) {
        if (!Array.isArray(effects)) continue;
        for (const effect of effects as Effect[]) {
          if (effect.default !== undefined) continue;
          for (const template of templateKeys.map((k) => effect[k]).filter((t): t is string => typeof t === 'string')) {
            const member = optionMember.exec(template)?.[0];
            if (!member) continue;
            // A sibling applied unless the member is there: the package's own default, written.
            if ((effects as Effect[]).some((e) => e !== effect && e.unless === `${member}}`)) continue;
            out.push(`${file} ${section}.${key} ${template}`);
          }
        }
      }
    }
  }
  return out;
}

test('every model effect on an option member says what its absence means', () => {
  const unexplained = unboundOptionEffects().filter((e) => !(e in absentAddsNothing));
  assert.deepEqual(unexplained, [], 'write a `default`, a sibling `unless`, or why the package accesses nothing more');
});

test('the list of effects whose absent option adds nothing names only effects that exist', () => {
  const found = new Set(unboundOptionEffects());
  assert.deepEqual(Object.keys(absentAddsNothing).filter((k) => !found.has(k)), []);
});
