// The corpus figures as a Markdown table (one row per app and target) with a summary line:
// what `npm run corpus` prints and what docs/precision.md keeps between its markers.
import { applies, passes, type AppMeasurement } from './corpus-measure.js';

const yesNo = (ok: boolean) => (ok ? 'yes' : '**no**');

export function corpusTable(apps: AppMeasurement[]): string {
  const rows = [
    '| app | node | works | exec starts it | grants | capabilities | secret denied | home denied | needs project fallback | widest grant |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const app of apps) {
    for (const m of app.targets) {
      if (!applies(m)) {
        rows.push(`| ${app.app} | ${m.target} | n/a: engines.node \`${m.outsideEngines}\` | – | – | – | – | – | – | – |`);
        continue;
      }
      const fallback = m.judgement.fallback.length ? '**yes**' : 'no';
      const widest = m.judgement.widest === null ? 'files only' : `\`${m.judgement.widest}\`${m.judgement.wide.length ? ' (wider than named)' : ''}`;
      rows.push(
        `| ${app.app} | ${m.target} | ${yesNo(m.works)} | ${yesNo(passes(m, 'starts'))} | ${m.grants} | ${m.capabilities.join(', ') || '–'} | ${yesNo(passes(m, 'secret-denied'))} | ${yesNo(passes(m, 'home-denied'))} | ${fallback} | ${widest} |`,
      );
    }
  }
  return rows.join('\n');
}

/** Counts over every app and target, and how many apps meet the target on every version. */
export function corpusSummary(apps: AppMeasurement[]): string {
  const measured = apps.flatMap((a) => a.targets);
  const all = measured.filter(applies);
  const skipped = measured.length - all.length;
  const count = (check: Parameters<typeof passes>[1]) => all.filter((m) => passes(m, check)).length;
  const onTarget = apps.filter((a) =>
    a.targets.filter(applies).every((m) => passes(m, 'works') && passes(m, 'starts') && passes(m, 'no-project-fallback') && passes(m, 'no-wide-grant')),
  );
  return [
    `${apps.length} apps × ${measured.length / Math.max(apps.length, 1)} Node versions = ${measured.length} runs` +
      (skipped ? `, ${skipped} of them outside the app's own engines.node and not counted: ${all.length} counted.` : '.'),
    `Works: ${count('works')}/${all.length}. No error in the analysis (exec starts it): ${count('starts')}/${all.length}. Secret beside the app denied: ${count('secret-denied')}/${all.length}. ` +
      `File in the home folder denied: ${count('home-denied')}/${all.length}.`,
    `Without the project fallback: ${count('no-project-fallback')}/${all.length}. No grant wider than the folder the code names: ${count('no-wide-grant')}/${all.length}.`,
    `Apps on target (run on every version their engines.node allows, exec starts them, no fallback, no wider grant): ${onTarget.length}/${apps.length}` +
      (onTarget.length ? ` (${onTarget.map((a) => a.app).join(', ')}).` : '.'),
  ].join('\n');
}
