'use strict';
const fg = require('fast-glob');
const fs = require('node:fs');
const path = require('node:path');

const contentDir = path.join(__dirname, 'content');
const outDir = path.join(__dirname, 'out');

const files = fg.sync('**/*.txt', { cwd: contentDir });
fs.mkdirSync(outDir, { recursive: true });
for (const file of files) {
  const text = fs.readFileSync(path.join(contentDir, file), 'utf8');
  fs.writeFileSync(path.join(outDir, file.replaceAll('/', '-')), text.toUpperCase());
}
if (files.length !== 2) throw new Error(`expected 2 files, found ${files.length}`);
console.log('ok');
