// Issue #16: every command the README and docs show runs this package, and runs. Each shell line
// of README.md, docs/adopting.md and docs/cli.md that calls generate-flags is run, in order, on a
// copy of the bundled example app, with Node 24 as `node` and two stand-ins on PATH:
// `generate-flags` (this checkout's CLI, as an installed devDependency provides it) and `npx`,
// which runs it only for `npx -p node-permission-policy generate-flags` and fails for any other
// package, so a command that would fetch the unpublished `generate-flags` package fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { mkdtempSync } from './support/temp-dirs.js';
import { nodeBinary } from './support/node-binaries.js';
import { cliPath as cli } from './support/cli.js';

const repo = path.join(import.meta.dirname, '..');
const docs = ['README.md', 'docs/adopting.md', 'docs/cli.md'];

/** The shell lines of the ```sh and ```console blocks (console: the `$ ` lines), with the file's line number. */
function shellLines(file: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let lang: string | undefined;
  readFileSync(path.join(repo, file), 'utf8').split('\n').forEach((raw, i) => {
    const fence = /^```(\w*)/.exec(raw);
    if (fence) {
      lang = lang === undefined ? fence[1]! : undefined;
      return;
    }
    if (lang === 'sh') out.push({ line: i + 1, text: raw });
    else if (lang === 'console' && raw.startsWith('$ ')) out.push({ line: i + 1, text: raw.slice(2) });
  });
  return out;
}

/** Lines that name a placeholder or need something this machine lacks (the network, jq) are shown, not run. */
const notRunnable = /\[entry|ENTRY|\bPATH\b|\bFILE\b|VERSION|NAME=|<[a-z|]+>|\.\.\.|…|\bjq\b|mapfile|npm (install|ci|test|run)|^#!|^cd \/srv/;

/** The command without its trailing `# comment`. */
const withoutComment = (text: string) => text.replace(/\s+#\s.*$/, '').trim();

test('no documented command fetches the generate-flags package instead of node-permission-policy', () => {
  const wrong = docs.flatMap((file) => shellLines(file).filter((l) => /\bnpx\s+(--yes\s+)?generate-flags\b/.test(l.text)).map((l) => `${file}:${l.line}: ${l.text}`));
  assert.deepEqual(wrong, [], 'use npx -p node-permission-policy generate-flags');
});

test('every documented generate-flags command runs on the example app', { timeout: 600_000 }, () => {
  const bin = realpathSync(mkdtempSync(path.join(tmpdir(), 'npp-docs-bin-')));
  const node = nodeBinary('24');
  symlinkSync(node, path.join(bin, 'node'));
  writeFileSync(path.join(bin, 'generate-flags'), `#!/bin/sh\nexec "${node}" "${cli}" "$@"\n`, { mode: 0o755 });
  writeFileSync(
    path.join(bin, 'npx'),
    '#!/bin/sh\nif [ "$1" = "-p" ] && [ "$2" = "node-permission-policy" ] && [ "$3" = "generate-flags" ]; then shift 3; exec generate-flags "$@"; fi\necho "npx: would fetch another package: $*" >&2\nexit 127\n',
    { mode: 0o755 },
  );
  const failures: string[] = [];
  let ran = 0;
  for (const file of docs) {
    const app = path.join(realpathSync(mkdtempSync(path.join(tmpdir(), 'npp-docs-'))), 'app');
    mkdirSync(app);
    cpSync(path.join(repo, 'fixtures', 'example-app', 'app'), app, { recursive: true });
    for (const { line, text } of shellLines(file)) {
      const command = withoutComment(text);
      if (!/generate-flags/.test(command) || notRunnable.test(command)) continue;
      const r = spawnSync('sh', ['-c', command], { cwd: app, encoding: 'utf8', timeout: 60_000, env: { PATH: `${bin}:/usr/bin:/bin`, HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1' } });
      ran++;
      // 0 ok, 1 findings (a check that differs): both are answers. 2 is a usage error, 127 a missing command.
      if (r.status !== 0 && r.status !== 1) failures.push(`${file}:${line}: \`${command}\` exited ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
      else if (/internal error/.test(r.stderr)) failures.push(`${file}:${line}: \`${command}\`: ${r.stderr.trim()}`);
    }
  }
  assert.ok(ran >= 20, `only ${ran} documented commands were found to run`);
  assert.deepEqual(failures, []);
});
