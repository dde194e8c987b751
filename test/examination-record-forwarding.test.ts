// A record's question about what another module's function returns when called with arguments
// that are not data (a callback, a parameter) is kept without them (lib/graph/examination.ts
// dataArgs). Asked again, it must still tell apart a module that answers nothing from one whose
// function answers from its arguments: a forwarding wrapper factory (universalify's fromPromise)
// answers the very function it is given. Found by the examination workers (test/workers.test.ts,
// fixture miss-flow-forwarding-wrapper-export), whose worker answers every such question with
// nothing: asked again with no arguments, the factory answered nothing too, the record was taken,
// and the writes through the wrapped function were lost. The same held for per-file records
// kept in the cache across an edit that makes a function a forwarding factory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tmpdir } from 'node:os';
import { analyze } from '../lib/index.js';
import { copyApp } from './support/app-copy.js';
import { fixturesRoot } from './support/fixture-folders.js';
import { mkdtempSync } from './support/temp-dirs.js';

const withoutCache = (r: object) => JSON.stringify({ ...r, cache: undefined });

test('a record that asked a function of another module with a callback is not taken once that function forwards its argument', async () => {
  const app = copyApp(path.join(fixturesRoot(), 'miss-flow-forwarding-wrapper-export', 'app'), 'forwarding-record');
  try {
    const universal = path.join(app.dir, 'node_modules/fsx/lib/universal.js');
    const forwarding = fs.readFileSync(universal, 'utf8');
    // First a factory whose wrapper never calls what it is given: the call answers nothing.
    fs.writeFileSync(universal, "'use strict';\nexports.fromPromise = function (fn) {\n  return function () { return 1; };\n};\n");
    const options = { cwd: app.dir, target: '22', env: {}, homedir: '/home/h', tmpdir: '/tmp' };
    const cache = { dir: mkdtempSync(path.join(tmpdir(), 'npp-forwarding-cache-')), records: true };
    const before = await analyze({ ...options, cache });
    assert.equal(before.policy.fsWrite.length, 0, 'the wrapper calls nothing: no write');
    fs.writeFileSync(universal, forwarding);
    const after = await analyze({ ...options, cache });
    const fresh = await analyze(options);
    assert.ok(fresh.policy.fsWrite.length > 0, 'the forwarding factory is followed: the writes are granted');
    assert.equal(withoutCache(after), withoutCache(fresh));
  } finally {
    app.remove();
  }
});
