// How TypeScript loaders find modules that Node's own resolution does not: tsx and ts-node map
// `./x.js` to `./x.ts` when only the TypeScript source exists, try TypeScript extensions for a
// path without one, and honour tsconfig `paths`. Native type stripping does none of this (a
// specifier must name the `.ts` file), so these rules apply only when the app starts with a
// loader (see `typeScriptLoaderOf`).

import * as path from 'node:path';
import type { Host } from '../host.js';

/** The preloads that make Node run TypeScript through a loader, by package name. */
const loaderPackages = ['tsx', 'ts-node', '@swc-node/register', '@esbuild-kit/cjs-loader', '@esbuild-kit/esm-loader', 'esbuild-register'];

/** Which loader a preload specifier (`tsx`, `tsx/esm`, `ts-node/register`, …) is, if any. */
export function typeScriptLoaderOf(specifier: string): string | undefined {
  return loaderPackages.find((name) => specifier === name || specifier.startsWith(name + '/'));
}

/** tsconfig `compilerOptions.paths`, made absolute against its base folder. */
export interface TsPaths {
  patterns: { prefix: string; suffix: string; wildcard: boolean; targets: string[] }[];
}

/** What module resolution needs to know about TypeScript for one analysis. */
export interface TypeScriptResolution {
  /** The loader that runs the app's TypeScript (tsx, ts-node, …). */
  loader: string;
  paths?: TsPaths;
}

const jsToTs: Readonly<Record<string, string[]>> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'], '.jsx': ['.tsx'] };
const tsProbes = ['.ts', '.tsx', '.mts', '.cts'];

/** The TypeScript file a loader finds for `target` when Node's own lookup found nothing. */
export function loadTypeScriptPath(host: Host, target: string): string | undefined {
  const ext = path.extname(target);
  const swapped = (jsToTs[ext] ?? []).map((e) => target.slice(0, -ext.length) + e);
  const probed = tsProbes.map((e) => target + e);
  const index = tsProbes.map((e) => path.join(target, 'index' + e));
  return [...swapped, ...probed, ...index].find((f) => host.kind(f) === 'file');
}

/** The candidates tsconfig `paths` give a bare specifier, most specific pattern first. */
export function pathsCandidates(paths: TsPaths | undefined, specifier: string): string[] {
  if (!paths) return [];
  const out: string[] = [];
  for (const p of paths.patterns) {
    if (!p.wildcard) {
      if (specifier === p.prefix) out.push(...p.targets);
      continue;
    }
    if (!specifier.startsWith(p.prefix) || !specifier.endsWith(p.suffix) || specifier.length < p.prefix.length + p.suffix.length) continue;
    const star = specifier.slice(p.prefix.length, specifier.length - p.suffix.length);
    out.push(...p.targets.map((t) => t.replace('*', star)));
  }
  return out;
}

/**
 * `compilerOptions.paths` of a tsconfig.json text (comments and trailing commas allowed, as
 * TypeScript allows them). `extends` is not followed: a project whose paths live in a base
 * config gets none, and imports through them are reported unresolved.
 */
export function readTsPaths(text: string, configDir: string): TsPaths | undefined {
  let config: { compilerOptions?: { baseUrl?: unknown; paths?: unknown } };
  try {
    config = JSON.parse(stripJsonComments(text)) as typeof config;
  } catch {
    return undefined;
  }
  const options = config?.compilerOptions;
  const paths = options?.paths;
  if (!paths || typeof paths !== 'object') return undefined;
  const base = path.resolve(configDir, typeof options.baseUrl === 'string' ? options.baseUrl : '.');
  const patterns = Object.entries(paths as Record<string, unknown>)
    .filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].every((t) => typeof t === 'string'))
    .map(([key, targets]) => {
      const star = key.indexOf('*');
      return {
        prefix: star < 0 ? key : key.slice(0, star),
        suffix: star < 0 ? '' : key.slice(star + 1),
        wildcard: star >= 0,
        targets: targets.map((t) => path.resolve(base, t)),
      };
    })
    // TypeScript picks the pattern with the longest prefix before the `*`.
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return { patterns };
}

/** JSON with `//` and `/* *\/` comments and trailing commas, as plain JSON. Strings are kept as they are. */
export function stripJsonComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += c;
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}
