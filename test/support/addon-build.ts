// Native addons of fixture apps are compiled by scripts/test-setup.mjs, not by the tests. Here:
// which apps have one, whether setup could build them, and which builds are missing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './fixture-folders.js';

/** Written by scripts/test-setup.mjs when it cannot compile addons; holds the reason. */
const markerPath = path.join(repoRoot, '.cache', 'addons-unavailable');

export function addonsUnavailableReason(): string | null {
  if (!fs.existsSync(markerPath)) return null;
  return fs.readFileSync(markerPath, 'utf8').trim() || 'native addons could not be built';
}

/** Every addon.c in an app, node_modules included; symlinks are not followed. */
export function addonSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return addonSources(full);
    return entry.isFile() && entry.name === 'addon.c' ? [full] : [];
  });
}

/** The addon.c files whose build/Release/addon.node beside them does not exist. */
export function unbuiltAddons(appDir: string): string[] {
  return addonSources(appDir).filter(
    (source) => !fs.existsSync(path.join(path.dirname(source), 'build', 'Release', 'addon.node')),
  );
}
