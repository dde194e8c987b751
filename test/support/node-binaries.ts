// The Node binary to run a fixture on, per target major, from the manifest that
// scripts/install-nodes.mjs writes. Tests never download anything themselves: a missing binary
// is a setup problem, reported with the command that fixes it.
import * as fs from 'node:fs';
import { nodeManifestPath, type NodeManifest } from '../../scripts/node-cache-dir.mjs';

const setupHint = 'run `node scripts/test-setup.mjs` (npm test does this first)';

export function readNodeManifest(manifestPath = nodeManifestPath()): NodeManifest {
  if (!fs.existsSync(manifestPath)) {
    throw new Error(`the test Node binaries are not installed (no ${manifestPath}): ${setupHint}`);
  }
  return JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as NodeManifest;
}

/** Absolute path of the installed `node` for a major such as "22". */
export function nodeBinary(major: string, manifestPath = nodeManifestPath()): string {
  const manifest = readNodeManifest(manifestPath);
  const entry = manifest[major];
  if (!entry) {
    const installed = Object.keys(manifest).join(', ') || 'none';
    throw new Error(
      `no Node ${major} is installed (installed: ${installed}); pin it in test/node-versions.json and ${setupHint}`,
    );
  }
  if (!fs.existsSync(entry.bin)) {
    throw new Error(`Node ${entry.version} is in ${manifestPath} but ${entry.bin} is gone: ${setupHint}`);
  }
  return entry.bin;
}
