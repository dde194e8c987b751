// The machine and the command line the app is assumed to run with (EvalEnv.facts.platform and
// EvalEnv.facts.argv): `process.platform`, `process.arch`, the libc the process report tells, and
// `process.argv`. Each use is recorded as an assumption the report lists; the evaluator
// (./index.ts) decides where they are read.

import type { Site } from '../types.js';
import type { EvalEnv } from './env.js';
import { str, unknown, type Value } from './value.js';

/** `process.platform` / `process.arch` of the machine the analysis assumes, recorded as an assumption. */
export function platformFact(env: EvalEnv, key: 'process.platform' | 'process.arch', site: Site): Value {
  const value = key === 'process.platform' ? env.facts.platform!.platform : env.facts.platform!.arch;
  env.hooks.assume({ kind: 'platform', name: key, value, site });
  return str(value);
}

/** The app's arguments after the entry, when the command line is known (an assumption). */
export function argvArgs(env: EvalEnv, site: Site): readonly string[] | undefined {
  if (!env.facts.argv) return undefined;
  env.hooks.assume({ kind: 'argv', name: 'process.argv', value: JSON.stringify(env.facts.argv.args), site });
  return env.facts.argv.args;
}

/** `process.argv` on a known command line: `[node, entry, ...args]` (the node binary's path is not known). */
export function argvValue(env: EvalEnv, site: Site): Value {
  const args = argvArgs(env, site)!;
  return { k: 'arr', items: [unknown('global', site, 'process.execPath'), str(env.facts.argv!.entry), ...args.map((a) => str(a))] };
}

/**
 * What `process.report.getReport()` tells of the libc (detect-libc and napi-rs loaders read
 * `header.glibcVersionRuntime`: a version on glibc, absent on musl); everything else is unknown.
 */
export function libcReport(env: EvalEnv, site: Site): Value {
  const libc = env.facts.platform!.libc!;
  env.hooks.assume({ kind: 'platform', name: 'libc', value: libc, site });
  const header = new Map<string, Value>([['glibcVersionRuntime', libc === 'glibc' ? str('glibc') : { k: 'nullish' }]]);
  return { k: 'obj', props: new Map<string, Value>([['header', { k: 'obj', props: header, rest: unknown('call-result', site) }]]), rest: unknown('call-result', site) };
}
