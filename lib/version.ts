// This package's own version, read from package.json one or two folders up (the source run
// from lib/, or the build in dist/lib/).

import { createRequire } from 'node:module';

export function toolVersion(): string {
  const load = createRequire(import.meta.url);
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const pkg = load(candidate) as { name?: string; version?: string };
      if (pkg.name === 'node-permission-policy' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}
