// Parses a JS snippet as /app/index.js (or .mjs) and exposes the evaluator and detectors on
// it, so unit tables can state "this source → this value / these needs" in one line.

import { detectFile, type Findings } from '../../lib/detect/index.js';
import { broadFolders } from '../../lib/detect/prefix.js';
import { evaluate, type EvalEnv, type Value } from '../../lib/evaluate/index.js';
import { packageOf } from '../../lib/graph/index.js';
import { parseFile, type FileModel } from '../../lib/parse/index.js';
import { toSite } from '../../lib/site.js';
import type { UnresolvedMode } from '../../lib/types.js';

export const root = '/app';

export function testEnv(env: Record<string, string> = {}): EvalEnv {
  return {
    facts: { root, runCwd: root, env, tmpdir: '/tmp', homedir: '/home/u', platform: { platform: 'linux', arch: 'x64', libc: 'glibc' } },
    hooks: {
      resolve: (specifier) => (specifier.startsWith('./') ? `${root}/${specifier.slice(2)}` : undefined),
      assume: () => {},
    },
  };
}

export function model(source: string, file = `${root}/index.js`): FileModel {
  const parsed = parseFile(file, source, file.endsWith('.mjs') ? 'esm' : 'cjs', true, (loc) => toSite(root, file, loc));
  if (!parsed.ok) throw new Error(`snippet does not parse: ${JSON.stringify(parsed.diagnostic)}`);
  return parsed.model;
}

/** A compact, readable form of a value: `/app/x`, `/app/up/…`, `?parameter(name)`, `a | b`. */
export function show(v: Value): string {
  switch (v.k) {
    case 'str':
      return v.v;
    case 'prefix':
      return `${v.v}…`;
    case 'unknown':
      return `?${v.reason}${v.name ? `(${v.name})` : ''}`;
    case 'oneOf':
      return v.vs.map(show).join(' | ');
    case 'url':
      return `url:${v.href}`;
    case 'builtin':
      return `builtin:${[v.module, ...v.path].join('.')}`;
    default:
      return v.k;
  }
}

/** The value of the argument of the last `sink(...)` call in the snippet. */
export function valueOfSink(source: string, env: Record<string, string> = {}, file?: string): string {
  const m = model(source, file);
  const call = [...m.calls].reverse().find((c) => (c.node as any).callee?.name === 'sink');
  if (!call) throw new Error('snippet has no sink(...) call');
  return show(evaluate((call.node as any).arguments[0], { model: m, depth: 0 }, testEnv(env)));
}

export function findings(source: string, file?: string, unresolved: { read: UnresolvedMode; write: UnresolvedMode } = { read: 'warn', write: 'warn' }): Findings {
  return detectFile(model(source, file), { env: testEnv(), packageOf, unresolved, tooBroad: broadFolders(root, '/home/u', (p) => p) });
}
