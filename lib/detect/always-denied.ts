// APIs the Permission Model denies whatever is granted (measured per version by
// scripts/measure-node-apis.mjs: fsync and fdatasync in every form, the fd-based fchmod,
// fchown and futimes, FileHandle's sync/datasync/chmod/chown/utimes on some lines, and
// process.binding). No policy can make such a call work, so each call site is an error with
// the workaround in its hint. The detector does not know the target: analyze() keeps the
// diagnostic only where the target's releases deny the API and says which (lib/policy/always-denied.ts).

import { diagnostic, type DeniedWorkaround } from '../diagnostics/index.js';
import type { Handler } from './context.js';

const families: Record<DeniedWorkaround, string[]> = {
  'skip-fsync': ['fsync', 'fdatasync', 'FileHandle.sync', 'FileHandle.datasync'],
  'path-variant': ['fchmod', 'fchown', 'futimes', 'FileHandle.chmod', 'FileHandle.chown', 'FileHandle.utimes'],
  'public-api': [],
};

function handler(workaround: DeniedWorkaround): Handler {
  return (call, sink) => sink.diagnostic(diagnostic('API_ALWAYS_DENIED', 'error', { api: call.api, on: '', workaround }, call.site));
}

/** The canonical API names this detector answers for, each with its handler. */
export function alwaysDeniedApis(): Record<string, Handler> {
  const apis: Record<string, Handler> = {};
  for (const [workaround, names] of Object.entries(families) as [DeniedWorkaround, string[]][]) {
    for (const name of names) {
      if (name.startsWith('FileHandle.')) apis[`fs.${name}`] = handler(workaround);
      else for (const variant of [name, `${name}Sync`]) apis[`fs.${variant}`] = handler(workaround);
    }
  }
  apis['process.binding'] = handler('public-api');
  return apis;
}
