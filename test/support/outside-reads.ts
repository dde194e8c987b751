// Finds source lines that reach for a file outside the repository: an absolute path on the
// machine the code was written on (/work/...), the company's shared folder beside the checkout,
// or a path built from a file's own folder (or from the repository root) that climbs above the
// root. A fresh clone has none of those, so code that reads them works only where it was written.
// Paths the code is given (arguments, the environment, the per-user Node cache) are not sources
// of this kind and are not looked for.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface OutsideRead {
  /** Repository-relative POSIX path of the file. */
  file: string;
  line: number;
  why: string;
}

/** Folders of code whose reads must stay inside the repository. */
export const scannedFolders = ['lib', 'cli', 'scripts', 'test', 'bench'];
const codeFile = /\.(ts|mts|cts|js|mjs|cjs)$/;
/** Inputs to the analysis, never run: test/fuzz-seeds holds hostile app code. */
const notRun = ['test/fuzz-seeds/'];

const up = String.raw`['"]\.\.['"]`;
const rules: { pattern: RegExp; why: (m: RegExpExecArray, depth: number) => string | undefined }[] = [
  { pattern: /['"`](\/work)(\/|['"`])/g, why: () => 'an absolute path under /work, which only the machine it was written on has' },
  { pattern: /\.\.\/shared\b/g, why: () => 'the shared folder beside the checkout, named as one relative path' },
  { pattern: new RegExp(`${up}\\s*,\\s*['"]shared['"]`, 'g'), why: () => 'the shared folder beside the checkout, joined from its parts' },
  {
    // path.join(import.meta.dirname, '..', '..'): each '..' climbs one folder from the file's own.
    pattern: new RegExp(String.raw`(?:import\.meta\.dirname|__dirname|\(import\.meta\.url\)\))((?:\s*,\s*${up})+)`, 'g'),
    why: (m, depth) => climbs(m[1]!.match(/\.\./g)!.length, depth),
  },
  {
    pattern: /new URL\(['"`]((?:\.\.\/)+)[^'"`]*['"`],\s*import\.meta\.url\)/g,
    why: (m, depth) => climbs(m[1]!.match(/\.\./g)!.length, depth),
  },
  { pattern: new RegExp(String.raw`\b(?:repo|repoRoot)\s*,\s*${up}`, 'g'), why: () => "a path that climbs above the repository root ('..' after it)" },
];

function climbs(count: number, depth: number): string | undefined {
  return count > depth ? `a path that climbs ${count} folders from a file ${depth} below the repository root` : undefined;
}

/** The reads outside the repository in one file's text; `file` is repository-relative. */
export function outsideReads(file: string, text: string): OutsideRead[] {
  const depth = file.split('/').length - 1;
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  const found: OutsideRead[] = [];
  for (const rule of rules) {
    for (const m of text.matchAll(rule.pattern)) {
      const why = rule.why(m as RegExpExecArray, depth);
      if (why) found.push({ file, line: lineOf(m.index), why });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

/** Every code file under the scanned folders of `root`, repository-relative. */
export function scannedFiles(root: string): string[] {
  return scannedFolders
    .filter((dir) => fs.existsSync(path.join(root, dir)))
    .flatMap((dir) => fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).map((f) => `${dir}/${f.split(path.sep).join('/')}`))
    .filter((f) => codeFile.test(f) && !f.split('/').includes('node_modules') && !notRun.some((p) => f.startsWith(p)))
    .sort();
}
