// As its README shows: the closest package.json above a folder, async from one given as `cwd`,
// sync from the working folder (this app's own).
import fs from 'node:fs';
import path from 'node:path';
import { pkgUp, pkgUpSync } from 'pkg-up';
const deeper = path.join(import.meta.dirname, 'input', 'sub', 'deeper');
const inner = await pkgUp({ cwd: deeper });
if (JSON.parse(fs.readFileSync(inner, 'utf8')).name !== 'inner') throw new Error(inner);
const own = pkgUpSync();
if (JSON.parse(fs.readFileSync(own, 'utf8')).name !== 'soundness-pkg-up') throw new Error(own);
console.log('ok');
