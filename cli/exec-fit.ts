// `generate-flags exec` with a policy too long for a command line (E2BIG: Linux starts nothing
// when the arguments and environment pass ARG_MAX, about 2 MiB; a project of 30,000 modules
// gets there). Where the running Node reads a config file (22.16+, 23.10+) the flags go into one,
// which has no such limit; elsewhere (20) file grants are folded into their folders until the
// flags fit, never into the project root, home or `/`, nor into a folder that holds a secret.
// Either way one stderr line says so.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PolicyError } from '../lib/index.js';
import { commandLineBytes, commandLineProblem, environmentStrings, foldToFit, type CommandLineLimits } from '../lib/emit/command-line.js';
import { configFromFlags } from '../lib/emit/index.js';
import { isSecretName } from '../lib/policy/secrets.js';
import type { NodeVersionFacts } from '../lib/node-versions/index.js';

export interface Launch {
  /** Node's arguments: the policy (as flags or a config file) and then the node command line. */
  args: string[];
  /** The one line that says how the policy was made to fit, when it had to be. */
  note?: string;
}

/**
 * A folder only this user can enter, for the config files: a file at a guessable path in a
 * shared temp folder could be replaced by another user with a wider policy.
 */
function privateFolder(): string {
  const dir = path.join(os.tmpdir(), `generate-flags-${process.getuid?.() ?? 'user'}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = fs.lstatSync(dir);
  const ours = st.isDirectory() && (process.getuid === undefined || st.uid === process.getuid()) && (st.mode & 0o077) === 0;
  if (!ours) throw new PolicyError('OUTPUT_NOT_WRITABLE', `${dir} is not a folder only this user can use, so no config file is written there`, 'remove it, or set TMPDIR to a private folder');
  return dir;
}

/**
 * Writes the config to a file named by its content, so restarts reuse it rather than leave one
 * per start; the app's Node reads it at launch (with process.execve nothing is left to delete it).
 */
function writeConfig(content: string): string {
  const file = path.join(privateFolder(), `policy-${createHash('sha256').update(content).digest('hex').slice(0, 16)}.json`);
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) return file;
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, content, { mode: 0o600 });
  fs.renameSync(temp, file);
  return file;
}

/** How many folders below a folder to be granted whole are looked into for secrets (as the policy's own search). */
const SECRET_SEARCH_DEPTH = 3;
/** Entries looked at before a folder counts as holding a secret anyway: a folder too large to search is not folded. */
const SECRET_SEARCH_ENTRIES = 20_000;

/**
 * Whether folder `dir` holds a secret entry (`.env*`, keys, `.git`…; lib/policy/secrets.ts), in
 * itself or down to SECRET_SEARCH_DEPTH folders (not node_modules or .git), or is too large to
 * tell. Folding file grants into such a folder would open the secret the policy kept out (the
 * project fallback grants a folder holding `.env` entry by entry, tens of thousands of flags).
 */
export function holdsSecret(dir: string): boolean {
  let budget = SECRET_SEARCH_ENTRIES;
  const search = (folder: string, depth: number): boolean => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return false;
    }
    budget -= entries.length;
    if (budget < 0) return true;
    if (entries.some((e) => isSecretName(e.name))) return true;
    return depth < SECRET_SEARCH_DEPTH && entries.some((e) => e.isDirectory() && e.name !== 'node_modules' && e.name !== '.git' && search(path.join(folder, e.name), depth + 1));
  };
  return search(dir, 0);
}

/** The arguments that start `node` (the node command line) under `flags` within `limits`. */
export function fitLaunch(flags: string[], node: string[], facts: NodeVersionFacts, env: Record<string, string | undefined>, rootOf: () => string, limits: CommandLineLimits): Launch {
  const envStrings = environmentStrings(env);
  const problem = commandLineProblem([process.execPath, ...flags, ...node], envStrings, limits);
  if (!problem) return { args: [...flags, ...node] };
  const why = `the policy's ${flags.length} flags do not fit on a command line (${problem})`;
  if (facts.configFile.supported && facts.configFileFlag) {
    const file = writeConfig(JSON.stringify(configFromFlags(flags, facts), null, 2) + '\n');
    const args = [...facts.configFileFlag(file), ...node];
    if (!commandLineProblem([process.execPath, ...args], envStrings, limits)) return { args, note: `${why}; passing them in the config file ${file}` };
  }
  const budget = limits.total - commandLineBytes([process.execPath, ...node]) - commandLineBytes(envStrings);
  const folded = foldToFit(flags, budget, [rootOf(), os.homedir()], (dir) => !holdsSecret(dir));
  if (!folded || commandLineProblem([process.execPath, ...folded.flags, ...node], envStrings, limits)) {
    throw new PolicyError(
      'COMMAND_LINE_TOO_LONG',
      `${why}, and folding file grants into folders below the project root does not make them fit`,
      'run the app on Node 22.16 or later, which reads the policy from a config file, or grant wider folders with --read/--write',
    );
  }
  const shown = folded.folders.slice(0, 3).join(', ') + (folded.folders.length > 3 ? `, and ${folded.folders.length - 3} more` : '');
  return { args: [...folded.flags, ...node], note: `${why}; granted ${folded.folders.length} folder(s) whole instead of their files: ${shown}` };
}
