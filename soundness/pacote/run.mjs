// As its README shows, on specs that need no registry: a package folder's manifest, its tarball
// written to a file (packed by the Arborist it is given), then that tarball's manifest and its
// extraction (through pacote's cache, ~/.npm/_cacache by default).
import fs from 'node:fs';
import path from 'node:path';
import pacote from 'pacote';
import Arborist from '@npmcli/arborist';
const dir = path.join(import.meta.dirname, 'input', 'pkg');
const out = path.join(import.meta.dirname, 'out');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out);
const manifest = await pacote.manifest(`file:${dir}`);
if (manifest.name !== 'soundness-pkg') throw new Error('manifest');
const tgz = path.join(out, 'pkg.tgz');
await pacote.tarball.file(dir, tgz, { Arborist });
const fromTgz = await pacote.manifest(`file:${tgz}`);
if (fromTgz.version !== '1.2.3') throw new Error('tgz manifest');
await pacote.extract(`file:${tgz}`, path.join(out, 'extracted'));
if (!fs.readFileSync(path.join(out, 'extracted', 'lib', 'index.js'), 'utf8').includes('pkg')) throw new Error('extract');
const packument = await pacote.packument(dir);
if (!packument.versions['1.2.3']) throw new Error('packument');
console.log('ok');
