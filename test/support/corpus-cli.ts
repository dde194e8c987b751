// `npm run corpus`: measures every corpus app on every target and prints the table and summary.
// With --update-docs it also writes them into docs/precision.md between the corpus markers;
// with --verbose it prints each run's flags, causes and output after the table.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusApps } from '../../scripts/corpus-cache.mjs';
import { corpusTargets } from './corpus-case.js';
import { describeTarget, measureApp, type AppMeasurement } from './corpus-measure.js';
import { corpusSummary, corpusTable } from './corpus-table.js';
import { repoRoot } from './fixture-folders.js';

const begin = '<!-- corpus-table:begin (npm run corpus -- --update-docs) -->';
const end = '<!-- corpus-table:end -->';

/** Measures the apps a few at a time: each one's runs are sequential, so this keeps two cores busy. */
export async function measureAll(names: string[], concurrency = 3): Promise<AppMeasurement[]> {
  const apps = corpusApps(path.join(repoRoot, 'corpus')).filter((a) => names.length === 0 || names.includes(a.name));
  const results: AppMeasurement[] = new Array(apps.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < apps.length; i = next++) results[i] = await measureApp(apps[i]!, corpusTargets);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

function updateDocs(text: string): void {
  const file = path.join(repoRoot, 'docs', 'precision.md');
  const doc = fs.readFileSync(file, 'utf8');
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`docs/precision.md lacks the markers ${begin} … ${end}`);
  fs.writeFileSync(file, `${doc.slice(0, from + begin.length)}\n${text}\n${doc.slice(to)}`);
}

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const measured = await measureAll(args.filter((a) => !a.startsWith('--')));
const text = `${corpusTable(measured)}\n\n${corpusSummary(measured)}`;
console.log(text);
if (flags.has('--verbose')) for (const app of measured) for (const m of app.targets) console.log(`\n## ${app.app}\n${describeTarget(m)}`);
if (flags.has('--update-docs')) updateDocs(`Measured ${new Date().toISOString().slice(0, 10)} with ${measured.length} apps.\n\n${text}`);
