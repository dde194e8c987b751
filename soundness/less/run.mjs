// As its README shows: the lessc bin compiles a stylesheet that imports a file below its folder
// and one found on an include path, into a folder it makes, with a source map; then the API
// renders the same file given its name and paths.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import less from 'less';
const dir = path.join(import.meta.dirname, 'input');
const main = path.join(dir, 'styles', 'main.less');
const out = path.join(dir, 'out', 'main.css');
const lessc = path.join(import.meta.dirname, 'node_modules', 'less', 'bin', 'lessc');
execFileSync(process.execPath, [lessc, `--include-path=${path.join(dir, 'lib')}`, '--source-map', main, out], { stdio: 'inherit' });
const { css } = await less.render(fs.readFileSync(main, 'utf8'), { filename: main, paths: [path.join(dir, 'lib')] });
if (!fs.readFileSync(out, 'utf8').includes('border-radius: 4px') || !fs.existsSync(`${out}.map`) || !css.includes('#336699')) throw new Error(css);
console.log('ok');
