// As its README shows: an rc file read from a folder, another written and updated there, and
// the user's own (in the home folder) written, updated and read back.
import fs from 'node:fs';
import path from 'node:path';
import { read, readUser, update, updateUser, write, writeUser } from 'rc9';
const dir = path.join(import.meta.dirname, 'input');
delete process.env.XDG_CONFIG_HOME;
if (read({ name: '.demorc', dir }).port !== 3000) throw new Error('read');
write({ a: 1 }, { name: '.outrc', dir });
update({ b: 2 }, { name: '.outrc', dir });
if (!fs.readFileSync(path.join(dir, '.outrc'), 'utf8').includes('b=2')) throw new Error('update');
writeUser({ token: 'x' }, { name: '.soundnessrc' });
updateUser({ more: true }, '.soundnessrc');
if (readUser('.soundnessrc').more !== true) throw new Error('user');
console.log('ok');
