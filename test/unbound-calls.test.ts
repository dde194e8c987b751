// Functions that run with arguments no call shows (lib/graph/index.ts unboundCalls): what they
// call in other modules is matched, so a function that only hands its path on to another
// module's function has that function's sinks reported. Before, they waited for a call nobody
// made: silent. The fixture miss-exports-escaped-forwarder runs the escape's shape under Node;
// the app's own uncalled export (a handler a platform calls) cannot run in a fixture, so it is here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../lib/index.js';

/** A project folder made of `files` (relative path → text), analysed from index.js. */
async function unresolvedOf(files: Record<string, string>): Promise<string[]> {
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'npp-unbound-')));
  try {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    }
    writeFileSync(path.join(root, 'package.json'), '{ "name": "app", "private": true }');
    const report = await analyze({ cwd: root, entries: ['index.js'], target: '24', today: '2026-12-07' });
    return report.unresolved.map((u) => `${u.capability} ${u.site.file}:${u.site.line} ${u.name ?? ''}`).sort();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const dep = {
  'node_modules/dep/package.json': '{ "name": "dep", "main": "index.js" }',
  'node_modules/dep/index.js': "const fs = require('fs');\nexports.write = (file, data) => fs.writeFileSync(file, data);\n",
};

test("the app's own export no module calls: the dependency it hands its path to has its sink reported", async () => {
  const got = await unresolvedOf({ ...dep, 'index.js': "const { write } = require('dep');\nexports.handler = (event) => write(event.path, 'x');\n" });
  assert.deepEqual(got, ['fs.write node_modules/dep/index.js:2 event']);
});

test('a called export forwarding a literal path is granted, not reported (no unbound replay)', async () => {
  const got = await unresolvedOf({ ...dep, 'index.js': "const { write } = require('dep');\nconst handler = (p) => write(p, 'x');\nhandler('/tmp/a.txt');\n" });
  assert.deepEqual(got, []);
});

test("an escaped dependency function that forwards to another package's function: that function's sinks are reported", async () => {
  const got = await unresolvedOf({
    ...dep,
    'node_modules/wrap/package.json': '{ "name": "wrap", "main": "index.js" }',
    'node_modules/wrap/index.js': "const { write } = require('dep');\nexports.save = (dir) => write(dir + '/data.json', '{}');\n",
    'index.js': "const { save } = require('wrap');\nsetTimeout(save, 1, 'out');\n",
  });
  // The escape is reported where it happens too, with what the calls it makes reached.
  assert.deepEqual(got, ['fs.write index.js:2 wrap.save', 'fs.write node_modules/dep/index.js:2 dir']);
});
