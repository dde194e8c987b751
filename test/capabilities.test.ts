// The capabilities table (lib/capabilities.ts) against what it maps to: the report's policy keys,
// the flags Node accepts, and the SARIF rules a log carries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyze, toSarif } from '../lib/index.js';
import { booleanCapabilities, capabilityNames, capabilityTable } from '../lib/capabilities.js';
import { factsFor, newestMeasured } from '../lib/node-versions/index.js';
import { repoRoot } from './support/fixture-folders.js';

const app = path.join(repoRoot, 'fixtures', 'child-process-fork', 'app');

test('the table names the policy keys of a report, in the report order', async () => {
  const report = await analyze({ cwd: app, target: '26' });
  const keys = Object.keys(report.policy).filter((k) => k !== 'withheld');
  assert.deepEqual(keys, capabilityTable.map((c) => c.policyKey));
});

test('every flag of the table is one the newest Node accepts', () => {
  const facts = factsFor(newestMeasured(26)!)!;
  for (const { flag } of capabilityTable) assert.ok(facts.allowFlags.includes(flag), flag);
});

test('names are unique in every spelling', () => {
  for (const column of ['capability', 'policyKey', 'flag', 'nodeScope'] as const) {
    const values = capabilityTable.map((c) => c[column]);
    assert.equal(new Set(values).size, values.length, column);
  }
  assert.deepEqual(capabilityNames, capabilityTable.map((c) => c.capability));
  assert.deepEqual(
    booleanCapabilities.map((c) => c.capability),
    ['child-process', 'worker', 'addons', 'wasi', 'net', 'inspector'],
  );
});

test('a granted capability becomes a SARIF rule with its id, name and flag', async () => {
  const report = await analyze({ cwd: app, target: '26' });
  assert.ok(report.policy.childProcess.granted);
  const rule = toSarif(report).runs[0].tool.driver.rules.find((r) => r.id === 'child-process');
  assert.equal(rule?.name, 'ChildProcess');
  assert.deepEqual(rule?.properties, { flag: '--allow-child-process' });
});
