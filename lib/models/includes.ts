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
const maxBytes = 1024 * 1024;

/** True when `child` is `folder` or lies below it. */
const isInside = (child: string, folder: string) => child === folder || child.startsWith(folder.endsWith('/') ? folder : `${folder}/`);

/**
 * The folders outside `start` that the templates below it (and below each such folder, in turn)
 * name relative to themselves, in the order found. Absolute names are left to the model's own
 * options (ejs's `root`, pug's `basedir`).
 */
export function templateIncludes(start: string, includes: TemplateIncludes, host: Host): string[] {
  const pattern = new RegExp(includes.name, 'gm');
  const granted = [start];
  const found: string[] = [];
  const budget = { folders: maxFolders, files: maxFiles };
  for (let i = 0; i < granted.length; i++) {
    for (const file of templateFiles(granted[i]!, includes.files, host, budget)) {
      for (const folder of referencedFolders(file, pattern, host)) {
        if (granted.some((g) => isInside(folder, g))) continue;
        granted.push(folder);
        found.push(folder);
      }
    }
  }
  return found;
}

/** The files matching `patterns` in `folder` and its subfolders, within the budget. */
function templateFiles(folder: string, patterns: string[], host: Host, budget: { folders: number; files: number }): string[] {
  const files: string[] = [];
  const queue = [folder];
  while (queue.length > 0 && budget.folders > 0) {
    const dir = queue.shift()!;
    budget.folders--;
    for (const file of host.glob(patterns, dir)) if (budget.files-- > 0) files.push(file);
    // Without a listing the host shows only the folder itself.
    for (const name of host.list?.(dir) ?? []) {
      const sub = path.join(dir, name);
      if (name !== 'node_modules' && !name.startsWith('.') && host.kind(sub) === 'dir') queue.push(sub);
    }
  }
  return files;
}

/** The folders of the relative names the file's text gives in the pattern's first group. */
function referencedFolders(file: string, pattern: RegExp, host: Host): string[] {
  const data = host.readFile(file, { maxBytes });
  if (data instanceof Error) return [];
  const folders = new Set<string>();
  for (const match of data.toString('utf8').matchAll(pattern)) {
    const name = match[1]?.trim();
    if (!name || path.isAbsolute(name)) continue;
    folders.add(path.dirname(path.resolve(path.dirname(file), name)));
  }
  return [...folders];
}
