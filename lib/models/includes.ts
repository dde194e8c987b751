// Template folders whose files name other templates relative to themselves. A model that grants
// a template's folder (ejs's renderFile, pug's) assumes the template includes only what lies
// below that folder; `views/pages/index.ejs` including `../partials/head` reads a sibling folder
// the grant does not cover. The templates are on disk when the analysis runs, so their literal
// references are read here (never run) and each folder they climb to is granted as a whole too,
// as the template's own folder is. A name computed inside the template is not seen.

import * as path from 'node:path';
import type { Host } from '../host.js';
import type { TemplateIncludes } from './format.js';

/** Bounds, so that a hostile tree cannot make the scan long: folders walked and files read. */
const maxFolders = 200;
const maxFiles = 2000;
export const MAX_INCLUDE_BYTES = 1024 * 1024;
const maxBytes = MAX_INCLUDE_BYTES;

/** True when `child` is `folder` or lies below it. */
const isInside = (child: string, folder: string) => child === folder || child.startsWith(folder.endsWith('/') ? folder : `${folder}/`);

export interface IncludeScan {
  /** The folders outside the start that the templates name, in the order found. */
  folders: string[];
  /** Whether the scan stopped at a bound (or at a template it could not read) with templates left unseen. */
  cut: boolean;
}

/**
 * The folders outside `start` that the templates below it (and below each such folder, in turn)
 * name relative to themselves, in the order found. Absolute names are left to the model's own
 * options (ejs's `root`, pug's `basedir`).
 */
export function templateIncludes(start: string, includes: TemplateIncludes, host: Host): IncludeScan {
  const pattern = new RegExp(includes.name, 'gm');
  const granted = [start];
  const found: string[] = [];
  const budget = { folders: maxFolders, files: maxFiles, cut: false };
  for (let i = 0; i < granted.length; i++) {
    for (const file of templateFiles(granted[i]!, includes.files, host, budget)) {
      const folders = referencedFolders(file, pattern, host);
      if (folders === undefined) budget.cut = true;
      for (const folder of folders ?? []) {
        if (granted.some((g) => isInside(folder, g))) continue;
        granted.push(folder);
        found.push(folder);
      }
    }
  }
  return { folders: found, cut: budget.cut };
}

/**
 * The files matching `patterns` in `folder` and its subfolders, within the budget; a folder or a
 * file left over marks the budget cut. A link back to a folder it lies in is not followed, so a
 * loop does not spend the budget.
 */
function templateFiles(folder: string, patterns: string[], host: Host, budget: { folders: number; files: number; cut: boolean }): string[] {
  const files: string[] = [];
  const queue: { dir: string; above: readonly string[] }[] = [{ dir: folder, above: [] }];
  for (let i = 0; i < queue.length; i++) {
    if (budget.folders-- <= 0) {
      budget.cut = true;
      break;
    }
    const { dir, above } = queue[i]!;
    const real = host.realpath(dir);
    if (above.includes(real)) continue;
    for (const file of host.glob(patterns, dir)) {
      if (budget.files-- > 0) files.push(file);
      else budget.cut = true;
    }
    const down = [...above, real];
    // Without a listing the host shows only the folder itself.
    for (const name of host.list?.(dir) ?? []) {
      const sub = path.join(dir, name);
      if (name !== 'node_modules' && !name.startsWith('.') && host.kind(sub) === 'dir') queue.push({ dir: sub, above: down });
    }
  }
  return files;
}

/**
 * The folders of the relative names the file's text gives in the pattern's first group;
 * undefined when the file cannot be read whole (over maxBytes), so its names are not seen.
 */
function referencedFolders(file: string, pattern: RegExp, host: Host): string[] | undefined {
  const data = host.readFile(file, { maxBytes });
  if (data instanceof Error) return (data as NodeJS.ErrnoException).code === 'EFBIG' ? undefined : [];
  const folders = new Set<string>();
  for (const match of data.toString('utf8').matchAll(pattern)) {
    const name = match[1]?.trim();
    if (!name || path.isAbsolute(name)) continue;
    folders.add(path.dirname(path.resolve(path.dirname(file), name)));
  }
  return [...folders];
}
