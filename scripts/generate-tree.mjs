// Writes a synthetic CommonJS project of N modules for the limits measurements
// (scripts/measure-memory.mjs) and the tests that need a big analysis (large output, time
// budget). Module i requires modules fanout*i+1 … fanout*i+fanout, so the graph is a tree of
// depth log_fanout(N); each module also reads one data file and appends to a log, so every
// module adds needs, grants and evidence to the report, as real code does.
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * @param {string} dir folder to create the project in (created if missing)
 * @param {{ files: number, fanout?: number, dependencies?: number }} options
 *   files: modules in total; fanout: requires per module (default 8);
 *   dependencies: how many of the modules live in node_modules packages (default a tenth)
 * @returns {{ root: string, entry: string }}
 */
export function generateTree(dir, { files, fanout = 8, dependencies = Math.floor(files / 10) }) {
  fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'generated-tree', main: 'index.js' }));
  // The last `dependencies` modules go into packages of 50 modules each.
  const firstDependency = files - dependencies;
  const location = (i) => {
    if (i === 0) return { file: 'index.js' };
    if (i < firstDependency) return { file: `lib/${Math.floor(i / 100)}/m${i}.js` };
    const pkg = `dep${Math.floor((i - firstDependency) / 50)}`;
    return { file: `node_modules/${pkg}/m${i}.js`, pkg };
  };
  const made = new Set();
  for (let i = 0; i < files; i++) {
    const { file, pkg } = location(i);
    const abs = path.join(dir, file);
    const folder = path.dirname(abs);
    if (!made.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      made.add(folder);
      if (pkg) fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: pkg, version: '1.0.0' }));
    }
    const children = [];
    for (let c = fanout * i + 1; c <= fanout * i + fanout && c < files; c++) {
      const child = location(c);
      const from = path.dirname(file);
      const spec = child.pkg && child.pkg !== pkg ? `${child.pkg}/m${c}.js` : `./${path.relative(from, child.file)}`.replace(/^\.\/\.\.\//, '../');
      children.push(`require(${JSON.stringify(spec)});`);
    }
    const data = pkg ? `data-${i}.txt` : path.relative(path.dirname(file), `data/${i}.txt`);
    fs.writeFileSync(
      abs,
      [
        "'use strict';",
        "const fs = require('fs');",
        "const path = require('path');",
        ...children,
        `const file = path.join(__dirname, ${JSON.stringify(data)});`,
        `function load() { return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''; }`,
        `function log(line) { fs.appendFileSync(path.join(__dirname, 'run-${i}.log'), line + '\\n'); }`,
        `module.exports = { id: ${i}, load, log };`,
        '',
      ].join('\n'),
    );
    if (!pkg) fs.writeFileSync(path.join(dir, 'data', `${i}.txt`), String(i));
  }
  return { root: dir, entry: path.join(dir, 'index.js') };
}
