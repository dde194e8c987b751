// As its README shows: concurrently(commands, options) runs command strings in a shell, each
// with a name (one in its own working folder), and its result settles when they all close.
import fs from 'node:fs';
import path from 'node:path';
import { concurrently } from 'concurrently';
const input = path.join(import.meta.dirname, 'input');
const node = JSON.stringify(process.execPath);
const { result } = concurrently(
  [
    { command: `${node} a.js`, name: 'a', cwd: input },
    { command: `${node} -e "console.log('b')"`, name: 'b' },
  ],
  { prefix: 'name', killOthersOn: ['failure'] },
);
const events = await result;
if (events.length !== 2 || fs.readFileSync(path.join(input, 'a.txt'), 'utf8') !== 'a') throw new Error('result');
console.log('ok');
