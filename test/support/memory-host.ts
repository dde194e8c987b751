// A Host over files held in memory, for tests that analyse generated projects without touching
// the disk (a hostile input is never written anywhere a person might run it).
import * as path from 'node:path';
import type { Host } from '../../lib/index.js';

/** `files` maps paths relative to `root` to their text. */
export function memoryHost(root: string, files: Record<string, string>): Host {
  const contents = new Map(Object.entries(files).map(([rel, text]) => [path.join(root, rel), Buffer.from(text)]));
  const dirs = new Set<string>(['/']);
  for (const file of contents.keys()) for (let d = path.dirname(file); !dirs.has(d); d = path.dirname(d)) dirs.add(d);
  return {
    readFile: (p) => contents.get(p) ?? Object.assign(new Error(`ENOENT ${p}`), { code: 'ENOENT' }),
    kind: (p) => (contents.has(p) ? 'file' : dirs.has(p) ? 'dir' : undefined),
    realpath: (p) => p,
    glob: () => [],
  };
}
