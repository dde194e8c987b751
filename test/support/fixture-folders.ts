// Discovery of fixture cases: every folder under the fixtures root is one case
// (docs/fixtures.md). The root is <repo>/fixtures, or $NPP_FIXTURES_DIR, which lets the runner be
// exercised on throwaway cases without touching the real ones.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export function fixturesRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.NPP_FIXTURES_DIR ? path.resolve(env.NPP_FIXTURES_DIR) : path.join(repoRoot, 'fixtures');
}

export interface FixtureFolder {
  name: string;
  dir: string;
  appDir: string;
  expectedPath: string;
  actualPath: string;
}

/** The case folders, by name. Hidden folders (editor or tool state) are not cases. */
export function listFixtureFolders(root: string): FixtureFolder[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = path.join(root, name);
      return {
        name,
        dir,
        appDir: path.join(dir, 'app'),
        expectedPath: path.join(dir, 'expected.json'),
        actualPath: path.join(dir, 'actual.json'),
      };
    });
}
