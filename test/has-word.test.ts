// hasWord (lib/parse/index.ts) stands for /\bword\b/ in mentionsPlatform, found by indexOf
// rather than a regular expression scanning every file's text (perf-18): it must agree with the
// expression on every kind of boundary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasWord } from '../lib/parse/index.js';

const pieces = ['platform', 'arch', 'O_SYMLINK', 'a', 'Z', '_', '0', '9', ' ', '.', '$', '\n', 'é', 'search', 'archive', 'platformarch', '`', '\u2028'];

test('hasWord agrees with \\bword\\b on every pair and triple of pieces', () => {
  for (const word of ['platform', 'arch', 'O_SYMLINK']) {
    const re = new RegExp(`\\b${word}\\b`);
    for (const a of ['', ...pieces]) {
      for (const b of pieces) {
        for (const c of ['', ...pieces]) {
          const text = a + b + c;
          assert.equal(hasWord(text, word), re.test(text), JSON.stringify([word, text]));
        }
      }
    }
  }
});

test('hasWord looks past a match inside a longer word', () => {
  assert.equal(hasWord('research process.arch', 'arch'), true);
  assert.equal(hasWord('research archive', 'arch'), false);
  assert.equal(hasWord('', 'arch'), false);
});
