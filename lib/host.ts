// The small file-system interface every stage reads through. Tests wrap it to serve an
// in-memory tree or to count reads; the analysis never touches `node:fs` directly elsewhere.

import * as fs from 'node:fs';
import fg from 'fast-glob';

export interface Host {
  /**
   * File contents, or an Error when the file cannot be read. With `maxBytes`, a larger file may
   * be refused unread with an Error whose code is `EFBIG` and whose `size` is the file's size.
   */
  readFile(path: string, options?: { maxBytes?: number }): Buffer | Error;
  /** 'file', 'dir', or undefined when the path does not exist (or cannot be stat'ed). */
  kind(path: string): 'file' | 'dir' | undefined;
  /** The real path, or the path itself when it cannot be resolved. */
  realpath(path: string): string;
  /** Absolute paths of the files directly in `dir` that match one of the glob `patterns`. */
  glob(patterns: string[], dir: string): string[];
}

export const nodeHost: Host = {
  readFile(path, options) {
    let fd: number | undefined;
    try {
      // One open, then fstat on it: what is checked is what is read. O_NONBLOCK so a FIFO named
      // like a module cannot stall the run in open(); anything but a regular file (a FIFO, a
      // device such as /dev/zero that never ends) is refused.
      fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      const stat = fs.fstatSync(fd);
      if (!stat.isFile()) return Object.assign(new Error(`${path} is not a regular file`), { code: stat.isDirectory() ? 'EISDIR' : 'ENOTREG' });
      const size = stat.size;
      if (options?.maxBytes !== undefined && size > options.maxBytes) {
        return Object.assign(new Error(`${path} is ${size} bytes`), { code: 'EFBIG', size });
      }
      return fs.readFileSync(fd);
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  },
  kind(path) {
    try {
      const s = fs.statSync(path);
      return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
    } catch {
      return undefined;
    }
  },
  realpath(path) {
    try {
      return fs.realpathSync(path);
    } catch {
      return path;
    }
  },
  glob(patterns, dir) {
    // Config files live directly in the folder: no recursion, dotfiles included.
    return fg.sync(patterns, { cwd: dir, dot: true, onlyFiles: true, deep: 1, absolute: true, suppressErrors: true }).sort();
  },
};

/** Reads and parses a JSON file through the host; undefined when missing or invalid. */
export function readJson(host: Host, path: string): unknown {
  const data = host.readFile(path);
  if (data instanceof Error) return undefined;
  try {
    return JSON.parse(data.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}
