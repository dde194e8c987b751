// Permission Model advisories and end-of-life: how the vulnerability index is compiled (what is
// picked, per-line ranges and fixes), that the bundled list is the reviewed one, which advisories
// a target still has (including end-of-life lines the index no longer lists), and reading the
// live index from a file, a loopback server, a closed port and a server that never answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze, checkTarget, refreshAdvisories } from '../lib/index.js';
import { compileAdvisories } from '../lib/advisories/compile.js';
import { bundledAdvisories } from '../lib/advisories/generated/advisories.js';
import { summaries } from '../lib/advisories/summaries.js';
import { mkdtempSync } from './support/temp-dirs.js';

/** The index the bundled list is compiled from: the repository's copy, kept with the docs. */
const docsIndex = path.join(import.meta.dirname, '..', 'docs', 'nodejs-security-wg-core-vulns.json');

/** A small index in the shape of vuln/core/index.json. */
const index = {
  '1': { cve: ['CVE-2099-0001'], vulnerable: '20.x || 22.x || 23.x', patched: '^20.9.0 || ^22.9.0', ref: 'https://nodejs.org/en/blog/vulnerability/july-2099-security-releases/', description: 'fs.thing bypasses the permission model', severity: 'high' },
  '2': { cve: ['CVE-2099-0002'], vulnerable: '22.x', patched: '^22.1.0', overview: 'A crash in the HTTP parser. Nothing about permissions.' },
  '3': { cve: ['CVE-2099-0003'], vulnerable: '18.x', patched: '^18.1.0', overview: 'The permission model of 18 (which had none).' },
  '4': { cve: ['CVE-2099-0004'], vulnerable: '24.x', patched: '^24.2.0', overview: 'Bypass of --allow-fs-read through a new API. More text.' },
  '5': { cve: ['CVE-2099-0005'], vulnerable: '24.x', patched: '^24.3.0', overview: 'Mentions --allow-worker but is reviewed as unrelated.' },
};

test('compiling picks Permission Model entries on 20 and later, per line, and marks unreviewed ones', () => {
  const compiled = compileAdvisories(index, { 'CVE-2099-0001': 'Our words.' }, { 'CVE-2099-0005': 'reviewed: not the model' });
  assert.deepEqual(
    compiled.advisories.map((a) => [a.id, a.reviewed, a.summary, a.published, a.lines]),
    [
      ['CVE-2099-0001', true, 'Our words.', '2099-07', [
        { major: 20, affected: '>=20.0.0 <20.9.0', fixedIn: '20.9.0' },
        { major: 22, affected: '>=22.0.0 <22.9.0', fixedIn: '22.9.0' },
        { major: 23, affected: '>=23.0.0 <24.0.0' },
      ]],
      ['CVE-2099-0004', false, 'Bypass of --allow-fs-read through a new API.', undefined, [{ major: 24, affected: '>=24.0.0 <24.2.0', fixedIn: '24.2.0' }]],
    ],
  );
  assert.deepEqual(compiled.unreviewed, ['CVE-2099-0004']);
  assert.deepEqual(compileAdvisories(index, { 'CVE-2099-0404': 'x' }, {}).missing, ['CVE-2099-0404']);
  assert.throws(() => compileAdvisories([], {}, {}), /not a JSON object/);
});

test('the bundled list is the reviewed one: every entry has our summary, one line, and all summaries are used', () => {
  assert.ok(bundledAdvisories.length >= 20);
  for (const a of bundledAdvisories) {
    assert.equal(a.reviewed, true, a.id);
    assert.equal(a.summary, summaries[a.id], a.id);
    assert.match(a.summary, /^[^\n]{20,140}$/, a.id);
  }
  assert.deepEqual(bundledAdvisories.map((a) => a.id).sort(), Object.keys(summaries).sort());
});

test('docs/versions.md lists every bundled advisory', () => {
  const doc = readFileSync(path.join(import.meta.dirname, '..', 'docs', 'versions.md'), 'utf8');
  assert.deepEqual(bundledAdvisories.filter((a) => !doc.includes(`| ${a.id} |`)).map((a) => a.id), []);
});

test('the bundled list is what the script compiles from the docs/ copy of the index, and no summary repeats its text', () => {
  const raw = JSON.parse(readFileSync(docsIndex, 'utf8')) as Record<string, { cve: string[]; overview?: string; description?: string }>;
  const compiled = compileAdvisories(raw, summaries, {});
  assert.deepEqual(compiled.unreviewed, [], 'run npx tsx scripts/generate-advisories.ts and write the missing summaries');
  assert.deepEqual(compiled.advisories, bundledAdvisories, 'run npx tsx scripts/generate-advisories.ts');
  const plain = (text: string) => ` ${text.toLowerCase().replace(/[^a-z0-9*/-]+/g, ' ').trim()} `;
  const upstream = new Map(Object.values(raw).map((e) => [e.cve[0], plain(`${e.description ?? ''} ${e.overview ?? ''}`)]));
  for (const [id, summary] of Object.entries(summaries)) {
    const words = plain(summary).trim().split(' ');
    const copied = words.slice(0, -5).find((_, i) => upstream.get(id)!.includes(` ${words.slice(i, i + 6).join(' ')} `));
    assert.equal(copied, undefined, `${id}: six words in a row from the index`);
  }
});

const unfixed: [string, string[]][] = [
  ['26', []],
  ['24', []],
  ['22', []],
  ['20.20.1', ['CVE-2026-21715 20.20.1 fixed 20.20.2 listed', 'CVE-2026-21716 20.20.1 fixed 20.20.2 listed']],
  ['23', ['CVE-2025-55130 23.11.1 upgrade 24.13.0 inferred', 'CVE-2025-55132 23.11.1 upgrade 24.13.0 inferred', 'CVE-2026-21715 23.11.1 upgrade 24.14.1 inferred', 'CVE-2026-21716 23.11.1 upgrade 24.14.1 inferred']],
  ['23.6.0', ['CVE-2025-23083 23.6.0 fixed 23.6.1 listed', 'CVE-2025-55130 23.6.0 upgrade 24.13.0 inferred', 'CVE-2025-55132 23.6.0 upgrade 24.13.0 inferred', 'CVE-2026-21715 23.6.0 upgrade 24.14.1 inferred', 'CVE-2026-21716 23.6.0 upgrade 24.14.1 inferred']],
  ['>=24.13 <24.14 || >=26', ['CVE-2026-21715 24 before 24.14.1 fixed 24.14.1 listed', 'CVE-2026-21716 24 before 24.14.1 fixed 24.14.1 listed']],
  ['>=25.8.2', []],
  ['>=25.8.1 <26', ['CVE-2026-21711 25 before 25.8.2 fixed 25.8.2 listed', 'CVE-2026-21715 25 before 25.8.2 fixed 25.8.2 listed', 'CVE-2026-21716 25 before 25.8.2 fixed 25.8.2 listed']],
];

for (const [target, expected] of unfixed) {
  test(`unfixed advisories of ${target}`, () => {
    const check = checkTarget({ cwd: tmpdir(), target, today: '2026-11-25' });
    const lines = check.advisories.unfixed.flatMap((a) =>
      a.lines.map((l) => `${a.id} ${l.affected} ${l.fixedIn ? `fixed ${l.fixedIn}` : `upgrade ${l.upgradeTo}`} ${l.basis}`),
    );
    assert.deepEqual(lines, expected);
  });
}

test('end-of-life is judged on the given day, and reported as TARGET_EOL', async () => {
  const lines = (today: string) => checkTarget({ cwd: tmpdir(), target: '>=20.7 <24', today }).advisories.lines;
  assert.deepEqual(lines('2026-04-29').map((l) => [l.major, l.ended]), [[20, false], [22, false], [23, true]]);
  assert.deepEqual(lines('2026-04-30').map((l) => [l.major, l.ended]), [[20, true], [22, false], [23, true]]);
  const app = mkdtempSync(path.join(tmpdir(), 'npp-eol-'));
  writeFileSync(path.join(app, 'package.json'), '{"main":"index.js"}');
  writeFileSync(path.join(app, 'index.js'), '');
  const eol = (today: string) => analyze({ cwd: app, target: '20', today }).then((r) => r.diagnostics.filter((d) => d.code === 'TARGET_EOL').map((d) => d.args));
  assert.deepEqual(await eol('2026-04-29'), []);
  assert.deepEqual(await eol('2026-05-01'), [{ major: 20, endOfLife: '2026-04-30', supported: [22, 24, 25, 26] }]);
  await assert.rejects(analyze({ cwd: app, target: '20', today: 'tomorrow' }), { code: 'OPTION_INVALID' });
});

test('the report carries the advisories and a warning per unfixed advisory and line', async () => {
  const app = mkdtempSync(path.join(tmpdir(), 'npp-adv-'));
  writeFileSync(path.join(app, 'package.json'), '{"main":"index.js"}');
  writeFileSync(path.join(app, 'index.js'), '');
  const report = await analyze({ cwd: app, target: '24.12.0', today: '2026-11-25' });
  assert.equal(report.advisories?.source, 'bundled');
  assert.deepEqual(report.advisories?.lines, [{ major: 24, endOfLife: '2028-04-30', ended: false }]);
  const warnings = report.diagnostics.filter((d) => d.code === 'ADVISORY_UNFIXED');
  assert.deepEqual(warnings.map((d) => [d.severity, d.site, (d.args as { id: string }).id]), [
    ['warning', undefined, 'CVE-2025-55130'],
    ['warning', undefined, 'CVE-2025-55132'],
    ['warning', undefined, 'CVE-2026-21715'],
    ['warning', undefined, 'CVE-2026-21716'],
  ]);
});

/** A loopback server for one test; `handler` answers each request (or never does). */
async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.json`, server };
}

/** An address on loopback where nothing listens: a port that was free a moment ago. */
async function closedPort(): Promise<string> {
  const { url, server } = await serve(() => {});
  await new Promise((resolve) => server.close(resolve));
  return url;
}

test('refreshing reads a file: URL and compiles it like the bundled list', async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'npp-index-')), 'index.json');
  writeFileSync(file, JSON.stringify(index));
  const list = await refreshAdvisories({ url: pathToFileURL(file).href });
  assert.equal(list.source, pathToFileURL(file).href);
  assert.deepEqual(list.advisories.map((a) => [a.id, a.reviewed]), [['CVE-2099-0001', false], ['CVE-2099-0004', false], ['CVE-2099-0005', false]]);
  const report = checkTarget({ cwd: tmpdir(), target: '23', today: '2026-11-25', advisories: list });
  assert.deepEqual(report.advisories.unfixed.map((a) => `${a.id} ${a.lines[0]!.affected}`), ['CVE-2099-0001 23.11.1']);
});

test('refreshing reads the index from an HTTP server', async () => {
  const { url, server } = await serve((_req, res) => res.end(JSON.stringify(index)));
  try {
    const list = await refreshAdvisories({ url });
    assert.equal(list.advisories.length, 3);
  } finally {
    server.close();
  }
});

const failures: [string, () => Promise<{ url: string; close?: () => void; timeoutMs?: number }>, RegExp][] = [
  ['a closed port', async () => ({ url: await closedPort() }), /: connection refused$/],
  ['a server that never answers', async () => {
    const { url, server } = await serve(() => {});
    return { url, timeoutMs: 200, close: () => server.closeAllConnections?.() ?? server.close() };
  }, /: no answer within 0\.2 s$/],
  ['an HTTP error', async () => {
    const { url, server } = await serve((_req, res) => { res.statusCode = 404; res.end(); });
    return { url, close: () => server.close() };
  }, /: HTTP 404$/],
  ['something that is not the index', async () => {
    const { url, server } = await serve((_req, res) => res.end('<html>'));
    return { url, close: () => server.close() };
  }, /: not the vulnerability index \(.*\)$/],
  ['a missing file', async () => ({ url: pathToFileURL(path.join(tmpdir(), 'npp-no-such-index.json')).href }), /: no such file$/],
  ['not a URL', async () => ({ url: 'index.json' }), /: not a URL$/],
];

for (const [what, setup, reason] of failures) {
  test(`refreshing from ${what} fails with one line and the fallback as hint`, async () => {
    const { url, close, timeoutMs } = await setup();
    try {
      await assert.rejects(refreshAdvisories({ url, ...(timeoutMs ? { timeoutMs } : {}) }), (e: Error & { code?: string; hint?: string }) => {
        assert.equal(e.code, 'ADVISORIES_UNAVAILABLE');
        assert.ok(e.message.startsWith(`cannot read the advisory index at ${url}: `), e.message);
        assert.match(e.message, reason);
        assert.doesNotMatch(e.message, /\n/);
        assert.match(e.hint ?? '', /leave out --refresh-advisories to use the list bundled with this version/);
        return true;
      });
    } finally {
      close?.();
    }
  });
}
