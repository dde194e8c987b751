// A name read from the source (a module specifier, acorn's string value) is a slice of the
// file's text, and a string made from it keeps the whole text alive. What the analysis keeps to
// its end must hold its own copies, or every file's text stays in memory (docs/limits.md,
// "Memory on large projects"). Measured with the heap after a full collection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { cachedResolve } from '../lib/graph/resolve.js';
import { nodeHost } from '../lib/host.js';
import { tempProject } from './support/temp-dirs.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function liveHeap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

test('the resolver remembers its answers without keeping the source texts their specifiers were read from', () => {
  const dir = tempProject('npp-text-retention-', { 'package.json': '{"name":"app"}', 'index.js': '', 'node_modules/some-package/index.js': '' });
  const resolve = cachedResolve(nodeHost);
  const texts = 100;
  const textBytes = 200_000;
  const before = liveHeap();
  for (let i = 0; i < texts; i++) {
    // A text of its own per file, with the specifier inside it, as acorn would slice it out.
    const text = `// ${String(i).padStart(6, '0')}${' '.repeat(textBytes)}\nrequire('some-package/index.js');\n`;
    const at = text.indexOf('some-package');
    resolve(text.slice(at, at + 'some-package/index.js'.length), `${dir}/f${i}/index.js`, 'require');
  }
  const grown = liveHeap() - before;
  // Kept, the texts would be 20 MB (one byte a character); the answers themselves are some 100 KB.
  assert.ok(grown < (texts * textBytes) / 10, `the live heap grew by ${Math.round(grown / 1024)} KiB`);
  assert.equal(resolve('some-package/index.js', `${dir}/index.js`, 'require').kind, 'file');
});
