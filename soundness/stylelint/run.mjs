// As its README shows: lint() of a project's files by a glob, its stylelint.config.mjs and
// .stylelintignore found in the working folder it is given, with its cache file; then the bin
// fixing a file in place in that folder.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import stylelint from 'stylelint';
const proj = path.join(import.meta.dirname, 'input', 'proj');
const result = await stylelint.lint({ files: 'src/**/*.css', cwd: proj, cache: true, cacheLocation: path.join(proj, '.cache', 'stylelint') });
const warned = result.results.filter((r) => r.warnings.length > 0).map((r) => path.basename(r.source)).sort();
if (warned.join() !== 'bad.css,fix.css' || !fs.existsSync(path.join(proj, '.cache', 'stylelint'))) throw new Error(warned.join());
const bin = path.join(import.meta.dirname, 'node_modules', 'stylelint', 'bin', 'stylelint.mjs');
execFileSync(process.execPath, [bin, '--fix', 'src/fix.css'], { cwd: proj, stdio: 'inherit' });
if (fs.readFileSync(path.join(proj, 'src', 'fix.css'), 'utf8') !== 'b { margin: 0; }\n') throw new Error('fix');
console.log('ok');
