// What the target Node cannot run of the app's TypeScript as it is written: releases without
// type stripping, or needing a flag for it, non-erasable syntax (enums, namespaces, parameter
// properties) that needs transform mode, and TypeScript under node_modules, which Node refuses.
// A loader (`--import tsx`) compiles the sources itself, so none of this applies with one.

import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import type { LoadedFile } from '../graph/index.js';
import { releasesOf, targetHas, typeScriptFlag } from '../node-versions/typescript.js';
import { isTypeScript } from '../parse/typescript.js';
import { relativeFile, siteIn } from '../site.js';
import type { Site, Target } from '../types.js';

/** The first site that loads a file, or the file itself. */
function siteOfFile(root: string, f: LoadedFile): Site {
  return f.loadedBy.find((e) => e.site)?.site ?? siteIn(relativeFile(root, f.file), undefined);
}

export function typeScriptFindings(files: readonly LoadedFile[], target: Target, root: string, loader: string | undefined): Diagnostic[] {
  const typeScript = files.filter((f) => isTypeScript(f.file));
  if (loader || typeScript.length === 0) return [];
  const out: Diagnostic[] = [];
  const entry = typeScript[0]!;
  if (targetHas('no-type-stripping', target)) {
    // Nothing of the TypeScript runs there; what else it would need is moot.
    return [diagnostic('TYPESCRIPT_TARGET', 'error', { problem: 'no-type-stripping', releases: releasesOf('no-type-stripping') }, siteOfFile(root, entry))];
  }
  if (targetHas('strip-flag', target)) {
    out.push(diagnostic('TYPESCRIPT_TARGET', 'warning', { problem: 'strip-flag', releases: releasesOf('strip-flag'), flag: typeScriptFlag['strip-flag']! }, siteOfFile(root, entry)));
  }
  for (const f of typeScript) {
    if (f.package !== '.') out.push(diagnostic('TYPESCRIPT_TARGET', 'error', { problem: 'node-modules' }, siteOfFile(root, f)));
    if (!f.typeScriptSyntax) continue;
    const { syntax, ...at } = f.typeScriptSyntax;
    const site = siteIn(relativeFile(root, f.file), at);
    if (targetHas('no-transform', target)) out.push(diagnostic('TYPESCRIPT_TARGET', 'error', { problem: 'no-transform', releases: releasesOf('no-transform'), syntax }, site));
    else if (targetHas('transform-flag', target)) {
      out.push(diagnostic('TYPESCRIPT_TARGET', 'warning', { problem: 'transform-flag', releases: releasesOf('transform-flag'), flag: typeScriptFlag['transform-flag']!, syntax }, site));
    }
  }
  return out;
}
