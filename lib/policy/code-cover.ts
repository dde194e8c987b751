// What a write grant must not open without a word: files the next start of the app runs. A write
// grant that covers a module the app loads, `node_modules`, `package.json`, a lockfile or `.git`
// lets the app (or whoever controls what it writes) replace code that runs later.

/** Top-level names of the project whose writing replaces what the next install or start runs. */
const codeNames = new Set([
  'node_modules',
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
  '.pnp.cjs',
  '.pnp.loader.mjs',
  '.yarn',
  '.git',
]);

/** Whether a top-level entry of the project is code by its name (the loaded modules are known separately). */
export function isCodeName(name: string): boolean {
  return codeNames.has(name);
}
