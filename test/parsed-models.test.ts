// The models the graph keeps for importers' folds (lib/graph/parsed-models.ts): the most
// recently used within a budget of source text, a file that left a summary to the end, and an
// older file parsed again, with the keys its functions were given carried over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { fnKey } from '../lib/detect/flow.js';
import { KEPT_MODELS, KEPT_SOURCE_BYTES, ParsedModels, type ParseHow } from '../lib/graph/parsed-models.js';
import { analyze } from '../lib/index.js';
import { nodeHost, type Host } from '../lib/host.js';
import { parseFile, type FileModel } from '../lib/parse/index.js';
import { siteIn } from '../lib/site.js';
import { tempProject } from './support/temp-dirs.js';

const sources: Record<string, string> = {
  '/p/a.js': 'function a(x) { return x; }\nmodule.exports = { a, b: (y) => [y] };\n',
  '/p/b.js': 'exports.b = function b() { return 1; };\n',
  '/p/c.js': 'exports.c = () => 2;\n',
};

function parse(file: string): FileModel {
  const r = parseFile(file, sources[file]!, 'cjs', true, (loc) => siteIn(file, loc));
  assert.ok(r.ok);
  return r.model;
}

/** A store of `budget` bytes (and at most `maxModels` models) that counts how often a file is parsed again. */
function store(budget: number, maxModels?: number) {
  const again: string[] = [];
  const models = new ParsedModels((file) => (again.push(file), parse(file)), budget, maxModels);
  const keep = (file: string, pinned = false) => {
    const model = parse(file);
    const how: ParseHow = { format: 'cjs', detectable: true, bytes: sources[file]!.length };
    models.keep(file, model, how, pinned);
    return model;
  };
  return { models, again, keep };
}

const functions = (model: FileModel) => [...model.params.keys()];

test('a kept model is the one the file was examined with; one pushed out of the budget is parsed again', () => {
  const { models, again, keep } = store(sources['/p/a.js']!.length + sources['/p/b.js']!.length);
  const a = keep('/p/a.js');
  keep('/p/b.js');
  assert.equal(models.get('/p/a.js'), a);
  assert.deepEqual(again, []);
  // c pushes out the least recently used: b (a was just used).
  keep('/p/c.js');
  assert.equal(models.get('/p/a.js'), a);
  const b = models.get('/p/b.js');
  assert.ok(b);
  assert.deepEqual(again, ['/p/b.js']);
  // Parsed again once, then kept like any other.
  assert.equal(models.get('/p/b.js'), b);
  assert.deepEqual(again, ['/p/b.js']);
  // A file that was never kept is not parsed here.
  assert.equal(models.get('/p/none.js'), undefined);
});

test('however much source the budget allows, at most maxModels models stay parsed (tiny modules would otherwise live long enough to be promoted)', () => {
  const { models, again, keep } = store(KEPT_SOURCE_BYTES, 2);
  const a = keep('/p/a.js');
  const b = keep('/p/b.js');
  assert.equal(models.get('/p/a.js'), a);
  assert.deepEqual(again, []);
  // c pushes out b, the least recently used; a and c stay.
  const c = keep('/p/c.js');
  assert.equal(models.get('/p/a.js'), a);
  assert.equal(models.get('/p/c.js'), c);
  assert.deepEqual(again, []);
  assert.notEqual(models.get('/p/b.js'), b);
  assert.deepEqual(again, ['/p/b.js']);
  assert.ok(KEPT_MODELS >= 2 && KEPT_MODELS < 160, `KEPT_MODELS ${KEPT_MODELS}`);
});

test('a file parsed again gives its functions the keys they had, so matching finds them', () => {
  const { models, again, keep } = store(0);
  const a = keep('/p/a.js');
  const keys = functions(a).map((fn) => fnKey(a, fn));
  keep('/p/b.js');
  const again_ = models.get('/p/a.js')!;
  assert.notEqual(again_, a);
  assert.deepEqual(again, ['/p/a.js']);
  assert.deepEqual(functions(again_).map((fn) => fnKey(again_, fn)), keys);
  // Pushed out and parsed a second time: still the same keys.
  keep('/p/c.js');
  const third = models.get('/p/a.js')!;
  assert.notEqual(third, again_);
  assert.deepEqual(functions(third).map((fn) => fnKey(third, fn)), keys);
});

test('a model whose file left a summary, or gains one later, stays whatever the budget', () => {
  const { models, again, keep } = store(0);
  const a = keep('/p/a.js', true);
  const b = keep('/p/b.js');
  models.pin('/p/b.js');
  keep('/p/c.js');
  assert.equal(models.get('/p/a.js'), a);
  assert.equal(models.get('/p/b.js'), b);
  assert.deepEqual(again, []);
});

/** Dependencies first: paths.js, then filler.js (more source than the budget, whose table folds too), then index.js calls paths.dataFile, whose model is no longer kept. */
function pushedOutProject(): string {
  const filler = Array.from({ length: Math.ceil(KEPT_SOURCE_BYTES / 30) }, (_, i) => `function f${i}(a) { return a + ${i}; }`).join('\n');
  const dir = tempProject('npp-parsed-models-', {
    'package.json': '{"name":"app","main":"index.js"}',
    'paths.js': "const path = require('path');\nexports.dataFile = (name) => path.join(__dirname, 'data', name);\n",
    'filler.js': `${filler}\nmodule.exports = { f0 };\n`,
    'index.js': "const paths = require('./paths');\nrequire('./filler');\nrequire('fs').readFileSync(paths.dataFile('users.json'));\n",
  });
  assert.ok(Buffer.byteLength(filler) > KEPT_SOURCE_BYTES);
  return dir;
}

test('an importer folds a helper whose model more code than the budget pushed out: parsed again, the same grant', async () => {
  const dir = pushedOutProject();
  const report = await analyze({ cwd: dir, target: '22' });
  assert.ok(report.flags.includes(`--allow-fs-read=${path.join(dir, 'data', 'users.json')}`), report.flags.join(' '));
});

test('a helper whose file changed on disk after it was examined is not folded from the new text: the read is reported', async () => {
  const dir = pushedOutProject();
  const paths = path.join(dir, 'paths.js');
  let reads = 0;
  // The second read of paths.js (parsing it again) sees a function inserted before dataFile.
  const host: Host = {
    ...nodeHost,
    readFile: (file, options) =>
      file === paths && ++reads > 1 ? Buffer.from("const path = require('path');\nexports.other = (n) => '/etc/' + n;\nexports.dataFile = (name) => path.join(__dirname, 'data', name);\n") : nodeHost.readFile(file, options),
  };
  const report = await analyze({ cwd: dir, target: '22', host });
  assert.equal(reads, 2);
  assert.ok(!report.flags.some((f) => f.includes('users.json') || f.includes('/etc/')), report.flags.join(' '));
  assert.ok(report.unresolved.some((u) => u.capability === 'fs.read' && u.site.file === 'index.js'), JSON.stringify(report.unresolved));
});

test('a file is parsed again the way it was parsed first: its format, whether it is detectable and its size come back exactly', () => {
  const asked: ParseHow[] = [];
  const models = new ParsedModels((file, how) => (asked.push(how), parse(file)), 0);
  const hows: ParseHow[] = [
    { format: 'esm', detectable: false, bytes: 0 },
    { format: 'cjs', detectable: true, bytes: 123_457 },
    { format: 'esm', detectable: true, bytes: 2 ** 31 + 5 },
  ];
  const files = ['/p/a.js', '/p/b.js', '/p/c.js'];
  files.forEach((file, i) => models.keep(file, parse(file), hows[i]!, false));
  for (const file of files) models.get(file);
  assert.deepEqual(asked, hows);
});
