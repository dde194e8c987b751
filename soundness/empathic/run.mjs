// As its README shows, from a folder below a project (input/proj/src/deep): find.up of a file,
// find.any of names, find.file and find.dir with `last`, package.up, package.cache with
// `create` (node_modules/.cache/<name>, made), resolve.from of a relative module, and the
// access checks.
import path from 'node:path';
import fs from 'node:fs';
import * as find from 'empathic/find';
import * as pkg from 'empathic/package';
import * as resolve from 'empathic/resolve';
import * as access from 'empathic/access';
const proj = path.join(import.meta.dirname, 'input', 'proj');
const cwd = path.join(proj, 'src', 'deep');
const check = (got, want) => { if (got !== want) throw new Error(`${got} !== ${want}`); };
check(find.up('marker.txt', { cwd }), path.join(proj, 'marker.txt'));
check(find.any(['nope.txt', 'lib'], { cwd, type: 'dir' }), path.join(proj, 'lib'));
check(find.file('package.json', { cwd, last: proj }), path.join(proj, 'package.json'));
check(find.dir('src', { cwd }), path.join(proj, 'src'));
check(pkg.up({ cwd }), path.join(proj, 'package.json'));
const cache = pkg.cache('demo', { cwd, create: true });
check(cache, path.join(proj, 'node_modules', '.cache', 'demo'));
if (!fs.statSync(cache).isDirectory()) throw new Error('cache');
check(resolve.from(proj, './lib/util.js'), path.join(proj, 'lib', 'util.js'));
if (!access.readable(path.join(proj, 'marker.txt')) || !access.writable(cache)) throw new Error('access');
console.log('ok');
