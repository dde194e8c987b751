// `npm run example`: analyse the bundled example app, print the flags, run the app under them
// with this Node, then show that a file it does not need (.env beside it) is denied.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// Work on a copy so the example's logs/ folder does not land in the repository.
const app = mkdtempSync(path.join(tmpdir(), 'npp-example-'));
cpSync(path.join(repo, 'fixtures', 'example-app', 'app'), app, { recursive: true });

const cli = path.join(repo, 'dist', 'cli', 'main.js');
const run = (args, options = {}) => spawnSync(process.execPath, args, { encoding: 'utf8', cwd: app, ...options });

console.log(`$ generate-flags --cwd ${app}`);
const generated = run([cli, '--cwd', app, '--format', 'args'], { stdio: ['ignore', 'pipe', 'inherit'] });
if (generated.status !== 0) process.exit(generated.status ?? 1);
const flags = JSON.parse(generated.stdout);
for (const flag of flags) console.log(`  ${flag}`);

console.log(`\n$ node <flags> server.js`);
const started = run([...flags, 'server.js'], { stdio: 'inherit' });
if (started.status !== 0) {
  console.error(`the example app failed under its policy (exit ${started.status})`);
  process.exit(1);
}

console.log(`\n$ node <flags> -e "fs.readFileSync('.env')"   # not needed by the app, so denied`);
const probe = run([...flags, '-e', "require('fs').readFileSync('.env')"]);
const denied = /ERR_ACCESS_DENIED/.test(probe.stderr);
console.log(denied ? '  ERR_ACCESS_DENIED, as it should be' : '  NOT denied: this is a bug');
rmSync(app, { recursive: true, force: true });
process.exit(denied ? 0 : 1);
