// The small soundness harness of npm test (docs/soundness.md): the soundness apps marked
// "inTest" run once in audit mode with no grants, and every access their stack puts in the app
// or a package must be granted by the static policy or reported at a site on that stack. A
// silent access fails unless soundness.json lists it with its cause; a listed one that no
// longer happens fails too, so the file stays true.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { corpusApps } from '../scripts/corpus-cache.mjs';
import { repoRoot } from './support/fixture-folders.js';
import { loadSoundnessCase, measureSoundness } from './support/soundness-measure.js';

const apps = corpusApps(path.join(repoRoot, 'soundness'));
const inTest = apps.filter((app) => loadSoundnessCase(app).inTest);

describe('soundness', { concurrency: 2 }, () => {
  it('measures at least 40 packages, 3 to 5 of them in npm test', () => {
    assert.ok(apps.length >= 40, `only ${apps.length} apps under soundness/`);
    assert.ok(inTest.length >= 3 && inTest.length <= 5, `${inTest.length} apps are inTest`);
  });

  for (const app of inTest) {
    it(app.name, async () => {
      const known = loadSoundnessCase(app).knownSilent;
      const m = await measureSoundness(app);
      const wrong: string[] = [];
      if (!m.works) wrong.push(`the run did not finish with ok:\n${m.run.stdout}\n${m.run.stderr}`);
      const sites = new Set(m.silent.map((a) => a.site ?? a.flag));
      for (const a of m.silent) {
        if (!known[a.site ?? a.flag]) wrong.push(`silent: ${a.flag} ${a.api ?? ''} at ${a.site} (make it a fixture, or list it in soundness/${app.name}/soundness.json knownSilent with its cause)`);
      }
      for (const site of Object.keys(known)) if (!sites.has(site)) wrong.push(`${site} is no longer silent: delete it from soundness/${app.name}/soundness.json`);
      assert.deepEqual(wrong, []);
    });
  }
});
