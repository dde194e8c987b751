// Temp folders for tests that are removed when the test file's tests end, so runs do not pile
// folders up in the system temp folder.
import { after } from 'node:test';
import { mkdtempSync as makeTemp, rmSync } from 'node:fs';

const made: string[] = [];
let registered = false;

export function mkdtempSync(prefix: string): string {
  if (!registered) {
    registered = true;
    after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  }
  const dir = makeTemp(prefix);
  made.push(dir);
  return dir;
}
