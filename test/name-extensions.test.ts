// Grant sets Node misapplies (lib/policy/name-extensions.ts): a folder grant beside a grant that
// extends its name becomes the folder's string prefix; everything else is left as it is. The
// real-Node behaviour is pinned by fixtures/grant-folder-beside-* and grant-files-extending-*.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeKey, separateNameExtensions, type Draft } from '../lib/policy/name-extensions.js';

/** `/p/x/` is a folder, `/p/x*` a prefix, `/p/x` a file; `!` marks a type-module-only folder. */
function draft(spec: string): Draft {
  const typeOnly = spec.endsWith('!');
  const s = typeOnly ? spec.slice(0, -1) : spec;
  if (s.endsWith('*')) return { path: s.slice(0, -1), subtree: false, wildcard: true, usedItself: true, evidence: [] };
  if (s.endsWith('/')) return { path: s.slice(0, -1), subtree: true, usedItself: !typeOnly, evidence: [{ reason: typeOnly ? 'type-module' : 'api', package: '.' }] };
  return { path: s, subtree: false, usedItself: true, evidence: [] };
}

const rows: [string[], string[], string[]][] = [
  // grants in, grants out (as Node reads them), folders reported
  [['/p/name/', '/p/name.css'], ['/p/name*'], ['/p/name']],
  [['/p/name/', '/p/name-*'], ['/p/name*'], ['/p/name']],
  [['/p/name/', '/p/name2/'], ['/p/name*'], ['/p/name']],
  [['/p/name/', '/p/namex', '/p/other'], ['/p/name*', '/p/other'], ['/p/name']],
  [['/p/na/', '/p/name/', '/p/name.css'], ['/p/na*'], ['/p/name', '/p/na']],
  [['/p/a.js', '/p/a.js.map'], ['/p/a.js', '/p/a.js.map'], []],
  [['/p/f', '/p/f.d/'], ['/p/f', '/p/f.d/*'], []],
  [['/p/name/', '/p/other/'], ['/p/name/*', '/p/other/*'], []],
  [['/p/foo/!', '/p/foo-bar/index.js'], ['/p/foo-bar/index.js', '/p/foo/*'], []],
];

for (const [input, output, reported] of rows) {
  test(`${input.join(' + ')} -> ${output.join(' + ')}`, () => {
    const { drafts, diagnostics } = separateNameExtensions(input.map(draft), 'read');
    assert.deepEqual(drafts.map(nodeKey).sort(), [...output].sort());
    assert.deepEqual(diagnostics.map((d) => (d.args as { path: string }).path), reported);
  });
}

test('the prefix keeps the evidence of the grants it absorbs', () => {
  const folder = draft('/p/name/');
  const file: Draft = { path: '/p/name.css', subtree: false, usedItself: true, evidence: [{ reason: 'api', api: 'fs.readFileSync', package: '.' }] };
  const { drafts, diagnostics } = separateNameExtensions([folder, file], 'write');
  assert.deepEqual(drafts[0]!.evidence.map((e) => e.api ?? e.reason), ['api', 'fs.readFileSync']);
  assert.deepEqual(diagnostics[0]!.args, { path: '/p/name', scope: 'write', siblings: ['/p/name.css'] });
});

test('a prefix that would cover the project root or home is not made: the folder stays, and kept says so', () => {
  const { drafts, diagnostics } = separateNameExtensions([draft('/srv/app/'), draft('/srv/app-data/x.txt')], 'read', ['/srv/app']);
  assert.deepEqual(drafts.map(nodeKey).sort(), ['/srv/app-data/x.txt', '/srv/app/*']);
  assert.deepEqual(diagnostics[0]!.args, { path: '/srv/app', scope: 'read', siblings: ['/srv/app-data/x.txt'], kept: true });
  assert.equal((separateNameExtensions([draft('/srv/ap/'), draft('/srv/ap.json')], 'read', ['/srv/app']).diagnostics[0]!.args as { kept?: boolean }).kept, true);
});
