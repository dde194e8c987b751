// TypeScript sources: types erased with positions kept, non-erasable syntax transformed with
// positions mapped back, what each target can run, and module resolution by the runtime that
// starts the app (Node alone, or a loader such as tsx). The end-to-end proof on real Node is
// in fixtures/typescript-* and corpus/tsx-typescript-report.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../lib/index.js';
import { pathsCandidates, readTsPaths, stripJsonComments, typeScriptLoaderOf } from '../lib/graph/resolve-typescript.js';
import { preloadsOfStartCommand } from '../lib/project/node-command.js';
import { stripTypes } from '../lib/parse/typescript.js';
import { tempProject } from './support/temp-dirs.js';

const codes = (report: { diagnostics: { code: string; severity: string; site?: { file: string; line: number; column: number } }[] }) =>
  report.diagnostics.filter((d) => d.code !== 'TARGET_EOL' && d.code !== 'ADVISORY_UNFIXED').map((d) => `${d.severity} ${d.code} ${d.site ? `${d.site.file}:${d.site.line}:${d.site.column}` : ''}`.trim());

describe('stripping types', () => {
  it('erases types in place, so every offset is the source one', () => {
    const source = 'const x: number = 1;\ninterface A { a: string }\nexport const y = x as number;\n';
    const out = stripTypes(source);
    assert.ok(out.ok && !out.transformed);
    assert.equal(out.code.length, source.length);
    assert.equal(out.code.indexOf('export'), source.indexOf('export'));
  });

  it('transforms an enum and maps positions back to the .ts source', () => {
    const source = 'const a: number = 1;\nenum E { A, B }\nrequire("fs").readFileSync(__dirname + "/d.txt");\n';
    const out = stripTypes(source);
    assert.ok(out.ok && out.transformed);
    assert.equal(out.syntax, 'TypeScript enum');
    assert.deepEqual(out.at, { line: 2, column: 0 });
    const lines = out.code.split('\n');
    const line = lines.findIndex((l) => l.includes('readFileSync')) + 1;
    assert.ok(line > 3, 'the transform moved the call down');
    assert.deepEqual(out.map(line, lines[line - 1]!.indexOf('readFileSync')), { line: 3, column: 14 });
  });

  it('reports syntax it cannot parse at its position', () => {
    const out = stripTypes('const x: number = 1;\nlet y = <div>;\n');
    assert.ok(!out.ok);
    assert.equal(out.line, 2);
    assert.equal(out.column, 13);
  });
});

describe('TypeScript apps by target', () => {
  const files = {
    'package.json': JSON.stringify({ name: 'ts', version: '1.0.0', main: 'main.cts' }),
    'main.cts': 'const fs = require("fs");\nenum Mode { A }\nconst file: string = process.argv[2] as string;\nfs.readFileSync(file);\n',
  };

  it('reports an unresolved access at its line and column in a transformed file', async () => {
    const report = await analyze({ cwd: tempProject('ts-site-', files), target: '24', unresolved: 'warn' });
    assert.ok(codes(report).includes('warning FS_PATH_UNKNOWN main.cts:4:1'), codes(report).join('\n'));
  });

  it('says which targets need a flag and which cannot run the sources', async () => {
    const dir = tempProject('ts-target-', files);
    const on = async (target: string) => codes(await analyze({ cwd: dir, target, unresolved: 'warn' })).filter((c) => c.includes('TYPESCRIPT_TARGET'));
    assert.deepEqual(await on('20'), ['error TYPESCRIPT_TARGET main.cts:1:1']);
    assert.deepEqual(await on('22.12.0'), ['warning TYPESCRIPT_TARGET main.cts:1:1', 'warning TYPESCRIPT_TARGET main.cts:2:1']);
    assert.deepEqual(await on('24'), ['warning TYPESCRIPT_TARGET main.cts:2:1']);
    assert.deepEqual(await on('26'), ['error TYPESCRIPT_TARGET main.cts:2:1']);
    const problems = (await analyze({ cwd: dir, target: '22.12.0' })).diagnostics.flatMap((d) => (d.code === 'TYPESCRIPT_TARGET' ? [d.args.problem] : []));
    assert.deepEqual(problems, ['strip-flag', 'transform-flag']);
  });

  it('reports nothing about the target when a loader compiles the sources', async () => {
    const dir = tempProject('ts-loader-', {
      ...files,
      'package.json': JSON.stringify({ name: 'ts', version: '1.0.0', scripts: { start: 'node --require tsx/cjs main.cts' } }),
      'node_modules/tsx/package.json': JSON.stringify({ name: 'tsx', version: '4.0.0', exports: { './cjs': './cjs.js' } }),
      'node_modules/tsx/cjs.js': '',
    });
    const report = await analyze({ cwd: dir, target: '26', unresolved: 'warn' });
    assert.deepEqual(codes(report).filter((c) => c.includes('TYPESCRIPT_TARGET')), []);
    assert.ok(report.project.files.includes('node_modules/tsx/cjs.js'), 'the loader is analysed as code the app runs');
  });

  it('reports a dependency shipped as .ts, which Node refuses to strip', async () => {
    const dir = tempProject('ts-dep-', {
      'package.json': JSON.stringify({ name: 'ts', version: '1.0.0', type: 'module', main: 'main.ts' }),
      'main.ts': 'import { v } from "dep";\nconsole.log(v);\n',
      'node_modules/dep/package.json': JSON.stringify({ name: 'dep', version: '1.0.0', type: 'module', exports: './index.ts' }),
      'node_modules/dep/index.ts': 'export const v: number = 1;\n',
    });
    const problems = (await analyze({ cwd: dir, target: '24' })).diagnostics.flatMap((d) => (d.code === 'TYPESCRIPT_TARGET' ? [d.args.problem] : []));
    assert.deepEqual(problems, ['node-modules']);
  });
});

describe('resolution by the runtime that starts the app', () => {
  const files = {
    'tsconfig.json': '{\n  // paths\n  "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["src/lib/*"], "#cfg": ["src/config.ts"] }, },\n}\n',
    'src/main.ts': 'import "./util.js";\nimport "@lib/paths";\nimport "#cfg";\n',
    'src/util.ts': '',
    'src/lib/paths.ts': '',
    'src/config.ts': '',
  };

  it('follows .js specifiers, extensions and tsconfig paths as tsx does', async () => {
    const dir = tempProject('ts-tsx-', {
      ...files,
      'package.json': JSON.stringify({ name: 'ts', version: '1.0.0', type: 'module', scripts: { start: 'node --import tsx src/main.ts' } }),
      'node_modules/tsx/package.json': JSON.stringify({ name: 'tsx', version: '4.0.0', exports: { '.': './index.mjs' } }),
      'node_modules/tsx/index.mjs': '',
    });
    const report = await analyze({ cwd: dir, target: '24' });
    for (const f of ['src/util.ts', 'src/lib/paths.ts', 'src/config.ts']) assert.ok(report.project.files.includes(f), `${f} in ${report.project.files.join(', ')}`);
    assert.deepEqual(codes(report).filter((c) => c.includes('IMPORT_UNRESOLVED')), []);
  });

  it('does not, when Node runs the TypeScript itself: those imports fail there too', async () => {
    const dir = tempProject('ts-native-', { ...files, 'package.json': JSON.stringify({ name: 'ts', version: '1.0.0', type: 'module', main: 'src/main.ts' }) });
    const report = await analyze({ cwd: dir, target: '24' });
    assert.deepEqual(report.project.files, ['src/main.ts']);
    assert.equal(codes(report).filter((c) => c.includes('IMPORT_UNRESOLVED')).length, 3);
  });

  it('reads tsconfig paths with comments and trailing commas, longest prefix first', () => {
    assert.equal(stripJsonComments('{"a": "//x", /* c */ "b": [1,],}'), '{"a": "//x",  "b": [1]}');
    const paths = readTsPaths('{ "compilerOptions": { "paths": { "@/*": ["src/*"], "@lib/*": ["lib/*", "vendor/*"] } } }', '/p');
    assert.deepEqual(pathsCandidates(paths, '@lib/x'), ['/p/lib/x', '/p/vendor/x'].map((p) => path.normalize(p)));
    assert.deepEqual(pathsCandidates(paths, '@/a/b'), [path.normalize('/p/src/a/b')]);
    assert.deepEqual(pathsCandidates(paths, 'other'), []);
    assert.equal(readTsPaths('not json', '/p'), undefined);
  });

  it('knows the loaders and takes them from the start script', () => {
    assert.equal(typeScriptLoaderOf('tsx'), 'tsx');
    assert.equal(typeScriptLoaderOf('ts-node/esm'), 'ts-node');
    assert.equal(typeScriptLoaderOf('tsxx'), undefined);
    assert.deepEqual(preloadsOfStartCommand('NODE_ENV=production node --import tsx --loader ts-node/esm src/main.ts'), [
      { specifier: 'tsx', flag: '--import' },
      { specifier: 'ts-node/esm', flag: '--import' },
    ]);
    assert.deepEqual(preloadsOfStartCommand('tsc && node dist/main.js'), []);
  });
});
