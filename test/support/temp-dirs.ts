// Temp folders for tests, removed when the importing test file's tests end, so runs do not pile
// folders up in the system temp folder. The hook is registered at import time: registered from
// inside a test it would belong to that test and miss the folders made after it.
import { after } from 'node:test';
import { mkdtempSync as makeTemp, rmSync } from 'node:fs';

const made: string[] = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

export function mkdtempSync(prefix: string): string {
  const dir = makeTemp(prefix);
  made.push(dir);
  return dir;
}
