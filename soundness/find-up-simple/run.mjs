// As its README shows: findUp and findUpSync of a file and of a directory from a folder below
// them (a URL for cwd once), one with stopAt, and the working folder's default.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findUp, findUpSync } from 'find-up-simple';
const proj = path.join(import.meta.dirname, 'input', 'proj');
const cwd = path.join(proj, 'src', 'deep');
const check = (got, want) => { if (got !== want) throw new Error(`${got} !== ${want}`); };
check(await findUp('marker.txt', { cwd }), path.join(proj, 'marker.txt'));
check(await findUp('src', { cwd: pathToFileURL(cwd), type: 'directory' }), path.join(proj, 'src'));
check(findUpSync('marker.txt', { cwd }), path.join(proj, 'marker.txt'));
check(findUpSync('marker.txt', { cwd, stopAt: path.join(proj, 'src') }), undefined);
check(findUpSync('package.json'), path.join(import.meta.dirname, 'package.json'));
console.log('ok');
