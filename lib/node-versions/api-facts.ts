// Per-version facts about Node's API surface, measured on the real binaries by
// scripts/measure-node-apis.mjs (generated/node-apis.ts): which built-in modules exist, and
// which APIs the Permission Model denies whatever is granted. A line that was not measured
// (an odd major) takes the nearest measured line below it, else the oldest measured one.

import { measuredApis } from './generated/node-apis.js';

type Row = (typeof measuredApis)[number];

function rowFor(major: number): Row {
  let best: Row = measuredApis[0];
  for (const row of measuredApis) if (row.major <= major && row.major >= best.major) best = row;
  return best;
}

/** Whether `specifier` names a built-in module of Node `major` (`fs`, `node:fs/promises`, `node:sqlite`). */
export function isBuiltinOn(major: number, specifier: string): boolean {
  const list = rowFor(major).builtins as readonly string[];
  if (specifier.startsWith('node:')) return list.includes(specifier) || list.includes(specifier.slice(5));
  return list.includes(specifier);
}

/** The APIs (canonical names: `fs.fsyncSync`, `fs.FileHandle.sync`, `process.binding`) Node `major` denies under any grant. */
export function alwaysDeniedOn(major: number): readonly string[] {
  return rowFor(major).alwaysDenied.map((api) => (api.startsWith('FileHandle.') ? `fs.${api}` : api));
}

/** Whether some measured release has `specifier` as a built-in: the evaluator treats it as one; the graph judges the target. */
export function isBuiltinAnywhere(specifier: string): boolean {
  // Built-ins added since Node 18 exist only with the scheme, and the Node running the analysis knows the others.
  return specifier.startsWith('node:') && measuredApis.some((row) => isBuiltinOn(row.major, specifier));
}

/** Whether Node `major` lacks `api` (probed and missing: `module.enableCompileCache` before 22.1), so a call of it never runs. */
export function absentOn(major: number, api: string): boolean {
  return (rowFor(major).absent as readonly string[]).includes(api);
}
