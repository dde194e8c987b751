// The CLI the tests start: the built dist/cli/main.js, what `generate-flags` runs for a user
// (package.json "bin"), started by plain Node with no TypeScript loader in the process. It is
// built first when missing or older than lib/ and cli/ (npm test's setup has normally done that
// already; this covers a test file run on its own), so no test runs a stale build.
import * as path from 'node:path';
import { ensureDist } from '../../scripts/dist-build.mjs';
import { repoRoot } from './fixture-folders.js';

ensureDist(repoRoot);

/** Absolute path of the built CLI: spawn it as `node <cliPath> ...args`. */
export const cliPath = path.join(repoRoot, 'dist', 'cli', 'main.js');
