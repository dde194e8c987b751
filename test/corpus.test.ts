// The corpus (docs/precision.md): every app under corpus/ is analysed and run under its generated
// flags on each target with a probe for a secret beside it and a file in the home folder. Each
// check must come out as the app's corpus.json says: passing, or a known miss with its cause.
// A new miss fails, and so does a recorded miss that no longer happens, so the file stays true.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { corpusApps } from '../scripts/corpus-cache.mjs';
import { corpusChecks, corpusTargets } from './support/corpus-case.js';
import { applies, describeTarget, measureApp, passes } from './support/corpus-measure.js';
import { repoRoot } from './support/fixture-folders.js';

const apps = corpusApps(path.join(repoRoot, 'corpus'));

describe('corpus', { concurrency: 3 }, () => {
  it('has at least 15 apps', () => assert.ok(apps.length >= 15, `only ${apps.length} apps under corpus/`));

  for (const app of apps) {
    it(app.name, async () => {
      const measured = await measureApp(app, corpusTargets);
      const wrong: string[] = [];
      for (const m of measured.targets) {
        if (!applies(m)) {
          // Outside the app's own engines.node: not a miss of the policy, so none may be recorded.
          const recorded = corpusChecks.filter((check) => measured.corpusCase.misses[check]?.[m.target]);
          if (recorded.length) wrong.push(`node ${m.target} is outside the app's engines.node (${m.outsideEngines}): delete its misses (${recorded.join(', ')}) from corpus/${app.name}/corpus.json`);
          continue;
        }
        const details = new Set<string>();
        for (const check of corpusChecks) {
          const known = measured.corpusCase.misses[check]?.[m.target];
          const ok = passes(m, check);
          if (!ok && !known) {
            wrong.push(`node ${m.target}: ${check} fails (a new miss: fix it, or record its cause in corpus/${app.name}/corpus.json)`);
            details.add(describeTarget(m));
          }
          if (ok && known) wrong.push(`node ${m.target}: ${check} now passes; delete it from the misses in corpus/${app.name}/corpus.json`);
        }
        wrong.push(...details);
      }
      if (wrong.length) assert.fail(wrong.join('\n'));
    });
  }
});
