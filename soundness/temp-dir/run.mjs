// As its README shows: the real path of the temp folder, used to write a file of the app's own.
import temporaryDirectory from 'temp-dir';
import fs from 'node:fs';
import path from 'node:path';
const file = path.join(temporaryDirectory, `soundness-temp-dir-${process.pid}.txt`);
fs.writeFileSync(file, 'x');
if (fs.readFileSync(file, 'utf8') !== 'x') throw new Error(file);
fs.rmSync(file);
console.log('ok');
