// relativeFile (lib/site.ts) takes a shortcut for a file under the root when both paths are
// already normal; every answer must be path.relative's, POSIX-separated ('.' for the root).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { relativeFile } from '../lib/site.js';

const byPathRelative = (root: string, file: string): string => {
  const rel = path.relative(root, file).split(path.sep).join('/');
  return rel === '' ? '.' : rel;
};

test('relativeFile: the same as path.relative for normal and abnormal roots and files', { skip: path.sep !== '/' }, () => {
  const roots = ['/a', '/a/b', '/', '/a/', '/a/./b', '/a/../b', '/a//b', '/ab', '/a/b.', '/a/.b', '/a/..b', '/a/...'];
  const tails = ['', '/', '/x', '/x/y.js', '/./x', '/../x', '//x', '/x/', '/x/.', '/x/..', '/.x', '/..x', '/...', '/x/.y/..z', 'x', 'b/x', '.b/x'];
  let shortcut = 0;
  for (const root of roots) {
    for (const base of [...roots, '']) {
      for (const tail of tails) {
        const file = base + tail;
        if (!file.startsWith('/')) continue;
        const expected = byPathRelative(root, file);
        assert.equal(relativeFile(root, file), expected, `${root} ${file}`);
        if (file.startsWith(root + '/') && expected === file.slice(root.length + 1)) shortcut++;
      }
    }
  }
  assert.ok(shortcut > 100);
});
