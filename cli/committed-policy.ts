// Finds and reads a committed policy file for `exec` and `--check`. The lookup, documented in
// docs/adopting.md: the file given with --policy; else, in the package root, permission.flags
// (what `generate-flags -o permission.flags` writes), then node.config.json when it has a
// permission section. Relative paths in a policy file are resolved against its folder.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { PolicyError } from '../lib/index.js';
import type { NodeVersionFacts } from '../lib/node-versions/index.js';
import { configHasPolicy, parsePolicyFile, type CommittedPolicy } from '../lib/policy-file.js';

const policyFileNames = ['permission.flags', 'node.config.json'] as const;

export interface PolicyFile {
  file: string;
  /** The file is a node.config.json (Node reads it only on 22+). */
  isConfig: boolean;
  policy: CommittedPolicy;
}

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function parse(file: string, text: string, facts: NodeVersionFacts, shownAs: string): PolicyFile {
  const policy = parsePolicyFile(shownAs, text, path.dirname(file), facts);
  const isConfig = path.basename(file) === 'node.config.json' || (/^\s*\{/.test(text) && !/"flags"\s*:/.test(text));
  return { file, isConfig, policy };
}

/** The file given with --policy; missing or unreadable is a usage error. */
export function readPolicyFile(file: string, cwd: string, facts: NodeVersionFacts): PolicyFile {
  const abs = path.resolve(cwd, file);
  const text = read(abs);
  if (text === undefined) throw new PolicyError('POLICY_NOT_FOUND', `cannot read the policy file ${file}`, 'check the path given with --policy');
  return parse(abs, text, facts, file);
}

/** The policy files found in the package root, in lookup order. */
export function findPolicyFiles(root: string, facts: NodeVersionFacts): PolicyFile[] {
  const found: PolicyFile[] = [];
  for (const name of policyFileNames) {
    const file = path.join(root, name);
    const text = read(file);
    if (text === undefined) continue;
    if (name === 'node.config.json') {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new PolicyError('POLICY_INVALID', `${file} is not valid JSON`, 'fix it: Node refuses to start with an invalid config file too');
      }
      if (!configHasPolicy(json)) continue;
    }
    found.push(parse(file, text, facts, name));
  }
  return found;
}
