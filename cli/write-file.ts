// Atomic writes for files the user asked us to write: a temp file in the same folder, then a
// rename, keeping the old file's mode. An interrupted run leaves the old file as it was.

import * as fs from 'node:fs';
import * as path from 'node:path';

export function writeFileAtomic(file: string, content: string): void {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  let mode: number | undefined;
  try {
    mode = fs.statSync(file).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  try {
    fs.writeFileSync(tmp, content, mode === undefined ? {} : { mode });
    if (mode !== undefined) fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
