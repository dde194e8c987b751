// The model index (lib/models/model-index.ts): which of a package's models count where. `load`
// and `calls` apply where the package is loaded or called; `methods`, `cliOptions` and `fields`
// count only in a package that loads the modelled one by name. And the evaluator environment the
// graph builds around it: read-only once built, with only its per-run state moving.
import { test } from 'node:test';
import type { Node } from 'acorn';
import assert from 'node:assert/strict';
import type { DetectOptions, PendingCall } from '../lib/detect/index.js';
import { broadFolders } from '../lib/detect/prefix.js';
import { evaluate, EVALUATION_FUEL, newEvalState, type EvalEnv } from '../lib/evaluate/index.js';
import { packageOf } from '../lib/graph/index.js';
import { ModelIndex, type ModelSet, type PackageModel } from '../lib/models/index.js';
import { memoryHost } from './support/memory-host.js';
import { model, root, testEnv } from './support/snippet.js';

const lib = `${root}/node_modules/lib/package.json`;
const libModel: PackageModel = {
  package: 'lib',
  versions: '1.x',
  description: 'a test model of every kind',
  load: [{ capability: 'net' }],
  calls: { '': [{ capability: 'child-process' }], open: [{ read: '{arg0}' }] },
  methods: { sendFile: [{ read: '{arg0}' }] },
  cliOptions: { declare: { option: { flags: 'arg0' } }, returnedBy: ['opts'] },
  fields: { 'file.path': [{ from: '', below: '{arg0.dest}' }] },
};

function index(version = '1.0.0'): ModelIndex {
  const host = memoryHost(root, { 'node_modules/lib/package.json': JSON.stringify({ name: 'lib', version }) });
  const models: ModelSet = { forPackage: (name, v) => (name === 'lib' && v === '1.0.0' ? libModel : undefined), diagnostics: [] };
  const detect: DetectOptions = { env: testEnv(), packageOf, unresolved: { read: 'warn', write: 'warn' }, tooBroad: broadFolders(root, '/home/u', (p) => p) };
  return new ModelIndex(host, models, packageOf, () => detect);
}

const site = { file: 'index.js', line: 1, column: 1 };
const call = (path: string[], args: PendingCall['args'] = []): PendingCall => ({ specifier: 'lib', from: `${root}/index.js`, kind: 'require', path, args, site, package: '.', via: [site], depth: 0 });

test('model index: methods, cliOptions and fields count in a package only once it loads the modelled one by name', () => {
  const models = index();
  models.useBy('.', './node_modules/lib/index.js', lib);
  assert.equal(models.methodNames('.'), undefined, 'a relative path is not the package by name');
  assert.equal(models.hasFieldModels('.'), false);
  models.useBy('.', 'lib', lib);
  models.useBy('.', 'lib', lib);
  assert.deepEqual([...(models.methodNames('.') ?? [])], ['sendFile']);
  assert.equal(models.hasFieldModels('.'), true);
  assert.deepEqual([...(models.hooks.parserOptions?.names ?? [])], ['opts']);
  assert.deepEqual([...(models.hooks.fieldValue?.last ?? [])], ['path']);
  assert.equal(models.methodNames('other'), undefined, 'another package that does not load it');
  assert.deepEqual([...models.modelled.keys()], ['lib']);
});

test('model index: a load model applies once per package.json; a version no model covers has none', () => {
  const models = index();
  const request = { specifier: 'lib', kind: 'require' as const, from: `${root}/index.js`, site, package: '.', api: 'require' };
  assert.deepEqual(models.loadFindings(request, lib)?.needs.map((n) => n.capability), ['net']);
  assert.equal(models.loadFindings(request, lib), undefined);
  const other = index('2.0.0');
  assert.equal(other.loadFindings(request, lib), undefined);
  assert.equal(other.modelled.size, 0);
});

test('model index: a call is keyed by its export path, a default export being the module itself; only a bare specifier has a model', () => {
  const models = index();
  const found = (path: string[], specifier = 'lib') => models.callFindings(call(path, [{ k: 'str', v: '/data/x' }]), { specifier, path, packageJson: lib });
  assert.deepEqual(found(['default'])?.needs.map((n) => n.capability), ['child-process']);
  assert.deepEqual(found(['open'])?.needs.map((n) => [n.capability, n.path]), [['fs.read', '/data/x']]);
  assert.equal(found(['open'], './node_modules/lib'), undefined);
  assert.equal(found(['close']), undefined);
});

test('model index: calls of a fields model\'s exports are kept per calling package, only for bare specifiers it resolves', () => {
  const models = index();
  const asked: string[] = [];
  models.recordFactoryCalls([call([]), { ...call([]), specifier: './local' }], (c) => (asked.push(c.specifier), lib));
  assert.deepEqual(asked, ['lib']);
});

/** Compiled, never run: `tsc --noEmit` fails when any of these assignments type-checks. */
export function environmentIsReadOnly(env: EvalEnv): void {
  // @ts-expect-error the facts are fixed for the run
  env.facts = env.facts;
  // @ts-expect-error the run folder is a fact
  env.facts.runCwd = '/elsewhere';
  // @ts-expect-error the hooks are fixed once built
  env.hooks.assume = () => {};
  // @ts-expect-error the state object is the run's; only what it counts moves
  env.state = newEvalState();
}

test('evaluator environment: each run has its own state, and evaluating spends only that', () => {
  const a = { ...testEnv(), state: newEvalState() };
  const b = newEvalState();
  const m = model("const dir = process.cwd() + '/out';\nsink(dir);\n");
  const sinkCall = [...m.calls].reverse().find((c) => (c.node as { callee?: { name?: string } }).callee?.name === 'sink')!;
  const value = evaluate((sinkCall.node as unknown as { arguments: Node[] }).arguments[0], { model: m, depth: 0 }, a);
  assert.deepEqual(value, { k: 'str', v: `${root}/out` });
  assert.ok(a.state.fuel.left < EVALUATION_FUEL);
  assert.ok(a.state.traces.count > 0, 'the binding value was remembered');
  assert.deepEqual(b, { ...newEvalState(), bindingCache: b.bindingCache });
  assert.notEqual(a.state.bindingCache, b.bindingCache);
});
