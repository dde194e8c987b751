// The shipped JSON Schema of the report (schema/report.schema.json) against real reports: every
// fixture analysed for Node 22 and 26 with its case.json options, plus a few reports broken on
// purpose to show the schema can reject. The schema, the TypeScript unions it mirrors and the
// field tables of docs/report-schema.md are kept in step here too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../lib/index.js';
import type { Report } from '../lib/index.js';
import { loadFixtureCase, resolveAppValues } from './support/fixture-case.js';
import { listFixtureFolders, repoRoot } from './support/fixture-folders.js';
import { draft07Validator } from './support/json-schema.js';

const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const schema = JSON.parse(read('schema/report.schema.json')) as {
  properties: Record<string, unknown>;
  definitions: Record<string, { properties?: Record<string, unknown>; enum?: string[] }>;
};

/**
 * The shipped schema lets objects carry fields it does not list, as the stability promise of
 * docs/report-schema.md asks of consumers. Here every object is closed, so a field added to the
 * report without a schema (and docs) entry fails.
 */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (typeof node !== 'object' || node === null) return node;
  const copy = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, closed(s)])) : closed(v)]));
  return 'properties' in copy && (copy as { type?: string }).type === 'object' ? { ...copy, additionalProperties: false } : copy;
}

const validate = draft07Validator(closed(schema) as object);
const validateShipped = draft07Validator(schema);

async function fixtureReport(name: string, target: string): Promise<Report> {
  const folder = listFixtureFolders(path.join(repoRoot, 'fixtures')).find((f) => f.name === name)!;
  const fixture = loadFixtureCase(folder.dir);
  return analyze({
    cwd: folder.appDir,
    target,
    ...(fixture.entries ? { entries: fixture.entries } : {}),
    ...(fixture.env ? { env: resolveAppValues(fixture.env, folder.appDir) } : {}),
    ...(fixture.read ? { read: fixture.read } : {}),
    ...(fixture.write ? { write: fixture.write } : {}),
    ...(fixture.unresolved ? { unresolved: fixture.unresolved } : {}),
  });
}

const fixtureNames = listFixtureFolders(path.join(repoRoot, 'fixtures')).map((f) => f.name);

test('there are fixtures to validate', () => {
  assert.ok(fixtureNames.length >= 40, `found ${fixtureNames.length}`);
});

// Analysing in place is safe: the analysis only reads.
for (const name of fixtureNames) {
  for (const target of ['22', '26']) {
    test(`the report of ${name} for Node ${target} matches the schema`, async () => {
      const report = await fixtureReport(name, target);
      // Through JSON, as a consumer sees it: undefined fields vanish, as in --format json.
      assert.deepEqual(validate(JSON.parse(JSON.stringify(report))), []);
    });
  }
}

/** A valid report to break in the tests below. */
const base = () => fixtureReport('fs-unresolved-path', '22').then((r) => JSON.parse(JSON.stringify(r)) as Record<string, any>);

test('the schema rejects a field it does not define', async () => {
  const report = await base();
  report.policy.fsRead[0].evidence[0].line = 3;
  assert.match(validate(report).join('\n'), /must NOT have additional properties/);
});

test('the shipped schema accepts fields it does not know, the closed one does not', async () => {
  const report = await base();
  report.futureField = true;
  assert.deepEqual(validateShipped(report), []);
  assert.match(validate(report).join('\n'), /must NOT have additional properties/);
});

test('the schema rejects a grant without evidence and a granted capability without a site', async () => {
  const report = await base();
  report.policy.fsRead[0].evidence = [];
  report.policy.net = { granted: true, evidence: [] };
  const problems = validate(report).join('\n');
  assert.match(problems, /\/policy\/fsRead\/0\/evidence must NOT have fewer than 1 items/);
  assert.match(problems, /\/policy\/net\/evidence must NOT have fewer than 1 items/);
});

test('the schema rejects an unknown reason and a 0-based column', async () => {
  const report = await base();
  assert.ok(report.unresolved.length > 0, 'fixture fs-unresolved-path has no unresolved access');
  report.unresolved[0].reason = 'magic';
  report.unresolved[0].site.column = 0;
  const problems = validate(report).join('\n');
  assert.match(problems, /\/unresolved\/0\/reason must be equal to one of the allowed values/);
  assert.match(problems, /\/unresolved\/0\/site\/column must be >= 1/);
});

/** The `| 'value'` members of a string-union type in lib/types.ts, read from the source text. */
function unionMembers(typeName: string): string[] {
  const lines = read('lib/types.ts').split('\n');
  const start = lines.findIndex((line) => line.startsWith(`export type ${typeName} =`));
  assert.ok(start >= 0, `lib/types.ts has no 'export type ${typeName} = ...;'`);
  const members: string[] = [];
  for (const line of lines.slice(start)) {
    const code = line.replace(/\/\/.*$/, '').replace(new RegExp(`^export type ${typeName} =`), '');
    members.push(...[...code.matchAll(/'([^']+)'/g)].map((m) => m[1]!));
    if (code.trimEnd().endsWith(';')) break;
  }
  return members;
}

for (const name of ['Capability', 'GrantReason', 'UnknownReason', 'UnresolvedMode']) {
  test(`the schema's ${name} values are the ones of lib/types.ts`, () => {
    assert.deepEqual([...schema.definitions[name]!.enum!].sort(), unionMembers(name).sort(), `update schema/report.schema.json definitions.${name}`);
  });
}

/** The first-column field names of the table under a docs/report-schema.md heading. */
function documentedFields(heading: string): string[] {
  const text = read('docs/report-schema.md');
  const start = new RegExp(`^#{2,3} ${heading}$`, 'm').exec(text);
  assert.ok(start, `docs/report-schema.md has no heading "${heading}"`);
  const section = text.slice(start.index + start[0].length).split(/^#{2,3} /m)[0]!;
  return [...section.matchAll(/^\| `([A-Za-z]+)` \|/gm)].map((m) => m[1]!);
}

const objectDefinitions = Object.entries(schema.definitions).filter(([, d]) => d.properties);

test('docs/report-schema.md has a field table for the report and every object of the schema', () => {
  assert.deepEqual(documentedFields('Report').sort(), Object.keys(schema.properties).sort());
  for (const [name, definition] of objectDefinitions) {
    assert.deepEqual(documentedFields(name).sort(), Object.keys(definition.properties!).sort(), `fields of ${name}`);
  }
});

test('the package ships the schema at node-permission-policy/report.schema.json', () => {
  const pkg = JSON.parse(read('package.json')) as { files: string[]; exports: Record<string, string> };
  assert.equal(pkg.exports['./report.schema.json'], './schema/report.schema.json');
  assert.ok(pkg.files.includes('schema/'), 'package.json "files" lacks schema/');
});

test('a report with the cache count, cold and warm, matches the schema', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(path.join(tmpdir(), 'npp-schema-cache-'));
  try {
    const folder = listFixtureFolders(path.join(repoRoot, 'fixtures'))[0]!;
    for (let run = 0; run < 2; run++) {
      const report = await analyze({ cwd: folder.appDir, target: '22', cache: { dir } });
      assert.equal(report.cache?.files, run === 0 ? 0 : report.project.files.length);
      assert.deepEqual(validate(report), []);
    }
    assert.notDeepEqual(validate({ ...(await analyze({ cwd: folder.appDir, target: '22' })), cache: { files: -1 } }), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
