// Finds package models: the ones shipped with this tool (models/), the project's own
// (permission-models/ in the project root) and any folders the user names. The project's and
// the user's come first, so they replace a shipped model for the same package and version.

import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import { readJson, type Host } from '../host.js';
import { modelProblems, type PackageModel } from './format.js';

export interface ModelSet {
  /** The first model for `name` whose range covers `version` (any range when the version is unknown). */
  forPackage(name: string, version: string | undefined): PackageModel | undefined;
  diagnostics: Diagnostic[];
}

/** The shipped models folder: two folders up from this file in the source tree, three in dist/. */
function shippedModelsDir(host: Host): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return [path.resolve(here, '../../models'), path.resolve(here, '../../../models')].find((d) => host.kind(d) === 'dir');
}

export function loadModels(host: Host, root: string, extraDirs: string[]): ModelSet {
  const diagnostics: Diagnostic[] = [];
  const byPackage = new Map<string, PackageModel[]>();
  const shipped = shippedModelsDir(host);
  const dirs = [...extraDirs, path.join(root, 'permission-models'), ...(shipped ? [shipped] : [])];
  for (const dir of dirs) {
    if (host.kind(dir) !== 'dir') continue;
    for (const file of host.glob(['*.json'], dir)) {
      const value = readJson(host, file);
      const problems = value === undefined ? ['not valid JSON'] : modelProblems(value);
      // Shipped models are named as such, so reports read the same on every machine.
      const shown = dir === shipped ? `shipped:${path.basename(file)}` : path.relative(root, file) || file;
      if (problems.length > 0 || !semver.validRange((value as PackageModel).versions)) {
        if (problems.length === 0) problems.push(`"versions" is not a semver range`);
        diagnostics.push(diagnostic('MODEL_INVALID', 'error', { file: shown, problems }));
        continue;
      }
      const model = { ...(value as PackageModel), source: shown };
      const list = byPackage.get(model.package) ?? [];
      list.push(model);
      byPackage.set(model.package, list);
    }
  }
  return {
    diagnostics,
    forPackage(name, version) {
      const list = byPackage.get(name) ?? [];
      return list.find((m) => version === undefined || semver.satisfies(version, m.versions, { includePrerelease: true }));
    },
  };
}
