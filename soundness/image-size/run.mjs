// As its README shows: imageSizeFromFile from 'image-size/fromFile'; then the published bin on two files.
import { imageSizeFromFile } from 'image-size/fromFile';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
const dir = import.meta.dirname;
const png = await imageSizeFromFile(path.join(dir, 'input', 'a.png'));
if (png.width !== 3 || png.height !== 2) throw new Error(JSON.stringify(png));
const bin = path.join(dir, 'node_modules', 'image-size', 'bin', 'image-size.js');
const out = execFileSync(process.execPath, [bin, 'input/b.gif', 'input/a.png'], { cwd: dir, encoding: 'utf8' });
if (!out.includes('5') || !out.includes('a.png')) throw new Error(out);
console.log('ok');
