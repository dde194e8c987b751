// As its README shows: mkdirP of nested folders, cp of a file and (recursive) of a folder, mv,
// rmRF, and which of a program along PATH (node) and of one that does not exist.
import fs from 'node:fs';
import path from 'node:path';
import * as io from '@actions/io';
const dir = path.join(import.meta.dirname, 'input');
const work = path.join(dir, 'work');
await io.mkdirP(path.join(work, 'deep', 'er'));
await io.cp(path.join(dir, 'src', 'a.txt'), path.join(work, 'a.txt'));
await io.cp(path.join(dir, 'src'), path.join(work, 'copy'), { recursive: true, force: true });
await io.mv(path.join(work, 'a.txt'), path.join(work, 'deep', 'moved.txt'));
if (fs.readFileSync(path.join(work, 'copy', 'sub', 'b.txt'), 'utf8') !== 'two\n' || !fs.existsSync(path.join(work, 'deep', 'moved.txt'))) throw new Error('copy');
const node = await io.which('node', true);
if (!node || (await io.which('no-such-tool-here')) !== '') throw new Error(node);
await io.rmRF(work);
if (fs.existsSync(work)) throw new Error('rmRF');
console.log('ok');
