// As its README shows: a package's lifecycle scripts run in its folder through the shell, here
// `build` (a node command writing a file) and `start` with an argument (a server reading it);
// then `install`, which with no script of its own looks for a binding.gyp to rebuild. The folder of
// the Node that runs this goes first on the scripts' PATH (`binPaths`), as npm puts its own.
import fs from 'node:fs';
import path from 'node:path';
import runScript from '@npmcli/run-script';
const pkg = path.join(import.meta.dirname, 'input', 'pkg');
const binPaths = [path.dirname(process.execPath)];
fs.rmSync(path.join(pkg, 'out'), { recursive: true, force: true });
const build = await runScript({ event: 'build', path: pkg, binPaths, stdio: 'pipe' });
if (build.code !== 0) throw new Error(build.stderr);
if (fs.readFileSync(path.join(pkg, 'out', 'built.txt'), 'utf8') !== 'built') throw new Error('build');
const start = await runScript({ event: 'start', path: pkg, binPaths, args: ['out/built.txt'], stdio: 'pipe' });
if (!start.stdout.includes('served')) throw new Error(start.stdout);
const install = await runScript({ event: 'install', path: pkg, binPaths, stdio: 'pipe' });
if (install.code !== 0) throw new Error('install');
console.log('ok');
