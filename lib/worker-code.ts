// How this library starts a worker thread of its own (the parse and examination pools, the
// isolated analysis): the module it runs, and the first code the worker evaluates. Only our
// own modules run there, never the analysed code.

/** A worker module beside the caller (`own`: its import.meta.url): the compiled .js, or under a TypeScript runner the .ts source. */
export function workerModule(own: string, name: string): URL {
  return new URL(`./${name}${own.endsWith('.ts') ? '.ts' : '.js'}`, own);
}

/**
 * The worker's first code: it imports the entry. Run from TypeScript sources (the tests, through
 * tsx), a worker does not inherit the main thread's loader, so it registers tsx first.
 */
export function workerBootstrap(entry: URL): string {
  const load = `import(${JSON.stringify(entry.href)})`;
  if (!entry.pathname.endsWith('.ts')) return load;
  return `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => tsx.register()).then(() => ${load})`;
}
