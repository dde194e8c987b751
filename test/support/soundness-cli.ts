// `npm run soundness`: measures every soundness app (docs/soundness.md) and prints the table,
// the totals and each silent access. With --update-docs it writes them into docs/soundness.md
// between the markers; names given on the command line limit the run to those apps.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusApps } from '../../scripts/corpus-cache.mjs';
import { repoRoot } from './fixture-folders.js';
import { measureSoundness, soundnessTarget, type SoundnessMeasurement } from './soundness-measure.js';

const begin = '<!-- soundness-table:begin (npm run soundness -- --update-docs) -->';
const end = '<!-- soundness-table:end -->';

async function measureAll(names: string[], concurrency = 2): Promise<SoundnessMeasurement[]> {
  const apps = corpusApps(path.join(repoRoot, 'soundness')).filter((a) => names.length === 0 || names.includes(a.name));
  const results: SoundnessMeasurement[] = new Array(apps.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < apps.length; i = next++) {
      results[i] = await measureSoundness(apps[i]!);
      process.stderr.write(`soundness: ${apps[i]!.name} measured\n`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** The project's accesses: what the analysis had to account for (Node's own and missing-path probes are apart). */
const observedOf = (m: SoundnessMeasurement) => m.counts.granted + m.counts.reported + m.counts.silent + m.counts.stale;

export function soundnessTable(all: SoundnessMeasurement[]): string {
  const rows = all.map(
    (m) =>
      `| ${m.package} | ${m.version} | ${m.works ? 'yes' : '**no**'} | ${observedOf(m)} | ${m.counts.granted} | ${m.counts.reported} | ${m.counts.silent ? `**${m.counts.silent}**` : 0} | ${m.counts.outside + m.counts.absent} | ${m.unused.length} |`,
  );
  return [
    '| package | version | runs | accesses observed | granted statically | reported as unresolved | silent | Node\'s own / missing-path probes | grants never used |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export function soundnessSummary(all: SoundnessMeasurement[], allSilent = false): string {
  const sum = (f: (m: SoundnessMeasurement) => number) => all.reduce((n, m) => n + f(m), 0);
  const lines = [
    `**Totals over ${all.length} packages (Node ${soundnessTarget}):** ${sum(observedOf)} accesses observed, ${sum((m) => m.counts.granted)} granted statically, ` +
      `${sum((m) => m.counts.reported)} reported as unresolved at a site on their stack, **${sum((m) => m.counts.silent)} silent**; ` +
      `${sum((m) => m.unused.length)} grants never used; ${all.filter((m) => !m.works).length} runs did not finish with ok.`,
  ];
  const silent = all.filter((m) => m.silent.length);
  if (silent.length) {
    lines.push('', 'Silent accesses (each is a test to write):', '');
    for (const m of silent) {
      // Five per package keep the page readable; --all-silent lists them all.
      const shown = allSilent ? m.silent : m.silent.slice(0, 5);
      for (const a of shown) lines.push(`- ${m.package}: \`${a.flag}\` ${a.api ?? ''} ${a.site ? `at \`${a.site}\`` : '(no frame in the project)'}`);
      if (shown.length < m.silent.length) lines.push(`- ${m.package}: and ${m.silent.length - shown.length} more`);
    }
  }
  const unused = all.filter((m) => m.unused.length);
  if (unused.length) {
    lines.push('', 'Grants never used (the run did not take every path the analysis saw; lazily loaded plugins and rules are most of them):', '');
    for (const m of unused) {
      const shown = allSilent ? m.unused : m.unused.slice(0, 3);
      lines.push(`- ${m.package}: ${shown.map((f) => `\`${f}\``).join(', ')}${shown.length < m.unused.length ? ` and ${m.unused.length - shown.length} more` : ''}`);
    }
  }
  return lines.join('\n');
}

function updateDocs(text: string): void {
  const file = path.join(repoRoot, 'docs', 'soundness.md');
  const doc = fs.readFileSync(file, 'utf8');
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`docs/soundness.md lacks the markers ${begin} … ${end}`);
  fs.writeFileSync(file, `${doc.slice(0, from + begin.length)}\n${text}\n${doc.slice(to)}`);
}

const args = process.argv.slice(2);
const measured = await measureAll(args.filter((a) => !a.startsWith('--')));
const text = `${soundnessTable(measured)}\n\n${soundnessSummary(measured, args.includes('--all-silent'))}`;
console.log(text);
if (args.includes('--verbose')) for (const m of measured) if (!m.works) console.log(`\n## ${m.app}\n${m.run.stdout}\n${m.run.stderr}`);
if (args.includes('--update-docs')) updateDocs(`Measured ${new Date().toISOString().slice(0, 10)} with ${measured.length} packages.\n\n${text}`);
