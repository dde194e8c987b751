// Values a package hands to the code that uses it (a model's `fields`, see docs/models.md):
// multer stores each upload below the `dest` it was given and puts the file's path on the
// request, `req.file.path`, which a route handler then reads or deletes. The handler's `req` is
// a parameter nobody in the code calls with a known value, so the analysis cannot fold it; the
// model says where such a path lies instead, per call of the package's factory in the same
// file: `multer({ dest: 'uploads' })` makes `req.file.path` a path below `uploads/`.
//
// A factory call is recognised by how its callee was imported (`const multer = require('multer')`,
// `import multer from 'multer'`, `multer.diskStorage` on either), in the file that reads the
// field. When no such call gives a folder, the field stays unknown and is reported.

import type { CallExpression, NewExpression } from 'acorn';
import { simple } from 'acorn-walk';
import type { DetectOptions } from '../detect/index.js';
import { alternatives, evaluate, oneOf, siteOf, unknown, type EvalHooks, type Value } from '../evaluate/index.js';
import { memo, memoKey, type FileModel } from '../parse/index.js';
import type { PackageName, Site } from '../types.js';
import { sharedEntry, type FieldSource, type PackageModel } from './format.js';
import { exportPath } from '../parse/rooted.js';
import { fillTemplate } from './template.js';

export interface FieldModel {
  model: PackageModel & { fields: NonNullable<PackageModel['fields']> };
  packageDir: string;
}

/** A call of a modelled package's export made in another file of the same package, as the graph recorded it. */
export interface FactoryCall {
  model: PackageModel;
  /** The export called, keyed as in `calls`. */
  key: string;
  args: Value[];
  site: Site;
}

/**
 * `EvalHooks.fieldValue` for the models with `fields`: `modelsFor(pkg)` lists those of the packages
 * `pkg` loads; `last` is filled by the caller as models are taken up.
 */
export function fieldValues(
  modelsFor: (pkg: PackageName) => readonly FieldModel[] | undefined,
  last: ReadonlySet<string>,
  packageOf: (file: string) => PackageName,
  /** The detection options, asked at each use: their environment holds what this returns. */
  detect: () => DetectOptions,
  /** The factory calls the package's files examined so far made (`upload.js` exporting `multer({ dest })`). */
  callsIn: (pkg: PackageName) => readonly FactoryCall[] | undefined,
): NonNullable<EvalHooks['fieldValue']> {
  const cache = memoKey<Map<string, Value | null>>('field values'); // per analysis
  return {
    last,
    value(file, chain, site) {
      const pkg = packageOf(file.file);
      const models = modelsFor(pkg);
      if (!models) return undefined;
      const perFile = memo(file, cache, () => new Map<string, Value | null>());
      if (perFile.has(chain)) return perFile.get(chain) ?? undefined;
      perFile.set(chain, null); // a factory argument that reads the field itself must not loop
      const found: Value[] = [];
      const options = detect();
      for (const { model, packageDir } of models) {
        const sources = sharedEntry(model.fields, chain);
        if (!sources) continue;
        const here = foldersFrom(file, model.package, sources, packageDir, options, site);
        // None in this file: the package's other files examined before it (its requires come
        // first), where an upload middleware is often made and exported.
        const elsewhere = here.length > 0 ? [] : (callsIn(pkg) ?? []).filter((c) => c.model === model);
        found.push(...here);
        for (const call of elsewhere) {
          for (const source of sources) if (source.from === call.key) found.push(...folderOf(source, call.args, call.site, packageDir, model.package, call.key, options, site));
        }
      }
      const value = found.length > 0 ? oneOf(found, site) : undefined;
      perFile.set(chain, value ?? null);
      return value;
    },
  };
}

/** The folder each matching factory call in `file` names, as "<dir>/" + the name the package picks. */
function foldersFrom(file: FileModel, pkg: string, sources: FieldSource[], packageDir: string, options: DetectOptions, at: Site): Value[] {
  const env = options.env;
  const out: Value[] = [];
  const visit = (n: CallExpression | NewExpression) => {
    const key = exportPath(file, n.callee, pkg);
    if (key === undefined) return;
    for (const source of sources) {
      if (source.from !== key) continue;
      const frame = { model: file, depth: 0 };
      const args = n.arguments.map((a) => evaluate(a, frame, env));
      out.push(...folderOf(source, args, siteOf(frame, env, n), packageDir, pkg, key, options, at));
    }
  };
  simple(file.ast, { CallExpression: visit, NewExpression: visit });
  return out;
}

/** What one factory call says about where the value lies: nothing, the folder, or unknown. */
function folderOf(source: FieldSource, args: Value[], site: Site, packageDir: string, pkg: string, key: string, options: DetectOptions, at: Site): Value[] {
  // Given at all? A missing option (memory storage) says nothing about where the value lies.
  if (fillTemplate(source.below, { args, site, packageDir, mode: 'presence' }, options).k === 'nullish') return [];
  const folder = fillTemplate(source.below, { args, site, packageDir }, options);
  // Given but not a path (a function choosing the folder per request): unknown, reported.
  return [folder.k === 'nullish' ? unknown('call-result', site, `${pkg}${key ? '.' + key : ''}`) : below(folder, at)];
}

/** A value below each folder a path value names: `uploads` → "uploads/" + the name chosen at run time. */
function below(folder: Value, site: Site): Value {
  return oneOf(
    alternatives(folder).map((a): Value => {
      if (a.k === 'str') return { k: 'prefix', v: a.v.replace(/\/*$/, '/'), cause: unknown('call-result', site) };
      return a; // a known start stays one; an unknown stays unknown
    }),
    site,
  );
}
