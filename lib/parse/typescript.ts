// TypeScript sources as Node runs them: types are erased before the JavaScript is parsed.
// Erasable syntax is replaced by white space, so every offset still points into the .ts file;
// syntax that needs code (enums, namespaces, parameter properties) is transformed, the way
// Node's transform mode and the loaders run it, and positions are mapped back through the
// transform's source map. Which Node can run which form is the version table's concern.
//
// The engine is amaro, the package Node itself embeds for `module.stripTypeScriptTypes`. Node's
// own function is not used even where the running Node has it: it is missing on Node 20, and
// where it exists it prints an ExperimentalWarning on the first call (measured on 22.23.3 and
// 26.10.0), and the library never prints. The same engine everywhere also keeps a report the
// same whichever Node runs the analysis.

import { createRequire } from 'node:module';
import * as path from 'node:path';

/** Extensions Node runs as TypeScript (`.tsx` it does not: JSX is not type syntax). */
const typeScriptExtensions = new Set(['.ts', '.mts', '.cts']);

export function isTypeScript(file: string): boolean {
  return typeScriptExtensions.has(path.extname(file));
}

/**
 * Whether Node takes the file's module kind from its package's "type": `.js` and `.ts` do
 * (and so need that package.json readable); `.mjs`, `.cjs`, `.mts` and `.cts` fix it.
 * Measured for `.ts` on 22.23.3, 24.21.0 and 26.10.0: without the folder grant a type-module
 * `.ts` file without module syntax runs as CommonJS, as a `.js` file does.
 */
export function followsPackageType(file: string): boolean {
  const ext = path.extname(file);
  return ext === '.js' || ext === '.ts';
}

/** Maps a 1-based line and 0-based column of the transformed text back to the source's. */
export type PositionMap = (line: number, column: number) => { line: number; column: number };

export type Stripped =
  | { ok: true; code: string; transformed: false }
  /** `syntax`: the first construct that strip mode refused (e.g. "TypeScript enum"). */
  | { ok: true; code: string; transformed: true; syntax: string; at: { line: number; column: number }; map: PositionMap }
  | { ok: false; message: string; line: number; column: number };

interface AmaroError {
  code?: string;
  message?: string;
  /** 1-based line and 0-based column of the refused part, when amaro gives them. */
  startLine?: number;
  startColumn?: number;
}

type TransformSync = (source: string, options: { mode: 'strip-only' | 'transform'; sourceMap?: boolean }) => { code: string; map?: string };

const requireHere = createRequire(import.meta.url);

/**
 * amaro's transformSync, required on the first TypeScript file so JavaScript projects never
 * load it (Node's module cache makes later calls a lookup).
 */
function transformSync(): TransformSync {
  return (requireHere('amaro') as { transformSync: TransformSync }).transformSync;
}

/** Erases the types of `source`; transforms it when erasing alone cannot run it. */
export function stripTypes(source: string): Stripped {
  try {
    return { ok: true, code: transformSync()(source, { mode: 'strip-only' }).code, transformed: false };
  } catch (e) {
    const error = e as AmaroError;
    if (error.code !== 'UnsupportedSyntax') return failure(error);
    try {
      const out = transformSync()(source, { mode: 'transform', sourceMap: true });
      const syntax = (error.message ?? 'syntax').replace(/ is not supported in strip-only mode$/, '');
      const at = { line: error.startLine ?? 1, column: error.startColumn ?? 0 };
      return { ok: true, code: out.code, transformed: true, syntax, at, map: positionMap(out.map) };
    } catch (e2) {
      return failure(e2 as AmaroError);
    }
  }
}

/** A refusal as a message and the position amaro gives for it. */
function failure(error: AmaroError): Stripped {
  const message = (error.message ?? String(error)).split('\n')[0]!;
  return { ok: false, message, line: error.startLine ?? 1, column: error.startColumn ?? 0 };
}

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The source map's `mappings` as a lookup: for each generated line, the segments (generated
 * column, source line, source column) in order. A position maps through the last segment at
 * or before its column, as source-map consumers do.
 */
function positionMap(json: string | undefined): PositionMap {
  const lines = decodeMappings(json ? (JSON.parse(json) as { mappings?: string }).mappings ?? '' : '');
  return (line, column) => {
    const segments = lines[line - 1] ?? [];
    let best: number[] | undefined;
    for (const s of segments) {
      if (s[0]! > column) break;
      best = s;
    }
    best ??= segments[0];
    return best ? { line: best[1]! + 1, column: best[2]! } : { line, column };
  };
}

/** Decodes base64 VLQ mappings into [generatedColumn, sourceLine, sourceColumn] per line. */
function decodeMappings(mappings: string): number[][][] {
  const lines: number[][][] = [];
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const lineText of mappings.split(';')) {
    const segments: number[][] = [];
    let column = 0;
    for (const segment of lineText.split(',')) {
      if (!segment) continue;
      const fields = decodeVlq(segment);
      column += fields[0] ?? 0;
      if (fields.length < 4) continue;
      sourceLine += fields[2]!;
      sourceColumn += fields[3]!;
      segments.push([column, sourceLine, sourceColumn]);
    }
    lines.push(segments);
  }
  return lines;
}

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = base64.indexOf(char);
    if (digit < 0) break;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}
