// Types for cross-file-probe.mjs, so bench/cross-file.ts can use it.

/** One analysis as the probe recorded it: per-file counters and self times (see cross-file-probe.mjs). */
export interface ProbeRun {
  files: Map<string, Record<string, any>>;
  origin: Record<string, { needs: number; unresolved: number; diagnostics: number }>;
  hooksElsewhere: Record<string, { calls: number; answered: number }>;
  t: Record<string, number>;
  origins: Map<object, { kind: string; file?: string }>;
  known: Set<string>;
  data: string[];
  work: any;
}

export interface Probe {
  start(options?: { keepAllCalls?: boolean; examineFirst?: boolean }): ProbeRun;
  stop(): ProbeRun | undefined;
}

export declare function instrument(
  worklistModule: { Worklist: { prototype: object } },
  options?: { count?: boolean; time?: boolean; literalDependencies?: (model: unknown) => { specifier: string; kind: string }[] },
): Probe;
