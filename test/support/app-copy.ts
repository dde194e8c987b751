// A fresh copy of a fixture's app/ in a temp folder, so runs never write into the repository
// and every analysis sees the app exactly as committed (a previous run's output files could
// otherwise change what the analyser grants, e.g. `/*` for a folder that does not exist yet).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface AppCopy {
  /** Absolute, symlink-free path of the copied app: what `<app>` stands for in expected.json. */
  dir: string;
  /**
   * Puts the committed app back in the same place (the flags name its absolute path): what one
   * run wrote must not be there for the next, or a folder the app makes at run time would exist
   * before the audit run starts and a grant of it would cover what the first run was denied.
   */
  reset(): void;
  remove(): void;
}

export function copyApp(appDir: string, label: string): AppCopy {
  // realpath: the analyser reports real paths, and the temp root may itself be a symlink.
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `npp-${label}-`)));
  const dir = path.join(root, 'app');
  // Symlinks stay as written: fixtures about links must see the link, not its target.
  const copy = () => fs.cpSync(appDir, dir, { recursive: true, verbatimSymlinks: true });
  copy();
  return {
    dir,
    reset: () => {
      fs.rmSync(dir, { recursive: true, force: true });
      copy();
    },
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
