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

/**
 * Names of `require('constants')` (and `fs.constants`, `os.constants`) that exist on some
 * platforms only: `constants.hasOwnProperty('O_SYMLINK')` is how graceful-fs (under fs-extra,
 * jest and webpack) decides to patch in lchmod and lutimes, whose fd-based calls the Permission
 * Model always denies. Absent on Linux: measured on 20.20.2 and 26.10.0 (`'O_SYMLINK' in
 * require('constants')` is false); O_SYMLINK is macOS's open(2) flag.
 */
const PLATFORM_ONLY_CONSTANTS: Record<string, readonly string[]> = { O_SYMLINK: ['darwin'] };

/** `require('constants').<member>`, `fs.constants.<member>` or `os.constants.<member>`. */
export function isConstantsMember(v: Value & { k: 'builtin' }, member: string): boolean {
  const path = v.path;
  const last = path.length - 1;
  if (path[last] !== member) return false;
  return v.module === 'constants' ? last === 0 : (v.module === 'fs' || v.module === 'os') && last === 1 && path[0] === 'constants';
}

/**
 * The open(2) flags of `fs.constants` (`os.constants`, `require('constants')`) on Linux whose bits
 * are the same on x64 and arm64, the only ones folded: `fs.open(p, O_RDONLY | O_NONBLOCK)`
 * (strtok3) opens for reading only, which the file's read grant allows (measured on 20.20.2,
 * 22.23.3, 24.21.0 and 26.10.0). Other names (O_DIRECTORY, O_NOFOLLOW, O_DIRECT differ between
 * the two) and other platforms stay references, which an open reads as read and write.
 */
const LINUX_OPEN_FLAGS: Record<string, number> = {
  O_RDONLY: 0,
  O_WRONLY: 1,
  O_RDWR: 2,
  O_CREAT: 0o100,
  O_EXCL: 0o200,
  O_NOCTTY: 0o400,
  O_TRUNC: 0o1000,
  O_APPEND: 0o2000,
  O_NONBLOCK: 0o4000,
  O_DSYNC: 0o10000,
  O_NOATIME: 0o1000000,
  O_SYNC: 0o4010000,
};

/** Bits that make an open need write as well as read, whatever the access mode (O_CREAT, O_TRUNC, O_APPEND; measured). */
export const LINUX_OPEN_WRITING_BITS = LINUX_OPEN_FLAGS.O_CREAT! | LINUX_OPEN_FLAGS.O_TRUNC! | LINUX_OPEN_FLAGS.O_APPEND!;

/** `fs.constants.O_RDONLY` and its kin as their number on the assumed platform, when it is Linux (an assumption); undefined otherwise. */
export function openFlagConstant(env: EvalEnv, v: Value & { k: 'builtin' }, name: string, site: Site): Value | undefined {
  if (!Object.hasOwn(LINUX_OPEN_FLAGS, name) || !isConstantsMember({ ...v, path: [...v.path, name] }, name)) return undefined;
  if (env.facts.platform?.platform !== 'linux') return undefined;
  env.hooks.assume({ kind: 'platform', name: 'process.platform', value: 'linux', site });
  return { k: 'num', v: LINUX_OPEN_FLAGS[name]! };
}

/** Whether the built-in constants of the assumed platform have `name`, for a name known to depend on it; undefined otherwise. */
export function hasPlatformConstant(env: EvalEnv, name: string, site: Site): Value | undefined {
  const platforms = Object.hasOwn(PLATFORM_ONLY_CONSTANTS, name) ? PLATFORM_ONLY_CONSTANTS[name] : undefined;
  if (!platforms || !env.facts.platform) return undefined;
  const platform = env.facts.platform.platform;
  env.hooks.assume({ kind: 'platform', name: 'process.platform', value: platform, site });
  return { k: 'bool', v: platforms.includes(platform) };
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
