// Temp folders for tests, removed when the importing test file's tests end, so runs do not pile
// folders up in the system temp folder. The hook is registered at import time: registered from
// inside a test it would belong to that test and miss the folders made after it.
import { after } from 'node:test';
import { mkdirSync, mkdtempSync as makeTemp, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const made: string[] = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

export function mkdtempSync(prefix: string): string {
  const dir = makeTemp(prefix);
  made.push(dir);
  return dir;
}

/** A temp folder holding `files` (relative path → content), removed with the others. */
export function tempProject(prefix: string, files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}
