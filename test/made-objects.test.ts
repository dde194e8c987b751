// Methods on objects another module made: the export path steps `()` and `new()` through an
// export table (lookupExport), and what a matched call on such an object adds to the report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyze } from '../lib/index.js';
import { CALL_RESULT, lookupExport, NEW_INSTANCE, type ExportEntry, type ExportTable, type FnKey } from '../lib/detect/index.js';
import { mkdtempSync } from './support/temp-dirs.js';

const key = (): FnKey => ({ fnKey: true }) as FnKey;
const named = (entries: Record<string, ExportEntry>) => new Map(Object.entries(entries));
const table = (entries: Record<string, ExportEntry>): ExportTable => ({ file: '/m/dep.js', format: 'cjs', entries: named(entries), star: [] });

/** The function a path leads to, or undefined. */
function found(t: ExportTable, at: string[]): FnKey | undefined {
  const hit = lookupExport(t, at);
  return hit && 'entry' in hit && hit.rest.length === 0 && hit.entry.kind === 'fn' ? hit.entry.fn : undefined;
}

test('new() reaches an instance method, () what a call returns, a static method its class', () => {
  const write = key();
  const read = key();
  const open = key();
  const cls: ExportEntry = { kind: 'fn', fn: key(), instance: named({ write: { kind: 'fn', fn: write } }), statics: named({ read: { kind: 'fn', fn: read } }) };
  const factory: ExportEntry = { kind: 'fn', fn: key(), result: { kind: 'object', members: named({ open: { kind: 'fn', fn: open } }) } };
  const t = table({ Img: cls, create: factory });
  assert.equal(found(t, ['Img', NEW_INSTANCE, 'write']), write);
  assert.equal(found(t, ['Img', 'read']), read);
  assert.equal(found(t, ['create', CALL_RESULT, 'open']), open);
  // `new create()` of a function that returns an object gives that object, as JavaScript does.
  assert.equal(found(t, ['create', NEW_INSTANCE, 'open']), open);
  // What is not there leads nowhere: a call result of a class, an instance method on the class itself.
  assert.equal(found(t, ['Img', CALL_RESULT, 'write']), undefined);
  assert.equal(found(t, ['Img', 'write']), undefined);
});

test('a member written on a function hides a static method of the same name', () => {
  const member = key();
  const cls: ExportEntry = { kind: 'fn', fn: key(), members: named({ read: { kind: 'fn', fn: member } }), statics: named({ read: { kind: 'fn', fn: key() } }) };
  assert.equal(found(table({ C: cls }), ['C', 'read']), member);
});

test("a matched call on a made object grants the app's path and keeps the method's own report, once", async () => {
  const dir = fs.realpathSync(mkdtempSync(path.join(tmpdir(), 'npp-made-')));
  const files: Record<string, string> = {
    'package.json': '{"main":"index.js"}',
    'index.js': "const path = require('path');\nconst Store = require('store');\nconst s = new Store();\ns.save(path.join(__dirname, 'a.txt'));\ns.save(path.join(__dirname, 'b.txt'));\n",
    'node_modules/store/package.json': '{"name":"store","main":"index.js"}',
    'node_modules/store/index.js': "const fs = require('fs');\nfunction Store() {}\nStore.prototype.save = function (file) {\n  fs.writeFileSync(file, 'x');\n};\nmodule.exports = Store;\n",
  };
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  const report = await analyze({ cwd: dir, target: '22', unresolved: 'warn' });
  const writes = report.policy.fsWrite.map((g) => g.path).sort();
  assert.deepEqual(writes, [path.join(dir, 'a.txt'), path.join(dir, 'b.txt')]);
  // The method may be called by anyone holding the object: its sink stays reported, at its site only.
  const reports = report.unresolved.filter((u) => u.site.file === 'node_modules/store/index.js');
  assert.equal(reports.length, 1, JSON.stringify(reports));
  assert.equal(reports[0]!.via, undefined);
});
