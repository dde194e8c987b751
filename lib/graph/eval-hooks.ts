// The evaluator's callbacks into the graph: what another module exports (from the export tables
// examined so far), require.resolve (which records the package.json it reads), and the app's
// JSON data (read through the host once per run).

import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { jsonValue, MAX_JSON_DATA_BYTES, type EvalHooks, type EvalState, type Value } from '../evaluate/index.js';
import type { Host } from '../host.js';
import { relativeFile } from '../site.js';
import type { Assumption, Site } from '../types.js';
import { packageOf } from './files.js';
import { importedForwarding, importedMembers, importedParamWrites, importedValue } from './match-calls.js';
import type { Resolve } from './resolve.js';
import type { Worklist } from './worklist.js';

type JsonData = { value: Value; hash: string };

/** The app's JSON data files (EvalHooks.jsonData), each folded once per run; outside the project: not read. */
function jsonDataReader(host: Host, root: string): (file: string, site: Site) => JsonData | undefined {
  /** null: not foldable. */
  const files = new Map<string, JsonData | null>();
  return (file, site) => {
    if (!file.startsWith(root + path.sep)) return undefined;
    let data = files.get(file);
    if (data === undefined) {
      const buffer = host.readFile(file, { maxBytes: MAX_JSON_DATA_BYTES });
      try {
        // The caching host may not pass the size cap on: checked here too.
        const value = buffer instanceof Error || buffer.length > MAX_JSON_DATA_BYTES ? undefined : jsonValue(JSON.parse(buffer.toString('utf8')), site);
        data = value && value.k !== 'unknown' && !(buffer instanceof Error) ? { value, hash: createHash('sha256').update(buffer).digest('hex') } : null;
      } catch {
        data = null;
      }
      files.set(file, data);
    }
    return data ?? undefined;
  };
}

/** The hooks the graph gives the evaluator, besides `assume` (the report's) and the models' (ModelIndex.hooks). */
export function graphHooks(
  host: Host,
  root: string,
  resolve: Resolve,
  work: Worklist,
  assume: (a: Assumption) => void,
  state: EvalState,
): Required<Pick<EvalHooks, 'importValue' | 'forwardingOf' | 'importedMembers' | 'paramWritesOf' | 'jsonData' | 'resolve' | 'modelOf'>> {
  const jsonData = jsonDataReader(host, root);
  return {
    importValue: (specifier, from, path_, args) => importedValue(resolve, work.tables, specifier, from, path_, args),
    forwardingOf: (specifier, from, path_) => importedForwarding(resolve, work.tables, specifier, from, path_),
    importedMembers: (specifier, from) => importedMembers(resolve, work.tables, specifier, from),
    paramWritesOf: (specifier, from, path_, index) => importedParamWrites(resolve, work.tables, specifier, from, path_, index),
    modelOf: (file) => work.parsed.get(file),
    jsonData: (file, site) => {
      const data = jsonData(file, site);
      if (data === undefined) return undefined;
      assume({ kind: 'json-data', name: relativeFile(root, file), value: data.hash, site });
      return data.value;
    },
    // require.resolve of a package (or a subpath in it) reads its package.json, which Node 22+
    // checks (measured on 22.23.3 and 26.10.0): record it like a resolution for loading.
    resolve: (specifier, from, site) => {
      state.traces.count++;
      const r = resolve(specifier, from, 'require');
      if (r.kind !== 'file') return undefined;
      if (r.packageJson) work.recordPackageJson(r.packageJson, { reason: 'package-json', site, api: 'require.resolve', package: packageOf(from) });
      return r.file;
    },
  };
}
