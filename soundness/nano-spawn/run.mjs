// As its README shows: a command and its output, its output lines iterated, a pipe of commands
// (cat of a file into sort into head), and preferLocal: a binary of a folder's node_modules/.bin
// run with that folder as cwd.
import fs from 'node:fs';
import path from 'node:path';
import spawn from 'nano-spawn';
const input = path.join(import.meta.dirname, 'input');
const echoed = await spawn('echo', ['🦄']);
if (echoed.output !== '🦄') throw new Error(echoed.output);
const lines = [];
for await (const line of spawn('ls', ['-1', input])) lines.push(line);
if (!lines.includes('lines.txt')) throw new Error(lines.join());
const sorted = await spawn('cat', [path.join(input, 'lines.txt')]).pipe('sort').pipe('head', ['-n', '2']);
if (sorted.stdout !== 'a\nb') throw new Error(sorted.stdout);
const tools = path.join(input, 'tools');
const local = await spawn('soundness-tool', ['x'], { preferLocal: true, cwd: tools });
if (local.stdout !== 'local tool x') throw new Error(local.stdout);
if (!fs.existsSync(path.join(tools, 'node_modules', '.bin', 'soundness-tool'))) throw new Error('tool');
console.log('ok');
