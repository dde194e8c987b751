// The repository keeps what the tests prove things with: no file of a fixture or corpus app may
// be hidden by .gitignore (an ignore rule for dist/ once hid fixture files, so a clean clone
// lacked them and CI tested something else). Only what the tests generate may be ignored. No
// code reads a file outside the repository, and every citation of a docs section
// (`docs/node-facts.md#fs-apis`) lands on an anchor of that page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { anchorsOf, codeCitations, numberedFactsCitations, pageCitations, type Citation } from './support/doc-anchors.js';
import { repoRoot } from './support/fixture-folders.js';
import { outsideReads, scannedFiles } from './support/outside-reads.js';

/** Files the test setup or a failing run writes into fixtures/: compiled addons, actual.json. */
const generated = [/\/build\/Release\/addon\.node$/, /(^|\/)actual\.json$/];

test('no file under fixtures/ or corpus/ is git-ignored, except what the tests generate', (t) => {
  const git = spawnSync('git', ['ls-files', '--others', '--ignored', '--exclude-standard', '--', 'fixtures', 'corpus'], { cwd: repoRoot, encoding: 'utf8' });
  if (git.status !== 0) return t.skip(`not a git checkout (${git.stderr.trim() || 'git failed'})`);
  const hidden = git.stdout.split('\n').filter((f) => f && !generated.some((g) => g.test(f)));
  assert.deepEqual(hidden, [], `ignored by .gitignore, so missing from a clean clone:\n${hidden.join('\n')}`);
});

test('no folder of a fixture app is empty: git keeps no empty folder, so a clean clone would lack it', (t) => {
  const git = spawnSync('git', ['ls-files', '--', 'fixtures'], { cwd: repoRoot, encoding: 'utf8' });
  if (git.status !== 0) return t.skip(`not a git checkout (${git.stderr.trim() || 'git failed'})`);
  const tracked = new Set(git.stdout.split('\n').filter(Boolean));
  const empty: string[] = [];
  const walk = (dir: string): void => {
    const entries = readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).filter((e) => !(e.isDirectory() && e.name === 'build'));
    if (entries.length === 0) empty.push(dir);
    for (const e of entries) if (e.isDirectory()) walk(`${dir}/${e.name}`);
  };
  for (const name of readdirSync(path.join(repoRoot, 'fixtures'))) if (tracked.has(`fixtures/${name}/case.json`) || tracked.has(`fixtures/${name}/expected.json`)) walk(`fixtures/${name}/app`);
  assert.deepEqual(empty, [], 'add a .gitkeep to each (a fixture app that writes into a folder needs it to exist in a clean clone)');
});

const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');

test('nothing under lib/, cli/, scripts/, test/ or bench/ reads a file outside the repository', () => {
  const files = scannedFiles(repoRoot);
  assert.ok(files.includes('lib/analyze.ts') && files.includes('scripts/generate-advisories.ts'), 'the scan sees the code');
  const found = files.flatMap((f) => outsideReads(f, read(f))).map((r) => `${r.file}:${r.line}: ${r.why}`);
  assert.deepEqual(found, [], 'bring the file into the repository (docs/ for reference data) and read it from there');
});

// Planted reads. UP stands for a quoted '..', PARENT for '../' and ROOT for the machine's top
// folder, so this file does not hold the text it plants (the scan above reads it too).
const plant = (text: string) => text.replaceAll('UP', "'..'").replaceAll('PARENT', '../').replaceAll('ROOT', ['', 'work'].join('/'));
const planted: [string, string, string, boolean][] = [
  ['an absolute /work path', 'scripts/x.mjs', "readFileSync('ROOT/shared/facts.json')", true],
  ['the shared folder as one relative path', 'scripts/x.mjs', "path.resolve(repo, 'PARENTshared/facts.json')", true],
  ['the shared folder from its parts', 'test/x.test.ts', "path.join(here, UP, 'shared', 'facts.json')", true],
  ['two folders up from a test file', 'test/x.test.ts', "path.join(import.meta.dirname, UP, UP, 'data.json')", true],
  ['three folders up from a support file', 'test/support/x.ts', "path.join(__dirname, UP, UP, UP)", true],
  ['a URL three folders up from a support file', 'test/support/x.ts', "new URL('PARENTPARENTPARENTdata.json', import.meta.url)", true],
  ['above the repository root', 'scripts/x.mjs', 'path.join(repoRoot, UP, "other")', true],
  ['from the folder of the script file', 'bench/x.ts', 'path.join(path.dirname(fileURLToPath(import.meta.url)), UP, UP)', true],
  ['the repository root from a test file', 'test/x.test.ts', "path.join(import.meta.dirname, UP)", false],
  ['the repository root from a support file', 'test/support/x.ts', "new URL('PARENTPARENT', import.meta.url)", false],
  ['a folder of the repository', 'scripts/x.mjs', "path.join(repo, 'docs', 'facts.json')", false],
  ['a path of an analysed app', 'test/x.test.ts', "analyze({ cwd: '/srv/work/app' })", false],
];
for (const [name, file, source, outside] of planted) {
  test(`the outside-read check on ${name}: ${outside ? 'found' : 'passes'}`, () => {
    assert.equal(outsideReads(file, `const a = 1;\nconst p = ${plant(source)};\n`).map((r) => r.line).join(), outside ? '2' : '');
  });
}

function missingAnchors(citations: Citation[], page: (file: string) => string | undefined): string[] {
  return citations
    .filter((c) => {
      const text = page(c.page);
      return text === undefined || !anchorsOf(text).has(c.anchor);
    })
    .map((c) => `${c.from}:${c.line}: ${c.page}#${c.anchor}`);
}

test('every citation of a docs section, in the code and between the pages of docs/, lands on an anchor', () => {
  const pages = readdirSync(path.join(repoRoot, 'docs')).filter((f) => f.endsWith('.md'));
  const citations = [...scannedFiles(repoRoot).flatMap((f) => codeCitations(f, read(f))), ...pages.flatMap((f) => pageCitations(`docs/${f}`, read(`docs/${f}`)))];
  assert.ok(citations.filter((c) => c.page === 'docs/node-facts.md').length >= 30, 'the code cites the Node facts');
  assert.deepEqual(missingAnchors(citations, (f) => (existsSync(path.join(repoRoot, f)) ? read(f) : undefined)), []);
});

test('the anchor check finds a citation to a missing anchor or page, and reads explicit ids and headings', () => {
  // DOCS stands for the docs folder, so the scan of this file does not see these citations.
  const docs = ['docs', ''].join('/');
  const page = '# Facts\n\n<a id="fs-apis"></a>\n\n## 2. fs API → required grant\n\n[§2](#fs-apis) [x](#nowhere)\n';
  const pages: Record<string, string> = { [`${docs}facts.md`]: page };
  const code = '// DOCSfacts.md#fs-apis, #version-defects and DOCSfacts.md#2-fs-api--required-grant\n// DOCSgone.md#x\n'.replaceAll('DOCS', docs);
  assert.deepEqual(missingAnchors([...codeCitations('lib/a.ts', code), ...pageCitations(`${docs}facts.md`, page)], (f) => pages[f]), [
    `lib/a.ts:1: ${docs}facts.md#version-defects`,
    `lib/a.ts:2: ${docs}gone.md#x`,
    `${docs}facts.md:7: ${docs}facts.md#nowhere`,
  ]);
});

test('no code cites the Node facts by section number, only by anchor; the check finds a planted one', () => {
  const found = scannedFiles(repoRoot).flatMap((f) => numberedFactsCitations(read(f)).map((line) => `${f}:${line}`));
  assert.deepEqual(found, [], 'cite docs/node-facts.md#<anchor> (the anchors are listed in that page)');
  // S stands for the section sign, so this file does not hold the citations it plants.
  const planted = '// ok\n// (facts S3): x\n// see S9 of the facts\n// Facts S13: y\n// docs/node-facts.md#grant-paths\n'.replaceAll('S', '\u00a7');
  assert.deepEqual(numberedFactsCitations(planted), [2, 3, 4]);
});
